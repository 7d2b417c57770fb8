/**
 * The sign-in pages in a real browser (Debian's Chromium through
 * playwright-core): the demo identity provider's page in Latvian and English,
 * the sign-out page and the "sign-in not available" page have no WCAG 2.1 A/AA
 * violations (axe-core), and a person can sign in with the keyboard alone,
 * without JavaScript.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { expectAccessible, launchChromium, skipBrowser, tabTo, withContext as inContext } from './support/browser.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let unconfigured: TestPlatform;
let browser: Browser | undefined;

before(async () => {
  platform = await startTestPlatform({ demo: true });
  unconfigured = await startTestPlatform({ demo: false });
  if (!skipBrowser) browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await platform?.close();
  await unconfigured?.close();
});

const withContext = <T>(options: BrowserContextOptions, work: (context: BrowserContext) => Promise<T>): Promise<T> => inContext(browser as Browser, options, work);

for (const [lang, start, heading] of [
  ['lv', '/login', 'Demonstrācijas pierakstīšanās'],
  ['en', '/en/login', 'Demo sign-in'],
] as const) {
  test(`the demo identity provider's page (${lang}) has no WCAG 2.1 A/AA violations`, { skip: skipBrowser }, async () => {
    await withContext({ bypassCSP: true, baseURL: platform.url }, async (context) => {
      const page = await context.newPage();
      const response = await page.goto(start);
      assert.equal(response?.status(), 200);
      assert.match(page.url(), /\/interaction\/[^/]+\/demo/);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.equal((await page.textContent('h1'))?.trim(), heading);
      assert.equal(await page.locator('button[name="person"]').count(), 6);
      await expectAccessible(page, `the demo page (${lang})`);
    });
  });
}

test('keyboard only, no JavaScript: Tab to a person, Enter, signed in', { skip: skipBrowser }, async () => {
  await withContext({ javaScriptEnabled: false, baseURL: platform.url }, async (context) => {
    const page = await context.newPage();
    await page.goto('/login?returnTo=/api/v1/me');
    const person = await tabTo(page, 'Anna Kalniņa’s button', (element) => element.tag === 'button' && element.text.includes('Anna Kalniņa'));
    assert.match(person.text, /230390-11113/);
    await Promise.all([page.waitForURL('**/api/v1/me'), page.keyboard.press('Enter')]);
    const me = JSON.parse((await page.textContent('body')) ?? '{}') as { personalCode?: string; acr?: string };
    assert.equal(me.personalCode, '230390-11113');
    assert.equal(me.acr, 'http://eidas.europa.eu/LoA/substantial');

    // The sign-out page, and signing out with the keyboard too.
    await page.goto('/logout');
    await expectAccessibleWithoutScripts(context, '/logout');
    const button = page.locator('form[action="/logout"] button[type="submit"]');
    await button.focus();
    await Promise.all([page.waitForURL(`${platform.url}/`), page.keyboard.press('Enter')]);
    const after = await page.request.get('/api/v1/me');
    assert.equal(after.status(), 401);
  });
});

/** axe needs scripts: check the page again in a context that allows them (same cookies). */
async function expectAccessibleWithoutScripts(plain: BrowserContext, path: string): Promise<void> {
  await withContext({ bypassCSP: true, baseURL: platform.url, storageState: await plain.storageState() }, async (context) => {
    const page = await context.newPage();
    const response = await page.goto(path);
    assert.equal(response?.status(), 200);
    await expectAccessible(page, path);
  });
}

test('"sign-in is not available" (DEMO off, no eID) is an accessible 503 page', { skip: skipBrowser }, async () => {
  await withContext({ bypassCSP: true, baseURL: unconfigured.url }, async (context) => {
    const page = await context.newPage();
    const response = await page.goto('/en/login');
    assert.equal(response?.status(), 503);
    assert.equal((await page.textContent('h1'))?.trim(), 'Sign-in is not available');
    await expectAccessible(page, 'the 503 page');
  });
});
