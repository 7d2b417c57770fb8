/**
 * The development sinks hold what would have been sent: the delivery says so
 * (`kept`), never that it was sent or delivered.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { openTestDatabase } from '../../../test/support/database.js';
import { eAddressChannel, eAddressSink, smsChannel, smsSink, type OutgoingMessage } from './channels.js';
import type { NotificationsTables } from './notifications.repo.js';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Kysely<NotificationsTables>;
before(async () => {
  database = await openTestDatabase();
  db = database.db as unknown as Kysely<NotificationsTables>;
});
after(() => database.dispose());

const message = (channel: OutgoingMessage['channel'], address: string): OutgoingMessage => ({
  deliveryId: randomUUID(),
  channel,
  address,
  language: 'lv',
  messageId: `<${randomUUID()}@localhost>`,
  subject: 'Pieteikums 2026-000001',
  text: 'Jūsu pieteikums ir saņemts.',
  html: '<p>Jūsu pieteikums ir saņemts.</p>',
  short: 'Pieteikums saņemts',
  link: 'http://localhost/workspace/applications/2026-000001',
});

test('an SMS and an e-address document held by the development sinks are kept, not sent or delivered', async () => {
  const sms = message('sms', '+37120000001');
  const document = message('eaddress', '150685-12347');
  assert.deepEqual(await smsChannel(smsSink(db)).send(sms), { status: 'kept' });
  assert.deepEqual(await eAddressChannel(eAddressSink(db)).send(document), { status: 'kept' });
  const kept = await sql<{ channel: string; address: string }>`
    select channel, address from notifications.sink where delivery_id in (${sms.deliveryId}::uuid, ${document.deliveryId}::uuid) order by channel`.execute(database.db);
  assert.deepEqual(kept.rows, [
    { channel: 'eaddress', address: '150685-12347' },
    { channel: 'sms', address: '+37120000001' },
  ]);
});

test('a provider that accepts the SMS makes it sent', async () => {
  const channel = smsChannel({ send: async () => ({ providerRef: 'msg-1' }) });
  assert.deepEqual(await channel.send(message('sms', '+37120000002')), { status: 'sent', providerRef: 'msg-1' });
});
