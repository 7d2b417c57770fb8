/**
 * The staff roles console pages in a real browser (Debian's Chromium through
 * playwright-core) over the real platform with its demo data: Roberts Liepa
 * (platform administrator) grants Anna a role at PMLP and withdraws it, with
 * a confirmation step; both are audited.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { createAudit } from '../../../audit/index.js';
import { expectAccessible, launchChromium, signInPage, skipBrowser } from '../../../../../test/support/browser.js';
import { signedIn, startTestPlatform, type TestBrowser, type TestPlatform } from '../../../../../test/support/platform.js';

const ANNA = '230390-11113';
const PMLP_NAME = 'Pilsonības un migrācijas lietu pārvalde';

let platform: TestPlatform;
let browser: Browser | undefined;
let page: Page;

before(async () => {
  platform = await startTestPlatform();
  if (skipBrowser) return;
  browser = await launchChromium();
  page = await signInPage(await browser.newContext({ bypassCSP: true, baseURL: platform.url }), 'Roberts Liepa', '/console');
});

after(async () => {
  await browser?.close();
  await platform?.close();
});

/** Clicks and waits for the page it leads to; the final response's status. */
async function submit(page: Page, selector: string): Promise<number> {
  const [response] = await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
  return response?.status() ?? 0;
}

/** A plain-HTTP browser signed in as `name`. */
const httpSignIn = (name: string): Promise<TestBrowser> => signedIn(platform, name, '/console');

describe('Roberts Liepa, platform administrator', { skip: skipBrowser }, () => {
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
});
