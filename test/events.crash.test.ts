/**
 * Nothing is lost when a process dies between a change and the delivery of
 * its event: a process whose event bus has not run yet commits a status
 * change (an institution's system registers Jānis's application) and is
 * killed (SIGKILL); the event is on the outbox and nobody was told. A
 * restarted platform tells Jānis exactly once. Embedded (a DATA_DIR) or a
 * scratch database on DATABASE_URL's server.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { startTestSmtp } from '../src/modules/notifications/notifications.fixtures.js';
import { openDatabase } from '../src/platform/db/database.js';
import { startChild, startedData } from './support/child.js';
import { institutionToken } from './support/sso.js';

const JANIS = '150685-12347';
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** The child's database, opened by the test itself while no child runs (embedded: one process at a time). */
async function inDatabase<T>(env: Record<string, string>, work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR ?? 'memory://' });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

test('a process killed after a status change and before its event was delivered: a restarted platform delivers it exactly once', async () => {
  const mail = await startTestSmtp();
  cleanups.push(() => mail.close());
  const env: Record<string, string> = { SMTP_URL: mail.url };
  const data = await startedData('pk-bus-crash');
  cleanups.push(data.drop);
  Object.assign(env, data.env);

  // First life: the bus would first look after an hour, so the change is committed and never delivered.
  const first = await startChild({ ...env, EVENTS_INTERVAL_MS: '3600000' });
  cleanups.push(async () => void first.process.kill('SIGKILL'));
  const token = await institutionToken({ url: first.url });
  const service = (await (await fetch(`${first.url}/api/v1/services/dzivesvietas-deklaresana`)).json()) as { id: string };
  const externalId = `PMLP-${randomUUID().slice(0, 8)}`;
  const response = await fetch(`${first.url}/api/v1/status-events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events: [{ eventId: `${externalId}-r`, externalId, applicant: JANIS, serviceId: service.id, code: 'received', occurredAt: new Date().toISOString() }] }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const reply = (await response.json()) as { applied: number; results: { applicationId?: string; number?: string }[] };
  assert.equal(reply.applied, 1);
  const applicationId = reply.results[0]?.applicationId;
  const number = reply.results[0]?.number;
  assert.ok(applicationId && number);
  first.process.kill('SIGKILL');
  await first.exited;

  const between = await inDatabase(env, async (db) => ({
    events: (await sql<{ n: number }>`select count(*)::int as n from platform.outbox where type = 'applications.status_changed' and subject = ${applicationId}`.execute(db)).rows[0]?.n,
    notified: (await sql<{ n: number }>`select count(*)::int as n from notifications.notifications where application_id = ${applicationId}::uuid`.execute(db)).rows[0]?.n,
  }));
  assert.deepEqual(between, { events: 1, notified: 0 }, 'the change and its event survived the kill; nobody was told yet');

  // Second life: the bus delivers what the first one left.
  const second = await startChild(env);
  cleanups.push(async () => {
    second.process.kill('SIGTERM');
    await second.exited;
  });
  await mail.waitFor((received) => received.some((m) => m.to.includes('janis.berzins@example.com') && m.text.includes(number)), 60_000);
  second.process.kill('SIGTERM');
  assert.equal(await second.exited, 0);

  const afterRestart = await inDatabase(env, async (db) => ({
    notified: (await sql<{ recipient: string }>`select recipient from notifications.notifications where application_id = ${applicationId}::uuid`.execute(db)).rows.map((row) => row.recipient),
    dead: (await sql<{ n: number }>`select count(*)::int as n from platform.bus_dead_events`.execute(db)).rows[0]?.n,
  }));
  assert.deepEqual(afterRestart, { notified: [JANIS], dead: 0 }, 'Jānis was told once');
  assert.equal(mail.received.filter((m) => m.text.includes(number)).length, 1, 'one e-mail about the application');
});
