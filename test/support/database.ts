/**
 * Databases for tests and benches: a scratch database on a PostgreSQL server
 * (dropped afterwards), and a migrated, empty database for service-level tests
 * (embedded in memory, or a scratch database on the server), copied from this
 * run's templates when `npm test` made them (./templates.ts).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrationSources } from '../../src/app.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { embeddedTemplate, serverTemplate } from './templates.js';

export interface ScratchDatabase {
  /** the scratch database's URL (undefined in embedded mode) */
  url: string | undefined;
  drop: () => Promise<void>;
}

async function adminQuery(serverUrl: string, query: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(query);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh database on the server at `serverUrl`, named `<prefix>_<random>`:
 * empty, or a copy of the database `template`; `drop` removes it.
 */
export async function createScratchDatabase(serverUrl: string, prefix = 'pk_test', template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, template ? `create database ${name} template ${template}` : `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`) };
}

/** A fresh, empty database URL on the test server (DATABASE_URL), or undefined in embedded mode. */
export async function scratchDatabase(): Promise<ScratchDatabase> {
  const server = process.env.DATABASE_URL;
  if (!server) return { url: undefined, drop: async () => {} };
  return createScratchDatabase(server);
}

/**
 * A migrated, empty database: on a scratch database of the PostgreSQL server
 * at `serverUrl` (named `<prefix>_…`), or embedded in memory without one.
 * Copied from this run's empty template when there is one (./templates.ts),
 * else migrated here. `dispose` closes it and drops the scratch database.
 */
export async function openScratchDatabase(serverUrl: string | undefined, prefix?: string): Promise<Database & { dispose(): Promise<void> }> {
  const scratch: ScratchDatabase = serverUrl ? await createScratchDatabase(serverUrl, prefix, serverTemplate(serverUrl, 'empty')) : { url: undefined, drop: async () => {} };
  const template = serverUrl ? undefined : embeddedTemplate('empty');
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: 'memory://', ...(template ? { embeddedTemplate: await template } : {}) }).catch(async (error: unknown) => {
    await scratch.drop();
    throw error;
  });
  // On a template copy this finds nothing to apply; it stays so a stale template could not go unnoticed.
  await migrate(database.db, migrationSources);
  return {
    ...database,
    async dispose() {
      await database.close();
      await scratch.drop();
    },
  };
}

/** A migrated, empty database for service-level tests (embedded in memory, or a scratch database on DATABASE_URL's server). */
export function openTestDatabase(): Promise<Database & { dispose(): Promise<void> }> {
  return openScratchDatabase(process.env.DATABASE_URL);
}
