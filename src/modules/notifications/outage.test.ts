/**
 * Mail survives a long outage (issue #11). The retry rule doubles the delay
 * from NOTIFICATIONS_RETRY_SECONDS up to NOTIFICATIONS_RETRY_MAX_SECONDS and
 * keeps trying for NOTIFICATIONS_RETRY_HOURS; when a delivery gets through, the
 * channel's deliveries waiting out the outage are brought forward to now.
 *
 * The outage is played fast: a 0.05 s base and a 5 s cap, so the old rule
 * (6 attempts, doubling from the base) would have given up after 1.55 s. The
 * SMTP server (real, in this process) answers 421 to every connection while
 * e-mails are made through the notifications API, and stays down until every
 * delivery has been tried 8 times. Once it is up, one fresh e-mail gets
 * through and the others follow before their own next retry was due, each
 * exactly once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually } from '../../../test/support/http.js';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { institutionToken } from '../../../test/support/sso.js';
import { retryDelay, retryWindowOver } from './delivery.service.js';
import { startTestSmtp, type TestSmtp } from './notifications.fixtures.js';
import type { DeliveryLogEntry, DeliveryView } from './index.js';

const BASE = 0.05;
const CAP = 5;
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
    const ids: string[] = [];
    for (const [i, subject] of subjects.entries()) ids.push(await send(subject, RECIPIENTS[i % RECIPIENTS.length]!.personalCode));

    // Every status the API shows, watched all along.
    const seen = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
    let watching = true;
    const watch = (async () => {
      while (watching) {
        for (const id of ids) seen.get(id)!.add((await apiStatus(id)).status);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    // Down until each delivery was tried 8 times: the old rule had failed them all after its 6th.
    const waiting = await eventually(
      () => logged(ids),
      (deliveries) => deliveries.every((delivery) => delivery.status === 'retrying' && delivery.attempts >= OUTAGE_ATTEMPTS),
      `every delivery tried ${OUTAGE_ATTEMPTS} times while the server is down`,
      120_000,
    );
    assert.equal(smtp.count(), 0, 'nothing got through while down');
    assert.ok(smtp.turnedAway() >= EMAILS * OUTAGE_ATTEMPTS, `${smtp.turnedAway()} connections turned away`);
    for (const delivery of waiting) {
      const first = Date.parse(delivery.firstAttemptAt!);
      const last = Date.parse(delivery.lastAttemptAt!);
      const next = Date.parse(delivery.notBefore!);
      assert.ok((last - first) / 1000 > OLD_WINDOW_SECONDS, `tried for ${(last - first) / 1000} s, beyond the old rule's ${OLD_WINDOW_SECONDS} s`);
      // Attempts keep the doubling delays apart (no hammering) …
      const scheduled = Array.from({ length: delivery.attempts - 1 }, (_, i) => retryDelay(i + 1, BASE, CAP)).reduce((sum, delay) => sum + delay, 0);
      assert.ok((last - first) / 1000 >= scheduled - 0.01, `${delivery.attempts} attempts in ${(last - first) / 1000} s, at least ${scheduled} s apart in all`);
      // … and the next waits the cap, not the doubled delay.
      const uncapped = BASE * 2 ** (delivery.attempts - 1);
      assert.ok(uncapped > CAP + 1, 'the test reaches the cap');
      assert.ok((next - last) / 1000 <= CAP + 1, `the next attempt ${(next - last) / 1000} s after the last: capped at ${CAP} s, not ${uncapped} s`);
    }

    // Back up: a fresh e-mail gets through, and the waiting ones follow before their own retry was due.
    smtp.up();
    const probe = await send('Outage over', RECIPIENTS[0]!.personalCode);
    const sent = await eventually(
      () => logged([...ids, probe]),
      (deliveries) => deliveries.every((delivery) => delivery.status === 'sent' || delivery.status === 'failed'),
      'every delivery is sent',
      60_000,
    );
    watching = false;
    await watch;

    assert.deepEqual(
      sent.map((delivery) => delivery.status),
      [...ids, probe].map(() => 'sent'),
    );
    for (const [i, delivery] of sent.slice(0, EMAILS).entries()) {
      const dueAt = Date.parse(waiting[i]!.notBefore!);
      assert.ok(Date.parse(delivery.sentAt!) < dueAt, `sent at ${delivery.sentAt}, before its own retry at ${waiting[i]!.notBefore}: brought forward`);
      assert.equal(delivery.attempts, waiting[i]!.attempts + 1, 'one more attempt, the one that got through');
    }
    for (const id of ids) {
      const statuses = seen.get(id)!;
      assert.ok(statuses.has('retrying'), `the API showed ${id} retrying`);
      assert.ok(!statuses.has('failed'), `the API never showed ${id} failed (${[...statuses].join(', ')})`);
      assert.equal((await apiStatus(id)).status, 'sent');
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
