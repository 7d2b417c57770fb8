/**
 * The sign-in pages in a real browser (Debian's Chromium through
 * playwright-core): the demo identity provider's page in Latvian and English,
 * the sign-out page and the "sign-in not available" page have no WCAG 2.1 A/AA
 * violations (axe-core), and a person can sign in with the keyboard alone,
 * without JavaScript.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skipBrowser = !existsSync(CHROMIUM) && !process.env.CI ? `Chromium not found at ${CHROMIUM}; browser tests skipped. In CI they fail.` : false;

let platform: TestPlatform;
let unconfigured: TestPlatform;
let browser: Browser | undefined;

before(async () => {
  platform = await startTestPlatform({ demo: true });
  unconfigured = await startTestPlatform({ demo: false });
  if (skipBrowser) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await platform?.close();
  await unconfigured?.close();
});

async function axeViolations(page: Page): Promise<{ id: string; nodes: unknown[] }[]> {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(async () => {
    const runner = (window as unknown as { axe: typeof axe }).axe;
    const result = await runner.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target) }));
  });
}

async function withContext<T>(options: Parameters<Browser['newContext']>[0], work: (context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await (browser as Browser).newContext(options);
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) console.error(`axe violations on ${what}:\n${JSON.stringify(violations, null, 2)}`);
  assert.deepEqual(violations.map((violation) => violation.id), [], `${what} has accessibility violations`);
}

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
    let focused = '';
    for (let presses = 0; presses < 60 && !focused.includes('Anna Kalniņa'); presses++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    }
    assert.match(focused, /Anna Kalniņa/, 'a person’s button takes the focus');
    assert.match(focused, /230390-11113/);
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
