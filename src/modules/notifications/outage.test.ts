/**
 * Mail survives a long outage (issue #11). The retry rule doubles the delay
 * from NOTIFICATIONS_RETRY_SECONDS up to NOTIFICATIONS_RETRY_MAX_SECONDS and
 * keeps trying for NOTIFICATIONS_RETRY_HOURS; when a delivery gets through, the
 * channel's deliveries waiting out the outage are brought forward to now.
 *
 * The outage is played fast: a 0.1 s base and a 10 s cap, so the old rule
 * (6 attempts, doubling from the base) would have given up after 3.1 s. The
 * cap is also the margin that shows the waiting ones were brought forward
 * rather than retried on their own schedule: a loaded machine needs seconds. The
 * SMTP server (real, in this process) answers 421 to every connection while
 * e-mails are made through the notifications API, and stays down until every
 * delivery has been tried 8 times. Once it is up, one fresh e-mail gets
 * through and the others follow before their own next retry was due, each
 * exactly once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { institutionToken } from '../../../test/support/sso.js';
import { retryDelay, retryWindowOver } from './delivery.service.js';
import { startTestSmtp, type TestSmtp } from './notifications.fixtures.js';
import type { DeliveryLogEntry, DeliveryView } from './index.js';

const BASE = 0.1;
const CAP = 10;
/** the old rule's last attempt: the 6th, this long after the first */
const OLD_WINDOW_SECONDS = [1, 2, 3, 4, 5].reduce((sum, attempts) => sum + BASE * 2 ** (attempts - 1), 0);
const OUTAGE_ATTEMPTS = 8;
const RECIPIENTS = [
  { personalCode: '150685-12347', email: 'janis.berzins@example.com' },
  { personalCode: '230390-11113', email: 'anna.kalnina@example.com' },
];
const EMAILS = 5;

describe('the retry rule', () => {
  test('the delay doubles from the base up to the cap, and stays there', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 40].map((attempts) => retryDelay(attempts, 30, 600)),
      [30, 60, 120, 240, 480, 600, 600, 600, 600, 600],
    );
    assert.equal(retryDelay(3, 30, 10), 30, 'a cap below the base: the base');
  });

  test('a delivery is retried until it has been trying for the window', () => {
    const first = new Date('2026-12-06T00:00:00Z');
    const day = 24 * 3600;
    assert.equal(retryWindowOver(first, new Date('2026-12-06T23:59:59Z'), day), false);
    assert.equal(retryWindowOver(first, new Date('2026-12-07T00:00:00Z'), day), true);
    assert.equal(retryWindowOver(null, new Date('2027-01-01T00:00:00Z'), day), false, 'never tried: the window has not begun');
    // With the defaults, a day of failures is some 150 attempts, not 6.
    let elapsed = 0;
    let attempts = 1;
    while (elapsed < day) elapsed += retryDelay(attempts++, 30, 600);
    assert.ok(attempts > 140 && attempts < 160, `${attempts} attempts in a day`);
  });
});

describe('a mail server down far longer than the old retry window', () => {
  let platform: TestPlatform;
  let smtp: TestSmtp;
  let token: string;

  before(async () => {
    smtp = await startTestSmtp();
    platform = await startTestPlatform({ env: { SMTP_URL: smtp.url, NOTIFICATIONS_RETRY_SECONDS: String(BASE), NOTIFICATIONS_RETRY_MAX_SECONDS: String(CAP) } });
    token = await institutionToken(platform, 'notifications.send');
  });
  after(async () => {
    await platform?.close();
    await smtp?.close();
  });

  const send = async (subject: string, personalCode: string): Promise<string> => {
    const response = await fetch(`${platform.url}/api/v1/notifications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { personalCode }, template: 'message', personalisation: { subject, body: `${subject}: sent while the mail server is down.` }, reference: subject }),
    });
    const body = (await response.json()) as { id?: string };
    assert.equal(response.status, 201, JSON.stringify(body));
    return body.id as string;
  };
  /** the e-mail delivery as the API shows it to the institution */
  const apiStatus = async (id: string): Promise<DeliveryView> => {
    const response = await fetch(`${platform.url}/api/v1/notifications/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { deliveries: DeliveryView[] };
    const email = body.deliveries.find((delivery) => delivery.channel === 'email');
    assert.ok(email, `notification ${id} has an e-mail delivery`);
    return email;
  };
  /** the e-mail deliveries as the console's delivery log shows them */
  const logged = async (ids: string[]): Promise<DeliveryLogEntry[]> => {
    const log = await platform.notifications!.service.deliveryLog(null, { channel: 'email', limit: 100 });
    return ids.map((id) => {
      const email = log.items.find((item) => item.id === id)?.deliveries.find((delivery) => delivery.channel === 'email');
      assert.ok(email, `notification ${id} is in the delivery log`);
      return email;
    });
  };

  test('every e-mail arrives exactly once, promptly after the server is back; none ever fails', async () => {
    smtp.down();
    const subjects = Array.from({ length: EMAILS }, (_, i) => `Outage ${i}`);
    // Made together, so their attempts keep step and all wait out the same capped delay when the server is back.
    const ids = await Promise.all(subjects.map((subject, i) => send(subject, RECIPIENTS[i % RECIPIENTS.length]!.personalCode)));

    // Every status the console shows, watched all along (one query a poll: the polling must not starve the workers).
    const seen = new Map<string, Set<string>>();
    const watchUntil = async (watched: string[], done: (deliveries: DeliveryLogEntry[]) => boolean, what: string): Promise<DeliveryLogEntry[]> => {
      const deadline = Date.now() + 120_000;
      for (;;) {
        const deliveries = await logged(watched);
        deliveries.forEach((delivery, i) => seen.set(watched[i]!, (seen.get(watched[i]!) ?? new Set<string>()).add(delivery.status)));
        if (done(deliveries)) return deliveries;
        assert.ok(Date.now() < deadline, `${what}: still ${JSON.stringify(deliveries).slice(0, 600)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };

    // Down until each delivery was tried 8 times: the old rule had failed them all after its 6th.
    const waiting = await watchUntil(
      ids,
      (deliveries) => deliveries.every((delivery) => delivery.status === 'retrying' && delivery.attempts >= OUTAGE_ATTEMPTS),
      `every delivery tried ${OUTAGE_ATTEMPTS} times while the server is down`,
    );
    assert.equal(smtp.count(), 0, 'nothing got through while down');
    assert.ok(smtp.turnedAway() >= EMAILS * OUTAGE_ATTEMPTS, `${smtp.turnedAway()} connections turned away`);
    for (const delivery of waiting) {
      const first = Date.parse(delivery.firstAttemptAt!);
      const last = Date.parse(delivery.lastAttemptAt!);
      const failedAt = Date.parse(delivery.updatedAt);
      const next = Date.parse(delivery.notBefore!);
      assert.ok((last - first) / 1000 > OLD_WINDOW_SECONDS, `tried for ${(last - first) / 1000} s, beyond the old rule's ${OLD_WINDOW_SECONDS} s`);
      // Attempts keep the doubling delays apart (no hammering) …
      const scheduled = Array.from({ length: delivery.attempts - 1 }, (_, i) => retryDelay(i + 1, BASE, CAP)).reduce((sum, delay) => sum + delay, 0);
      assert.ok((last - first) / 1000 >= scheduled - 0.01, `${delivery.attempts} attempts in ${(last - first) / 1000} s, at least ${scheduled} s apart in all`);
      // … and the next waits the cap, not the doubled delay (counted from when the failure was recorded).
      const uncapped = BASE * 2 ** (delivery.attempts - 1);
      assert.ok(uncapped > CAP + 1, 'the test reaches the cap');
      assert.ok((next - failedAt) / 1000 <= CAP + 0.5, `the next attempt ${(next - failedAt) / 1000} s after the failure: at most the cap of ${CAP} s, not ${uncapped} s`);
    }

    // Back up: a fresh e-mail gets through, and the waiting ones follow before their own retry was due.
    smtp.up();
    const upAt = Date.now();
    const probe = await send('Outage over', RECIPIENTS[0]!.personalCode);
    const sent = await watchUntil([...ids, probe], (deliveries) => deliveries.every((delivery) => delivery.status === 'sent' || delivery.status === 'failed'), 'every delivery is sent');

    assert.deepEqual(
      sent.map((delivery) => delivery.status),
      [...ids, probe].map(() => 'sent'),
    );
    for (const [i, delivery] of sent.slice(0, EMAILS).entries()) {
      const dueAt = Date.parse(waiting[i]!.notBefore!);
      const since = (at: string | null): string => `${((Date.parse(at ?? '') - upAt) / 1000).toFixed(2)} s`;
      assert.ok(
        Date.parse(delivery.sentAt!) < dueAt,
        `sent ${since(delivery.sentAt)} after the server was up, before its own retry (${since(waiting[i]!.notBefore)}): brought forward by the probe (sent ${since(sent[EMAILS]!.sentAt)})`,
      );
      assert.equal(delivery.attempts, waiting[i]!.attempts + 1, 'one more attempt, the one that got through');
    }
    for (const id of ids) {
      const statuses = seen.get(id)!;
      assert.ok(statuses.has('retrying'), `the console showed ${id} retrying`);
      assert.ok(!statuses.has('failed'), `the console never showed ${id} failed (${[...statuses].join(', ')})`);
      const api = await apiStatus(id);
      assert.equal(api.status, 'sent', 'the API says sent');
      assert.equal(api.notBefore, null, 'brought forward: no retry time left (a delivery retried on its own schedule keeps it)');
    }

    // Exactly once: by Message-ID and by recipient and subject.
    const mails = smtp.received.filter((mail) => mail.subject.startsWith('Outage'));
    assert.equal(mails.length, EMAILS + 1);
    assert.equal(new Set(mails.map((mail) => mail.messageId)).size, EMAILS + 1, 'every Message-ID once');
    for (const [i, subject] of [...subjects, 'Outage over'].entries()) {
      const to = i < EMAILS ? RECIPIENTS[i % RECIPIENTS.length]!.email : RECIPIENTS[0]!.email;
      assert.equal(mails.filter((mail) => mail.subject === subject && mail.to.includes(to)).length, 1, `"${subject}" to ${to} once`);
    }
  });
});
