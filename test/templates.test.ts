/**
 * The suite's template databases (test/support/templates.ts): a test platform
 * starts from a copy with the demo data, a copy is the test's own (what one
 * writes, another never sees), and the empty template is migrated with no data.
 * Under `npm test` this checks the run's own templates; run alone, it builds a
 * pair first.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { openScratchDatabase } from './support/database.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';
import { buildTemplates, dropTemplates, TEMPLATE_ENV, templateOf, type TemplateKind } from './support/templates.js';

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

before(async () => {
  if (templateOf('empty') && templateOf('demo')) return;
  const server = process.env.DATABASE_URL || undefined;
  const stamp = `${Math.floor(Date.now() / 1000)}_${process.pid}`;
  let names: Record<TemplateKind, string>;
  if (server) {
    names = { empty: `pk_tmpl_${stamp}_empty`, demo: `pk_tmpl_${stamp}_demo` };
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), 'pakalpojumi-templates-test-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    names = { empty: path.join(dir, 'empty.tar'), demo: path.join(dir, 'demo.tar') };
  }
  cleanups.push(() => dropTemplates(server, names));
  await buildTemplates(server, names);
  process.env[TEMPLATE_ENV.empty] = names.empty;
  process.env[TEMPLATE_ENV.demo] = names.demo;
});

async function serviceCount(platform: TestPlatform): Promise<number> {
  const response = await fetch(`${platform.url}/api/v1/services?limit=1`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { total: number }).total;
}

test('each platform gets its own copy of the demo template', async () => {
  const one = await startTestPlatform();
  cleanups.push(() => one.close());
  const two = await startTestPlatform();
  cleanups.push(() => two.close());
  const services = await serviceCount(one);
  assert.ok(services > 0, 'the copy holds the demo services');
  assert.equal(await serviceCount(two), services);
  const loads = await sql<{ key: string }>`select key from platform.loads order by key`.execute(one.database.db);
  assert.ok(loads.rows.some((row) => row.key === 'demo:catalog'), 'the demo data came with the copy');

  await sql`delete from platform.loads where key = 'demo:catalog'`.execute(one.database.db);
  const left = await sql<{ n: string }>`select count(*) as n from platform.loads where key = 'demo:catalog'`.execute(two.database.db);
  assert.equal(Number(left.rows[0]?.n), 1, 'a change in one copy is not seen in the other');
});

test('a platform started without the demo data and a scratch database are migrated and empty', async () => {
  const bare = await startTestPlatform({ demo: false });
  cleanups.push(() => bare.close());
  assert.equal(await serviceCount(bare), 0);
  const database = await openScratchDatabase(process.env.DATABASE_URL || undefined);
  cleanups.push(() => database.dispose());
  const loads = await sql<{ n: string }>`select count(*) as n from platform.loads`.execute(database.db);
  assert.equal(Number(loads.rows[0]?.n), 0, 'no data was loaded');
  const migrations = await sql<{ n: string }>`select count(*) as n from platform.migrations`.execute(database.db);
  assert.ok(Number(migrations.rows[0]?.n) > 0, 'the migrations were applied');
});
