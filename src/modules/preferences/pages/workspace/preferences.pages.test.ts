/**
 * The notification settings over the real platform with its demo data: a
 * cookie-keeping browser without JavaScript changes channels, confirms a new
 * e-mail by its link (once) and a phone by its code, sets quiet hours and
 * manages push devices, every form guarded by CSRF; the JSON API answers the
 * person and refuses others with problem+json; in Chromium the page has no
 * WCAG 2.1 A/AA violations (axe-core) in Latvian and English.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { createAudit } from '../../../audit/index.js';
import { createPreferences } from '../../index.js';
import { platformAndBrowser, expectAccessible, signInPage, skipBrowser, withContext } from '../../../../../test/support/browser.js';
import { csrfOf, signedIn as signedInAt, submitForm as post, type TestBrowser, type TestPlatform } from '../../../../../test/support/platform.js';
import { accessTokenFor, demoRp, institutionToken } from '../../../../../test/support/sso.js';

const PAGE = '/workspace/settings/notifications';
const JANIS = '150685-12347';
const ANNA = '230390-11113';

let platform: TestPlatform;
let browser: Browser | undefined;

platformAndBrowser((started) => ({ platform, browser } = started));

const signedIn = (name: string, start = PAGE): Promise<TestBrowser> => signedInAt(platform, name, start);

const checked = (html: string, id: string): boolean => new RegExp(`<input[^>]*id="${id}"[^>]*checked`).test(html);

/**
 * The newest confirmation link or code sent to `address`: from the
 * notifications core's mail outbox and SMS sink when it sends them (as wired in
 * app.ts), else from the preferences module's own development sink.
 */
async function lastSent(address: string, channel: 'email' | 'sms'): Promise<{ link: string | null; code: string | null }> {
  const db = platform.database.db;
  const core =
    channel === 'email'
      ? (await sql<{ text: string }>`select text_body as text from notifications.mail_outbox where recipient = ${address} order by created_at desc limit 1`.execute(db).catch(() => ({ rows: [] }))).rows[0]
      : (await sql<{ text: string }>`select payload->>'text' as text from notifications.sink where channel = 'sms' and address = ${address} order by created_at desc limit 1`.execute(db).catch(() => ({ rows: [] }))).rows[0];
  if (core) return { link: /https?:\/\/\S+token=[A-Za-z0-9_-]+/.exec(core.text)?.[0] ?? null, code: /\b\d{6}\b/.exec(core.text)?.[0] ?? null };
  const { rows } = await sql<{ link: string | null; code: string | null }>`
    select link, code from preferences.dev_confirmations where address = ${address} and channel = ${channel} order by id desc limit 1`.execute(db);
  assert.ok(rows[0], `a confirmation was sent to ${address}`);
  return rows[0];
}

test('anonymous visitors are sent to sign in; forms need their CSRF token', async () => {
  for (const path of [PAGE, `/en${PAGE}`, '/workspace/offers']) {
    const response = await fetch(`${platform.url}${path}`, { redirect: 'manual' });
    assert.equal(response.status, 303, path);
    assert.match(response.headers.get('location') ?? '', /\/login\?returnTo=/);
  }
  const anna = await signedIn('Anna Kalniņa');
  for (const action of [PAGE, `${PAGE}/email`, `${PAGE}/phone`, `${PAGE}/push`]) {
    const refused = await anna.request(action, { form: { email: 'x@example.org', phone: '20000000', 'kind-status': 'sms' } });
    assert.equal(refused.status, 403, action);
  }
  assert.equal((await createPreferences(platform.database.db).get(ANNA)).pendingEmail, null, 'nothing happened');
});

test('without JavaScript: turning e-mail off for status changes keeps the inbox and other kinds; quiet hours are checked', async () => {
  const janis = await signedIn('Jānis Bērziņš');
  const page = await (await janis.request(PAGE)).text();
  assert.match(page, /janis\.berzins@example\.com/);
  assert.ok(checked(page, 'kind-status-email') && checked(page, 'kind-offer-email'), 'e-mail is on by default');
  assert.ok(!checked(page, 'kind-status-sms'));
  assert.match(page, /Vienmēr arī darba vietas pastkastītē/);
  // Push needs a script: without one the page says so, and its button stays hidden.
  assert.match(page, /<button[^>]*id="push-enable"[^>]*hidden/);
  assert.match(page, /vajadzīgs pārlūks, kas tos atbalsta, ar ieslēgtu JavaScript/);

  // Every kind but status keeps its e-mail.
  const kinds = ['result', 'request', 'mandate', 'support', 'offer', 'message'].map((kind): [string, string] => [`kind-${kind}`, 'email']);
  const saved = await post(janis, PAGE, PAGE, [...kinds, ['language', 'lv'], ['quietFrom', '22:00'], ['quietUntil', '08:00']]);
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), `${PAGE}?done=saved`);
  const after = await (await janis.request(`${PAGE}?done=saved`)).text();
  assert.match(after, /Iestatījumi saglabāti/);
  assert.ok(!checked(after, 'kind-status-email') && checked(after, 'kind-result-email'));
  const plans = createPreferences(platform.database.db);
  assert.deepEqual(await plans.deliveryPlan(JANIS, 'status', new Date()), { language: 'lv', name: 'Jānis Bērziņš', targets: [] });
  assert.deepEqual((await plans.deliveryPlan(JANIS, 'result', new Date())).targets, [{ channel: 'email', address: 'janis.berzins@example.com' }]);

  const wrong = await post(janis, PAGE, PAGE, [...kinds, ['quiet', 'on'], ['quietFrom', '25:00'], ['quietUntil', '08:00']]);
  assert.equal(wrong.status, 400);
  const shown = await wrong.text();
  assert.match(shown, /<title>Kļūda: /);
  assert.match(shown, /href="#quiet-from"/);
  assert.match(shown, /value="25:00"/, 'what was typed is shown again');
  const quiet = await post(janis, PAGE, PAGE, [...kinds, ['quiet', 'on'], ['quietFrom', '22:30'], ['quietUntil', '7:00'], ['language', 'en']]);
  assert.equal(quiet.status, 303);
  assert.deepEqual((await plans.get(JANIS)).quietHours, { from: '22:30', until: '07:00' });
  assert.equal((await plans.get(JANIS)).language, 'en');
  // Reads of the page are on the record.
  const reads = await createAudit(platform.database.db).list({ actor: `person:${JANIS}`, action: 'preferences.read' });
  assert.ok(reads.some((entry) => entry.details.via === 'workspace'));
});

test('a new e-mail is used only after its link is followed, and the link works once', async () => {
  const anna = await signedIn('Anna Kalniņa');
  const invalid = await post(anna, PAGE, `${PAGE}/email`, { email: 'not-an-address' });
  assert.equal(invalid.status, 400);
  assert.match(await invalid.text(), /href="#email"/);

  const sent = await post(anna, PAGE, `${PAGE}/email`, { email: 'anna@example.org' });
  assert.equal(sent.status, 303);
  const banner = await (await anna.request(sent.headers.get('location') ?? '')).text();
  assert.match(banner, /Uz anna@example\.org nosūtījām saiti/);
  assert.match(banner, /Gaida apstiprinājumu: anna@example\.org/);
  const plans = createPreferences(platform.database.db);
  assert.deepEqual((await plans.deliveryPlan(ANNA, 'status', new Date())).targets, [{ channel: 'email', address: 'anna.kalnina@example.com' }]);

  const { link } = await lastSent('anna@example.org', 'email');
  assert.ok(link?.startsWith(`${platform.url}${PAGE}/email/confirm?token=`), link ?? '');
  // Opening the link only asks: a mail scanner following it confirms nothing.
  const ask = await anna.request(link ?? '');
  assert.equal(ask.status, 200);
  const askHtml = await ask.text();
  assert.match(askHtml, /anna@example\.org/);
  const confirmed = await post(anna, link ?? '', `${PAGE}/email/confirm`, { token: new URL(link ?? '').searchParams.get('token') ?? '' });
  assert.equal(confirmed.status, 303);
  assert.equal(confirmed.headers.get('location'), `${PAGE}?done=email-confirmed`);
  assert.deepEqual((await plans.deliveryPlan(ANNA, 'status', new Date())).targets, [{ channel: 'email', address: 'anna@example.org' }]);

  const again = await anna.request(link ?? '');
  assert.equal(again.status, 410);
  assert.match(await again.text(), /saite vairs nav derīga/);
  // Jānis cannot use Anna's link either.
  const janis = await signedIn('Jānis Bērziņš');
  assert.equal((await janis.request(link ?? '')).status, 410);
});

test('a phone is confirmed by its code; wrong codes count down', async () => {
  const anna = await signedIn('Anna Kalniņa');
  const asked = await post(anna, PAGE, `${PAGE}/phone`, { phone: '20 000 003' });
  assert.equal(asked.status, 303);
  assert.equal(asked.headers.get('location'), `${PAGE}/phone`);
  const codePage = await (await anna.request(`${PAGE}/phone`)).text();
  assert.match(codePage, /\+37120000003/);
  const { code } = await lastSent('+37120000003', 'sms');
  const wrong = await post(anna, `${PAGE}/phone`, `${PAGE}/phone/confirm`, { code: code === '123456' ? '654321' : '123456' });
  assert.equal(wrong.status, 400);
  assert.match(await wrong.text(), /Atlikušie mēģinājumi: 4/);
  const right = await post(anna, `${PAGE}/phone`, `${PAGE}/phone/confirm`, { code: code ?? '' });
  assert.equal(right.status, 303);
  const page = await (await anna.request(`${PAGE}?done=phone-confirmed`)).text();
  assert.match(page, /Tālruņa numurs apstiprināts/);
  assert.equal((await createPreferences(platform.database.db).get(ANNA)).phone, '+37120000003');
  const removed = await post(anna, PAGE, `${PAGE}/phone/remove`, {});
  assert.equal(removed.status, 303);
  assert.equal((await createPreferences(platform.database.db).get(ANNA)).phone, null);
});

test('push devices: a subscription is stored per device and can be removed without JavaScript', async () => {
  const anna = await signedIn('Anna Kalniņa');
  const subscription = { endpoint: 'https://push.example/send/anna-1', keys: { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u', auth: 'tBHItJI5svbpez7KI4CCXg' } };
  const token = csrfOf(await (await anna.request(PAGE)).text());
  assert.equal((await anna.request(`${PAGE}/push`, { form: { _csrf: token, subscription: '{"endpoint":"http://x"}' } })).status, 400);
  const added = await anna.request(`${PAGE}/push`, { form: { _csrf: token, subscription: JSON.stringify(subscription) } });
  assert.equal(added.status, 303);
  const page = await (await anna.request(`${PAGE}?done=push-added`)).text();
  const device = /name="device" value="([0-9a-f-]{36})"/.exec(page)?.[1];
  assert.ok(device, 'the device is listed');
  const removed = await post(anna, PAGE, `${PAGE}/push/remove`, { device });
  assert.equal(removed.status, 303);
  assert.doesNotMatch(await (await anna.request(PAGE)).text(), /name="device"/);
  assert.equal((await post(anna, PAGE, `${PAGE}/email`, { email: 'x' })).status, 400, 'still signed in and guarded');
});

test('the JSON API: the person reads and changes their own preferences; others get problem+json', async () => {
  const token = await accessTokenFor(platform, await demoRp(platform), 'Anna Kalniņa');
  const url = `${platform.url}/api/v1/me/notification-preferences`;
  const read = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(read.status, 200);
  const body = (await read.json()) as { channels: Record<string, string[]>; eAddress: string };
  assert.equal(body.eAddress, ANNA);
  assert.deepEqual(body.channels.status, ['email']);

  const put = await fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ channels: { status: ['eaddress'] }, quietHours: { from: '21:00', until: '07:30' } }) });
  assert.equal(put.status, 200);
  const changed = (await put.json()) as { channels: Record<string, string[]>; quietHours: unknown };
  assert.deepEqual(changed.channels.status, ['eaddress']);
  assert.deepEqual(changed.channels.result, ['email']);
  assert.deepEqual(changed.quietHours, { from: '21:00', until: '07:30' });

  for (const bad of [{ channels: { status: ['fax'] } }, { language: 'de' }, { quietHours: { from: '21:00', until: '21:00' } }, { extra: 1 }]) {
    const refused = await fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(bad) });
    assert.equal(refused.status, 400, JSON.stringify(bad));
    assert.equal(refused.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.ok(((await refused.json()) as { errors?: unknown[] }).errors?.length, 'the failing field is named');
  }
  const anonymous = await fetch(url);
  assert.equal(anonymous.status, 401);
  assert.match(anonymous.headers.get('content-type') ?? '', /problem\+json/);
  const system = await fetch(url, { headers: { authorization: `Bearer ${await institutionToken(platform)}` } });
  assert.equal(system.status, 403);
  assert.equal(((await system.json()) as { type: string }).type, '/problems/preferences.persons-only');
  const reads = await createAudit(platform.database.db).list({ actor: `person:${ANNA}`, action: 'preferences.read' });
  assert.ok(reads.some((entry) => entry.details.via === 'api'));
});

test('in Chromium: the settings and their steps have no WCAG 2.1 A/AA violations, in Latvian and English', { skip: skipBrowser }, async () => {
  await withContext(browser as Browser, { baseURL: platform.url, bypassCSP: true }, async (context) => {
    const page = await signInPage(context, 'Pēteris Ozols', PAGE);
    await expectAccessible(page, PAGE);
    // With JavaScript the push button appears in place of the hint (progressive enhancement).
    assert.equal(await page.locator('#push-enable').isVisible(), true);
    assert.equal(await page.locator('#push-hint').isVisible(), false);
    // A form with errors, filled in by a real browser.
    await page.fill('#quiet-from', '99:99');
    await page.check('#quiet');
    await Promise.all([page.waitForLoadState('load'), page.locator('form[action="/workspace/settings/notifications"] button[type="submit"]').click()]);
    assert.match(await page.title(), /^Kļūda: /);
    await expectAccessible(page, `${PAGE} with an error`);
    await page.fill('#phone', '20000004');
    await Promise.all([page.waitForURL((url) => url.pathname === `${PAGE}/phone`), page.locator(`form[action="${PAGE}/phone"] button`).click()]);
    await expectAccessible(page, `${PAGE}/phone`);
    await page.goto(`/en${PAGE}`);
    await expectAccessible(page, `/en${PAGE}`);
    await page.goto('/workspace');
    assert.ok(await page.locator(`a[href="${PAGE}"]`).count(), 'the workspace links to the settings');
  });
});
