/**
 * The database connection: embedded PostgreSQL (PGlite) under DATA_DIR, or a
 * PostgreSQL server when DATABASE_URL is set. Both are reached through one
 * `pg` pool, so the same SQL, migrations and libraries serve both.
 *
 * In embedded mode the pool has exactly one connection over PGlite's
 * node-postgres adapter: every statement of the process takes one path, and a
 * transaction holds the only connection until it ends (../shared/PITFALLS.md:
 * never mix two paths into one PGlite instance). Code inside a transaction must
 * therefore use the transaction handle, never the pool, or it waits forever.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { preparingPool } from './prepared.js';

export type DatabaseKind = 'embedded' | 'postgres';

/** The root handle knows no module's tables; each module narrows it to its own (see `narrow`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RootDb = Kysely<any>;

export interface Database {
  kind: DatabaseKind;
  pool: pg.Pool;
  db: RootDb;
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** embedded only: the data directory as an uncompressed tarball, to start other databases from (tests) */
  dumpDataDir?(): Promise<Blob>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** where the embedded database lives; `memory://` keeps it in memory (tests) */
  dataDir: string;
  /** upper bound of server connections per process */
  poolSize?: number;
  /**
   * Embedded only: start from this data directory (a PGlite `dumpDataDir()`
   * tarball) instead of an empty cluster, so tests copy a migrated, loaded
   * database rather than building it again.
   */
  embeddedTemplate?: Blob;
}

/**
 * PostgreSQL settings of the embedded database. One process with one
 * connection needs no server-sized buffer pool: the default 128 MB only holds
 * memory (measured: idle RSS 650 MB with it, 513 MB with 16 MB, the demo
 * register as fast).
 */
const EMBEDDED_SETTINGS = ['-c', 'shared_buffers=16MB'];
/** A database in memory (tests, `sdk:generate`) outlives no crash, so it has nothing to make durable: no WAL flushes or full-page images. */
const IN_MEMORY_SETTINGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

/**
 * A new cluster as initdb makes it (before any migration), kept per PGlite version beside the compiled
 * sources' cache (scripts/ts-hooks.mjs), so that the first start of another empty DATA_DIR on this machine
 * copies it instead of running initdb (measured: 3.9 s of CPU for initdb, 1.0–1.3 s to load the copy).
 * It holds no secret: keys and data come after it, from the migrations and the first start.
 */
const CLUSTER_CACHE_DIR = fileURLToPath(new URL('../../../node_modules/.cache/pakalpojumi-pgdata/', import.meta.url));

export async function clusterCacheFile(): Promise<string> {
  const wasm = fileURLToPath(import.meta.resolve('@electric-sql/pglite/pglite.wasm'));
  const { version } = JSON.parse(await readFile(path.join(path.dirname(wasm), '..', 'package.json'), 'utf8')) as { version: string };
  return path.join(CLUSTER_CACHE_DIR, `pglite-${version}.tar`);
}

/** The cached new cluster, or undefined (none yet, or a tree that cannot be read). */
async function cachedCluster(file: string): Promise<Blob | undefined> {
  try {
    return new Blob([await readFile(file)]);
  } catch {
    return undefined;
  }
}

/** Keeps a cluster that initdb has just made; written aside and renamed, so processes side by side never read half a file. */
async function keepCluster(pglite: { dumpDataDir(compression: 'none'): Promise<Blob> }, file: string): Promise<void> {
  try {
    const tarball = new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
    await mkdir(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, tarball);
    await rename(partial, file);
  } catch {
    // a read-only tree runs initdb again next time
  }
}

async function openEmbeddedPool(dataDir: string, template: Blob | undefined): Promise<{ pool: pg.Pool; close: () => Promise<void>; dump: () => Promise<Blob> }> {
  const [{ PGlite }, { unaccent }, { pg_trgm }, { createPgConfig }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/unaccent'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/node-postgres'),
  ]);
  let location = dataDir;
  let start = template;
  /** set when this start makes a new cluster on disk: where to keep it for the next empty DATA_DIR */
  let keepAt: string | undefined;
  if (!dataDir.startsWith('memory://')) {
    location = path.join(dataDir, 'pgdata');
    await mkdir(location, { recursive: true });
    if (!start && !existsSync(path.join(location, 'PG_VERSION'))) {
      const file = await clusterCacheFile();
      start = await cachedCluster(file);
      if (!start) keepAt = file;
    }
  }
  const pglite = await PGlite.create(location, {
    extensions: { unaccent, pg_trgm },
    ...(start ? { loadDataDir: start } : {}),
    startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS, ...(location.startsWith('memory://') ? IN_MEMORY_SETTINGS : [])],
  });
  if (keepAt) await keepCluster(pglite, keepAt);
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 } as unknown as pg.PoolConfig);
  return {
    pool,
    close: async () => {
      await pool.end();
      await pglite.close();
    },
    // Through the pool, so the dump waits for any statement in flight on the one connection.
    dump: async () => {
      const client = await pool.connect();
      try {
        return await pglite.dumpDataDir('none');
      } finally {
        client.release();
      }
    },
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let pool: pg.Pool;
  let closeAll: () => Promise<void>;
  let dump: (() => Promise<Blob>) | undefined;
  const kind: DatabaseKind = options.databaseUrl ? 'postgres' : 'embedded';
  if (options.databaseUrl) {
    // The statements sent again and again go as prepared statements: parsed and planned once a connection (prepared.ts).
    pool = preparingPool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, idleTimeoutMillis: 30_000 });
    closeAll = () => pool.end();
  } else {
    ({ pool, close: closeAll, dump } = await openEmbeddedPool(options.dataDir, options.embeddedTemplate));
  }
  // An idle client's error (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db: RootDb = new Kysely({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    kind,
    pool,
    db,
    async ping() {
      if (closed) return false;
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await closeAll();
    },
    ...(dump ? { dumpDataDir: dump } : {}),
  };
}

/** A module's typed view of the database: it sees only its own tables. */
export function narrow<Tables>(db: RootDb): Kysely<Tables> {
  return db as unknown as Kysely<Tables>;
}

/**
 * Runs `work` in a transaction, or inside the caller's transaction when given
 * one: services built over a transaction (e.g. a one-off data load) compose.
 */
export function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}
