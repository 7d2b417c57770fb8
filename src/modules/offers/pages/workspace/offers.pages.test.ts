/**
 * The offers page over the real platform with its demo data: without
 * JavaScript a person follows life and business events, finds services by a
 * word of their name and follows them, and stops following them; forged
 * choices are refused, received offers are listed with
 * a direct link to the service; in Chromium the page has no WCAG 2.1 A/AA
 * violations (axe-core) in Latvian and English.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { createCatalog, type Service } from '../../../catalog/index.js';
import { createOffers } from '../../index.js';
import { platformAndBrowser, expectAccessible, signInPage, skipBrowser, withContext } from '../../../../../test/support/browser.js';
import { signedIn as signedInAt, submitForm, type TestBrowser, type TestPlatform } from '../../../../../test/support/platform.js';

const PAGE = '/workspace/offers';
const JANIS = '150685-12347';

let platform: TestPlatform;
let browser: Browser | undefined;

platformAndBrowser((started) => ({ platform, browser } = started));

const signedIn = (name: string): Promise<TestBrowser> => signedInAt(platform, name, PAGE);

/** Posts `fields` to `action` with the CSRF token of the offers page's form that posts there (`page`: the page showing it). */
const post = (client: TestBrowser, action: string, fields: [string, string][], page = PAGE): Promise<Response> => submitForm(client, page, action, fields);

const checked = (html: string, value: string): boolean => new RegExp(`<input[^>]*name="event"[^>]*value="${value}"[^>]*checked`).test(html);

async function service(slug: string): Promise<Service> {
  const found = await createCatalog(platform.database.db).lookup(slug);
  assert.equal(found.kind, 'found');
  return (found as { service: Service }).service;
}

test('without JavaScript: following events and services, and stopping', async () => {
  const janis = await signedIn('Jānis Bērziņš');
  const first = await (await janis.request(PAGE)).text();
  assert.match(first, /Jums vēl nav piedāvājumu/);
  assert.ok(!checked(first, 'birth'));

  const saved = await post(janis, `${PAGE}/events`, [['event', 'birth'], ['event', 'start-business']]);
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), `${PAGE}?done=saved`);
  const page = await (await janis.request(`${PAGE}?done=saved`)).text();
  assert.match(page, /Izvēle saglabāta/);
  assert.ok(checked(page, 'birth') && checked(page, 'start-business') && !checked(page, 'education'));
  const offers = createOffers(platform.database.db);
  assert.deepEqual((await offers.subscriptions(JANIS)).map((s) => s.topic).sort(), ['birth', 'start-business']);

  // Unticking one keeps the other.
  assert.equal((await post(janis, `${PAGE}/events`, [['event', 'start-business']])).status, 303);
  assert.deepEqual((await offers.subscriptions(JANIS)).map((s) => s.topic), ['start-business']);
  // A forged event code changes nothing.
  assert.equal((await post(janis, `${PAGE}/events`, [['event', 'no-such-event']])).status, 400);
  assert.deepEqual((await offers.subscriptions(JANIS)).map((s) => s.topic), ['start-business']);

  // A service is found by a word of its name (inflected, as people type) and followed from the results.
  const benefit = await service('gimenes-valsts-pabalsts');
  const search = `${PAGE}?q=${encodeURIComponent('ģimenes pabalsts')}`;
  const found = await (await janis.request(search)).text();
  assert.match(found, /Atrastie pakalpojumi/);
  assert.ok(found.includes(`name="service" value="${benefit.id}"`), 'the benefit is among those found, with a form to follow it');
  assert.ok((found.match(/<form method="post" action="\/workspace\/offers\/services"/g) ?? []).length <= 10, 'the first ten at most');
  const followed = await post(janis, `${PAGE}/services`, [['service', benefit.id]], search);
  assert.equal(followed.status, 303);
  const listed = await (await janis.request(`${PAGE}?done=subscribed`)).text();
  assert.match(listed, new RegExp(`name="service" value="${benefit.id}"`));
  assert.doesNotMatch(listed, /<option/, 'no list of every service');
  assert.match(await (await janis.request(search)).text(), /Jūs tam jau sekojat/, 'found again, it says it is followed');
  assert.match(await (await janis.request(`${PAGE}?q=zzqxy`)).text(), /Neviens pakalpojums neatbilst vārdiem “zzqxy”/);
  const empty = await janis.request(`${PAGE}?q=+`);
  assert.equal(empty.status, 400);
  assert.match(await empty.text(), /href="#service"[^>]*>Ierakstiet vārdu no pakalpojuma nosaukuma/);
  const refused = await post(janis, `${PAGE}/services`, [['service', '']], search);
  assert.equal(refused.status, 400);
  const refusedHtml = await refused.text();
  assert.match(refusedHtml, /href="#service"/);
  assert.match(refusedHtml, /<title>Kļūda: /);
  assert.equal((await post(janis, `${PAGE}/services`, [['service', '<script>']], search)).status, 400);

  assert.equal((await post(janis, `${PAGE}/services/remove`, [['service', benefit.id]])).status, 303);
  assert.deepEqual((await offers.subscriptions(JANIS)).filter((s) => s.kind === 'service'), []);

  // Without the CSRF token nothing changes.
  assert.equal((await janis.request(`${PAGE}/events`, { form: { event: 'education' } })).status, 403);
  assert.deepEqual((await offers.subscriptions(JANIS)).map((s) => s.topic), ['start-business']);
});

test('an offer made by a rule is listed with a direct link to the service, for that person only', async () => {
  const offers = createOffers(platform.database.db, { publicUrl: platform.url });
  const [registration, benefit] = await Promise.all([service('dzimsanas-registracija'), service('berna-piedzimsanas-pabalsts')]);
  const fired = await offers.handleEvent('applications.status_changed', { applicationId: '00000000-0000-4000-8000-000000000001', number: '2026-000001', serviceId: registration.id, applicant: JANIS, code: 'decided' });
  assert.equal(fired, 1);
  const janis = await signedIn('Jānis Bērziņš');
  const page = await (await janis.request(PAGE)).text();
  assert.match(page, new RegExp(`href="/services/${benefit.slug}"`));
  assert.match(page, /Piedāvāts pēc jūsu pieteikuma/);
  const english = await (await janis.request(`/en${PAGE}`)).text();
  assert.match(english, new RegExp(`href="/en/services/${benefit.slug}"`));
  assert.match(english, /Offered after your application/);
  const anna = await signedIn('Anna Kalniņa');
  assert.match(await (await anna.request(PAGE)).text(), /Jums vēl nav piedāvājumu/);
});

test('in Chromium: the offers page has no WCAG 2.1 A/AA violations, in Latvian and English', { skip: skipBrowser }, async () => {
  await withContext(browser as Browser, { baseURL: platform.url, bypassCSP: true, javaScriptEnabled: true }, async (context) => {
    const page = await signInPage(context, 'Jānis Bērziņš', PAGE);
    await expectAccessible(page, PAGE);
    // Finding a service and following it, by keyboard, in a real browser.
    await page.fill('#service', 'pabalsts');
    await Promise.all([page.waitForURL((url) => url.search.includes('q=pabalsts')), page.press('#service', 'Enter')]);
    await expectAccessible(page, `${PAGE} with services found`);
    await page.locator(`form[action="${PAGE}/services"] button`).first().focus();
    await Promise.all([page.waitForURL((url) => url.search.includes('done=subscribed')), page.keyboard.press('Enter')]);
    await expectAccessible(page, `${PAGE} after following a service`);
    // An empty search: the error names the field and leads to it.
    await page.fill('#service', '');
    await Promise.all([page.waitForLoadState('load'), page.press('#service', 'Enter')]);
    assert.match(await page.title(), /^Kļūda: /);
    await expectAccessible(page, `${PAGE} with an error`);
    await page.goto(`/en${PAGE}`);
    await expectAccessible(page, `/en${PAGE}`);
  });
});
