/**
 * One-off data loads (demo data, reference vocabularies): run at most once per
 * database, atomically, even when several instances start together.
 */
import { sql } from 'kysely';
import type { RootDb } from './database.js';

const ONCE_LOCK_KEY = 7_316_200_452;

/** Runs `load` in one transaction unless a load named `key` already ran; true when it ran now. */
export async function runOnce(db: RootDb, key: string, load: (trx: RootDb) => Promise<void>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${ONCE_LOCK_KEY})`.execute(trx);
    const done = await sql`select 1 from platform.loads where key = ${key}`.execute(trx);
    if (done.rows.length > 0) return false;
    await load(trx);
    await sql`insert into platform.loads (key) values (${key})`.execute(trx);
    return true;
  });
}
