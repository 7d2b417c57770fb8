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
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

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

async function openEmbeddedPool(dataDir: string, template: Blob | undefined): Promise<{ pool: pg.Pool; close: () => Promise<void>; dump: () => Promise<Blob> }> {
  const [{ PGlite }, { unaccent }, { pg_trgm }, { createPgConfig }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/unaccent'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/node-postgres'),
  ]);
  let location = dataDir;
  if (!dataDir.startsWith('memory://')) {
    location = path.join(dataDir, 'pgdata');
    await mkdir(location, { recursive: true });
  }
  const pglite = await PGlite.create(location, {
    extensions: { unaccent, pg_trgm },
    ...(template ? { loadDataDir: template } : {}),
    startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS, ...(location.startsWith('memory://') ? IN_MEMORY_SETTINGS : [])],
  });
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
    pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, idleTimeoutMillis: 30_000 });
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
