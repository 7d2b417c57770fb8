import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase } from '../../../test/support/database.js';
import { createAudit, type AuditService } from './index.js';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let audit: AuditService;

before(async () => {
  db = await openTestDatabase();
  audit = createAudit(db.db);
});
after(async () => db.dispose());

test('entries are recorded and listed newest first, filtered', async () => {
  await audit.record({ actor: 'person:230390-11113', action: 'access.mandate_granted', target: 'mandate:1', ip: '127.0.0.1', details: { scope: 'all' } });
  await audit.record({ actor: 'person:150685-12347', onBehalfOf: '230390-11113', action: 'applications.read', target: 'application:7' });
  const all = await audit.list({});
  assert.deepEqual(all.map((entry) => entry.action), ['applications.read', 'access.mandate_granted']);
  const forAnna = await audit.list({ onBehalfOf: '230390-11113' });
  assert.equal(forAnna.length, 1);
  assert.equal(forAnna[0]?.actor, 'person:150685-12347');
  assert.deepEqual((await audit.list({ target: 'mandate:1' }))[0]?.details, { scope: 'all' });
});

test('the trail is append-only: updates, deletes and truncation are refused', async () => {
  await assert.rejects(sql`update audit.events set actor = 'someone else'`.execute(db.db), /append-only/);
  await assert.rejects(sql`delete from audit.events`.execute(db.db), /append-only/);
  await assert.rejects(sql`truncate audit.events`.execute(db.db), /append-only/);
  assert.equal((await audit.list({})).length, 2);
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
});
