/**
 * The workspace in a real browser (Debian's Chromium through playwright-core)
 * over the real platform with its demo data: people sign in through the demo
 * identity provider, give, see, accept and revoke mandates and switch whom
 * they act for, without JavaScript (and with the keyboard alone on the form);
 * every workspace page has no WCAG 2.1 A/AA violations (axe-core) in Latvian
 * and English; and at the HTTP level the pages refuse anonymous visitors,
 * forms without their CSRF token and other people's mandates, and audit reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { createAudit } from '../../../audit/index.js';
import { platformAndBrowser, expectAccessible, signInPage, skipBrowser, tabTo as tabUntil, withContext as inContext, type Focused } from '../../../../../test/support/browser.js';
import { csrfOf, signedIn as signedInAt, submitForm as post, type TestBrowser, type TestPlatform } from '../../../../../test/support/platform.js';

const ANNA = '230390-11113';
const JANIS = '150685-12347';
const MARTA = '010118-23454';
const COMPANY = '40003012340';

let platform: TestPlatform;
let browser: Browser | undefined;

platformAndBrowser((started) => ({ platform, browser } = started));

// ---- helpers ----

/** A person signed in through the demo identity provider in a cookie-keeping test browser (no JavaScript). */
const signedIn = (name: string, start = '/workspace'): Promise<TestBrowser> => signedInAt(platform, name, start);

const withContext = <T>(options: BrowserContextOptions, work: (context: BrowserContext) => Promise<T>): Promise<T> =>
  inContext(browser as Browser, { baseURL: platform.url, ...options }, work);

const actingParty = (page: Page): Promise<string | null> => page.getAttribute('#acting-for', 'data-party');

/** Presses Tab until the element with `id` has the (visible) focus. */
const tabTo = (page: Page, id: string): Promise<Focused> => tabUntil(page, `#${id}`, (element) => element.id === id);

// ---- HTTP level ----

test('anonymous visitors are sent to sign in and brought back, in both languages', async () => {
  for (const path of ['/workspace', '/workspace/mandates', '/workspace/mandates/new', '/workspace/mandates/00000000-0000-4000-8000-000000000000']) {
    for (const [lang, at] of [
      ['lv', path],
      ['en', `/en${path}`],
    ] as const) {
      const response = await fetch(`${platform.url}${at}`, { redirect: 'manual' });
      assert.equal(response.status, 303, at);
      assert.equal(response.headers.get('location'), `${lang === 'en' ? '/en' : ''}/login?returnTo=${encodeURIComponent(at)}`, at);
    }
  }
  const posted = await fetch(`${platform.url}/workspace/acting-for`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'party=230390-11113' });
  assert.equal(posted.status, 303);
  assert.equal(posted.headers.get('location'), `/login?returnTo=${encodeURIComponent('/workspace')}`);
});

test('forms need their CSRF token; other people’s mandates are not found; reads are audited', async () => {
  const anna = await signedIn('Anna Kalniņa');
  for (const action of ['/workspace/acting-for', '/workspace/mandates/new', '/en/workspace/mandates/new']) {
    const refused = await anna.request(action, { form: { party: ANNA, representative: JANIS, scope: 'all' } });
    assert.equal(refused.status, 403, action);
    assert.match(await refused.text(), /drošības|security/);
    const forged = await anna.request(action, { form: { _csrf: 'x'.repeat(43), party: ANNA, representative: JANIS, scope: 'all' } });
    assert.equal(forged.status, 403, action);
  }

  // Pēteris switches to his company and, as its board member, authorises Jānis.
  const peteris = await signedIn('Pēteris Ozols');
  const switched = await post(peteris, '/workspace', '/workspace/acting-for', { party: COMPANY });
  assert.equal(switched.status, 303);
  const acting = await (await peteris.request('/workspace/mandates/new')).text();
  assert.match(acting, /Pilnvarotājs: SIA &#34;Demo Būve&#34; \(reģ\. nr\. 40003012340\)/);
  const granted = await post(peteris, '/workspace/mandates/new', '/workspace/mandates/new', { representative: JANIS, scope: 'all' });
  assert.equal(granted.status, 303);
  const list = await (await peteris.request('/workspace/mandates')).text();
  const id = /href="\/workspace\/mandates\/([0-9a-f-]{36})"/.exec(list)?.[1];
  assert.ok(id, 'the company’s mandate is listed');

  // Anna is neither its grantor nor its representative: the mandate does not exist for her.
  for (const path of [`/workspace/mandates/${id}`, `/en/workspace/mandates/${id}`, `/workspace/mandates/${id}/revoke`, '/workspace/mandates/not-a-mandate']) {
    assert.equal((await anna.request(path)).status, 404, path);
  }
  const token = csrfOf(await (await anna.request('/workspace/mandates/new')).text());
  assert.equal((await anna.request(`/workspace/mandates/${id}/revoke`, { form: { _csrf: token } })).status, 404, 'nor can she revoke it');

  // Reading the pages is on the record, as reading through the API is.
  await anna.request('/workspace/mandates');
  const peterisView = await peteris.request(`/workspace/mandates/${id}`);
  assert.equal(peterisView.status, 200);
  const audit = createAudit(platform.database.db);
  const reads = await audit.list({ actor: `person:${ANNA}`, action: 'access.mandates_read' });
  assert.deepEqual(reads.map((entry) => entry.details.direction).sort(), ['given', 'received']);
  const companyReads = await audit.list({ actor: 'person:081275-05556', action: 'access.mandates_read', onBehalfOf: COMPANY });
  assert.ok(companyReads.length >= 1, 'the company’s list was read on its behalf');
  const read = await audit.list({ action: 'access.mandate_read', target: `mandate:${id}` });
  assert.equal(read.length, 1);
  assert.equal(read[0]?.actor, 'person:081275-05556');
  const chosen = await audit.list({ actor: 'person:081275-05556', action: 'workspace.acting_for_chosen' });
  assert.equal(chosen[0]?.onBehalfOf, COMPANY);

  // Jānis received it from the company, named.
  const janis = await signedIn('Jānis Bērziņš');
  const received = await (await janis.request('/workspace/mandates')).text();
  assert.match(received, new RegExp(`/workspace/mandates/${id}"[^>]*>SIA &#34;Demo Būve`));
  assert.equal((await post(peteris, `/workspace/mandates/${id}/revoke`, `/workspace/mandates/${id}/revoke`, {})).status, 303);
});

test('the form’s own checks answer 400 with the errors in the user’s language', async () => {
  const anna = await signedIn('Anna Kalniņa', '/en/workspace');
  const response = await post(anna, '/en/workspace/mandates/new', '/en/workspace/mandates/new', { representative: ANNA, scope: 'services', validFrom: '2001-01-01', validUntil: '31.02.2030' });
  assert.equal(response.status, 400);
  const html = await response.text();
  assert.match(html, /<title>Error: Give a mandate/);
  for (const text of ['The representative cannot be the grantor themselves', 'Select at least one service', 'cannot be in the past', 'must be a real date']) assert.match(html, new RegExp(text));
  assert.match(html, /value="230390-11113"/, 'what was typed is kept');
});

// ---- in the browser ----

test('Anna gives Jānis a mandate (no JavaScript, keyboard on the form); Jānis acts for her until she revokes it', { skip: skipBrowser }, async () => {
  await withContext({ javaScriptEnabled: false }, async (annaContext) => {
    const anna = await signInPage(annaContext, 'Anna Kalniņa', '/workspace');
    assert.match(await anna.locator('h1').innerText(), /Labdien, Anna Kalniņa/);
    assert.equal(await actingParty(anna), ANNA);

    // The list of services is searched with a plain GET form.
    await anna.goto('/workspace/mandates/new');
    await anna.getByLabel('Meklēt pakalpojumu sarakstā').fill('pase');
    await Promise.all([anna.waitForURL(/q=pase/), anna.getByRole('button', { name: 'Meklēt', exact: true }).click()]);
    assert.equal(await anna.getByRole('checkbox', { name: 'Pases izsniegšana' }).count(), 1);

    // The rest with the keyboard alone.
    await tabTo(anna, 'representative');
    await anna.keyboard.type(JANIS);
    // Having searched the list, "only chosen services" is already selected; the arrows still move the choice.
    await tabTo(anna, 'scope-2');
    await anna.keyboard.press('ArrowUp');
    assert.equal(await anna.evaluate(() => (document.getElementById('scope') as HTMLInputElement).checked), true);
    await anna.keyboard.press('ArrowDown');
    assert.equal(await anna.evaluate(() => (document.getElementById('scope-2') as HTMLInputElement).checked), true);
    const passport = await anna.getByRole('checkbox', { name: 'Pases izsniegšana' }).getAttribute('id');
    await tabTo(anna, passport as string);
    await anna.keyboard.press('Space');
    await tabUntil(anna, 'the submit button', (element) => element.text === 'Piešķirt pilnvarojumu');
    await Promise.all([anna.waitForURL(/\/workspace\/mandates\?done=granted$/), anna.keyboard.press('Enter')]);
    const row = anna.locator('#given ~ table tbody tr', { hasText: 'Jānis Bērziņš' });
    assert.equal(await row.count(), 1, 'the new mandate is listed');
    assert.match(await row.innerText(), /Pases izsniegšana[\s\S]*Spēkā/);
    const mandatePath = (await row.locator('a').getAttribute('href')) as string;

    await withContext({ javaScriptEnabled: false }, async (janisContext) => {
      const janis = await signInPage(janisContext, 'Jānis Bērziņš', '/workspace');
      await janis.goto('/workspace/mandates');
      const received = janis.locator('#received ~ table tbody tr', { hasText: 'Anna Kalniņa' });
      assert.match(await received.innerText(), /Pases izsniegšana/);

      // The switch offers himself, Marta (as parent) and Anna (by mandate).
      await janis.goto('/workspace');
      for (const code of [JANIS, MARTA, ANNA]) assert.equal(await janis.locator(`input[name="party"][value="${code}"]`).count(), 1, code);
      assert.match(await janis.getByRole('radio', { name: /Marta Bērziņa/ }).getAttribute('aria-describedby').then((id) => janis.locator(`#${id}`).innerText()), /vecāks/);
      await janis.getByRole('radio', { name: /Anna Kalniņa/ }).check();
      await Promise.all([janis.waitForURL(/chosen=1/), janis.getByRole('button', { name: 'Darboties izvēlētajā vārdā' }).click()]);
      assert.equal(await actingParty(janis), ANNA);
      assert.match(await janis.locator('#acting-for').innerText(), /Jūs darbojaties kā: Anna Kalniņa \(230390-11113\), pēc pilnvarojuma/);
      await janis.goto('/en/workspace/mandates');
      assert.match(await janis.locator('#acting-for').innerText(), /You are acting for: Anna Kalniņa \(230390-11113\), by mandate/);

      // Anna revokes, after confirming.
      await anna.goto(mandatePath);
      await Promise.all([anna.waitForURL(/\/revoke$/), anna.getByRole('button', { name: 'Atsaukt pilnvarojumu' }).click()]);
      assert.match(await anna.locator('h1').innerText(), /Vai tiešām atsaukt/);
      await Promise.all([anna.waitForURL(/done=revoked/), anna.getByRole('button', { name: 'Jā, atsaukt' }).click()]);
      assert.match(await anna.locator('.govuk-summary-list').innerText(), /Atsaukts/);
      assert.match(await anna.locator('table').innerText(), /Piešķirts[\s\S]*Anna Kalniņa[\s\S]*Atsaukts[\s\S]*Anna Kalniņa/);
      assert.equal(await anna.getByRole('button', { name: 'Atsaukt pilnvarojumu' }).count(), 0);

      // Jānis's stale choice falls back to himself, once, with a word why; Anna is no longer offered.
      await janis.goto('/workspace');
      assert.equal(await actingParty(janis), JANIS);
      assert.match(await janis.locator('.govuk-notification-banner').innerText(), /vairs nevarat darboties Anna Kalniņa/);
      assert.equal(await janis.locator(`input[name="party"][value="${ANNA}"]`).count(), 0);
      await janis.reload();
      assert.equal(await janis.locator('.govuk-notification-banner').count(), 0);

      // Marta, as her parent.
      await janis.getByRole('radio', { name: /Marta Bērziņa/ }).check();
      await Promise.all([janis.waitForURL(/chosen=1/), janis.getByRole('button', { name: 'Darboties izvēlētajā vārdā' }).click()]);
      assert.equal(await actingParty(janis), MARTA);
      await janis.goto('/workspace/mandates/new');
      assert.match(await janis.locator('main').innerText(), /nevarat piešķirt pilnvarojumus/);
    });
  });
});

test('Pēteris acts for SIA "Demo Būve"; a pending mandate is accepted by its representative', { skip: skipBrowser }, async () => {
  await withContext({ javaScriptEnabled: false }, async (context) => {
    const peteris = await signInPage(context, 'Pēteris Ozols', '/workspace');
    await peteris.getByRole('radio', { name: /SIA "Demo Būve"/ }).check();
    await Promise.all([peteris.waitForURL(/chosen=1/), peteris.getByRole('button', { name: 'Darboties izvēlētajā vārdā' }).click()]);
    assert.equal(await actingParty(peteris), COMPANY);
    assert.match(await peteris.locator('#acting-for').innerText(), /SIA "Demo Būve" \(reģ\. nr\. 40003012340\), kā valdes loceklis/);
  });

  const anna = await signedIn('Anna Kalniņa');
  assert.equal((await post(anna, '/workspace/mandates/new', '/workspace/mandates/new', { representative: JANIS, scope: 'all', requiresAcceptance: '1' })).status, 303);
  await withContext({ javaScriptEnabled: false }, async (context) => {
    const janis = await signInPage(context, 'Jānis Bērziņš', '/workspace/mandates');
    const pending = janis.locator('#received ~ table tbody tr', { hasText: 'Gaida apstiprinājumu' });
    await Promise.all([janis.waitForURL(/\/workspace\/mandates\/[0-9a-f-]{36}$/), pending.locator('a').click()]);
    await Promise.all([janis.waitForURL(/done=accepted/), janis.getByRole('button', { name: 'Apstiprināt pilnvarojumu' }).click()]);
    assert.match(await janis.locator('.govuk-summary-list').innerText(), /Spēkā/);
    assert.match(await janis.locator('table').innerText(), /Apstiprināts[\s\S]*Jānis Bērziņš/);
  });
});

test('every workspace page has no WCAG 2.1 A/AA violations, in Latvian and English', { skip: skipBrowser }, async () => {
  // Anna has a mandate to revoke, and Jānis one to accept and a choice of parties.
  const anna = await signedIn('Anna Kalniņa');
  assert.equal((await post(anna, '/workspace/mandates/new', '/workspace/mandates/new', { representative: JANIS, scope: 'all', requiresAcceptance: '1' })).status, 303);
  const id = /href="\/workspace\/mandates\/([0-9a-f-]{36})"/.exec(await (await anna.request('/workspace/mandates')).text())?.[1] as string;
  await withContext({ bypassCSP: true }, async (context) => {
    for (const [name, paths] of [
      ['Anna Kalniņa', ['/workspace', '/workspace/mandates', '/workspace/mandates/new', '/workspace/mandates/new?q=pabalsts', `/workspace/mandates/${id}`, `/workspace/mandates/${id}/revoke`]],
      ['Jānis Bērziņš', ['/workspace', `/workspace/mandates/${id}`]],
    ] as const) {
      await context.clearCookies();
      const page = await signInPage(context, name, '/workspace');
      for (const path of paths) {
        for (const at of [path, `/en${path}`]) {
          const response = await page.goto(at);
          assert.equal(response?.status(), 200, at);
          assert.equal(await page.getAttribute('html', 'lang'), at.startsWith('/en/') ? 'en' : 'lv');
          await expectAccessible(page, `${at} (${name})`);
        }
      }
      if (name === 'Anna Kalniņa') {
        for (const [at, button] of [
          ['/workspace/mandates/new', 'Piešķirt pilnvarojumu'],
          ['/en/workspace/mandates/new', 'Give the mandate'],
        ] as const) {
          await page.goto(at);
          await page.getByLabel(/personas kods|personal code/).fill('12345');
          await page.getByRole('button', { name: button, exact: true }).click();
          assert.equal(await page.locator('.govuk-error-summary').count(), 1);
          assert.equal(await page.locator('.govuk-error-message').count(), 2);
          await expectAccessible(page, `${at} with errors`);
        }
      }
      await page.close();
    }
  });
});
