/** Migrations: applied once, in order, even by instances starting together; an edited applied file is refused. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { scratchDatabase } from '../../../test/support/platform.js';
import { openDatabase, type Database } from './database.js';
import { migrate, MigrationError, type MigrationSource } from './migrate.js';

let dir: string;
let source: MigrationSource;
let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
const opened: Database[] = [];

async function open(): Promise<Database> {
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: 'memory://' });
  opened.push(database);
  return database;
}

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
  source = { module: 'sample', dir };
  await writeFile(path.join(dir, '001_first.sql'), 'create schema sample; create table sample.items (id int primary key);');
  await writeFile(path.join(dir, '002_second.sql'), 'insert into sample.items values (1), (2);');
  await writeFile(path.join(dir, 'README.txt'), 'not a migration');
  scratch = await scratchDatabase();
});

after(async () => {
  for (const database of opened) await database.close();
  await scratch.drop();
  await rm(dir, { recursive: true, force: true });
});

test('applies pending migrations once, in order, and skips them next time', async () => {
  const database = await open();
  assert.deepEqual(await migrate(database.db, [source]), [
    { module: 'sample', name: '001_first' },
    { module: 'sample', name: '002_second' },
  ]);
  assert.deepEqual(await migrate(database.db, [source]), []);
  const rows = await sql<{ n: number }>`select count(*)::int as n from sample.items`.execute(database.db);
  assert.equal(rows.rows[0]?.n, 2);
});

test('several instances migrating at once apply each migration exactly once', { skip: !process.env.DATABASE_URL && 'needs the PostgreSQL server (one embedded database has one process)' }, async () => {
  await writeFile(path.join(dir, '003_third.sql'), 'insert into sample.items values (3);');
  const instances = await Promise.all([open(), open(), open()]);
  const results = await Promise.all(instances.map((instance) => migrate(instance.db, [source])));
  assert.equal(results.flat().length, 1);
  const rows = await sql<{ n: number }>`select count(*)::int as n from sample.items`.execute(instances[0]!.db);
  assert.equal(rows.rows[0]?.n, 3);
});

test('a migration edited after it was applied is refused, and a failing one changes nothing', async () => {
  const database = await open();
  await migrate(database.db, [source]);
  await writeFile(path.join(dir, '002_second.sql'), 'insert into sample.items values (1), (2), (99);');
  await assert.rejects(migrate(database.db, [source]), MigrationError);
  await writeFile(path.join(dir, '002_second.sql'), 'insert into sample.items values (1), (2);');
  await writeFile(path.join(dir, '004_broken.sql'), 'insert into sample.items values (4); select no_such_function();');
  await assert.rejects(migrate(database.db, [source]));
  const rows = await sql<{ n: number }>`select count(*)::int as n from sample.items where id = 4`.execute(database.db);
  assert.equal(rows.rows[0]?.n, 0);
  await rm(path.join(dir, '004_broken.sql'));
});

test('statements an instance keeps prepared still answer after another instance’s migration changes their table', { skip: !process.env.DATABASE_URL && 'prepared statements are kept on the PostgreSQL server only' }, async () => {
  const [running, upgrading] = [await open(), await open()];
  await migrate(running.db, [source]);
  const items = () => running.db.selectFrom('sample.items' as never).selectAll().orderBy('id' as never).execute() as Promise<Record<string, unknown>[]>;
  // Sent often enough to go as a prepared statement with a kept plan (prepared.ts).
  for (let i = 0; i < 8; i++) await items();
  await writeFile(path.join(dir, '005_label.sql'), `alter table sample.items add column label text not null default 'x';`);
  await migrate(upgrading.db, [source]);
  const after = await items();
  assert.equal(after[0]?.label, 'x');
  await rm(path.join(dir, '005_label.sql'));
});
