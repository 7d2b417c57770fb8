import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { migrationSources } from '../../app.js';
import { openDatabase, type Database } from '../../platform/db/database.js';
import { migrate } from '../../platform/db/migrate.js';
import { openTestDatabase, scratchDatabase } from '../../../test/support/database.js';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { unpackEmbeddedTemplate } from '../../../test/support/templates.js';
import { auditMigrations, createAudit, verifyAuditChain } from './index.js';
import { entryHash, GENESIS_HASH } from './chain.service.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

let platform: TestPlatform;
before(async () => {
  platform = await startTestPlatform({ demo: true });
});
after(async () => platform.close());

async function countEntries(database: Pick<Database, 'db'>): Promise<number> {
  const { rows } = await sql<{ count: string }>`select count(*)::text as count from audit.events`.execute(database.db);
  return Number(rows[0]?.count);
}

/** A migrated database holding `n` entries, and their ids oldest first. */
async function trailOf(n: number): Promise<{ database: Awaited<ReturnType<typeof openTestDatabase>>; ids: string[] }> {
  const database = await openTestDatabase();
  const audit = createAudit(database.db);
  for (let i = 1; i <= n; i += 1) {
    await audit.record({ actor: `person:0000${i}-00000`, action: 'test.chained', target: `thing:${i}`, ip: '127.0.0.1', details: { n: i, note: 'ā ē "quoted"' } });
  }
  const { rows } = await sql<{ id: string }>`select id::text as id from audit.events where action = 'test.chained' order by seq`.execute(database.db);
  return { database, ids: rows.map((row) => row.id) };
}

/** Goes around the append-only trigger, as a superuser could. */
async function behindTheTrigger(database: Pick<Database, 'db'>, change: string): Promise<void> {
  await sql.raw(`alter table audit.events disable trigger events_append_only; ${change}; alter table audit.events enable trigger events_append_only`).execute(database.db);
}

test('the chain of a fresh platform with demo data verifies, entries written through the service included', async () => {
  const audit = createAudit(platform.database.db);
  await audit.record({ actor: 'person:230390-11113', action: 'access.mandate_granted', target: 'mandate:1', details: { scope: 'all' } });
  await audit.record({ actor: 'system', action: 'test.plain' });
  const report = await verifyAuditChain(platform.database.db);
  assert.ok(report.intact, JSON.stringify(report));
  assert.equal(report.entries, await countEntries(platform.database));
  const last = await sql<{ seq: string; hash: string }>`select seq::text as seq, hash from audit.events order by events.seq desc limit 1`.execute(platform.database.db);
  assert.deepEqual(report.head, last.rows[0]);
});

test('appends from many connections at once form one gapless chain', async () => {
  const audit = createAudit(platform.database.db);
  await Promise.all(Array.from({ length: 30 }, (_, i) => audit.record({ actor: 'system', action: 'test.concurrent', target: `n:${i}` })));
  // a writer going around the service is chained too; and the walk crosses its batches of 1,000
  await sql`insert into audit.events (actor, action, target) select 'system', 'test.bulk', 'n:' || n from generate_series(1, 1005) as n`.execute(platform.database.db);
  const report = await verifyAuditChain(platform.database.db);
  assert.ok(report.intact, JSON.stringify(report));
  assert.equal(report.entries, await countEntries(platform.database));
  const { rows } = await sql<{ count: string; max: string }>`select count(*)::text as count, max(seq)::text as max from audit.events`.execute(platform.database.db);
  assert.equal(rows[0]?.count, rows[0]?.max);
});

test('each hash is SHA-256 over the canonical serialisation of the entry and the previous hash', async () => {
  const { database } = await trailOf(2);
  try {
    const { rows } = await sql<{ seq: string; id: string; occurred_at: string; actor: string; on_behalf_of: string | null; action: string; target: string | null; ip: string | null; user_agent: string | null; details: string; prev_hash: string; hash: string }>`
      select seq::text as seq, id::text as id, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at,
             actor, on_behalf_of, action, target, ip, user_agent, details::text as details, prev_hash, hash
        from audit.events order by events.seq`.execute(database.db);
    assert.equal(rows.length, 2);
    assert.equal(rows[0]?.prev_hash, GENESIS_HASH);
    assert.equal(rows[1]?.prev_hash, rows[0]?.hash);
    for (const row of rows) {
      assert.match(row.hash, /^[0-9a-f]{64}$/);
      assert.equal(
        entryHash({ seq: row.seq, id: row.id, occurredAt: row.occurred_at, actor: row.actor, onBehalfOf: row.on_behalf_of, action: row.action, target: row.target, ip: row.ip, userAgent: row.user_agent, details: row.details, prevHash: row.prev_hash }),
        row.hash,
      );
    }
    // null and '' serialise differently, so blanking a field is a change too
    const fields = { seq: '1', id: '1', occurredAt: 'x', actor: 'a', onBehalfOf: null, action: 'b', target: null, ip: null, userAgent: null, details: '{}', prevHash: GENESIS_HASH };
    assert.notEqual(entryHash(fields), entryHash({ ...fields, onBehalfOf: '' }));
  } finally {
    await database.dispose();
  }
});

test('a writer cannot choose an entry\'s place or hash, nor move the chain head', async () => {
  const database = await openTestDatabase();
  try {
    await sql`insert into audit.events (actor, action, seq, prev_hash, hash) values ('system', 'test.forged', 99, 'forged', 'forged')`.execute(database.db);
    const { rows } = await sql<{ seq: string; hash: string }>`select seq::text as seq, hash from audit.events where action = 'test.forged'`.execute(database.db);
    assert.equal(rows[0]?.seq, '1');
    assert.notEqual(rows[0]?.hash, 'forged');
    await assert.rejects(sql`update audit.chain_head set seq = 0`.execute(database.db), /chain head/);
    await assert.rejects(sql`delete from audit.chain_head`.execute(database.db), /chain head/);
    assert.ok((await verifyAuditChain(database.db)).intact);
  } finally {
    await database.dispose();
  }
});

test('an entry updated behind the trigger\'s back is named', async () => {
  const { database, ids } = await trailOf(4);
  try {
    assert.ok((await verifyAuditChain(database.db)).intact);
    await behindTheTrigger(database, `update audit.events set actor = 'person:someone-else' where id = ${ids[1]}`);
    const report = await verifyAuditChain(database.db);
    assert.equal(report.intact, false);
    assert.ok(!report.intact);
    assert.equal(report.broken.entry?.id, ids[1]);
    assert.equal(report.broken.entry?.seq, '2');
    assert.match(report.broken.reason, /content does not match its hash/);
    assert.equal(report.entries, 1);
  } finally {
    await database.dispose();
  }
});

test('a changed entry whose hash was recomputed breaks the link of the next one', async () => {
  const { database, ids } = await trailOf(4);
  try {
    await behindTheTrigger(
      database,
      `update audit.events set details = '{"n": 2, "note": "rewritten"}', hash = audit.entry_hash(seq, id, occurred_at, actor, on_behalf_of, action, target, ip, user_agent, '{"n": 2, "note": "rewritten"}'::jsonb, prev_hash) where id = ${ids[1]}`,
    );
    const report = await verifyAuditChain(database.db);
    assert.ok(!report.intact);
    assert.equal(report.broken.entry?.id, ids[2]);
    assert.match(report.broken.reason, /does not link/);
  } finally {
    await database.dispose();
  }
});

test('a deleted entry is noticed at the entry after it, and entries cut from the end at the head', async () => {
  const { database, ids } = await trailOf(5);
  try {
    await behindTheTrigger(database, `delete from audit.events where id = ${ids[2]}`);
    let report = await verifyAuditChain(database.db);
    assert.ok(!report.intact);
    assert.equal(report.broken.entry?.id, ids[3]);
    assert.match(report.broken.reason, /entry 3 of the chain is missing/);
    await behindTheTrigger(database, `delete from audit.events where id in (${ids[3]}, ${ids[4]})`);
    report = await verifyAuditChain(database.db);
    assert.ok(!report.intact);
    assert.equal(report.broken.entry?.id, ids[1]);
    assert.match(report.broken.reason, /ends at entry 2 but its head is entry 5/);
  } finally {
    await database.dispose();
  }
});

test('a trail written before the chain existed is chained by the upgrade and verifies', async () => {
  const database = await openTestDatabase();
  const oldAudit = await mkdtemp(path.join(tmpdir(), 'audit-v1-'));
  try {
    // the audit module as it was (its first migration only), the other modules as they are: it alone depends on nothing
    await sql`drop schema audit cascade`.execute(database.db);
    await sql`delete from platform.migrations where module = 'audit'`.execute(database.db);
    await copyFile(path.join(auditMigrations.dir, '001_trail.sql'), path.join(oldAudit, '001_trail.sql'));
    await migrate(database.db, [{ module: 'audit', dir: oldAudit }]);
    for (let i = 0; i < 3; i += 1) {
      await sql`insert into audit.events (actor, action, target, details) values (${`person:${i}`}, 'test.before_upgrade', ${`thing:${i}`}, ${JSON.stringify({ i })}::jsonb)`.execute(database.db);
    }
    await migrate(database.db, migrationSources);
    let report = await verifyAuditChain(database.db);
    assert.ok(report.intact, JSON.stringify(report));
    assert.equal(report.entries, 3);
    await createAudit(database.db).record({ actor: 'system', action: 'test.after_upgrade' });
    report = await verifyAuditChain(database.db);
    assert.ok(report.intact, JSON.stringify(report));
    assert.equal(report.entries, 4);
  } finally {
    await database.dispose();
    await rm(oldAudit, { recursive: true, force: true });
  }
});

function runVerify(env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', './scripts/ts-hooks.mjs', 'scripts/audit-verify.ts'], { cwd: root, env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

test('npm run audit:verify exits 0 on an intact trail, and names the broken entry and exits 1 after tampering', async () => {
  const scratch = await scratchDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'audit-verify-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(scratch.url ? { DATABASE_URL: scratch.url } : {}) };
  // the embedded database allows one process at a time: close it before the script opens it
  const open = async () => openDatabase({ databaseUrl: scratch.url, dataDir });
  try {
    // this run's migrated, empty template where there is one (embedded), else migrated here
    const unpacked = await unpackEmbeddedTemplate('empty', dataDir);
    let database = await open();
    if (!unpacked) await migrate(database.db, migrationSources);
    const audit = createAudit(database.db);
    for (let i = 0; i < 3; i += 1) await audit.record({ actor: 'system', action: 'test.script', target: `n:${i}` });
    const { rows } = await sql<{ id: string; occurred_at: string }>`select id::text as id, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at from audit.events where action = 'test.script' order by seq`.execute(database.db);
    await database.close();

    const intact = await runVerify(env);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /audit trail intact: 3 entries checked/);

    database = await open();
    await behindTheTrigger(database, `update audit.events set target = 'n:99' where id = ${rows[1]?.id}`);
    await database.close();

    const broken = await runVerify(env);
    assert.equal(broken.code, 1, broken.stdout + broken.stderr);
    assert.ok(broken.stderr.includes(`BROKEN at entry id ${rows[1]?.id} `), broken.stderr);
    assert.ok(broken.stderr.includes(`recorded ${rows[1]?.occurred_at}`), broken.stderr);
  } finally {
    await scratch.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
