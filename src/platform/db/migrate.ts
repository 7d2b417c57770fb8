/**
 * Versioned SQL migrations, one folder per module (`<module>/migrations/NNN_name.sql`).
 * Applied at start inside one transaction under an advisory lock, so several
 * instances starting at once apply each migration exactly once; a file already
 * applied must never change (its checksum is kept and compared).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { RootDb } from './database.js';

export interface MigrationSource {
  /** module name; also the PostgreSQL schema it owns */
  module: string;
  /** folder holding NNN_name.sql files */
  dir: string;
}

export interface AppliedMigration {
  module: string;
  name: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

// Any constant would do; it only has to be the same in every instance.
const MIGRATION_LOCK_KEY = 7_316_200_451;

async function listFiles(source: MigrationSource): Promise<{ name: string; file: string }[]> {
  const names = (await readdir(source.dir)).filter((name) => /^\d{3,}_[a-z0-9_]+\.sql$/.test(name)).sort();
  return names.map((name) => ({ name: name.replace(/\.sql$/, ''), file: path.join(source.dir, name) }));
}

function checksum(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Applies every pending migration of the given modules, in the order given. */
export async function migrate(db: RootDb, sources: MigrationSource[]): Promise<AppliedMigration[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await sql`create schema if not exists platform`.execute(trx);
    await sql`create table if not exists platform.migrations (
      module text not null,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now(),
      primary key (module, name)
    )`.execute(trx);
    const rows = await sql<{ module: string; name: string; checksum: string }>`select module, name, checksum from platform.migrations`.execute(trx);
    const done = new Map(rows.rows.map((row) => [`${row.module}/${row.name}`, row.checksum]));
    const applied: AppliedMigration[] = [];
    for (const source of sources) {
      for (const { name, file } of await listFiles(source)) {
        const text = await readFile(file, 'utf8');
        const known = done.get(`${source.module}/${name}`);
        if (known !== undefined) {
          if (known !== checksum(text)) throw new MigrationError(`migration ${source.module}/${name} was changed after it was applied; add a new migration instead`);
          continue;
        }
        await sql.raw(text).execute(trx);
        await sql`insert into platform.migrations (module, name, checksum) values (${source.module}, ${name}, ${checksum(text)})`.execute(trx);
        applied.push({ module: source.module, name });
      }
    }
    return applied;
  });
}
