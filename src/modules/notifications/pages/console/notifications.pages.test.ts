/**
 * The console's notification pages over the real platform with its demo
 * data, its job queue and a real SMTP server (smtp-server in this process,
 * refusing Anna's address for good), as a browser without JavaScript (the
 * workspace inbox is tested in pages/workspace/inbox.pages.test.ts):
 * - Ilze (PMLP) sees PMLP's notifications with the delivery per channel, the
 *   per-channel counts and filters, not other institutions'; Anna gets 403;
 * - a delivery the SMTP server refuses (550) is in the dead letters with its
 *   reason and can be retried (the server is asked again);
 * - without SMTP_URL the mail outbox shows the e-mail to platform admins;
 * - Ilze words a service's status notifications her way: errors inline, the
 *   preview fills in her text, the next notification uses it, removing it
 *   brings the platform's wording back; others may not;
 * - in Chromium, the console's notification pages have no WCAG 2.1 A/AA violations.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestSmtp, type TestSmtp } from '../../notifications.fixtures.js';
import type { InboxItem } from '../../index.js';
import { expectAccessible, launchChromium, signInPage, skipBrowser } from '../../../../../test/support/browser.js';
import { callApi, eventually, expectJson as ok } from '../../../../../test/support/http.js';
import { csrfOf, decodeHtml as decode, pageHtml as page, postAndFollow as post, signedIn, startTestPlatform, TestBrowser, type TestPlatform } from '../../../../../test/support/platform.js';
import { moveToInProgress as moveJourney, waitForInbox as waitJourney, startResidenceJourney } from '../../../../../test/support/journeys.js';

const JANIS = '150685-12347';
const ANNA = '230390-11113';

let platform: TestPlatform;
let smtp: TestSmtp;
let annaAttempts = 0;
let tokens = { janis: '', institution: '' };
let residenceId = '';
/** Jānis's application and the subject of its in_progress notification */
let receipt = { applicationId: '', number: '' };
let subject = '';

const call = (method: string, path: string, token: string | null, json?: unknown): Promise<Response> => callApi(platform.url, method, path, token, { json });

const moveToInProgress = (applicationId: string, eventId: string, target: TestPlatform = platform, token = tokens.institution) => moveJourney(target, token, applicationId, eventId);
const inboxOf = (code: string, target: TestPlatform = platform) => target.notifications!.service.inbox(code, { limit: 100 });
const waitForInbox = (code: string, wanted: string, target: TestPlatform = platform): Promise<InboxItem> => waitJourney(target, code, wanted);

/** A plain-HTTP browser signed in as `name`. */
const signIn = (name: string, target: TestPlatform = platform, returnTo = '/workspace'): Promise<TestBrowser> => signedIn(target, name, returnTo);


/** The console row of a notification, from its <tr> to its </tr>. */
const rowOf = (html: string, id: string): string => /<tr class="govuk-table__row" data-id="[^"]+">[\s\S]*?<\/tr>/g.exec(html.slice(html.indexOf(`data-id="${id}"`) - 40))?.[0] ?? '';

before(async () => {
  smtp = await startTestSmtp({
    refuse: (recipient) => {
      if (recipient !== 'anna.kalnina@example.com') return undefined;
      annaAttempts += 1;
      return 550;
    },
  });
  platform = await startTestPlatform({ env: { SMTP_URL: smtp.url, NOTIFICATIONS_RETRY_SECONDS: '1' } });
  ({ tokens, residenceId, receipt, subject } = await startResidenceJourney(platform));
});

after(async () => {
  await platform?.close();
  await smtp?.close();
});

describe('the console', () => {
  test('Ilze sees PMLP’s notifications with the delivery per channel and the counts; not others’; Anna gets 403', async () => {
    const service = platform.notifications!.service;
    const item = (await inboxOf(JANIS)).items.find((entry) => entry.subject === subject) as InboxItem;
    // The e-mail of the status change goes out; a notification of no institution is made too.
    await eventually(
      () => service.deliveryLog(null, { channel: 'email', status: 'sent', limit: 100 }),
      (log) => log.items.some((entry) => entry.id === item.id),
      'the e-mail is sent',
    );
    await service.notify({ dedupKey: 'pages-platform-1', recipient: ANNA, kind: 'mandate', template: 'mandate', personalisation: { action: 'granted', grantor: 'Jānis Bērziņš' } });

    const ilze = await signIn('Ilze Kļaviņa', platform, '/console');
    const home = await page(ilze, '/console');
    assert.ok(home.includes('href="/console/notifications"'), 'the console home offers the notifications');
    const list = await page(ilze, '/console/notifications');
    assert.ok(list.includes('Paziņojumi: PMLP'), 'her institution, by its short name');
    // This platform's retry settings (NOTIFICATIONS_RETRY_SECONDS 1; the cap and window by default), in words.
    assert.match(decode(list), /id="retries"[^>]*>Neizdevušos mēģinājumu atkārto: starplaiks sākumā ir 1 sekunde, ik reizi divreiz ilgāks, bet ne vairāk kā 10 minūtes, un tā 24 stundas kopš pirmā mēģinājuma/);
    const row = rowOf(list, item.id);
    assert.ok(row.includes(subject), 'her institution’s notification is listed');
    assert.match(row, /data-channel="inbox" data-status="delivered"/);
    assert.match(row, /data-channel="email" data-status="sent"/);
    assert.match(row, /1 mēģinājums, pēdējais /, 'attempts and the last attempt');
    assert.ok(!list.includes('Jums piešķirts pilnvarojums'), 'not a notification of another institution');
    assert.match(list, /id="counts-day"[\s\S]*?data-channel="email"[\s\S]*?data-status="sent"[^>]*>(\d+)</);

    const failedOnly = await page(ilze, '/console/notifications?institution=pmlp&channel=email&status=failed');
    assert.ok(!failedOnly.includes(`data-id="${item.id}"`), 'the filters narrow the list');
    assert.ok((await page(ilze, '/console/notifications?channel=nonsense&status=%00&page=-1')).includes(subject), 'nonsense filters are ignored');
    await page(ilze, '/console/notifications/outbox', 403);

    const roberts = await signIn('Roberts Liepa', platform, '/console');
    const everything = await page(roberts, '/console/notifications');
    assert.ok(everything.includes('Jums piešķirts pilnvarojums'), 'platform staff see every notification');
    assert.ok((await page(roberts, '/console/notifications?institution=pmlp&channel=email')).includes(subject), 'and may look at one institution’s');
    assert.ok(everything.includes('href="/console/notifications/outbox"'));
    const english = decode(await page(roberts, '/en/console/notifications'));
    assert.ok(english.includes('Deliveries per channel'));
    assert.match(english, /A failed attempt is tried again after 1 second, each wait twice as long as the last but at most 10 minutes, for 24 hours from the first attempt/);

    const anna = await signIn('Anna Kalniņa', platform, '/workspace');
    await page(anna, '/console/notifications', 403);
    await page(anna, '/console/notifications/failed', 403);
  });

  test('a delivery the mail server refuses is a dead letter with its reason, and can be retried', async () => {
    const sent = await ok<{ id: string }>(
      await call('POST', '/api/v1/notifications', tokens.institution, { recipient: { personalCode: ANNA }, template: 'message', personalisation: { subject: 'Jūsu pase', body: 'Teksts.' }, reference: 'pages-anna-1' }),
      201,
    );
    const failedOf = () => platform.notifications!.service.failedDeliveries({ limit: 100 });
    const dead = await eventually(failedOf, (list) => list.some((entry) => entry.notificationId === sent.id), 'Anna’s e-mail fails');
    const delivery = dead.find((entry) => entry.notificationId === sent.id)!;
    const before = annaAttempts;

    const ilze = await signIn('Ilze Kļaviņa', platform, '/console');
    const list = await page(ilze, '/console/notifications?status=failed');
    assert.match(rowOf(list, sent.id), /data-status="failed"[\s\S]*?Iemesls: [^<]*550/);
    const failed = await page(ilze, '/console/notifications/failed');
    const row = /<tr class="govuk-table__row" data-delivery="[^"]+"[\s\S]*?<\/tr>/.exec(failed.slice(failed.indexOf(`data-delivery="${delivery.deliveryId}"`) - 40))?.[0] ?? '';
    assert.ok(row.includes(ANNA) && /550/.test(row), 'the recipient and the reason');

    const forged = await ilze.request(`/console/notifications/deliveries/${delivery.deliveryId}/retry`, { form: { _csrf: 'forged' } });
    assert.equal(forged.status, 403);
    const retried = await post(ilze, `/console/notifications/deliveries/${delivery.deliveryId}/retry?institution=pmlp`, { _csrf: csrfOf(failed) });
    assert.equal(retried.status, 303);
    assert.ok(retried.html.includes('Piegāde ielikta rindā no jauna.'));
    await eventually(async () => annaAttempts, (count) => count > before, 'the server is asked again');
    const again = await eventually(failedOf, (list) => list.some((entry) => entry.deliveryId === delivery.deliveryId), 'it fails again');
    assert.equal(again.find((entry) => entry.deliveryId === delivery.deliveryId)?.attempts, 1, 'a fresh set of attempts');

    const nonsense = await post(ilze, '/console/notifications/deliveries/not-an-id/retry', { _csrf: csrfOf(failed) });
    assert.equal(nonsense.status, 303);
    assert.ok(nonsense.html.includes('vairs negaida atkārtošanu'));
  });
});

describe('template overrides', () => {
  const text = { subject: 'PMLP ziņo: {number} – {status}', body: '{greeting}\n\nPMLP: jūsu pieteikums {number} tagad ir “{status}”.\n\n{link}', short: 'PMLP: {number} – {status}' };
  const form = (csrf: string, action: 'save' | 'preview', value = text): Record<string, string> => ({
    _csrf: csrf,
    kind: 'status',
    language: 'lv',
    action,
    'template.subject': value.subject,
    'template.body': value.body.replace(/\n/g, '\r\n'),
    'template.short': value.short,
  });

  test('Ilze previews, saves and removes her wording; the next notification uses it; errors are inline; others may not', async () => {
    const service = platform.notifications!.service;
    const ilze = await signIn('Ilze Kļaviņa', platform, '/console');
    assert.ok((await page(ilze, `/console/services/${residenceId}`)).includes(`href="/console/services/${residenceId}/notifications"`), 'the service page links here');
    const path = `/console/services/${residenceId}/notifications`;
    const shown = await page(ilze, `${path}?kind=status&language=lv`);
    assert.ok(shown.includes('{serviceTitle}') && shown.includes('{expectedDate}'), 'the placeholders are listed');
    assert.ok(shown.includes('Pieteikums {number}: {status}'), 'the platform’s wording to start from');

    const broken = await post(ilze, path, form(csrfOf(shown), 'save', { ...text, subject: '', body: 'Sveiki, {password}' }));
    assert.equal(broken.status, 400);
    assert.match(broken.html, /<title>Kļūda:/);
    assert.match(broken.html, /id="template-subject-error"[\s\S]*?Ievadiet tematu/);
    assert.match(broken.html, /id="template-body-error"[\s\S]*?Šādu aizstājēju nav: password/);
    const unclosed = await post(ilze, path, form(csrfOf(shown), 'preview', { ...text, short: '{number' }));
    assert.equal(unclosed.status, 400);
    assert.match(unclosed.html, /id="template-short-error"[\s\S]*?kļūda figūriekavās/);

    const preview = await post(ilze, path, form(csrfOf(shown), 'preview'));
    assert.equal(preview.status, 200);
    const section = /<section[^>]*id="preview"[\s\S]*?<\/section>/.exec(preview.html)?.[0] ?? '';
    assert.ok(section.includes('PMLP ziņo: 2026-000123 – Izskatīšanā'), 'her subject, filled in');
    assert.ok(decode(section).includes('Labdien, Jānis Bērziņš!') && decode(section).includes('tagad ir “Izskatīšanā”'), 'her text, filled in');
    assert.deepEqual(await service.templateOverrides(residenceId), [], 'a preview saves nothing');

    const saved = await post(ilze, path, form(csrfOf(shown), 'save'));
    assert.equal(saved.status, 303);
    assert.ok(saved.html.includes('Teksts saglabāts.'));
    assert.match(saved.html, /data-kind="status"[\s\S]*?data-language="lv" data-own="true"/);
    const overrides = await service.templateOverrides(residenceId);
    assert.deepEqual(
      overrides.map((o) => [o.kind, o.language, o.text.body]),
      [['status', 'lv', text.body]],
      'kept with LF line breaks',
    );

    await moveToInProgress(receipt.applicationId, 'pages-override-1');
    const own = await waitForInbox(JANIS, `PMLP ziņo: ${receipt.number} – Izskatīšanā`);
    assert.ok(own.text.includes(`PMLP: jūsu pieteikums ${receipt.number} tagad ir “Izskatīšanā”.`), own.text);

    const removed = await post(ilze, `${path}/remove`, { _csrf: csrfOf(saved.html), kind: 'status', language: 'lv' });
    assert.equal(removed.status, 303);
    assert.ok(removed.html.includes('atkal izmanto platformas tekstu'));
    assert.deepEqual(await service.templateOverrides(residenceId), []);
    const before = (await inboxOf(JANIS)).items.filter((entry) => entry.subject === subject).length;
    await moveToInProgress(receipt.applicationId, 'pages-override-2');
    await eventually(
      () => inboxOf(JANIS),
      (inbox) => inbox.items.filter((entry) => entry.subject === subject).length > before,
      'the platform’s wording is back',
    );

    const forgedKind = await post(ilze, path, { ...form(csrfOf(shown), 'save'), kind: 'mandate' });
    assert.equal(forgedKind.status, 404, 'a kind of no service is refused, not a 500');
    const roberts = await signIn('Roberts Liepa', platform, '/console');
    await page(roberts, path, 403);
    // The platform's administrator edits the service (and its e-form), but is not offered texts he may not change.
    const editor = await page(roberts, `/console/services/${residenceId}`);
    assert.ok(editor.includes(`href="/console/services/${residenceId}/form"`) && !editor.includes(`href="${path}"`), 'Roberts’s service page has no link to the texts');
    const anna = await signIn('Anna Kalniņa');
    await page(anna, path, 403);
    await page(ilze, '/console/services/not-a-service/notifications', 404);
  });
});

describe('without SMTP_URL', () => {
  let local: TestPlatform;
  before(async () => {
    local = await startTestPlatform();
  });
  after(async () => {
    await local?.close();
  });

  test('the e-mail is kept in the mail outbox, which platform admins see', async () => {
    await local.notifications!.service.notify({
      dedupKey: 'pages-outbox-1',
      recipient: JANIS,
      kind: 'message',
      template: 'message',
      personalisation: { subject: 'Jūsu pase ir gatava', body: 'Pasi varat saņemt Rīgā.' },
    });
    await eventually(() => local.notifications!.service.mailOutbox(), (mails) => mails.some((mail) => mail.subject === 'Jūsu pase ir gatava'), 'the e-mail is kept');
    const roberts = await signIn('Roberts Liepa', local, '/console');
    const outbox = await page(roberts, '/console/notifications/outbox');
    assert.ok(outbox.includes('janis.berzins@example.com'));
    assert.ok(outbox.includes('Jūsu pase ir gatava'));
    assert.ok(outbox.includes('Pasi varat saņemt Rīgā.'));
    assert.ok((await page(roberts, '/en/console/notifications/outbox')).includes('Mail outbox'));
  });
});

describe('accessibility in Chromium', { skip: skipBrowser }, () => {
  let browser: Browser | undefined;
  after(async () => {
    await browser?.close();
  });

  async function signInTab(name: string, start: string): Promise<Page> {
    return signInPage(await (browser as Browser).newContext({ bypassCSP: true, baseURL: platform.url }), name, start);
  }

  test('the console’s notification pages have no axe violations', async () => {
    browser = await launchChromium();
    // JavaScript on only so that axe-core can be injected: the pages have no scripts.
    const ilze = await signInTab('Ilze Kļaviņa', '/console/notifications');
    await expectAccessible(ilze, 'the notifications list');
    await ilze.goto('/en/console/notifications/failed');
    await expectAccessible(ilze, 'the dead letters in English');
    await ilze.goto(`/console/services/${residenceId}/notifications?kind=result&language=en`);
    await expectAccessible(ilze, 'the template editor');
    await Promise.all([ilze.waitForNavigation(), ilze.getByRole('button', { name: 'Priekšskatīt' }).click()]);
    assert.equal(await ilze.locator('#preview').count(), 1, 'the preview is shown');
    await expectAccessible(ilze, 'the template editor with a preview');
    await ilze.fill('#template-subject', '');
    await Promise.all([ilze.waitForNavigation(), ilze.getByRole('button', { name: 'Saglabāt' }).click()]);
    assert.match(await ilze.locator('.govuk-error-summary').innerText(), /Ievadiet tematu/);
    await expectAccessible(ilze, 'the template editor with an error');
  });
});
