/**
 * Notifications through real parts: the platform over HTTP, its database, its
 * job queue, and a real SMTP server (smtp-server, in this process) that
 * refuses Anna's address for good and Pēteris's once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Principal } from '../src/platform/http/auth.js';
import { AppError } from '../src/platform/errors.js';
import type { InboxItem, InboxPage } from '../src/modules/notifications/index.js';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from '../src/modules/notifications/notifications.fixtures.js';
import { callApi, eventually, expectJson as ok, expectProblem as problem } from './support/http.js';
import { signedIn, startTestPlatform, type TestPlatform } from './support/platform.js';
import { accessTokenFor, demoRp, institutionToken } from './support/sso.js';

const JANIS = '150685-12347';
const ANNA = '230390-11113';
const PETERIS = '081275-05556';
const RATE_LIMIT = 15;

interface Delivery {
  channel: string;
  status: string;
  attempts: number;
  error: string | null;
}
interface NotificationStatus {
  id: string;
  reference: string | null;
  language: string;
  deliveries: Delivery[];
}

let platform: TestPlatform;
let smtp: TestSmtp;
const tokens: Record<'janis' | 'anna' | 'peteris' | 'institution', string> = { janis: '', anna: '', peteris: '', institution: '' };
type Who = keyof typeof tokens | null;

const call = (method: string, path: string, who: Who, json?: unknown): Promise<Response> => callApi(platform.url, method, path, who ? tokens[who] : null, { json });

async function applyAsJanis(): Promise<{ applicationId: string; number: string }> {
  const residence = await ok<{ id: string }>(await call('GET', '/api/v1/services/dzivesvietas-deklaresana', null));
  return ok(
    await call('POST', '/api/v1/applications', 'janis', {
      serviceId: residence.id,
      data: { fullName: 'Jānis Bērziņš', email: 'janis.berzins@example.com', address: 'Brīvības iela 1-2, Rīga, LV-1010', movedInOn: '2026-01-05', basis: 'owner', consent: true },
    }),
    201,
  );
}

const statusOf = (id: string): Promise<NotificationStatus> => call('GET', `/api/v1/notifications/${id}`, 'institution').then((r) => ok<NotificationStatus>(r));
const email = (status: NotificationStatus): Delivery | undefined => status.deliveries.find((delivery) => delivery.channel === 'email');
const mailsTo = (address: string, subject: string): ReceivedMail[] => smtp.received.filter((mail) => mail.to.includes(address) && mail.subject === subject);

before(async () => {
  smtp = await startTestSmtp({
    refuse: (recipient, attempt) => {
      if (recipient === 'anna.kalnina@example.com') return 550;
      if (recipient === 'peteris.ozols@example.com' && attempt === 1) return 451;
      return undefined;
    },
  });
  platform = await startTestPlatform({ env: { SMTP_URL: smtp.url, NOTIFICATIONS_RATE_LIMIT: String(RATE_LIMIT), NOTIFICATIONS_RETRY_SECONDS: '1' } });
  const rp = await demoRp(platform);
  tokens.janis = await accessTokenFor(platform, rp, 'Jānis Bērziņš');
  tokens.anna = await accessTokenFor(platform, rp, 'Anna Kalniņa');
  tokens.peteris = await accessTokenFor(platform, rp, 'Pēteris Ozols');
  tokens.institution = await institutionToken(platform, 'applications.read applications.write mandates.read notifications.send');
});
after(async () => {
  await platform?.close();
  await smtp?.close();
});

describe('notifications', () => {
  test('an institution’s status change e-mails Jānis in Latvian with the number and a working direct link; the same item is in his inbox', async () => {
    const receipt = await applyAsJanis();
    const moved = await call('POST', `/api/v1/applications/${receipt.applicationId}/status`, 'institution', { code: 'in_progress', eventId: 'notifications-1', noteForApplicant: 'Pārbaudām adresi.' });
    assert.ok(moved.status < 300, `the status was recorded (${moved.status})`);

    // PMLP words in_progress as "Izskatīšanā".
    const subject = `Pieteikums ${receipt.number}: Izskatīšanā`;
    await smtp.waitFor(() => mailsTo('janis.berzins@example.com', subject).length > 0);
    const [mail] = mailsTo('janis.berzins@example.com', subject);
    assert.ok(mail);
    const link = `${platform.url}/workspace/applications/${receipt.number}`;
    assert.equal(mail.language, 'lv');
    assert.match(mail.text, /^Labdien, Jānis Bērziņš!/);
    assert.ok(mail.text.includes('Pārbaudām adresi.'), mail.text);
    assert.ok(mail.text.includes(link), mail.text);
    assert.ok(mail.html.includes(`<a href="${link}">`), 'the HTML part links the application');
    assert.match(mail.messageId, /^<[0-9a-f-]{36}@127\.0\.0\.1>$/);

    // The direct link opens the application for Jānis.
    const browser = await signedIn(platform, 'Jānis Bērziņš');
    const opened = await browser.navigate(link);
    assert.equal(opened.response.status, 200);
    assert.ok((await opened.response.text()).includes(receipt.number));

    const inbox = await ok<InboxPage>(await call('GET', '/api/v1/me/notifications', 'janis'));
    const item = inbox.items.find((entry) => entry.subject === subject);
    assert.ok(item, 'the same notification is in the inbox');
    assert.equal(item.kind, 'status');
    assert.equal(item.link, `/workspace/applications/${receipt.number}`);
    assert.equal(item.applicationId, receipt.applicationId);
    assert.equal(item.text, mail.text.trim());
    // Newest first: the in_progress notice comes before the one of the submission.
    const submitted = inbox.items.findIndex((entry) => entry.subject === `Pieteikums ${receipt.number}: Iesniegts`);
    assert.ok(submitted > inbox.items.indexOf(item), 'newest first');
  });

  test('the demo institution sends Jānis a message by personal code alone: inbox and e-mail; a retry with the same reference sends nothing more', async () => {
    const body = {
      recipient: { personalCode: JANIS },
      template: 'message',
      personalisation: { subject: 'Jūsu pase ir gatava', body: 'Pasi varat saņemt Rīgā, Alauksta ielā 6.', 'subject:en': 'Your passport is ready', 'body:en': 'Collect it at Alauksta iela 6, Riga.' },
      reference: 'pmlp-passport-1',
    };
    const first = await call('POST', '/api/v1/notifications', 'institution', body);
    const created = await ok<NotificationStatus>(first, 201);
    assert.equal(first.headers.get('location'), `/api/v1/notifications/${created.id}`);
    assert.equal(created.reference, 'pmlp-passport-1');
    assert.equal(created.language, 'lv');
    assert.deepEqual(created.deliveries.map((delivery) => delivery.channel).sort(), ['email', 'inbox']);

    const sent = await eventually(() => statusOf(created.id), (status) => email(status)?.status === 'sent', 'the e-mail is sent');
    assert.equal(email(sent)?.attempts, 1);
    assert.equal(sent.deliveries.find((delivery) => delivery.channel === 'inbox')?.status, 'delivered');
    const mails = mailsTo('janis.berzins@example.com', 'Jūsu pase ir gatava');
    assert.equal(mails.length, 1);
    assert.ok(mails[0]?.text.includes('Pasi varat saņemt Rīgā, Alauksta ielā 6.'));
    assert.ok(mails[0]?.text.includes('Pilsonības un migrācijas lietu pārvalde'), 'signed by the sending institution');

    // The same reference again: the same notification, nothing more sent.
    const again = await ok<NotificationStatus>(await call('POST', '/api/v1/notifications', 'institution', body), 200);
    assert.equal(again.id, created.id);
    assert.deepEqual(again.deliveries, sent.deliveries);
    assert.equal(mailsTo('janis.berzins@example.com', 'Jūsu pase ir gatava').length, 1);

    const inbox = await ok<InboxPage>(await call('GET', '/api/v1/me/notifications', 'janis'));
    assert.equal(inbox.items.filter((item) => item.subject === 'Jūsu pase ir gatava').length, 1);
  });

  test('a refused address fails for good with the reason (the dead letter); a passing refusal is retried and sent, in the person’s language', async () => {
    const toAnna = await ok<NotificationStatus>(
      await call('POST', '/api/v1/notifications', 'institution', { recipient: { personalCode: ANNA }, template: 'message', personalisation: { subject: 'Sveiki', body: 'Teksts.' }, reference: 'anna-1' }),
      201,
    );
    const failed = await eventually(() => statusOf(toAnna.id), (status) => email(status)?.status === 'failed', 'Anna’s e-mail fails');
    assert.match(email(failed)?.error ?? '', /550/);
    assert.equal(email(failed)?.attempts, 1, 'a permanent refusal is not retried');
    const dead = await platform.notifications!.service.failedDeliveries();
    assert.ok(dead.some((entry) => entry.notificationId === toAnna.id && entry.channel === 'email' && entry.recipient === ANNA));

    // Pēteris reads in English.
    await ok(await call('PUT', '/api/v1/me/notification-preferences', 'peteris', { language: 'en' }));
    const toPeteris = await ok<NotificationStatus>(
      await call('POST', '/api/v1/notifications', 'institution', {
        recipient: { personalCode: PETERIS },
        template: 'message',
        personalisation: { subject: 'Sveiki', body: 'Teksts.', 'subject:en': 'Hello from PMLP', 'body:en': 'The text.' },
        reference: 'peteris-1',
      }),
      201,
    );
    assert.equal(toPeteris.language, 'en');
    const sent = await eventually(() => statusOf(toPeteris.id), (status) => email(status)?.status === 'sent', 'Pēteris’s e-mail is sent after a retry');
    assert.equal(email(sent)?.attempts, 2);
    const mails = mailsTo('peteris.ozols@example.com', 'Hello from PMLP');
    assert.equal(mails.length, 1);
    assert.equal(mails[0]?.language, 'en');
    assert.match(mails[0]?.text ?? '', /^Hello Pēteris Ozols,/);
  });

  test('a mandate granted reaches the representative’s inbox', async () => {
    await ok(await call('POST', '/api/v1/mandates', 'janis', { representative: { personalCode: ANNA }, scope: { allServices: true } }), 201);
    const inbox = await eventually(
      () => call('GET', '/api/v1/me/notifications', 'anna').then((r) => ok<InboxPage>(r)),
      (page) => page.items.some((item) => item.kind === 'mandate'),
      'Anna is told of the mandate',
    );
    const item = inbox.items.find((entry) => entry.kind === 'mandate');
    assert.equal(item?.subject, 'Jums piešķirts pilnvarojums');
    assert.ok(item?.text.includes('Jānis Bērziņš jūs pilnvaroja'), item?.text);
    assert.equal(item?.link, '/workspace/mandates');
  });

  test('the inbox pages newest first and marks read; nobody else can touch it', async () => {
    const all = await ok<InboxPage>(await call('GET', '/api/v1/me/notifications', 'janis'));
    assert.ok(all.total >= 3);
    assert.equal(all.unread, all.total);
    const first = await ok<InboxPage>(await call('GET', '/api/v1/me/notifications?limit=1', 'janis'));
    const second = await ok<InboxPage>(await call('GET', '/api/v1/me/notifications?limit=1&offset=1', 'janis'));
    assert.deepEqual([first.items[0]?.id, second.items[0]?.id], [all.items[0]?.id, all.items[1]?.id]);

    const id = all.items[0]!.id;
    await problem(await call('POST', `/api/v1/me/notifications/${id}/read`, 'anna'), 404, 'notifications.not-found');
    const read = await ok<InboxItem>(await call('POST', `/api/v1/me/notifications/${id}/read`, 'janis'));
    assert.ok(read.readAt);
    const unread = await ok<InboxPage>(await call('GET', '/api/v1/me/notifications?unread=true', 'janis'));
    assert.equal(unread.unread, all.unread - 1);
    assert.ok(!unread.items.some((item) => item.id === id));
    await problem(await call('GET', '/api/v1/me/notifications', null), 401);
    await problem(await call('GET', '/api/v1/me/notifications', 'institution'), 403, 'notifications.persons-only');
  });

  test('mistakes are problems with stable types, and the API is in the OpenAPI document', async () => {
    const send = (body: unknown, who: Who = 'institution') => call('POST', '/api/v1/notifications', who, body);
    const message = { template: 'message', personalisation: { subject: 'S', body: 'B' } };
    const badCode = await problem(await send({ ...message, recipient: { personalCode: '150685-12348' } }), 400, 'notifications.invalid-input');
    assert.equal(badCode.errors?.[0]?.pointer, '#/recipient/personalCode');
    const noBody = await problem(await send({ recipient: { personalCode: JANIS }, template: 'message', personalisation: { subject: 'S' } }), 400, 'notifications.invalid-input');
    assert.equal(noBody.errors?.[0]?.pointer, '#/personalisation/body');
    await problem(await send({ ...message, recipient: { personalCode: JANIS }, template: 'nonsense' }), 400, 'validation');
    await problem(await send({ ...message, recipient: { personalCode: JANIS }, applicationId: '2026-999999' }), 404, 'applications.not-found');
    await problem(await send({ ...message, recipient: { personalCode: JANIS } }, 'janis'), 403);
    await problem(await send({ ...message, recipient: { personalCode: JANIS } }, null), 401);
    await problem(await call('GET', '/api/v1/notifications/not-an-id', 'institution'), 404, 'notifications.not-found');
    const someoneElses = (await ok<InboxPage>(await call('GET', '/api/v1/me/notifications', 'janis'))).items.find((item) => item.kind === 'status');
    await problem(await call('GET', `/api/v1/notifications/${someoneElses!.id}`, 'institution'), 404, 'notifications.not-found');

    const openapi = await ok<{ paths: Record<string, Record<string, { tags?: string[] }>> }>(await call('GET', '/openapi.json', null));
    for (const [path, method] of [
      ['/api/v1/notifications', 'post'],
      ['/api/v1/notifications/{id}', 'get'],
      ['/api/v1/me/notifications', 'get'],
    ] as const) {
      assert.deepEqual(openapi.paths[path]?.[method]?.tags, ['notifications'], `${method} ${path} is documented`);
    }
  });

  test('an institution words its service’s requests its own way: the preview shows it and the next e-mail uses it; others may not', async () => {
    const service = platform.notifications!.service;
    const residence = await ok<{ id: string; institutionId: string }>(await call('GET', '/api/v1/services/dzivesvietas-deklaresana', null));
    const ilze: Principal = { subject: 'person:120479-43216', kind: 'person', via: 'session', personalCode: '120479-43216', roles: [{ role: 'service_manager', institutionId: residence.institutionId }], scopes: [] };
    const anna: Principal = { subject: `person:${ANNA}`, kind: 'person', via: 'session', personalCode: ANNA, roles: [], scopes: [] };
    const text = { subject: 'PMLP: {number} gaida jūsu atbildi', body: '{greeting}\n\nLūdzam: {awaiting}\n\n{link}', short: 'PMLP: {number}. {link}' };
    await assert.rejects(service.saveTemplateOverride(anna, residence.id, 'request', 'lv', text), (error: unknown) => error instanceof AppError && error.code === 'notifications.not-service-manager');
    await service.saveTemplateOverride(ilze, residence.id, 'request', 'lv', text);
    const preview = await service.renderPreview({ serviceId: residence.id, kind: 'request', language: 'lv' });
    assert.equal(preview.subject, 'PMLP: 2026-000123 gaida jūsu atbildi');
    assert.match(preview.text, /^Labdien, Jānis Bērziņš!\n\nLūdzam: Lūdzu, pievienojiet īres līgumu\./);

    const receipt = await applyAsJanis();
    const asked = await call('POST', `/api/v1/applications/${receipt.applicationId}/status`, 'institution', { code: 'awaiting_client', awaiting: 'Pievienojiet īres līgumu.', eventId: 'notifications-ask-1' });
    assert.ok(asked.status < 300, `the request was recorded (${asked.status})`);
    const subject = `PMLP: ${receipt.number} gaida jūsu atbildi`;
    await smtp.waitFor(() => mailsTo('janis.berzins@example.com', subject).length > 0);
    assert.match(mailsTo('janis.berzins@example.com', subject)[0]?.text ?? '', /Lūdzam: Pievienojiet īres līgumu\./);
    // The platform's own wording stays for English and for other kinds.
    assert.equal((await service.renderPreview({ serviceId: residence.id, kind: 'request', language: 'en' })).subject, 'Application 2026-000123: information requested');
  });

  test('past its per-minute limit a client gets 429 with Retry-After, counted in the database', async () => {
    let limited: Response | undefined;
    // Twice the limit: whatever the minute boundary, one window overflows.
    for (let i = 0; i < RATE_LIMIT * 2 && !limited; i++) {
      const response = await call('POST', '/api/v1/notifications', 'institution', { recipient: { personalCode: JANIS }, template: 'message', personalisation: { subject: `Burst ${i}`, body: '.' } });
      if (response.status === 429) limited = response;
      else assert.ok(response.status === 201, `answered ${response.status}`);
    }
    assert.ok(limited, 'the limit was reached');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${retryAfter}`);
    const body = await problem(limited, 429, 'notifications.rate-limited');
    assert.match(body.detail, /try again/);
  });

  test('notifications made together (a batch of events): each once and in order in the inbox, each e-mailed once; a key again is the same notification', async () => {
    const service = platform.notifications!.service;
    const key = (label: string): string => `batch-test:${label}`;
    const input = (label: string) => ({ dedupKey: key(label), recipient: JANIS, kind: 'message' as const, template: 'message' as const, personalisation: { subject: `Kopā ${label}`, body: '.' } });
    const first = await service.notifyAll([input('A'), input('B'), input('A'), input('C')]);
    assert.deepEqual(
      first.map((made) => made.created),
      [true, true, false, true],
    );
    assert.equal(first[2]!.id, first[0]!.id, 'a key given twice is one notification');
    const second = await service.notifyAll([input('D'), input('A')]);
    assert.deepEqual(second, [{ id: second[0]!.id, created: true }, { id: first[0]!.id, created: false }]);

    const inbox = await ok<InboxPage>(await call('GET', '/api/v1/me/notifications?limit=10', 'janis'));
    assert.deepEqual(
      inbox.items.filter((item) => item.subject.startsWith('Kopā')).map((item) => item.subject),
      ['Kopā D', 'Kopā C', 'Kopā B', 'Kopā A'],
      'newest first, in the order made',
    );
    await eventually(
      async () => ['A', 'B', 'C', 'D'].map((label) => mailsTo('janis.berzins@example.com', `Kopā ${label}`).length),
      (counts) => counts.every((count) => count >= 1),
      'every e-mail arrives',
    );
    assert.deepEqual(
      ['A', 'B', 'C', 'D'].map((label) => mailsTo('janis.berzins@example.com', `Kopā ${label}`).length),
      [1, 1, 1, 1],
    );
  });
});
