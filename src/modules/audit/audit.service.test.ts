import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase } from '../../../test/support/database.js';
import { createAudit, verifyAuditChain, type AuditService } from './index.js';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let audit: AuditService;

before(async () => {
  db = await openTestDatabase();
  audit = createAudit(db.db);
});
after(async () => db.dispose());

// Each test writes and reads only its own entries (its own codes, targets and
// actions, or the newest rows it just wrote), so the tests pass in any order.
test('entries are recorded and listed newest first, filtered', async () => {
  await audit.record({ actor: 'person:230390-11113', action: 'access.mandate_granted', target: 'mandate:1', ip: '127.0.0.1', details: { scope: 'all' } });
  await audit.record({ actor: 'person:150685-12347', onBehalfOf: '230390-11113', action: 'applications.read', target: 'application:7' });
  const newest = await audit.list({ limit: 2 });
  assert.deepEqual(newest.map((entry) => entry.action), ['applications.read', 'access.mandate_granted']);
  assert.equal(newest[1]?.ip, '127.0.0.1');
  const forAnna = await audit.list({ onBehalfOf: '230390-11113' });
  assert.equal(forAnna.length, 1);
  assert.equal(forAnna[0]?.actor, 'person:150685-12347');
  assert.deepEqual((await audit.list({ target: 'mandate:1' }))[0]?.details, { scope: 'all' });
});

test('the trail is append-only: updates, deletes and truncation are refused', async () => {
  await audit.record({ actor: 'person:010101-10000', action: 'test.kept', target: 'append-only:1' });
  const before = await audit.list({ target: 'append-only:1' });
  assert.equal(before.length, 1);
  const { rows: counted } = await sql<{ count: string }>`select count(*)::text as count from audit.events`.execute(db.db);
  await assert.rejects(sql`update audit.events set actor = 'someone else' where target = 'append-only:1'`.execute(db.db), /append-only/);
  await assert.rejects(sql`delete from audit.events where target = 'append-only:1'`.execute(db.db), /append-only/);
  await assert.rejects(sql`truncate audit.events`.execute(db.db), /append-only/);
  assert.deepEqual(await audit.list({ target: 'append-only:1' }), before);
  const { rows: after } = await sql<{ count: string }>`select count(*)::text as count from audit.events`.execute(db.db);
  assert.equal(after[0]?.count, counted[0]?.count);
});

test('an entry written in a transaction that rolls back is gone with it', async () => {
  await assert.rejects(
    db.db.transaction().execute(async (trx) => {
      await createAudit(trx).record({ actor: 'system', action: 'test.rolled_back' });
      throw new Error('the change failed');
    }),
    /the change failed/,
  );
  assert.equal((await audit.list({ action: 'test.rolled_back' })).length, 0);
  // the chain skipped it too: the next entry follows on from the last committed one
  await audit.record({ actor: 'system', action: 'test.after_rollback' });
  assert.ok((await verifyAuditChain(db.db)).intact);
});

test('entries written side by side outside a transaction commit together, each in order, and the chain holds', async () => {
  const targets = Array.from({ length: 40 }, (_, n) => `group-commit:${n}`);
  // Issued at once, as sixteen readers' requests would be: each call resolves once its own entry is committed.
  await Promise.all(targets.map((target) => audit.record({ actor: 'person:150685-12347', action: 'test.group_read', target })));
  const { rows } = await sql<{ target: string; tx: string }>`
    select target, xmin::text as tx from audit.events where action = 'test.group_read' order by seq`.execute(db.db);
  assert.deepEqual(rows.map((row) => row.target), targets, 'every entry is there, in the order they were recorded');
  const transactions = new Set(rows.map((row) => row.tx)).size;
  assert.ok(transactions < targets.length / 2, `the entries shared transactions (${transactions} for ${targets.length})`);
  // One entry that cannot be written fails only its own caller.
  const results = await Promise.allSettled([
    audit.record({ actor: 'person:150685-12347', action: 'test.group_bad', target: 'group-bad:1' }),
    audit.record({ actor: 'person:150685-12347', action: 'test.group_bad', target: 'group-bad:2', details: { text: 'nul \u0000 byte' } }),
    audit.record({ actor: 'person:150685-12347', action: 'test.group_bad', target: 'group-bad:3' }),
  ]);
  assert.deepEqual(results.map((result) => result.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.deepEqual((await audit.list({ action: 'test.group_bad' })).map((entry) => entry.target).sort(), ['group-bad:1', 'group-bad:3']);
  const report = await verifyAuditChain(db.db);
  assert.equal(report.intact, true, JSON.stringify(report));
});
