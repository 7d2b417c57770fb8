/**
 * Exactly once across a crash: the platform runs as `npm start` would, in a
 * child process (embedded database under a DATA_DIR, or a scratch database on
 * the server when DATABASE_URL is set), sending a batch of 50 notifications to
 * a slow SMTP server. While they are being sent the child is killed (SIGKILL);
 * the server stops answering just before, as a real one would for a client
 * that died mid-message. A new process then starts on the same data, the
 * institution repeats its requests (same references), and every notification
 * must arrive exactly once: by Message-ID, and by recipient and reference.
 *
 * And across a crash of the event bus: a process whose bus has not run yet
 * commits a status change (an institution's system registers Jānis's
 * application) and is killed; the event is on the outbox and nobody was told.
 * A restarted platform tells Jānis exactly once.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { startTestSmtp, type TestSmtp } from '../src/modules/notifications/notifications.fixtures.js';
import { openDatabase } from '../src/platform/db/database.js';
import { scratchDatabase } from './support/database.js';
import { freePort } from './support/platform.js';
import { institutionToken } from './support/sso.js';

const BATCH = 50;
const JANIS = '150685-12347';
const root = path.resolve(import.meta.dirname, '..');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Child {
  process: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

async function startChild(env: Record<string, string>): Promise<Child> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, DEMO: 'true', LOG_LEVEL: 'warn' };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (gone) throw new Error(`the platform exited before it was ready:\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`the platform was not ready in time:\n${stderr}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  return { process: child, url, exited };
}

async function send(url: string, token: string, i: number): Promise<{ status: number; id?: string }> {
  const response = await fetch(`${url}/api/v1/notifications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ recipient: { personalCode: JANIS }, template: 'message', personalisation: { subject: `Crash ${i}`, body: `Notification ${i} of the batch.` }, reference: `crash-${i}` }),
  });
  const body = (await response.json()) as { id?: string };
  return body.id ? { status: response.status, id: body.id } : { status: response.status };
}

let smtp: TestSmtp | undefined;
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await smtp?.close();
});

test('a worker killed while a batch is being sent: after a restart every notification arrives exactly once', async () => {
  smtp = await startTestSmtp({ delayMs: 150 });
  const env: Record<string, string> = { SMTP_URL: smtp.url, NOTIFICATIONS_LEASE_SECONDS: '20', NOTIFICATIONS_RETRY_SECONDS: '1' };
  const scratch = await scratchDatabase();
  cleanups.push(scratch.drop);
  if (scratch.url) env.DATABASE_URL = scratch.url;
  else {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pk-crash-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    env.DATA_DIR = dataDir;
    // A fresh embedded database reaches its files only at its first clean shutdown (measured: a kill
    // in the first session loses even its tables), so the platform has been started once before.
    const initial = await startChild(env);
    initial.process.kill('SIGTERM');
    assert.equal(await initial.exited, 0, 'the first start shuts down cleanly');
  }

  // First life: the batch is sent until the process is killed mid-way.
  const first = await startChild(env);
  cleanups.push(async () => void first.process.kill('SIGKILL'));
  const firstToken = await institutionToken({ url: first.url }, 'notifications.send');
  let stop = false;
  const sending = (async () => {
    for (let i = 0; i < BATCH && !stop; i++) {
      try {
        await send(first.url, firstToken, i);
      } catch {
        return; // the process is gone
      }
    }
  })();
  const deadline = Date.now() + 60_000;
  while (smtp.count() < 10) {
    assert.ok(Date.now() < deadline, 'the first e-mails arrive');
    await sleep(20);
  }
  smtp.freeze();
  // Whatever the server accepted before freezing is recorded as sent by now; what follows is held unanswered.
  await sleep(1000);
  first.process.kill('SIGKILL');
  stop = true;
  await first.exited;
  await sending;
  const beforeCrash = smtp.count();
  assert.ok(beforeCrash < BATCH, `killed while sending (${beforeCrash} of ${BATCH} had arrived)`);
  smtp.thaw();

  // Second life on the same data: the institution repeats every request.
  const second = await startChild(env);
  cleanups.push(async () => {
    second.process.kill('SIGTERM');
    await second.exited;
  });
  const token = await institutionToken({ url: second.url }, 'notifications.send');
  const ids: string[] = [];
  for (let i = 0; i < BATCH; i++) {
    const result = await send(second.url, token, i);
    assert.ok(result.status === 200 || result.status === 201, `request ${i} answered ${result.status}`);
    ids.push(result.id as string);
  }
  // Every delivery finished (sent, or failed — which would fail the count below).
  const statuses = await (async () => {
    const until = Date.now() + 120_000;
    for (;;) {
      const all = await Promise.all(
        ids.map(async (id) => {
          const response = await fetch(`${second.url}/api/v1/notifications/${id}`, { headers: { authorization: `Bearer ${token}` } });
          return (await response.json()) as { deliveries: { channel: string; status: string; attempts: number }[] };
        }),
      );
      const email = all.map((status) => status.deliveries.find((delivery) => delivery.channel === 'email'));
      if (email.every((delivery) => delivery && (delivery.status === 'sent' || delivery.status === 'failed'))) return email;
      assert.ok(Date.now() < until, `deliveries still open: ${JSON.stringify(email.filter((d) => d?.status !== 'sent')).slice(0, 400)}`);
      await sleep(250);
    }
  })();

  assert.deepEqual(
    statuses.map((delivery) => delivery?.status),
    ids.map(() => 'sent'),
  );
  const crash = smtp.received.filter((mail) => mail.to.includes('janis.berzins@example.com') && /^Crash \d+$/.test(mail.subject));
  const perReference = new Map<string, number>();
  for (const mail of crash) perReference.set(mail.subject, (perReference.get(mail.subject) ?? 0) + 1);
  for (let i = 0; i < BATCH; i++) assert.equal(perReference.get(`Crash ${i}`), 1, `notification crash-${i} arrived exactly once`);
  assert.equal(crash.length, BATCH);
  assert.equal(new Set(crash.map((mail) => mail.messageId)).size, BATCH, 'every Message-ID once');
  // Some were in the middle of being sent when the process died, and were sent again by the new one.
  assert.ok(
    statuses.some((delivery) => (delivery?.attempts ?? 0) >= 2),
    'the crash caught deliveries mid-send',
  );
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
  const scratch = await scratchDatabase();
  cleanups.push(scratch.drop);
  if (scratch.url) env.DATABASE_URL = scratch.url;
  else {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pk-bus-crash-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    env.DATA_DIR = dataDir;
    const initial = await startChild(env);
    initial.process.kill('SIGTERM');
    assert.equal(await initial.exited, 0, 'the first start shuts down cleanly');
  }

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
