/**
 * The catalog's console pages in a real browser (Debian's Chromium through
 * playwright-core) over the real platform with its demo data:
 * - Ilze Kļaviņa (PMLP's service manager) creates a draft through the form,
 *   without JavaScript (one error round first), publishes it and finds it in
 *   the public catalog; a stale edit gets the conflict message with her input
 *   kept;
 * - Roberts Liepa (platform administrator) registers an institution and
 *   changes it; the service form with errors, in English too, is accessible;
 * - over plain HTTP: console pages are never cached; an unknown service is a
 *   404 page, another institution's a 403.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAudit } from '../../../audit/index.js';
import { expectAccessible, launchChromium, signInPage, skipBrowser } from '../../../../../test/support/browser.js';
import { formOf, signedIn, startTestPlatform, type TestBrowser, type TestPlatform } from '../../../../../test/support/platform.js';

let platform: TestPlatform;
let browser: Browser | undefined;
/** Roberts, JavaScript on only so that axe-core can be injected (the pages have no scripts). */
let roberts: BrowserContext;
/** Ilze, JavaScript off: the console works as plain HTML. */
let ilze: BrowserContext;
/** the service Ilze creates, for later pages */
let serviceId = '';

before(async () => {
  platform = await startTestPlatform();
  if (skipBrowser) return;
  browser = await launchChromium();
  ilze = await browser.newContext({ javaScriptEnabled: false, baseURL: platform.url });
  roberts = await browser.newContext({ bypassCSP: true, baseURL: platform.url });
});

after(async () => {
  await browser?.close();
  await platform?.close();
});

// ---- helpers ----

/** Signs in through the demo identity provider, starting from a console page. */
const signIn = (context: BrowserContext, name: string, start = '/console'): Promise<Page> => signInPage(context, name, start);

/** Clicks and waits for the page it leads to; the final response's status. */
async function submit(page: Page, selector: string): Promise<number> {
  const [response] = await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
  return response?.status() ?? 0;
}

async function html(page: Page): Promise<string> {
  return page.content();
}

/** A plain-HTTP browser signed in as `name`. */
const httpSignIn = (name: string): Promise<TestBrowser> => signedIn(platform, name, '/console');

describe('Ilze Kļaviņa, PMLP’s service manager', { skip: skipBrowser }, () => {
  const unique = randomBytes(4).toString('hex');
  const title = `Ceļošanas atļauja dzīvniekiem ${unique}`;

  test('creates a draft through the form (one error round first), publishes it, and it is in the public catalog', async () => {
    const page = await signIn(ilze, 'Ilze Kļaviņa');
    assert.equal((await page.locator('h1').innerText()).trim(), 'Iestāžu darba vieta');
    assert.match(await page.locator('main').innerText(), /Pakalpojumu pārvaldnieks/);
    assert.doesNotMatch(await html(page), /<script/, 'no JavaScript on console pages');

    await page.goto('/console/services');
    assert.match(await page.locator('h1').innerText(), /PMLP/);
    assert.match(await page.locator('table').innerText(), /Pases izsniegšana/);
    await Promise.all([page.waitForURL(/\/console\/services\/new\?institution=pmlp/), page.getByRole('button', { name: 'Izveidot pakalpojumu' }).click()]);

    await page.fill('#title-en', 'Travel permit for pets');
    await page.fill('#description-lv', 'Atļauja ceļot ar mājdzīvnieku.');
    await page.fill('#description-en', 'A permit to travel with a pet.');
    await page.check('#audience');
    await page.fill('#steps-0-name-lv', 'Aizpildiet pieteikumu');
    await page.fill('#steps-0-name-en', 'Fill in the application');

    // "Add another" re-renders the form with one more row and nothing lost.
    assert.equal(await page.locator('legend', { hasText: /\. solis$/ }).count(), 1);
    assert.equal(await submit(page, 'button[value="add:steps"]'), 200);
    assert.equal(await page.locator('legend', { hasText: /\. solis$/ }).count(), 2);
    assert.equal(await page.inputValue('#steps-0-name-lv'), 'Aizpildiet pieteikumu');
    assert.equal(await page.inputValue('#title-en'), 'Travel permit for pets');
    await page.fill('#steps-1-name-lv', 'Saņemiet atļauju');
    await page.fill('#steps-1-name-en', 'Receive the permit');

    // The Latvian title is missing: the error summary and the field say so, the input stays.
    assert.equal(await submit(page, 'button.govuk-button[value="save"]'), 400);
    assert.match(await page.title(), /^Kļūda: /);
    const summary = page.locator('.govuk-error-summary');
    assert.match(await summary.innerText(), /Ievadiet pakalpojuma nosaukumu latviski/);
    assert.equal(await summary.locator('a[href="#title-lv"]').count(), 1);
    assert.match(await page.locator('#title-lv-error').innerText(), /Ievadiet pakalpojuma nosaukumu latviski/);
    assert.equal(await page.inputValue('#title-en'), 'Travel permit for pets');
    assert.equal(await page.inputValue('#steps-1-name-en'), 'Receive the permit');

    await page.fill('#title-lv', title);
    assert.equal(await submit(page, 'button.govuk-button[value="save"]'), 200);
    const created = /\/console\/services\/([0-9a-f-]{36})\?done=created/.exec(page.url());
    assert.ok(created, `the new service's page, not ${page.url()}`);
    serviceId = created[1] as string;
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /izveidots kā melnraksts/);
    assert.equal((await page.locator('.govuk-summary-list .govuk-tag').innerText()).trim(), 'Melnraksts');

    const search = async () => (await (await fetch(`${platform.url}/api/v1/services?q=${encodeURIComponent(title)}`)).json()) as { items: { id: string; title: string }[] };
    assert.ok(!(await search()).items.some((item) => item.id === serviceId), 'a draft is not in the catalog');

    assert.equal(await submit(page, 'button:has-text("Publicēt")'), 200);
    assert.match(page.url(), /\?done=published/);
    assert.equal((await page.locator('.govuk-summary-list .govuk-tag').innerText()).trim(), 'Publicēts');
    const found = await search();
    assert.ok(found.items.some((item) => item.id === serviceId && item.title === title), 'the published service is found in the catalog');

    await page.goto('/console/services');
    assert.match(await page.locator('table').innerText(), new RegExp(`${title}\\s+PMLP-`));
    await page.close();
  });

  test('a stale edit shows the conflict message, and what she typed is still there', async () => {
    const mine = await ilze.newPage();
    const theirs = await ilze.newPage();
    await mine.goto(`/console/services/${serviceId}`);
    await theirs.goto(`/console/services/${serviceId}`);
    const version = await mine.inputValue('input[name="version"]');

    await theirs.fill('#title-en', 'Pet travel permit');
    assert.equal(await submit(theirs, 'button.govuk-button[value="save"]'), 200);
    assert.match(theirs.url(), /\?done=saved/);

    await mine.fill('#description-en', 'My own better description.');
    assert.equal(await submit(mine, 'button.govuk-button[value="save"]'), 409);
    const summary = await mine.locator('.govuk-error-summary').innerText();
    assert.match(summary, /Kamēr labojāt, pakalpojumu ir mainījis kāds cits/);
    assert.match(summary, /Nosaukums/, 'it names the part the other edit changed');
    assert.equal(await mine.inputValue('#description-en'), 'My own better description.', 'nothing is lost');
    assert.equal(await mine.inputValue('#title-en'), 'Travel permit for pets');
    assert.equal(Number(await mine.inputValue('input[name="version"]')), Number(version) + 1, 'the form now stands on the current version');

    // Saving again, knowingly, replaces the other edit with hers.
    assert.equal(await submit(mine, 'button.govuk-button[value="save"]'), 200);
    const service = (await (await fetch(`${platform.url}/api/v1/services/${serviceId}`)).json()) as { description: { en: string }; title: { en: string }; version: number };
    assert.equal(service.description.en, 'My own better description.');
    assert.equal(service.title.en, 'Travel permit for pets');

    await mine.goto(`/console/services/${serviceId}/versions`);
    const rows = mine.locator('tbody tr');
    assert.equal(await rows.count(), service.version);
    assert.match(await rows.first().innerText(), /Ilze Kļaviņa/);
    await mine.close();
    await theirs.close();
  });
});

describe('Roberts Liepa, platform administrator', { skip: skipBrowser }, () => {
  let page: Page;
  before(async () => {
    if (skipBrowser) return;
    page = await signIn(roberts, 'Roberts Liepa');
  });

  test('registers an institution and changes it; both are audited', async () => {
    await page.goto('/console/institutions/new');
    assert.equal(await submit(page, 'button:has-text("Reģistrēt iestādi")'), 400);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Ievadiet iestādes nosaukumu latviski/);
    await expectAccessible(page, 'the institution form with errors');
    await page.fill('#code', 'vdi');
    await page.fill('#name-lv', 'Valsts darba inspekcija');
    await page.fill('#name-en', 'State Labour Inspectorate');
    await page.fill('#shortName-lv', 'VDI');
    await page.fill('#shortName-en', 'SLI');
    await page.fill('#registrationNumber', '90000030236');
    await page.fill('#homepage', 'https://www.vdi.gov.lv');
    assert.equal(await submit(page, 'button:has-text("Reģistrēt iestādi")'), 200);
    assert.match(await page.locator('table').innerText(), /Valsts darba inspekcija/);

    await page.goto('/console/institutions/vdi');
    assert.equal(await page.getAttribute('#code', 'readonly'), '');
    await page.fill('#contactPoint-email', 'vdi@vdi.gov.lv');
    assert.equal(await submit(page, 'button:has-text("Saglabāt")'), 200);
    const institution = (await (await fetch(`${platform.url}/api/v1/institutions/vdi`)).json()) as { contactPoint: { email?: string } };
    assert.equal(institution.contactPoint.email, 'vdi@vdi.gov.lv');
    const trail = await createAudit(platform.database.db).list({ target: 'institution:vdi' });
    assert.deepEqual(trail.map((entry) => entry.action).sort(), ['catalog.institution_created', 'catalog.institution_updated']);
  });

  test('the service form with errors, in English too, is accessible', async () => {
    await page.goto('/en/console/services/new?institution=pmlp');
    await page.fill('#title-lv', 'Tikai latviski');
    await page.fill('#channels-0-url', 'not a link');
    assert.equal(await submit(page, 'button.govuk-button[value="save"]'), 400);
    const summary = await page.locator('.govuk-error-summary').innerText();
    assert.match(summary, /Enter the service’s title in English/);
    assert.match(summary, /Channel 1: Enter a full address/);
    assert.equal(await page.inputValue('#title-lv'), 'Tikai latviski');
    await expectAccessible(page, 'the English service form with errors');

    // The conflict message too.
    await page.goto(`/en/console/services/${serviceId}`);
    await page.evaluate(() => {
      const version = document.querySelector<HTMLInputElement>('input[name="version"]');
      if (version) version.value = '1';
    });
    assert.equal(await submit(page, 'button.govuk-button[value="save"]'), 409);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Someone else changed this service/);
    await expectAccessible(page, 'the conflict message');
  });
});

describe('over plain HTTP', () => {
  test('console pages are never cached; an unknown service is a 404 page, another institution’s a 403', async () => {
    const browser = await httpSignIn('Ilze Kļaviņa');
    const page = await browser.request('/console/services');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const vid = (await (await fetch(`${platform.url}/api/v1/services?institution=vid&limit=1`)).json()) as { items: { id: string }[] };
    const other = vid.items[0]?.id as string;
    assert.equal((await browser.request(`/console/services/${other}`)).status, 403);
    assert.equal((await browser.request('/console/services?institution=vid')).status, 200, 'the list falls back to her own institution');
    const form = formOf(await (await browser.request('/console/services/new?institution=pmlp')).text(), '/console/services');
    assert.equal((await browser.request(`/console/services/${other}/withdraw`, { form: { _csrf: form.fields._csrf as string } })).status, 403);
    assert.equal((await browser.request('/console/services/not-a-uuid')).status, 404);
    assert.equal((await browser.request('/console/services/00000000-0000-4000-8000-000000000000')).status, 404);
  });
});
