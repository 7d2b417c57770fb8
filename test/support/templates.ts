/**
 * Template databases for the test suite. Building a platform's database from
 * nothing (an embedded cluster's initdb, every migration, the demo data, first
 * start's keys and job-queue schema) costs seconds per test file; copying a
 * finished one costs a fraction of that. So `npm test` (scripts/test.mjs) builds
 * two templates once per run and hands them to every test process through the
 * environment:
 * - `empty`: migrated, no data (openScratchDatabase, and platforms started with
 *   `demo: false`);
 * - `demo`: a platform that started once with the demo data (startTestPlatform).
 * On the PostgreSQL server a template is a database that each scratch database
 * is created from (`create database … template …`, a file copy); embedded, it is
 * a PGlite data-directory tarball each test's in-memory PGlite loads.
 * Every test still gets its own copy. Without the variables (a file run alone
 * with `node --test`), tests build their databases from nothing, as before.
 *
 * Run as a script: `build` (names and paths from the variables below, made by
 * scripts/test.mjs) and `drop`.
 */
import { execFile } from 'node:child_process';
import { openAsBlob } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { migrationSources, openPlatform } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrate.js';

export type TemplateKind = 'empty' | 'demo';

/** Where a test process finds this run's templates (set by scripts/test.mjs). */
export const TEMPLATE_ENV: Record<TemplateKind, string> = { empty: 'PK_TEST_TEMPLATE_EMPTY', demo: 'PK_TEST_TEMPLATE_DEMO' };

/** Server templates are named `pk_tmpl_<unix seconds>_<random>_<kind>` (by scripts/test.mjs), so leftovers of killed runs can be told by age. */
const SERVER_PREFIX = 'pk_tmpl_';
/** Embedded templates are files `pakalpojumi-template-<unix seconds>-<random>-<kind>.tar` in the temporary directory. */
const FILE_PREFIX = 'pakalpojumi-template-';
/** No run lasts this long: older templates are leftovers of killed runs (other runs may be using younger ones). */
const STALE_SECONDS = 6 * 3600;

/** This run's template of `kind`: a database name on the server, or a tarball path when embedded; undefined when none was built. */
export function templateOf(kind: TemplateKind): string | undefined {
  return process.env[TEMPLATE_ENV[kind]] || undefined;
}

/** A template database name on the server must not need quoting (it is put into SQL). */
function checkedName(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a template database name: ${name}`);
  return name;
}

/** The data directory to start an embedded test database from, if this run (an embedded one) has one of `kind`. */
export function embeddedTemplate(kind: TemplateKind): Promise<Blob> | undefined {
  const file = templateOf(kind);
  return file && !process.env.DATABASE_URL ? openAsBlob(file) : undefined;
}

/**
 * Unpacks this run's embedded template of `kind` as the data of a platform whose
 * DATA_DIR is `dataDir` (where the platform keeps it: `pgdata`); false when this
 * run has none (a server run, or no templates), and nothing was written.
 */
export async function unpackEmbeddedTemplate(kind: TemplateKind, dataDir: string): Promise<boolean> {
  const file = templateOf(kind);
  if (!file || process.env.DATABASE_URL) return false;
  // The template is PGlite's dump of a data directory: an ordinary tarball.
  await mkdir(path.join(dataDir, 'pgdata'), { recursive: true });
  await promisify(execFile)('tar', ['-xf', file, '-C', path.join(dataDir, 'pgdata')]);
  return true;
}

/** The database on `serverUrl` to create a scratch database from, if this run's templates live there and it has one of `kind`. */
export function serverTemplate(serverUrl: string, kind: TemplateKind): string | undefined {
  const name = templateOf(kind);
  return name && serverUrl === process.env.DATABASE_URL ? checkedName(name) : undefined;
}

async function withAdmin<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function isStale(stamp: string | undefined): boolean {
  const seconds = Number(stamp);
  return Number.isFinite(seconds) && seconds < Date.now() / 1000 - STALE_SECONDS;
}

/** Removes templates that killed runs left behind. */
async function dropStale(serverUrl: string | undefined): Promise<void> {
  if (serverUrl) {
    await withAdmin(serverUrl, async (admin) => {
      const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like '${SERVER_PREFIX}%'`);
      for (const { datname } of rows) {
        if (isStale(/^pk_tmpl_(\d+)_/.exec(datname)?.[1])) await admin.query(`drop database if exists ${checkedName(datname)} with (force)`);
      }
    });
    return;
  }
  for (const name of await readdir(tmpdir())) {
    if (name.startsWith(FILE_PREFIX) && isStale(/^pakalpojumi-template-(\d+)-/.exec(name)?.[1])) await rm(path.join(tmpdir(), name), { force: true });
  }
}

/** A platform start over `database` with the demo data, as a test platform starts, then stopped: what is left is the demo template. */
async function startOnce(database: Database, databaseUrl: string | undefined): Promise<void> {
  const config = loadConfig({
    PORT: '1',
    PUBLIC_URL: 'http://127.0.0.1:1',
    DATA_DIR: 'memory://',
    DEMO: 'true',
    LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  // The platform closes what it is given; the caller still needs the database afterwards.
  const platform = await openPlatform({ ...config, dataDir: 'memory://' }, false, { ...database, close: async () => {} });
  await platform.close();
}

function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Builds both templates under `names` (from newTemplateNames); returns how long each step took, in ms. */
export async function buildTemplates(serverUrl: string | undefined, names: Record<TemplateKind, string>): Promise<Record<string, number>> {
  const took: Record<string, number> = {};
  let started = performance.now();
  const lap = (step: string) => {
    const now = performance.now();
    took[step] = Math.round(now - started);
    started = now;
  };
  await dropStale(serverUrl);
  if (serverUrl) {
    const empty = checkedName(names.empty);
    const demo = checkedName(names.demo);
    await withAdmin(serverUrl, (admin) => admin.query(`create database ${empty}`));
    const emptyDb = await openDatabase({ databaseUrl: databaseUrlFor(serverUrl, empty), dataDir: 'memory://' });
    try {
      await migrate(emptyDb.db, migrationSources);
    } finally {
      await emptyDb.close();
    }
    lap('empty');
    await withAdmin(serverUrl, (admin) => admin.query(`create database ${demo} template ${empty}`));
    const demoUrl = databaseUrlFor(serverUrl, demo);
    const demoDb = await openDatabase({ databaseUrl: demoUrl, dataDir: 'memory://' });
    try {
      await startOnce(demoDb, demoUrl);
    } finally {
      await demoDb.close();
    }
    lap('demo');
    return took;
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await dropTemplateDatabases(database);
    lap('initdb');
    await migrate(database.db, migrationSources);
    await writeFile(names.empty, await dump(database));
    lap('empty');
    await startOnce(database, undefined);
    await writeFile(names.demo, await dump(database));
    lap('demo');
  } finally {
    await database.close();
  }
  return took;
}

/**
 * An embedded test database is never used to create another, so the cluster's
 * template0 and template1 go: a third of the tarball each test loads (measured:
 * 45 MB to 30 MB, a load about a third quicker).
 */
async function dropTemplateDatabases(database: Database): Promise<void> {
  await sql`update pg_database set datistemplate = false, datallowconn = true where datname in ('template0', 'template1')`.execute(database.db);
  for (const name of ['template0', 'template1']) await sql.raw(`drop database ${name}`).execute(database.db);
}

async function dump(database: Database): Promise<Uint8Array> {
  if (!database.dumpDataDir) throw new Error('only an embedded database can be dumped');
  return new Uint8Array(await (await database.dumpDataDir()).arrayBuffer());
}

/** Removes this run's templates. */
export async function dropTemplates(serverUrl: string | undefined, names: Record<TemplateKind, string>): Promise<void> {
  if (serverUrl) {
    await withAdmin(serverUrl, async (admin) => {
      // The demo template was made from the empty one, so neither is in use by the other.
      for (const name of [names.demo, names.empty]) await admin.query(`drop database if exists ${checkedName(name)} with (force)`);
    });
    return;
  }
  for (const file of [names.demo, names.empty]) {
    if (path.basename(file).startsWith(FILE_PREFIX)) await rm(file, { force: true });
  }
}

async function main(command: string | undefined): Promise<void> {
  const serverUrl = process.env.DATABASE_URL || undefined;
  const names = { empty: templateOf('empty'), demo: templateOf('demo') };
  if (!names.empty || !names.demo) throw new Error(`set ${TEMPLATE_ENV.empty} and ${TEMPLATE_ENV.demo}`);
  const known = { empty: names.empty, demo: names.demo };
  if (command === 'build') {
    const took = await buildTemplates(serverUrl, known);
    const size = serverUrl ? '' : `, ${((await stat(known.demo)).size / 1e6).toFixed(0)} MB each`;
    console.log(`Template databases built (${Object.entries(took).map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`).join(', ')}${size})`);
  } else if (command === 'drop') {
    await dropTemplates(serverUrl, known);
  } else {
    throw new Error('usage: templates.ts build|drop');
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await main(process.argv[2]);
}
