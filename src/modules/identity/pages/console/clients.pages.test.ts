/**
 * The OpenID clients console pages in a real browser (Debian's Chromium
 * through playwright-core) over the real platform with its demo data: Roberts
 * Liepa (platform administrator) registers a client whose secret, shown once,
 * obtains a token, and disables it, which ends that token; all audited.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { createAudit } from '../../../audit/index.js';
import { expectAccessible, launchChromium, signInPage, skipBrowser } from '../../../../../test/support/browser.js';
import { startTestPlatform, type TestPlatform } from '../../../../../test/support/platform.js';

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

async function html(page: Page): Promise<string> {
  return page.content();
}

describe('Roberts Liepa, platform administrator', { skip: skipBrowser }, () => {
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
});
