/**
 * Customer support in real Chromium: a visitor asks from a service page with
 * JavaScript off and confirms the e-mail; then every new page — the ask form
 * (empty, with errors), "check your e-mail", the confirmation pages, My
 * questions, asking and a thread in the workspace, the desk's queue, a ticket
 * and the targets form in the console — has no WCAG 2.1 A/AA violations
 * (axe-core), in Latvian and, for several, English; a question is asked by
 * keyboard alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Principal } from '../../platform/http/auth.js';
import { createAccess } from '../access/index.js';
import { createCatalog } from '../catalog/index.js';
import { eventually } from '../../../test/support/http.js';
import { byId, expectAccessible, platformAndBrowser, signInPage, skipBrowser, tabTo, withContext } from '../../../test/support/browser.js';
import type { TestPlatform } from '../../../test/support/platform.js';

const SLUG = 'dzivesvietas-deklaresana';
let platform: TestPlatform;
let browser: Browser | undefined;

platformAndBrowser((started) => ({ platform, browser } = started));

async function confirmationLink(email: string): Promise<string> {
  const row = await eventually(
    async () => (await sql<{ text: string }>`select text_body as text from notifications.mail_outbox where recipient = ${email}`.execute(platform.database.db)).rows[0],
    (found) => found !== undefined,
    `the confirmation mail to ${email}`,
  );
  const link = new URL(/(http\S+\/support\/confirm\?token=[\w-]+)/.exec(row?.text ?? '')?.[1] ?? '');
  return link.pathname + link.search;
}

async function askAsVisitor(page: Page, email: string): Promise<void> {
  await page.goto(`/services/${SLUG}`);
  await Promise.all([page.waitForURL((url) => url.pathname === '/support'), page.getByRole('link', { name: 'Uzdot jautājumu par šo pakalpojumu' }).click()]);
  await page.getByLabel('Vārds, uzvārds').fill('Līga Zariņa');
  await page.getByLabel('E-pasta adrese').fill(email);
  await page.getByLabel('Temats').selectOption('applying');
  await page.getByLabel('Jūsu jautājums').fill('Vai deklarēt var arī īrnieks?');
  await Promise.all([page.waitForURL((url) => url.pathname === '/support/sent'), page.getByRole('button', { name: 'Nosūtīt jautājumu' }).click()]);
}

test('without JavaScript, a visitor asks from a service page and confirms the e-mail', { skip: skipBrowser }, async () => {
  await withContext(browser as Browser, { baseURL: platform.url, javaScriptEnabled: false }, async (context) => {
    const page = await context.newPage();
    const email = `liga.${Date.now()}@example.org`;
    await askAsVisitor(page, email);
    await page.goto(await confirmationLink(email));
    await page.getByRole('button', { name: 'Apstiprināt un nosūtīt' }).click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('h1').innerText(), /Jautājums nosūtīts/);
  });
});

test('in Chromium: the support pages have no WCAG 2.1 A/AA violations, in Latvian and English', { skip: skipBrowser }, async () => {
  const catalog = createCatalog(platform.database.db);
  const pmlp = await catalog.getInstitution('pmlp');
  const { access } = createAccess(platform.database.db, { knownServices: async (ids) => ids });
  const roberts = '271188-10106';
  const admin: Principal = { subject: `person:${roberts}`, kind: 'person', via: 'session', personalCode: roberts, roles: await access.rolesOf(roberts), scopes: [] };
  await access.grantRole(admin, { personalCode: '120479-43216', role: 'support_agent', institutionId: pmlp.id });
  const options = { baseURL: platform.url, bypassCSP: true, javaScriptEnabled: true };

  await withContext(browser as Browser, options, async (context: BrowserContext) => {
    const page = await context.newPage();
    await page.goto(`/services/${SLUG}`);
    await expectAccessible(page, 'a service page with its Ask panel');
    await page.goto(`/support?service=${SLUG}`);
    await expectAccessible(page, '/support');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Nosūtīt jautājumu' }).click()]);
    assert.match(await page.title(), /^Kļūda: /);
    await expectAccessible(page, '/support with errors');
    await page.goto('/en/support');
    await expectAccessible(page, '/en/support');
    const email = `axe.${Date.now()}@example.org`;
    await askAsVisitor(page, email);
    await expectAccessible(page, '/support/sent');
    await page.goto(await confirmationLink(email));
    await expectAccessible(page, '/support/confirm');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Apstiprināt un nosūtīt' }).click()]);
    await expectAccessible(page, 'the confirmed page');
  });

  let number = '';
  await withContext(browser as Browser, options, async (context) => {
    const page = await signInPage(context, 'Jānis Bērziņš', '/workspace/support');
    await expectAccessible(page, '/workspace/support (empty)');
    await page.goto('/workspace/support/new');
    await expectAccessible(page, '/workspace/support/new');
    // By keyboard alone: the subject (type-ahead in the select), the question, and Enter on the button.
    await tabTo(page, 'the subject', byId('subject'));
    await page.keyboard.type('Cits');
    assert.equal(await page.locator('#subject').inputValue(), 'other');
    await tabTo(page, 'the question', byId('message'));
    await page.keyboard.type('Kā mainīt e-pasta adresi?');
    await tabTo(page, 'the send button', (element) => element.tag === 'button' && element.text === 'Nosūtīt jautājumu');
    await Promise.all([page.waitForURL((url) => /\/workspace\/support\/\d+$/.test(url.pathname)), page.keyboard.press('Enter')]);
    number = /(\d+)$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
    await expectAccessible(page, 'a question’s thread');
    await page.goto('/workspace/support');
    await expectAccessible(page, '/workspace/support');
    await page.goto(`/en/workspace/support/${number}`);
    await expectAccessible(page, '/en/workspace/support/N');
    // A second question, closed: its page offers the rating.
    await page.goto('/en/workspace/support/new');
    await page.getByLabel('Subject').selectOption('other');
    await page.getByLabel('Your question').fill('Where do I see my documents?');
    await Promise.all([page.waitForURL((url) => url.search.includes('done=sent')), page.getByRole('button', { name: 'Send the question' }).click()]);
    await Promise.all([page.waitForURL((url) => url.search.includes('done=closed')), page.getByRole('button', { name: 'Close the question' }).click()]);
    await expectAccessible(page, 'a closed question with the rating form (en)');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Send the rating' }).click()]);
    assert.match(await page.title(), /^Error: /);
    await expectAccessible(page, 'the rating form with an error (en)');
  });

  await withContext(browser as Browser, options, async (context) => {
    const page = await signInPage(context, 'Roberts Liepa', '/console/support');
    await expectAccessible(page, '/console/support');
    await page.goto(`/console/support/${number}`);
    await page.getByLabel('Iekšēja piezīme').fill('Jāpārbauda profils.');
    await Promise.all([page.waitForURL((url) => url.search.includes('done=noted')), page.getByRole('button', { name: 'Pievienot piezīmi' }).click()]);
    await expectAccessible(page, '/console/support/N (first line, with a note)');
    await page.goto(`/en/console/support/${number}`);
    await expectAccessible(page, '/en/console/support/N');
    await page.goto('/console/support/subjects');
    await expectAccessible(page, '/console/support/subjects');
  });

  await withContext(browser as Browser, options, async (context) => {
    const page = await signInPage(context, 'Ilze Kļaviņa', '/console/support');
    await expectAccessible(page, '/console/support (PMLP)');
    await page.goto(`/console/support/targets?institution=${pmlp.id}`);
    await expectAccessible(page, '/console/support/targets');
    await page.goto('/console/support/answers');
    await expectAccessible(page, '/console/support/answers');
    const residence = (await catalog.lookup(SLUG)) as { service: { id: string } };
    await page.goto(`/console/support/faq?service=${residence.service.id}`);
    await page.getByLabel('Jautājums latviski').fill('Vai var deklarēt īrnieks?');
    await page.getByLabel('Atbilde latviski').fill('Jā, ar īres līgumu.');
    await page.getByLabel('Jautājums angliski').fill('Can a tenant declare?');
    await page.getByLabel('Atbilde angliski').fill('Yes, with the lease.');
    await Promise.all([page.waitForURL((url) => url.search.includes('done=added')), page.getByRole('button', { name: 'Pievienot jautājumu' }).click()]);
    await expectAccessible(page, '/console/support/faq');
    await page.goto(`/services/${SLUG}`);
    await expectAccessible(page, 'a service page with its FAQ');
    await page.goto('/en/console/support/statistics');
    await expectAccessible(page, '/en/console/support/statistics');
  });
});
