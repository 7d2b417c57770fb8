/**
 * The trust pages (issue 15, item 6) in Chromium: each of the four, in Latvian
 * and English, passes axe and HTML_CodeSniffer (WCAG 2 AA), fits a 390-pixel
 * screen, carries the operator's details from the settings, and every footer
 * links all four — reached and followed by keyboard. The cookie notice lists
 * every cookie the platform really set in a sign-in journey.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, expectSnifferClean, launchChromium, signInPage, skipBrowser, tabTo, withContext } from '../../../test/support/browser.js';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { COOKIES } from './index.js';

const PAGES = ['/accessibility', '/privacy', '/cookies', '/contact'];
const PHONE = { width: 390, height: 844 };

let platform: TestPlatform;
let browser: Browser | undefined;
before(async () => {
  platform = await startTestPlatform({ env: { OPERATOR_NAME: 'Testa ministrija', OPERATOR_PHONE: '+371 60000000', DPO_EMAIL: 'dpo@test.example' } });
  if (!skipBrowser) browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await platform?.close();
});

async function noSidewaysScroll(page: Page, label: string): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(widths.scroll <= widths.client, `${label} scrolls sideways at 390 px (${widths.scroll} > ${widths.client})`);
}

test('the four trust pages in lv and en: axe and HTML_CodeSniffer clean, no sideways scroll, the operator named', { skip: skipBrowser }, async () => {
  await withContext(browser!, { baseURL: platform.url, bypassCSP: true, viewport: PHONE }, async (context) => {
    const page = await context.newPage();
    for (const lang of ['lv', 'en'] as const) {
      for (const bare of PAGES) {
        const path = lang === 'en' ? `/en${bare}` : bare;
        const response = await page.goto(path);
        assert.equal(response?.status(), 200, path);
        assert.equal(await page.getAttribute('html', 'lang'), lang, path);
        assert.equal(await page.locator('link[rel="alternate"]').getAttribute('href'), lang === 'en' ? bare : `/en${bare}`, `${path} names its other language`);
        await noSidewaysScroll(page, path);
        await expectAccessible(page, path);
        await expectSnifferClean(page, path);
      }
    }
    // Words of the law and the operator's settings, where a reader looks for them.
    await page.goto('/accessibility');
    const statement = await page.locator('main').innerText();
    for (const words of ['2016/2102', 'Nr. 445', 'Atbilstības statuss', 'Nepiekļūstamais saturs', 'Izpildes procedūra', 'Tiesībsarga', '+371 60000000']) assert.ok(statement.includes(words), `the statement says ${words}`);
    await page.goto('/en/privacy');
    const notice = await page.locator('main').innerText();
    for (const words of ['Testa ministrija', 'Legal bases', 'Recipients', 'Retention', 'Your rights', 'dpo@test.example']) assert.ok(notice.toLowerCase().includes(words.toLowerCase()), `the privacy notice says ${words}`);
    assert.equal(await page.locator('main a[href="/en/workspace/data-access"]').count(), 1, 'the privacy notice links the data-access log');
  });
});

test('every footer links the four pages, and the keyboard follows them', { skip: skipBrowser }, async () => {
  await withContext(browser!, { baseURL: platform.url }, async (context) => {
    const page = await context.newPage();
    for (const [path, prefix] of [['/', ''], ['/en/', '/en'], ['/services/dzivesvietas-deklaresana', ''], ['/en/cookies', '/en']] as const) {
      await page.goto(path);
      for (const bare of PAGES) assert.equal(await page.locator(`footer a[href="${prefix}${bare}"]`).count(), 1, `${path}'s footer links ${prefix}${bare}`);
    }
    await page.goto('/');
    await tabTo(page, 'the footer’s accessibility link', (element) => element.href === '/accessibility');
    await Promise.all([page.waitForURL('**/accessibility'), page.keyboard.press('Enter')]);
    assert.match(await page.locator('h1').innerText(), /Paziņojums par piekļūstamību/);
    await page.goto('/en/');
    await tabTo(page, 'the footer’s contact link', (element) => element.href === '/en/contact');
    await Promise.all([page.waitForURL('**/en/contact'), page.keyboard.press('Enter')]);
    assert.equal(await page.locator('h1').innerText(), 'Contact');
  });
});

test('the cookie notice lists every cookie the platform set while signing in and using the workspace', { skip: skipBrowser }, async () => {
  await withContext(browser!, { baseURL: platform.url }, async (context) => {
    const page = await signInPage(context, 'Jānis Bērziņš', '/workspace');
    await page.goto('/services/dzivesvietas-deklaresana');
    const names = new Set((await context.cookies()).map((cookie) => cookie.name));
    assert.ok(names.has('pk_session'), `signed in: ${[...names].join(', ')}`);
    const listed = COOKIES.flatMap((cookie) => cookie.name.split(', '));
    for (const name of names) assert.ok(listed.includes(name), `the cookie notice lists ${name}`);
    await page.goto('/cookies');
    const table = await page.locator('main').innerText();
    for (const name of names) assert.ok(table.includes(name), `the page shows ${name}`);
  });
});
