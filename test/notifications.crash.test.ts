/**
 * Exactly once across a crash: the platform runs as `npm start` would, in a
 * child process (embedded database under a DATA_DIR, or a scratch database on
 * the server when DATABASE_URL is set), sending a batch of 50 notifications to
 * a slow SMTP server. While they are being sent the child is killed (SIGKILL);
 * the server stops answering just before, as a real one would for a client
 * that died mid-message. A new process then starts on the same data, the
 * institution repeats its requests (same references), and every notification
 * must arrive exactly once: by Message-ID, and by recipient and reference.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { startTestSmtp, type TestSmtp } from '../src/modules/notifications/notifications.fixtures.js';
import { sleep, startChild, startedData } from './support/child.js';
import { institutionToken } from './support/sso.js';

const BATCH = 50;
const JANIS = '150685-12347';

async function send(url: string, token: string, i: number): Promise<{ status: number; id?: string }> {
  const response = await fetch(`${url}/api/v1/notifications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ recipient: { personalCode: JANIS }, template: 'message', personalisation: { subject: `Crash ${i}`, body: `Notification ${i} of the batch.` }, reference: `crash-${i}` }),
  });
  const body = (await response.json()) as { id?: string };
  return body.id ? { status: response.status, id: body.id } : { status: response.status };
}

/** The e-mail delivery of a notification, as its sender reads it. */
async function emailStatus(url: string, token: string, id: string): Promise<{ channel: string; status: string; attempts: number } | undefined> {
  const response = await fetch(`${url}/api/v1/notifications/${id}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, `the status of ${id} is read (${response.status})`);
  const body = (await response.json()) as { deliveries: { channel: string; status: string; attempts: number }[] };
  return body.deliveries.find((delivery) => delivery.channel === 'email');
}

let smtp: TestSmtp | undefined;
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await smtp?.close();
});

test('a worker killed while a batch is being sent: after a restart every notification arrives exactly once', async () => {
  smtp = await startTestSmtp({ delayMs: 150 });
  // The lease outlasts any send of a loaded machine: a live worker's claim running out would mean a second send by design.
  // On the server the first life's claims are released when it runs out (embedded: at the restart).
  // It polls every delivery's status four times a second: far past a client's API limit, which is not what this test is about.
  const env: Record<string, string> = { SMTP_URL: smtp.url, NOTIFICATIONS_LEASE_SECONDS: '45', NOTIFICATIONS_RETRY_SECONDS: '1', API_RATE_LIMIT: '1000000', API_RATE_BURST: '1000000' };
  const data = await startedData('pk-crash');
  cleanups.push(data.drop);
  Object.assign(env, data.env);

  // First life: the batch is sent until the process is killed mid-way.
  const first = await startChild(env);
  cleanups.push(async () => void first.process.kill('SIGKILL'));
  const firstToken = await institutionToken({ url: first.url }, 'notifications.send');
  let stop = false;
  const firstIds: string[] = [];
  const sending = (async () => {
    for (let i = 0; i < BATCH && !stop; i++) {
      try {
        const { id } = await send(first.url, firstToken, i);
        if (id) firstIds.push(id);
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
  // What follows is held unanswered. What the server accepted before freezing is let be recorded as sent first:
  // the moment between a server's acceptance and its record is the one SMTP cannot close (the Message-ID covers it).
  const accepted = smtp.count();
  const recorded = async (): Promise<number> => {
    const statuses = await Promise.all(firstIds.map((id) => emailStatus(first.url, firstToken, id)));
    return statuses.filter((delivery) => delivery?.status === 'sent').length;
  };
  const recordDeadline = Date.now() + 60_000;
  while ((await recorded()) < accepted) {
    assert.ok(Date.now() < recordDeadline, 'the accepted e-mails are recorded as sent');
    await sleep(100);
  }
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
      const email = await Promise.all(ids.map((id) => emailStatus(second.url, token, id)));
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
  const story = (i: number): string =>
    JSON.stringify({ order: crash.map((mail, n) => (mail.subject === `Crash ${i}` ? n : -1)).filter((n) => n >= 0), delivery: statuses[i], acceptedBeforeKill: accepted, beforeCrash });
  for (let i = 0; i < BATCH; i++) assert.equal(perReference.get(`Crash ${i}`), 1, `notification crash-${i} arrived exactly once: ${story(i)}`);
  assert.equal(crash.length, BATCH);
  assert.equal(new Set(crash.map((mail) => mail.messageId)).size, BATCH, 'every Message-ID once');
  // Some were in the middle of being sent when the process died, and were sent again by the new one.
  assert.ok(
    statuses.some((delivery) => (delivery?.attempts ?? 0) >= 2),
    'the crash caught deliveries mid-send',
  );
});

