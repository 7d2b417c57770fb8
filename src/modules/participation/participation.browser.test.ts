/**
 * Participation's pages in Chromium over the real platform with its demo data:
 * with JavaScript off, a visitor reaches "No" by keyboard on a service page,
 * writes what went wrong (with a personal code) and sends it — stored masked
 * with the page's path; every new page has no WCAG 2.1 A/AA violations
 * (axe-core): the comment and thanks pages, the performance pages (lv and
 * en), the rating page and the application page's panel, the ideas pages
 * (public list, proposing, supporting, my ideas), and the console's feedback
 * and ideas pages (lv and en). The forms are used by keyboard: rating (radios
 * by arrows), proposing and supporting an idea, answering one in the console.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createCatalog, type Service } from '../catalog/index.js';
import { createParticipation } from './index.js';
import { byId, expectAccessible, platformAndBrowser, signInPage, skipBrowser, tabTo, withContext } from '../../../test/support/browser.js';
import { eventually, expectJson } from '../../../test/support/http.js';
import type { TestPlatform } from '../../../test/support/platform.js';
import { institutionToken } from '../../../test/support/sso.js';

const RESIDENCE = 'dzivesvietas-deklaresana';

let platform: TestPlatform;
let browser: Browser | undefined;

platformAndBrowser((started) => ({ platform, browser } = started));

async function residence(): Promise<Service> {
  const found = await createCatalog(platform.database.db).lookup(RESIDENCE);
  assert.equal(found.kind, 'found');
  return (found as { service: Service }).service;
}

test('without JavaScript, by keyboard: "No" on a service page and a comment with a personal code, stored masked', { skip: skipBrowser }, async () => {
  await withContext(browser as Browser, { javaScriptEnabled: false, baseURL: platform.url }, async (context) => {
    const page = await context.newPage();
    await page.goto(`/services/${RESIDENCE}?from=browser`);
    // From the end of the page backwards: the footer's links, then the feedback buttons.
    await tabTo(page, 'the "No" button', (element) => element.tag === 'button' && element.text.startsWith('Nē'), true);
    await Promise.all([page.waitForURL(/\/feedback\/comment\?/), page.keyboard.press('Enter')]);
    await tabTo(page, 'the comment box', byId('comment'));
    await page.keyboard.type('Pārlūkā neizdevās. Kods 32123456789 un e-pasts x@y.lv');
    await tabTo(page, 'the send button', (element) => element.tag === 'button');
    await Promise.all([page.waitForURL(/\/feedback\/thanks\?/), page.keyboard.press('Enter')]);
    assert.match(await page.locator('h1').innerText(), /Paldies par atsauksmi/);
    await Promise.all([page.waitForURL((url) => url.pathname === `/services/${RESIDENCE}`), page.getByRole('link', { name: 'Atgriezties lapā' }).first().click()]);
  });
  const service = await residence();
  const rows = await createParticipation(platform.database.db).feedbackFor({ institutionIds: [service.institutionId], withComment: true });
  const row = rows.find((candidate) => candidate.comment?.startsWith('Pārlūkā'));
  assert.equal(row?.path, `/services/${RESIDENCE}`);
  assert.equal(row?.comment, 'Pārlūkā neizdevās. Kods [personas kods] un e-pasts [e-pasts]');
  assert.equal(row?.useful, false);
});

test('the new pages pass axe in Latvian and English', { skip: skipBrowser }, async () => {
  const service = await residence();
  // A decided application of Jānis's, registered by PMLP's system, so that he may rate it.
  const token = await institutionToken(platform, 'applications.read applications.write');
  const at = new Date(Date.now() - 3_600_000).toISOString();
  const batch = await expectJson<{ results: { number?: string }[] }>(
    await fetch(`${platform.url}/api/v1/status-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [
          { eventId: 'pt-b-1', externalId: 'PT-B-1', applicant: '150685-12347', serviceId: service.id, code: 'received', occurredAt: at },
          { eventId: 'pt-b-2', externalId: 'PT-B-1', code: 'decided' },
        ],
      }),
    }),
  );
  const number = batch.results[0]?.number ?? '';
  const participation = createParticipation(platform.database.db);
  await eventually(() => participation.rateable({ personalCode: '150685-12347' }, number).catch(() => undefined), (found) => found?.rateable === true, 'the decision reaches participation');

  await withContext(browser as Browser, { bypassCSP: true, baseURL: platform.url }, async (context) => {
    const page = await context.newPage();
    await page.goto(`/services/${RESIDENCE}`);
    await Promise.all([page.waitForURL(/\/feedback\/comment\?/), page.getByRole('button', { name: /^Nē/ }).click()]);
    await expectAccessible(page, 'the comment page');
    await page.getByRole('button', { name: 'Nosūtīt' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await expectAccessible(page, 'the comment page with an error');
    await page.goto('/en/feedback/thanks?page=%2Fen%2F');
    await expectAccessible(page, 'the thanks page (en)');
    for (const path of ['/performance', `/performance/services/${RESIDENCE}`, `/en/performance/services/${RESIDENCE}`, '/performance/institutions/pmlp', '/en/performance/institutions/pmlp']) {
      await page.goto(path);
      await expectAccessible(page, path);
    }
    assert.equal(await page.locator('svg[role="img"] title').count(), 1);
  });

  await withContext(browser as Browser, { bypassCSP: true, baseURL: platform.url }, async (context) => {
    const page = await signInPage(context, 'Jānis Bērziņš', `/workspace/applications/${number}`);
    assert.equal(await page.locator('#rating a').count(), 1);
    await expectAccessible(page, 'the application page with the rating panel');
    await Promise.all([page.waitForURL((url) => url.pathname === `/workspace/rate/${number}`), page.locator('#rating a').click()]);
    await expectAccessible(page, 'the rating page');
    await page.getByRole('button', { name: 'Nosūtīt vērtējumu' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await expectAccessible(page, 'the rating page with an error');
    // By keyboard: the score and the ease are radio groups (Tab reaches each, an arrow chooses), the button takes Enter.
    await tabTo(page, 'the score', byId('score'));
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'the ease', byId('ease'));
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getByLabel('4 – apmierināts').isChecked(), true);
    assert.equal(await page.getByLabel('Grūti').isChecked(), true);
    await tabTo(page, 'the send button', (element) => element.tag === 'button' && element.text === 'Nosūtīt vērtējumu');
    await Promise.all([page.waitForURL(/done=rated/), page.keyboard.press('Enter')]);
    await expectAccessible(page, 'the rating page after rating');
    await page.goto(`/en/workspace/rate/${number}`);
    await expectAccessible(page, 'the rating page (en)');
  });
  assert.equal((await participation.rateable({ personalCode: '150685-12347' }, number)).rating?.score, 4);

  // Ideas: Anna proposes one (form with an error first), Jānis supports it.
  await withContext(browser as Browser, { bypassCSP: true, baseURL: platform.url }, async (context) => {
    const page = await signInPage(context, 'Anna Kalniņa', `/workspace/ideas/new?service=${RESIDENCE}`);
    await expectAccessible(page, 'the new idea page');
    await page.getByRole('button', { name: 'Ierosināt' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await expectAccessible(page, 'the new idea page with errors');
    // By keyboard: Tab to each field, type, Enter on the button.
    await tabTo(page, 'the idea’s title', byId('title'));
    await page.keyboard.type('Paziņojums SMS');
    await tabTo(page, 'the idea’s text', byId('body'));
    await page.keyboard.type('Paziņot par lēmumu arī ar SMS.');
    await tabTo(page, 'the propose button', (element) => element.tag === 'button' && element.text === 'Ierosināt');
    await Promise.all([page.waitForURL(/\/workspace\/ideas\?done=proposed/), page.keyboard.press('Enter')]);
    await expectAccessible(page, 'my ideas');
    await page.goto(`/ideas/services/${RESIDENCE}`);
    await expectAccessible(page, 'the public ideas page');
    await page.goto(`/en/ideas/services/${RESIDENCE}?order=supported`);
    await expectAccessible(page, 'the public ideas page (en)');
    await page.goto('/ideas/institutions/pmlp');
    await expectAccessible(page, 'an institution’s ideas');
  });
  await withContext(browser as Browser, { bypassCSP: true, baseURL: platform.url }, async (context) => {
    const page = await signInPage(context, 'Jānis Bērziņš', '/workspace');
    await page.goto(`/ideas/services/${RESIDENCE}`);
    await Promise.all([page.waitForURL(/\/workspace\/ideas\/[0-9a-f-]{36}$/), page.locator('#ideas a').first().click()]);
    await expectAccessible(page, 'an idea with its support button');
    await tabTo(page, 'the support button', (element) => element.tag === 'button' && element.text.startsWith('Atbalstīt ideju'));
    await Promise.all([page.waitForURL(/done=supported/), page.keyboard.press('Enter')]);
    await expectAccessible(page, 'an idea supported');
  });

  await withContext(browser as Browser, { bypassCSP: true, baseURL: platform.url }, async (context) => {
    const page = await signInPage(context, 'Ilze Kļaviņa', '/console/participation');
    await expectAccessible(page, 'the console’s feedback page');
    await page.goto(`/en/console/participation?service=${service.id}&answer=no`);
    await expectAccessible(page, 'the console’s feedback page (en, filtered)');
    assert.ok((await page.locator('#ratings tbody tr').count()) >= 1);
    await page.goto('/console/participation/visits');
    await expectAccessible(page, 'the console’s page-visit statistics');
    await page.goto('/console/participation/ideas');
    await expectAccessible(page, 'the console’s ideas page');
    // By keyboard: Tab to the first answer's reason, type, Tab on to its button, Enter.
    await tabTo(page, 'the first reason', (element) => element.tag === 'textarea');
    await page.keyboard.type('Izskatīsim nākamajā ceturksnī.');
    await tabTo(page, 'the first save button', (element) => element.tag === 'button' && element.text.startsWith('Saglabāt atbildi'));
    await Promise.all([page.waitForURL(/done=saved/), page.keyboard.press('Enter')]);
    await expectAccessible(page, 'the console’s ideas page after saving');
    await page.goto('/en/console/participation/ideas');
    await expectAccessible(page, 'the console’s ideas page (en)');
  });
  // A platform administrator also sees the moderation form.
  await withContext(browser as Browser, { bypassCSP: true, baseURL: platform.url }, async (context) => {
    const page = await signInPage(context, 'Roberts Liepa', '/console/participation/ideas');
    assert.ok((await page.getByRole('button', { name: /^Paslēpt ideju/ }).count()) >= 1);
    await expectAccessible(page, 'the console’s ideas page for a platform administrator');
  });
});
