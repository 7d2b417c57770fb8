/**
 * The institution console's shell across the modules' pages, in a real
 * browser (Debian's Chromium through playwright-core) over the real platform
 * with its demo data, signing in through the demo identity provider. Each
 * capability's own console journeys are beside its module (pages/console/);
 * here:
 * - Ilze Kļaviņa (PMLP's service manager): staff roles, institutions and
 *   clients are closed to her (403);
 * - Anna Kalniņa (no staff role) gets 403;
 * - every console page, in Latvian and English and with errors shown, has no
 *   WCAG 2.1 A/AA violations (axe-core);
 * - over plain HTTP: anonymous visitors are sent to sign in, and a POST
 *   without the form's CSRF token is refused (403).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible, launchChromium, signInPage, skipBrowser } from './support/browser.js';
import { formOf, signedIn, startTestPlatform, type TestBrowser, type TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let browser: Browser | undefined;
/** Roberts, JavaScript on only so that axe-core can be injected (the pages have no scripts). */
let roberts: BrowserContext;
/** Ilze, JavaScript off: the console works as plain HTML. */
let ilze: BrowserContext;

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


async function html(page: Page): Promise<string> {
  return page.content();
}

/** One of PMLP's services (Ilze manages PMLP's). */
async function pmlpServiceId(): Promise<string> {
  const found = (await (await fetch(`${platform.url}/api/v1/services?institution=pmlp&limit=1`)).json()) as { items: { id: string }[] };
  assert.ok(found.items[0], 'PMLP has a service in the demo data');
  return found.items[0].id;
}

/** A plain-HTTP browser signed in as `name`. */
const httpSignIn = (name: string): Promise<TestBrowser> => signedIn(platform, name, '/console');

// ---- Ilze: services ----

describe('Ilze Kļaviņa, PMLP’s service manager', { skip: skipBrowser }, () => {


  test('she may not open staff roles, institutions or OpenID clients (403)', async () => {
    // Signed in here: her own journeys (which signed her in before) are beside the catalog module now.
    const page = await signIn(ilze, 'Ilze Kļaviņa');
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




  test('every console page, in Latvian and English, has no WCAG 2.1 A/AA violations', async () => {
    const staffPage = await roberts.newPage();
    await staffPage.goto('/console/staff?institution=pmlp');
    const withdrawLink = await staffPage.locator('tbody a', { hasText: 'Atsaukt' }).first().getAttribute('href');
    assert.ok(withdrawLink);
    await staffPage.close();
    const serviceId = await pmlpServiceId();
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
    const publish = await browser.request(`/console/services/${await pmlpServiceId()}/publish`, { method: 'POST', form: {} });
    assert.equal(publish.status, 403);
    const search = (await (await fetch(`${platform.url}/api/v1/services?q=${encodeURIComponent('Bez žetona')}`)).json()) as { items: { title: string }[] };
    assert.ok(!search.items.some((item) => item.title === 'Bez žetona'));

    // With the token, the same form works.
    const created = await browser.request('/console/services', { form: { ...fields, _csrf: form.fields._csrf as string } });
    assert.equal(created.status, 303);
    assert.match(created.headers.get('location') ?? '', /^\/console\/services\/[0-9a-f-]{36}\?done=created$/);
  });

});
