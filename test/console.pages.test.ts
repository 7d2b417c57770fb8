/**
 * The institution console in a real browser (Debian's Chromium through
 * playwright-core) over the real platform with its demo data, signing in
 * through the demo identity provider:
 * - Ilze Kļaviņa (PMLP's service manager) creates a draft through the form,
 *   without JavaScript (one error round first), publishes it and finds it in
 *   the public catalog; a stale edit gets the conflict message with her input
 *   kept; staff roles, institutions and clients are closed to her (403);
 * - Roberts Liepa (platform administrator) grants Anna a role at PMLP and
 *   withdraws it, registers an OpenID client whose shown secret obtains a
 *   token, disables it, and registers an institution;
 * - Anna Kalniņa (no staff role) gets 403;
 * - every console page, in Latvian and English and with errors shown, has no
 *   WCAG 2.1 A/AA violations (axe-core);
 * - over plain HTTP: anonymous visitors are sent to sign in, and a POST
 *   without the form's CSRF token is refused (403).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAudit } from '../src/modules/audit/index.js';
import { expectAccessible, launchChromium, signInPage, skipBrowser } from './support/browser.js';
import { formOf, signedIn, startTestPlatform, type TestBrowser, type TestPlatform } from './support/platform.js';

const ANNA = '230390-11113';
const PMLP_NAME = 'Pilsonības un migrācijas lietu pārvalde';

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

// ---- Ilze: services ----

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

  test('she may not open staff roles, institutions or OpenID clients (403)', async () => {
    const page = await ilze.newPage();
    for (const path of ['/console/staff', '/console/clients', '/console/institutions', '/en/console/clients/new']) {
      const response = await page.goto(path);
      assert.equal(response?.status(), 403, path);
      assert.match(await page.locator('h1').innerText(), /nav piekļuves|do not have access/, path);
    }
    await page.close();
  });
});

// ---- Roberts: staff roles, OpenID clients, institutions ----

describe('Roberts Liepa, platform administrator', { skip: skipBrowser }, () => {
  let page: Page;
  before(async () => {
    if (skipBrowser) return;
    page = await signIn(roberts, 'Roberts Liepa');
  });

  test('grants Anna the case handler role at PMLP and withdraws it (with a confirmation step); both are audited', async () => {
    await page.goto('/console/staff');
    await page.selectOption('#institution', { label: PMLP_NAME });
    await Promise.all([page.waitForURL(/institution=pmlp/), page.getByRole('button', { name: 'Rādīt' }).click()]);
    assert.match(await page.locator('table').innerText(), /Ilze Kļaviņa/);
    await expectAccessible(page, 'the staff roles page');

    // A wrong code first: the error is shown, accessibly.
    await page.fill('#personalCode', '230390-11112');
    await page.selectOption('#role', 'case_handler');
    assert.equal(await submit(page, 'button:has-text("Piešķirt lomu")'), 400);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /derīgu personas kodu/);
    await expectAccessible(page, 'the staff roles page with errors');

    await page.fill('#personalCode', ANNA);
    assert.equal(await submit(page, 'button:has-text("Piešķirt lomu")'), 200);
    assert.match(page.url(), /done=granted/);
    const row = page.locator('tbody tr', { hasText: 'Anna Kalniņa' });
    assert.match(await row.innerText(), /Pieteikumu izskatītājs/);

    // Anna now holds a staff role: the console opens for her.
    const anna = await httpSignIn('Anna Kalniņa');
    assert.equal((await anna.request('/console')).status, 200);

    await Promise.all([page.waitForURL(/\/withdraw\?institution=pmlp/), row.getByRole('link', { name: /Atsaukt/ }).click()]);
    assert.match(await page.locator('main').innerText(), /Vai tiešām atsaukt lomu\?[\s\S]*Anna Kalniņa/);
    await expectAccessible(page, 'the withdrawal confirmation');
    assert.equal(await submit(page, 'button:has-text("Jā, atsaukt lomu")'), 200);
    assert.match(page.url(), /done=withdrawn/);
    assert.equal(await page.locator('tbody tr', { hasText: 'Anna Kalniņa' }).count(), 0);
    assert.equal((await anna.request('/console')).status, 403, 'without the role, the console is closed again');

    const audit = createAudit(platform.database.db);
    const granted = await audit.list({ action: 'access.role_granted', target: `person:${ANNA}` });
    const revoked = await audit.list({ action: 'access.role_revoked', target: `person:${ANNA}` });
    assert.equal(granted.length, 1);
    assert.equal(revoked.length, 1);
    assert.equal(granted[0]?.actor, 'person:271188-10106');
  });

  test('registers an OpenID client with client_credentials; the secret shown once obtains a token; disabling it ends that', async () => {
    const clientId = `test-system-${randomBytes(3).toString('hex')}`;
    await page.goto('/console/clients/new');
    await page.fill('#clientId', clientId);
    assert.equal(await submit(page, 'button:has-text("Reģistrēt klientu")'), 400, 'the name and a scope are missing');
    await expectAccessible(page, 'the client form with errors');
    await page.fill('#name', 'Testa sistēma');
    await page.check('input[name="scopes"][value="catalog.read"]');
    await page.selectOption('#institution', { label: PMLP_NAME });
    assert.equal(await submit(page, 'button:has-text("Reģistrēt klientu")'), 201);
    const secret = (await page.locator('#client-secret').innerText()).trim();
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    assert.match(await page.locator('.govuk-warning-text').innerText(), /vairs netiks parādīts/);
    await expectAccessible(page, 'the page showing the secret');

    const token = async (): Promise<Response> =>
      fetch(`${platform.url}/oidc/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'catalog.read' }),
      });
    const issued = await token();
    assert.equal(issued.status, 200);
    const accessToken = ((await issued.json()) as { access_token: string }).access_token;
    const me = await fetch(`${platform.url}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    assert.equal(me.status, 200);
    const who = (await me.json()) as { kind: string; scopes: string[]; institutionId?: string };
    assert.equal(who.kind, 'system');
    assert.deepEqual(who.scopes, ['catalog.read']);
    const pmlp = (await (await fetch(`${platform.url}/api/v1/institutions/pmlp`)).json()) as { id: string };
    assert.equal(who.institutionId, pmlp.id);

    // The list shows it; the secret is nowhere but on that one page.
    await page.goto('/console/clients');
    assert.match(await page.locator('table').innerText(), new RegExp(clientId));
    assert.doesNotMatch(await html(page), new RegExp(secret));
    const row = page.locator('tbody tr', { hasText: clientId });
    await Promise.all([page.waitForURL(/\/disable$/), row.getByRole('link', { name: /Atspējot/ }).click()]);
    await expectAccessible(page, 'the disable confirmation');
    assert.equal(await submit(page, 'button:has-text("Jā, atspējot")'), 200);
    assert.match(await page.locator('tbody tr', { hasText: clientId }).innerText(), /Atspējots/);

    assert.equal((await token()).status, 401, 'a disabled client gets no token');
    assert.equal((await fetch(`${platform.url}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status, 401, 'and its tokens are revoked');

    const trail = await createAudit(platform.database.db).list({ target: `client:${clientId}` });
    assert.deepEqual(trail.map((entry) => entry.action).sort(), ['identity.client_disabled', 'identity.client_registered']);
    assert.ok(!JSON.stringify(trail).includes(secret), 'the secret never reaches the audit trail');
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

  test('every console page, in Latvian and English, has no WCAG 2.1 A/AA violations', async () => {
    const staffPage = await roberts.newPage();
    await staffPage.goto('/console/staff?institution=pmlp');
    const withdrawLink = await staffPage.locator('tbody a', { hasText: 'Atsaukt' }).first().getAttribute('href');
    assert.ok(withdrawLink);
    await staffPage.close();
    const paths = [
      '/console',
      '/console/services?institution=pmlp',
      '/console/services/new?institution=pmlp',
      `/console/services/${serviceId}`,
      `/console/services/${serviceId}/versions`,
      '/console/staff?institution=pmlp',
      withdrawLink,
      '/console/institutions',
      '/console/institutions/new',
      '/console/institutions/pmlp',
      '/console/clients',
      '/console/clients/new',
      '/console/clients/demo-rp',
      '/console/clients/demo-institution/disable',
    ];
    for (const lang of ['lv', 'en'] as const) {
      for (const path of paths) {
        const target = lang === 'en' ? `/en${path}` : path;
        const response = await page.goto(target);
        assert.equal(response?.status(), 200, target);
        assert.equal(await page.getAttribute('html', 'lang'), lang, target);
        assert.doesNotMatch(await html(page), /<script/, `${target} needs no JavaScript`);
        await expectAccessible(page, target);
      }
    }
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

// ---- Anna: no staff role ----

test('Anna Kalniņa, who holds no staff role, gets an accessible 403 page in both languages', { skip: skipBrowser }, async () => {
  const context = await (browser as Browser).newContext({ bypassCSP: true, baseURL: platform.url });
  try {
    const page = await signIn(context, 'Anna Kalniņa');
    for (const [path, heading] of [
      ['/console', 'Jums nav piekļuves šai lapai'],
      ['/en/console/services', 'You do not have access to this page'],
    ] as const) {
      const response = await page.goto(path);
      assert.equal(response?.status(), 403, path);
      assert.equal((await page.locator('h1').innerText()).trim(), heading);
      assert.match(await page.locator('main').innerText(), /Anna Kalniņa/);
      await expectAccessible(page, `the 403 page at ${path}`);
    }
  } finally {
    await context.close();
  }
});

// ---- plain HTTP ----

describe('over plain HTTP', () => {
  test('anonymous visitors are sent to sign in and come back to the page they asked for', async () => {
    for (const [path, login] of [
      ['/console', '/login?returnTo=%2Fconsole'],
      ['/console/services?institution=pmlp', '/login?returnTo=%2Fconsole%2Fservices%3Finstitution%3Dpmlp'],
      ['/en/console/clients', '/en/login?returnTo=%2Fen%2Fconsole%2Fclients'],
    ] as const) {
      const response = await fetch(`${platform.url}${path}`, { redirect: 'manual', headers: { accept: 'text/html' } });
      assert.equal(response.status, 303, path);
      assert.equal(response.headers.get('location'), login, path);
    }
    const post = await fetch(`${platform.url}/console/services`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ 'title.lv': 'x' }) });
    assert.equal(post.status, 303);
    assert.equal(post.headers.get('location'), '/login?returnTo=%2Fconsole');
  });

  test('a POST without the form’s CSRF token is refused with a 403 page, and changes nothing', async () => {
    const browser = await httpSignIn('Ilze Kļaviņa');
    const form = formOf(await (await browser.request('/console/services/new?institution=pmlp')).text(), '/console/services');
    assert.ok(form.fields._csrf, 'the form carries a CSRF token');
    const fields = { institution: 'pmlp', 'title.lv': 'Bez žetona', 'title.en': 'No token', 'description.lv': 'x', 'description.en': 'x', audience: 'citizen', languages: 'lv', action: 'save' };
    for (const token of [undefined, 'forged-token']) {
      const response = await browser.request('/console/services', { form: token ? { ...fields, _csrf: token } : fields });
      assert.equal(response.status, 403);
      assert.match(await response.text(), /Veidlapu neizdevās iesniegt/);
    }
    const publish = await browser.request(`/console/services/${serviceId || '00000000-0000-4000-8000-000000000000'}/publish`, { method: 'POST', form: {} });
    assert.equal(publish.status, 403);
    const search = (await (await fetch(`${platform.url}/api/v1/services?q=${encodeURIComponent('Bez žetona')}`)).json()) as { items: { title: string }[] };
    assert.ok(!search.items.some((item) => item.title === 'Bez žetona'));

    // With the token, the same form works.
    const created = await browser.request('/console/services', { form: { ...fields, _csrf: form.fields._csrf as string } });
    assert.equal(created.status, 303);
    assert.match(created.headers.get('location') ?? '', /^\/console\/services\/[0-9a-f-]{36}\?done=created$/);
  });

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
