/**
 * The citizen's whole journey by keyboard alone, in real Chromium (Debian's,
 * through playwright-core): find a service from the portal's front page,
 * sign in through the demo identity provider, apply through every step of
 * its e-form, submit, open the application from the confirmation, find it in
 * the list, and answer the institution's request for more —
 * only Tab, Shift+Tab, Enter, Space and typing, never a click. Every page on
 * the way has no WCAG 2.1 A/AA violations (axe-core), and the element that
 * has the focus is always visibly marked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { createApplications } from '../src/modules/applications/index.js';
import { createCatalog } from '../src/modules/catalog/index.js';
import type { Principal } from '../src/platform/http/auth.js';
import { platformAndBrowser, byId, expectAccessible, expectSnifferClean, focused, skipBrowser, tabTo } from './support/browser.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let browser: Browser | undefined;

platformAndBrowser((started) => ({ platform, browser } = started));

/** Presses a key that leads to another page, and waits for it. */
async function go(page: Page, key: string, url: (url: URL) => boolean): Promise<void> {
  // A navigation must happen, even to the same address (a form that answers with its errors).
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() && url(new URL(frame.url())) }), page.keyboard.press(key)]);
  await page.waitForLoadState('load');
}

test('find → sign in → apply → track, by keyboard alone, with no axe violations', { skip: skipBrowser }, async () => {
  const context = await (browser as Browser).newContext({ baseURL: platform.url, bypassCSP: true, locale: 'en-GB' });
  const page = await context.newPage();
  try {
    // Find: the front page's search.
    await page.goto('/');
    await expectAccessible(page, 'the front page');
    await tabTo(page, 'the search box', (element) => element.tag === 'input' && element.id !== '');
    await page.keyboard.type('dzīvesvietas deklarēšana');
    await go(page, 'Enter', (url) => url.searchParams.has('q'));
    await expectAccessible(page, 'the search results');
    await tabTo(page, 'the service in the results', (element) => element.href === '/services/dzivesvietas-deklaresana');
    await go(page, 'Enter', (url) => url.pathname === '/services/dzivesvietas-deklaresana');
    await expectAccessible(page, 'the service page');

    // Start: not signed in yet, so the demo identity provider asks who you are.
    await tabTo(page, 'the start button', (element) => element.href === '/workspace/apply/dzivesvietas-deklaresana');
    await go(page, 'Enter', (url) => /\/interaction\/[^/]+\/demo/.test(url.pathname));
    await expectAccessible(page, 'the demo identity provider');
    await tabTo(page, 'Jānis Bērziņš', (element) => element.tag === 'button' && element.text.includes('Jānis Bērziņš'));
    await go(page, 'Space', (url) => url.pathname === '/workspace/apply/dzivesvietas-deklaresana');

    // Jānis may act for his daughter too: whom is this for? Himself, already chosen.
    await expectAccessible(page, 'who is this for');
    await expectSnifferClean(page, 'who is this for');
    await tabTo(page, 'Continue', (element) => element.tag === 'button' && element.text === 'Turpināt');
    await go(page, 'Enter', (url) => url.pathname === '/workspace/apply/dzivesvietas-deklaresana/step/applicant');

    // Step 1: what the platform knows is already there.
    await expectAccessible(page, 'step 1');
    await expectSnifferClean(page, 'step 1');
    assert.equal(await page.inputValue('#f-fullName'), 'Jānis Bērziņš');
    await tabTo(page, 'the phone field', byId('f-phone'));
    await page.keyboard.type('+371 20000000');
    await tabTo(page, 'Continue', (element) => element.tag === 'button' && element.text === 'Turpināt');
    await go(page, 'Enter', (url) => url.pathname.endsWith('/step/residence'));

    // Step 2: a mistake first, corrected by following the error summary's link.
    await expectAccessible(page, 'step 2');
    await expectSnifferClean(page, 'step 2');
    await tabTo(page, 'the address', byId('f-address'));
    await page.keyboard.type('Brīvības iela 1-5, Rīga, LV-1010');
    await tabTo(page, 'the ground', byId('f-basis'));
    await page.keyboard.press('Space');
    await tabTo(page, 'Continue', (element) => element.tag === 'button' && element.text === 'Turpināt');
    await go(page, 'Enter', (url) => url.pathname.endsWith('/step/residence'));
    assert.equal(await page.locator('.govuk-error-summary').count(), 1);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')), true, 'the focus starts on the error summary');
    await expectAccessible(page, 'step 2 with an error');
    await expectSnifferClean(page, 'step 2 with an error');
    await tabTo(page, 'the error’s link', (element) => element.href === '#f-movedInOn');
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).id, 'f-movedInOn', 'the link takes the focus to the field (the day box)');
    // Three boxes, numbers only: day, month, year.
    await page.keyboard.type('10');
    await tabTo(page, 'the month', byId('f-movedInOn-month'));
    await page.keyboard.type('1');
    await tabTo(page, 'the year', byId('f-movedInOn-year'));
    await page.keyboard.type('2026');
    await tabTo(page, 'Continue', (element) => element.tag === 'button' && element.text === 'Turpināt');
    await go(page, 'Enter', (url) => url.pathname.endsWith('/step/request'));

    // Step 3: the request, files left out (they are optional for an owner).
    await expectAccessible(page, 'step 3');
    await tabTo(page, 'the request', byId('f-request'));
    await page.keyboard.type('Deklarēju dzīvesvietu.');
    await tabTo(page, 'Continue', (element) => element.tag === 'button' && element.text === 'Turpināt');
    await go(page, 'Enter', (url) => url.pathname.endsWith('/step/confirm'));

    // Step 4: the consent box, ticked with Space.
    await expectAccessible(page, 'step 4');
    await tabTo(page, 'the consent', byId('f-consent'));
    await page.keyboard.press('Space');
    await tabTo(page, 'Continue', (element) => element.tag === 'button' && element.text === 'Turpināt');
    await go(page, 'Enter', (url) => url.pathname.endsWith('/check'));

    // Check, go back one field with Shift+Tab to make sure the order holds both ways, then submit.
    await expectAccessible(page, 'check your answers');
    await expectSnifferClean(page, 'check your answers');
    assert.match(await page.locator('main').innerText(), /Brīvības iela 1-5, Rīga, LV-1010[\s\S]*Esmu īpašnieks/);
    await tabTo(page, 'Submit', (element) => element.tag === 'button' && element.text === 'Iesniegt pieteikumu');
    await page.keyboard.press('Shift+Tab');
    await tabTo(page, 'Submit again', (element) => element.tag === 'button' && element.text === 'Iesniegt pieteikumu');
    await go(page, 'Enter', (url) => url.pathname.endsWith('/submitted'));

    // The confirmation, then the application itself.
    await expectAccessible(page, 'the confirmation');
    await expectSnifferClean(page, 'the confirmation');
    const number = (await page.locator('#application-number').innerText()).trim();
    assert.match(number, /^\d{4}-\d{6}$/);
    assert.equal(await page.locator('#receipt-link').getAttribute('href'), `${platform.url}/workspace/applications/${number}`, 'the receipt’s direct link is absolute');
    assert.match(await page.locator('#confirmation-email').innerText(), /janis\.berzins@example\.com/);
    await tabTo(page, 'the link to the application', byId('open-application'));
    await go(page, 'Enter', (url) => url.pathname === `/workspace/applications/${number}`);
    await expectAccessible(page, 'the application');
    assert.match(await page.locator('#status').innerText(), /Iesniegts/);
    assert.match(await page.locator('#timeline ~ table').innerText(), /Iesniegts/);

    // Tracking: the list of applications, reached from the breadcrumbs.
    await tabTo(page, 'my applications', (element) => element.href === '/workspace/applications');
    await go(page, 'Enter', (url) => url.pathname === '/workspace/applications');
    await expectAccessible(page, 'my applications');
    assert.match(await page.locator('#applications').innerText(), new RegExp(number));

    // When the institution asks for more, the answer form (message and files) is as accessible.
    const pmlp = await createCatalog(platform.database.db).getInstitution('pmlp');
    const system: Principal = { subject: 'client:demo-institution', kind: 'system', via: 'token', roles: [], scopes: ['applications.write'], institutionId: pmlp.id };
    await createApplications(platform.database.db).recordStatus(system, number, { code: 'awaiting_client', awaiting: 'Īpašnieka piekrišana' });
    await tabTo(page, 'the application in the list', (element) => element.href === `/workspace/applications/${number}`);
    await go(page, 'Enter', (url) => url.pathname === `/workspace/applications/${number}`);
    await expectAccessible(page, 'the application awaiting a reply');
    await tabTo(page, 'the reply', byId('message'));
    await page.keyboard.type('Pievienošu piekrišanu.');
    await tabTo(page, 'Send reply', (element) => element.tag === 'button' && element.text === 'Nosūtīt atbildi');
    await go(page, 'Enter', (url) => url.searchParams.get('done') === 'answered');
    await expectAccessible(page, 'the application after the reply');
    assert.match(await page.locator('#timeline ~ table').innerText(), /Pievienošu piekrišanu\./);
  } finally {
    await context.close();
  }
});
