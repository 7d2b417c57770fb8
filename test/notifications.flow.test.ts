/**
 * Notifications end to end through the real platform: HTTP, its database, the
 * outbox relay, the job queue and a real SMTP server (smtp-server, in this
 * process). Issue #5's must-shows:
 * - turning e-mail off for status changes stops those e-mails and keeps the inbox item;
 * - an offer rule fires once for the person it concerns and for nobody else;
 * - a service newly published in a followed life event reaches the follower once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import * as client from 'openid-client';
import { createCatalog } from '../src/modules/catalog/index.js';
import { API_SCOPES, createIdentity } from '../src/modules/identity/index.js';
import type { DeliveryLogEntry, InboxItem, InboxPage } from '../src/modules/notifications/index.js';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from '../src/modules/notifications/notifications.fixtures.js';
import { createOffers } from '../src/modules/offers/index.js';
import { serviceContent } from '../src/modules/catalog/catalog.fixtures.js';
import { eventually } from './support/http.js';
import { chooseDemoPerson, startTestPlatform, TestBrowser, type TestPlatform } from './support/platform.js';
import { accessTokenFor, demoRp, institutionToken } from './support/sso.js';

const JANIS = '150685-12347';
const ANNA = '230390-11113';
const JANIS_MAIL = 'janis.berzins@example.com';
const ANNA_MAIL = 'anna.kalnina@example.com';

interface ServiceView {
  id: string;
  slug: string;
  institutionId: string;
  title: { lv: string; en: string };
  status: string;
  version: number;
}

let platform: TestPlatform;
let smtp: TestSmtp;
const tokens: Record<'janis' | 'anna' | 'ilze' | 'pmlp' | 'riga', string> = { janis: '', anna: '', ilze: '', pmlp: '', riga: '' };
type Who = keyof typeof tokens | null;

async function call(method: string, path: string, who: Who, json?: unknown): Promise<Response> {
  const headers: Record<string, string> = who ? { authorization: `Bearer ${tokens[who]}` } : {};
  if (json !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${platform.url}${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json), redirect: 'manual' });
}

async function ok<T>(response: Response, status = 200): Promise<T> {
  assert.equal(response.status, status, `${response.url} answered ${response.status}: ${await response.clone().text()}`);
  return (await response.json()) as T;
}


const inboxOf = async (who: 'janis' | 'anna'): Promise<InboxItem[]> => (await ok<InboxPage>(await call('GET', '/api/v1/me/notifications?limit=100', who))).items;
const mailsTo = (address: string, subject: string): ReceivedMail[] => smtp.received.filter((mail) => mail.to.includes(address) && mail.subject === subject);
const service = (ref: string): Promise<ServiceView> => call('GET', `/api/v1/services/${ref}`, null).then((r) => ok<ServiceView>(r));

/** A notification's deliveries as the console's delivery log shows them. */
async function deliveriesOf(notificationId: string): Promise<DeliveryLogEntry[]> {
  const log = await platform.notifications!.service.deliveryLog(null, { limit: 500 });
  const item = log.items.find((entry) => entry.id === notificationId);
  assert.ok(item, `notification ${notificationId} is in the delivery log`);
  return item.deliveries;
}
const FINAL = new Set(['sent', 'delivered', 'kept', 'failed']);
/** Waits until no delivery of the notification is queued, being sent or waiting for a retry. */
const settled = (notificationId: string): Promise<DeliveryLogEntry[]> =>
  eventually(() => deliveriesOf(notificationId), (deliveries) => deliveries.length > 0 && deliveries.every((delivery) => FINAL.has(delivery.status)), `the deliveries of ${notificationId} settle`);

/** Every outbox event written so far handed out (a fresh pass of the event bus), so "nothing more" is not a matter of waiting long enough. */
const relayed = async (): Promise<void> => void (await platform.bus!.runOnce());

/** Riga's own information system: a client_credentials client of the city (which keeps the birth register), registered as the operator would. */
async function rigaToken(): Promise<string> {
  const riga = await createCatalog(platform.database.db).getInstitution('riga');
  await createIdentity(platform.database.db).registerClient({
    clientId: 'riga-system',
    secret: 'riga-system-secret',
    institutionId: riga.id,
    metadata: { client_name: 'Riga city information system (test)', redirect_uris: [], grant_types: ['client_credentials'], response_types: [], token_endpoint_auth_method: 'client_secret_basic', scope: API_SCOPES.join(' ') },
  });
  const config = await client.discovery(new URL(platform.url), 'riga-system', undefined, client.ClientSecretBasic('riga-system-secret'), { execute: [client.allowInsecureRequests] });
  return (await client.clientCredentialsGrant(config, { scope: 'applications.read applications.write' })).access_token;
}

before(async () => {
  smtp = await startTestSmtp();
  platform = await startTestPlatform({ env: { SMTP_URL: smtp.url, NOTIFICATIONS_RETRY_SECONDS: '1' } });
  const rp = await demoRp(platform);
  tokens.janis = await accessTokenFor(platform, rp, 'Jānis Bērziņš');
  tokens.anna = await accessTokenFor(platform, rp, 'Anna Kalniņa');
  tokens.ilze = await accessTokenFor(platform, rp, 'Ilze Kļaviņa');
  tokens.pmlp = await institutionToken(platform, 'applications.read applications.write');
  tokens.riga = await rigaToken();
});
after(async () => {
  await platform?.close();
  await smtp?.close();
});

describe('notifications end to end', () => {
  test('e-mail off for status changes: no e-mail, the inbox item stays; back on, the next status change is e-mailed', async () => {
    const residence = await service('dzivesvietas-deklaresana');
    const receipt = await ok<{ applicationId: string; number: string }>(
      await call('POST', '/api/v1/applications', 'janis', {
        serviceId: residence.id,
        data: { fullName: 'Jānis Bērziņš', email: JANIS_MAIL, address: 'Brīvības iela 1-2, Rīga, LV-1010', movedInOn: '2026-01-05', basis: 'owner', consent: true },
      }),
      201,
    );
    const off = await ok<{ channels: Record<string, string[]> }>(await call('PUT', '/api/v1/me/notification-preferences', 'janis', { channels: { status: [] } }));
    assert.deepEqual(off.channels.status, []);
    assert.deepEqual(off.channels.result, ['email'], 'other kinds keep their channels');

    const move = async (eventId: string, note: string): Promise<InboxItem> => {
      const moved = await call('POST', `/api/v1/applications/${receipt.applicationId}/status`, 'pmlp', { code: 'in_progress', eventId, noteForApplicant: note });
      assert.equal(moved.status, 201, await moved.clone().text());
      const items = await eventually(() => inboxOf('janis'), (list) => list.some((item) => item.text.includes(note)), `the notice "${note}" reaches the inbox`);
      return items.find((item) => item.text.includes(note))!;
    };
    // PMLP words in_progress as "Izskatīšanā"; both notices carry that subject.
    const subject = `Pieteikums ${receipt.number}: Izskatīšanā`;

    const quiet = await move('flow-status-1', 'Pirmā piezīme.');
    assert.equal(quiet.kind, 'status');
    assert.equal(quiet.subject, subject);
    assert.equal(quiet.applicationId, receipt.applicationId);
    const quietDeliveries = await settled(quiet.id);
    assert.deepEqual(
      quietDeliveries.map((delivery) => [delivery.channel, delivery.status]),
      [['inbox', 'delivered']],
      'only the inbox: no e-mail delivery was made',
    );
    assert.equal(mailsTo(JANIS_MAIL, subject).length, 0, 'no e-mail arrived');

    await ok(await call('PUT', '/api/v1/me/notification-preferences', 'janis', { channels: { status: ['email'] } }));
    const loud = await move('flow-status-2', 'Otrā piezīme.');
    const loudDeliveries = await settled(loud.id);
    assert.deepEqual(loudDeliveries.map((delivery) => [delivery.channel, delivery.status]).sort(), [['email', 'sent'], ['inbox', 'delivered']]);
    await smtp.waitFor(() => mailsTo(JANIS_MAIL, subject).length > 0);
    const mails = mailsTo(JANIS_MAIL, subject);
    assert.equal(mails.length, 1, 'one e-mail: the second notice, never the first');
    assert.ok(mails[0]?.text.includes('Otrā piezīme.'), mails[0]?.text);
    assert.ok(!mails[0]?.text.includes('Pirmā piezīme.'));

    const inbox = await inboxOf('janis');
    assert.deepEqual(
      inbox.filter((item) => item.subject === subject).map((item) => item.id),
      [loud.id, quiet.id],
      'both notices are in the inbox, newest first',
    );
  });

  test('an offer rule fires once for the person it concerns and for nobody else: a birth registered in Riga offers Jānis the child-birth benefit', async () => {
    const [birth, benefit] = await Promise.all([service('dzimsanas-registracija'), service('berna-piedzimsanas-pabalsts')]);
    const riga = await createCatalog(platform.database.db).getInstitution('riga');
    assert.equal(birth.institutionId, riga.id, 'the city keeps the birth register, not PMLP');
    const batch = {
      events: [
        { eventId: 'riga-birth-1', externalId: 'DZ-2026-0042', applicant: JANIS, serviceId: birth.id, code: 'received', occurredAt: '2026-02-02T09:00:00.000Z' },
        { eventId: 'riga-birth-2', externalId: 'DZ-2026-0042', code: 'decided', occurredAt: '2026-02-02T10:00:00.000Z' },
      ],
    };
    const first = await ok<{ applied: number; duplicate: number; refused: number }>(await call('POST', '/api/v1/status-events', 'riga', batch));
    assert.deepEqual([first.applied, first.duplicate, first.refused], [2, 0, 0]);

    const subject = `Piedāvājums: ${benefit.title.lv}`;
    const inbox = await eventually(() => inboxOf('janis'), (list) => list.some((item) => item.kind === 'offer'), 'the offer reaches Jānis');
    const offer = inbox.find((item) => item.kind === 'offer')!;
    assert.equal(offer.subject, subject);
    assert.equal(offer.link, `/services/${benefit.slug}`);
    // Each subscriber reads the outbox on its own, so the decision may come a pass after the offer.
    await eventually(() => inboxOf('janis'), (list) => list.some((item) => item.kind === 'result'), 'the decision itself is in the inbox too');
    await smtp.waitFor(() => mailsTo(JANIS_MAIL, subject).length > 0);
    assert.ok(mailsTo(JANIS_MAIL, subject)[0]?.text.includes(`${platform.url}/services/${benefit.slug}`), 'the e-mail links the offered service');

    // The same batch again: nothing is applied, nothing more is offered or sent.
    const again = await ok<{ applied: number; duplicate: number }>(await call('POST', '/api/v1/status-events', 'riga', batch));
    assert.deepEqual([again.applied, again.duplicate], [0, 2]);
    await relayed();
    const deliveries = await settled(offer.id);
    assert.deepEqual(deliveries.map((delivery) => [delivery.channel, delivery.status]).sort(), [['email', 'sent'], ['inbox', 'delivered']]);
    assert.equal(deliveries.find((delivery) => delivery.channel === 'email')?.attempts, 1, 'the e-mail went once');
    assert.equal((await inboxOf('janis')).filter((item) => item.kind === 'offer').length, 1);
    assert.equal(mailsTo(JANIS_MAIL, subject).length, 1);
    const offers = createOffers(platform.database.db);
    assert.deepEqual((await offers.received(JANIS)).map((received) => [received.serviceId, received.rule]), [[benefit.id, 'birth-registered-child-benefit']]);

    // Nobody else: Anna has no offer and no such e-mail.
    assert.equal((await inboxOf('anna')).filter((item) => item.kind === 'offer').length, 0);
    assert.deepEqual(await offers.received(ANNA), []);
    assert.equal(smtp.received.filter((mail) => mail.subject === subject && !mail.to.includes(JANIS_MAIL)).length, 0);
  });

  test('a service newly published in a followed life event reaches its follower once, and nobody who does not follow it', async () => {
    // Anna follows "moving" on her offers page, without JavaScript.
    const anna = new TestBrowser(platform.url);
    const login = await anna.navigate('/login?returnTo=/workspace/offers');
    await chooseDemoPerson(anna, await login.response.text(), 'Anna Kalniņa');
    const page = await (await anna.request('/workspace/offers')).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const followed = await anna.request('/workspace/offers/events', { form: { _csrf: csrf, event: 'moving' } });
    assert.equal(followed.status, 303);
    const offers = createOffers(platform.database.db);
    assert.deepEqual((await offers.subscriptions(ANNA)).map((subscription) => subscription.topic), ['moving']);

    // Ilze, PMLP's service manager, creates a draft in "moving" and publishes it.
    const pmlp = await createCatalog(platform.database.db).getInstitution('pmlp');
    const title = { lv: 'Adreses maiņas paziņošana kaimiņiem', en: 'Telling the neighbours of a new address' };
    const content = serviceContent({
      title,
      description: { lv: 'Paziņojiet par pārcelšanos.', en: 'Tell them you moved.' },
      events: ['moving'],
      channels: [{ type: 'online', url: 'https://example.lv/kaimini' }],
      languages: ['lv', 'en'],
    });
    const draft = await ok<ServiceView>(await call('POST', '/api/v1/services', 'ilze', { institutionId: pmlp.id, ...content }), 201);
    assert.equal(draft.status, 'draft');
    const announcements = async (): Promise<number> => {
      const result = await sql<{ n: number }>`select count(*)::int as n from platform.outbox where type = 'catalog.service_published' and data->>'serviceId' = ${draft.id}`.execute(platform.database.db);
      return result.rows[0]?.n ?? 0;
    };
    assert.equal(await announcements(), 0, 'a draft is not announced');

    const published = await ok<ServiceView>(await call('POST', `/api/v1/services/${draft.id}/publish`, 'ilze'));
    assert.equal(published.status, 'published');
    assert.equal(await announcements(), 1, 'the publication is announced in its own transaction');
    const subject = `Piedāvājums: ${title.lv}`;
    const inbox = await eventually(() => inboxOf('anna'), (list) => list.some((item) => item.subject === subject), 'the offer reaches Anna');
    const offer = inbox.find((item) => item.subject === subject)!;
    assert.equal(offer.kind, 'offer');
    assert.equal(offer.link, `/services/${published.slug}`);
    await smtp.waitFor(() => mailsTo(ANNA_MAIL, subject).length > 0);

    // Editing the published service announces nothing; withdrawing and publishing again is announced, and offers nothing more.
    const edited = await ok<ServiceView>(await call('PUT', `/api/v1/services/${draft.id}`, 'ilze', { ...content, description: { lv: 'Vēl viens teikums.', en: 'One more sentence.' } }));
    assert.equal(edited.version, published.version + 1);
    assert.equal(await announcements(), 1, 'an edit of a published service is not a publication');
    await ok(await call('POST', `/api/v1/services/${draft.id}/withdraw`, 'ilze'));
    await ok(await call('POST', `/api/v1/services/${draft.id}/publish`, 'ilze'));
    assert.equal(await announcements(), 2);
    await relayed();
    await settled(offer.id);
    assert.equal((await inboxOf('anna')).filter((item) => item.subject === subject).length, 1, 'Anna is offered it once');
    assert.equal(mailsTo(ANNA_MAIL, subject).length, 1);
    assert.deepEqual((await offers.received(ANNA)).map((received) => received.serviceId), [draft.id]);

    // Jānis does not follow "moving": nothing for him.
    assert.equal((await inboxOf('janis')).filter((item) => item.subject === subject).length, 0);
    assert.ok(!(await offers.received(JANIS)).some((received) => received.serviceId === draft.id));
    assert.equal(mailsTo(JANIS_MAIL, subject).length, 0);
  });
});
