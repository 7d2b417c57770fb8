/**
 * The portal pages in a real browser (Debian's Chromium through playwright-core)
 * over the real platform with its demo data: accessibility (axe-core, WCAG 2.1
 * A/AA), languages, the search form without JavaScript, the language switcher,
 * the skip link, and the pages' HTTP behaviour (404, 400, 401, 301, assets).
 *
 * Without Chromium the browser tests are skipped locally with a message; in CI
 * (CI set) they fail instead.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Principal } from '../src/platform/http/auth.js';
import { createCatalog } from '../src/modules/catalog/index.js';
import { expectAccessible, launchChromium, skipBrowser } from './support/browser.js';
import { eventually } from './support/http.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let browser: Browser | undefined;
/** CSP bypassed, only so that axe-core can be injected. */
let axeContext: BrowserContext;
/** JavaScript off: the pages must work as plain HTML. */
let plainContext: BrowserContext;

before(async () => {
  platform = await startTestPlatform();
  if (skipBrowser) return;
  browser = await launchChromium();
  axeContext = await browser.newContext({ bypassCSP: true, baseURL: platform.url });
  plainContext = await browser.newContext({ javaScriptEnabled: false, baseURL: platform.url });
});

after(async () => {
  await browser?.close();
  await platform?.close();
});

async function firstEventPath(): Promise<string> {
  const response = await fetch(`${platform.url}/api/v1/events?kind=life`);
  const body = (await response.json()) as { items: { code: string; serviceCount: number }[] };
  const event = body.items.find((item) => item.serviceCount > 0) ?? body.items[0];
  assert.ok(event, 'the demo data has life events');
  return `/events/${event.code}`;
}

const A11Y_PAGES = ['/', '/en/', '/business', '/en/business', '/search?q=dzimsanas', '/search?q=PVN&audience=citizen', '/en/search?q=pase&audience=business', 'EVENT', '/services/dzimsanas-registracija', '/en/services/dzivesvietas-deklaresana'];

for (const entry of A11Y_PAGES) {
  test(`no WCAG 2.1 A/AA violations on ${entry === 'EVENT' ? 'an event page' : entry}`, { skip: skipBrowser }, async () => {
    const path = entry === 'EVENT' ? await firstEventPath() : entry;
    const page = await axeContext.newPage();
    try {
      const response = await page.goto(path);
      assert.equal(response?.status(), 200, `${path} answers 200`);
      await expectAccessible(page, path);
    } finally {
      await page.close();
    }
  });
}

test('pages declare their language and load no blocked resources', { skip: skipBrowser }, async () => {
  const page = await plainContext.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  try {
    await page.goto('/');
    assert.equal(await page.getAttribute('html', 'lang'), 'lv');
    await page.goto('/en/');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.goto('/services/dzimsanas-registracija');
    // The stylesheet really applies under the page's CSP (no inline styles needed).
    const font = await page.evaluate(() => getComputedStyle(document.querySelector('h1') ?? document.body).fontFamily);
    assert.match(font, /system-ui/);
    assert.deepEqual(problems, [], 'no CSP violations, failed requests or console errors');
  } finally {
    await page.close();
  }
});

test('the search form works without JavaScript', { skip: skipBrowser }, async () => {
  const page = await plainContext.newPage();
  try {
    await page.goto('/');
    const box = page.getByLabel('Meklēt pakalpojumu');
    await box.fill('dzimšanas');
    await Promise.all([page.waitForURL(/\/search\?/), box.press('Enter')]);
    assert.match(page.url(), /[?&]q=dzim%C5%A1anas/);
    const heading = await page.locator('#results-heading').innerText();
    assert.match(heading, /Atrast/);
    const link = page.locator('.pk-results a[href="/services/dzimsanas-registracija"]');
    assert.equal(await link.count(), 1, 'the birth registration service is among the results');
    // The filters are a plain GET form too: only e-services.
    await page.getByLabel('Tikai e-pakalpojumi (piesakāmi tiešsaistē)').check();
    await Promise.all([page.waitForURL(/online=true/), page.getByRole('button', { name: 'Atlasīt' }).click()]);
    assert.match(page.url(), /q=dzim%C5%A1anas/);
  } finally {
    await page.close();
  }
});

test('the language switcher leads to the same page in the other language', { skip: skipBrowser }, async () => {
  const page = await plainContext.newPage();
  try {
    await page.goto('/services/dzimsanas-registracija');
    const toEnglish = page.locator('a[hreflang="en"][lang="en"]');
    assert.equal(await toEnglish.count(), 1);
    await Promise.all([page.waitForURL('**/en/services/dzimsanas-registracija'), toEnglish.click()]);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const toLatvian = page.locator('a[hreflang="lv"][lang="lv"]');
    await Promise.all([page.waitForURL((url) => url.pathname === '/services/dzimsanas-registracija'), toLatvian.click()]);
    assert.equal(await page.getAttribute('html', 'lang'), 'lv');

    await page.goto('/search?q=pase&online=true');
    await Promise.all([page.waitForURL('**/en/search?q=pase&online=true'), page.locator('a[hreflang="en"]').click()]);
  } finally {
    await page.close();
  }
});

test('keyboard: the first Tab reaches the skip link, which leads to the main content', { skip: skipBrowser }, async () => {
  const page = await axeContext.newPage();
  try {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLAnchorElement | null;
      return { className: element?.className ?? '', href: element?.getAttribute('href') ?? '', text: element?.textContent?.trim() ?? '' };
    });
    assert.match(focused.className, /govuk-skip-link/);
    assert.equal(focused.href, '#main');
    assert.equal(focused.text, 'Pāriet uz galveno saturu');
    assert.equal(await page.locator('main#main').count(), 1);
  } finally {
    await page.close();
  }
});

// ---- HTTP behaviour of the pages (no browser needed) ----

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${platform.url}${path}`, { headers: { accept: 'text/html', ...headers }, redirect: 'manual' });
}

test('unknown pages answer the HTML 404 page in the language of the path', async () => {
  const lv = await get('/services/nav-tada-pakalpojuma');
  assert.equal(lv.status, 404);
  assert.match(lv.headers.get('content-type') ?? '', /text\/html/);
  const lvHtml = await lv.text();
  assert.match(lvHtml, /<html lang="lv"/);
  assert.match(lvHtml, /Lapa nav atrasta/);
  const en = await get('/en/no/such/page');
  assert.equal(en.status, 404);
  const enHtml = await en.text();
  assert.match(enHtml, /<html lang="en"/);
  assert.match(enHtml, /Page not found/);
  assert.equal((await get('/events/no-such-event')).status, 404);
  assert.equal((await get('/services/NOT_A_SLUG')).status, 404);
});

test('bad search input answers a friendly HTML page with 400, and user input is escaped', async () => {
  for (const query of ['page=0', 'page=abc', 'audience=aliens', `q=${'x'.repeat(201)}`, 'event=%3Cscript%3E']) {
    const response = await get(`/search?${query}`);
    assert.equal(response.status, 400, query);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/, query);
    assert.match(await response.text(), /Meklēšanas pieprasījums nav saprotams/, query);
  }
  const hostile = await get(`/en/search?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
  assert.equal(hostile.status, 200);
  const html = await hostile.text();
  // The quote that would end the attribute is escaped, and so is every tag opener in text.
  assert.ok(!html.includes('"><script>'), 'the query cannot break out of an attribute');
  assert.match(html, /value="&#34;><script>alert\(1\)<\/script>"/);
  assert.match(html, /“&#34;>&lt;script>alert\(1\)&lt;\/script>”/);
  // Paging far beyond the results is not an error.
  assert.equal((await get('/search?q=pase&page=4000')).status, 200);
});

test('the stylesheet, manifest and icon are served with caching headers', async () => {
  const html = await (await get('/')).text();
  const href = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
  assert.match(href ?? '', /^\/assets\/app\.[0-9a-f]{16}\.css$/, 'the page links the fingerprinted stylesheet');
  const css = await fetch(`${platform.url}${href}`);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type') ?? '', /text\/css/);
  assert.match(css.headers.get('cache-control') ?? '', /max-age=31536000/);
  const etag = css.headers.get('etag');
  assert.ok(etag);
  const body = await css.text();
  assert.match(body, /\.govuk-button/);
  assert.doesNotMatch(body, /GDS Transport|govuk-crest|images\/govuk/i, 'no GOV.UK fonts or artwork');
  assert.equal((await fetch(`${platform.url}${href}`, { headers: { 'if-none-match': etag } })).status, 304);

  const manifest = await fetch(`${platform.url}/manifest.webmanifest`);
  assert.match(manifest.headers.get('content-type') ?? '', /application\/manifest\+json/);
  const parsed = (await manifest.json()) as { name: string; start_url: string; display: string; icons: { src: string }[] };
  assert.equal(parsed.name, 'Pakalpojumi');
  assert.equal(parsed.start_url, '/workspace');
  assert.equal(parsed.display, 'standalone');
  const icon = await fetch(`${platform.url}${parsed.icons[0]?.src}`);
  assert.equal(icon.status, 200);
  assert.match(icon.headers.get('content-type') ?? '', /image\/svg\+xml/);
});

test('a service page shows what a person needs before applying', async () => {
  const lv = await (await get('/services/dzimsanas-registracija')).text();
  for (const heading of ['Kas var pieteikties', 'Kā pieteikties', 'Nepieciešamie dokumenti', 'Maksa', 'Kur un kā pieteikties', 'Tiesiskais regulējums', 'Pakalpojuma sniedzējs']) {
    assert.ok(lv.includes(heading), `has "${heading}"`);
  }
  assert.match(lv, /Izpildes termiņš/);
  const en = await (await get('/en/services/dzivesvietas-deklaresana')).text();
  assert.match(en, /class="govuk-button govuk-button--start"[^>]*>\s*Apply online/);
  assert.match(en, /Who can apply/);
});

test('/en redirects to the English portal', async () => {
  const response = await get('/en');
  assert.equal(response.status, 301);
  assert.equal(response.headers.get('location'), '/en/');
});

test('a former address of a service answers 301 to its current page (P7)', async () => {
  const catalog = createCatalog(platform.database.db);
  const admin: Principal = { subject: 'pages-test', kind: 'person', via: 'session', roles: [{ role: 'platform_admin' }], scopes: [] };
  const found = await catalog.lookup('pases-izsniegsana');
  assert.equal(found.kind, 'found');
  if (found.kind !== 'found') return;
  const { id, slug: _slug, institutionId: _institution, status: _status, version, createdAt: _created, updatedAt: _updated, publishedAt: _published, ...content } = found.service;
  await catalog.update(admin, id, { ...content, slug: 'pase' }, version);
  // Made as another instance would (a catalog of its own): the portal's copy of the register follows within a second.
  for (const [from, to] of [
    ['/services/pases-izsniegsana', '/services/pase'],
    ['/en/services/pases-izsniegsana', '/en/services/pase'],
  ]) {
    const stillThere = async (): Promise<Response> => {
      const answer = await get(from as string);
      if (answer.status === 200) await answer.body?.cancel();
      return answer;
    };
    const response = await eventually(stillThere, (answer) => answer.status !== 200, `${from} moves`, 1_500);
    assert.equal(response.status, 301, from);
    assert.equal(response.headers.get('location'), to);
  }
  assert.equal((await get('/services/pase')).status, 200);
});
