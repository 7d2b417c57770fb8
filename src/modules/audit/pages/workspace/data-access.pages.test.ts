/**
 * "Who looked at my data": after Jānis applies, PMLP's system and Ilze (its
 * case handler) read his application; his log (API and workspace page) shows
 * both — the system by its client id, Ilze as institution staff by a masked
 * code — and not his own reads; Anna's log shows nothing of his; reading the
 * log is on the record; the page passes axe in lv and en.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser } from 'playwright-core';
import { expectAccessible, expectSnifferClean, platformAndBrowser, signInPage, skipBrowser, withContext } from '../../../../../test/support/browser.js';
import { expectJson } from '../../../../../test/support/http.js';
import { applyAsJanis } from '../../../../../test/support/journeys.js';
import type { TestPlatform } from '../../../../../test/support/platform.js';
import { accessTokenFor, demoRp, institutionToken } from '../../../../../test/support/sso.js';
import { createAudit } from '../../index.js';

let platform: TestPlatform;
let browser: Browser | undefined;
platformAndBrowser((started) => ({ platform, browser } = started));

interface Entry {
  actor: { kind: string; id: string };
  action: string;
  target: string | null;
}

const get = (path: string, token: string): Promise<Response> => fetch(`${platform.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

test('a person sees who else read their data, and nobody else’s', async () => {
  const rp = await demoRp(platform);
  const janis = await accessTokenFor(platform, rp, 'Jānis Bērziņš');
  const residence = await expectJson<{ id: string }>(await fetch(`${platform.url}/api/v1/services/dzivesvietas-deklaresana`));
  const { applicationId } = await applyAsJanis(platform, janis, residence.id);
  await expectJson(await get(`/api/v1/applications/${applicationId}`, janis));
  await expectJson(await get(`/api/v1/applications/${applicationId}`, await institutionToken(platform, 'applications.read')));
  await expectJson(await get(`/api/v1/applications/${applicationId}`, await accessTokenFor(platform, rp, 'Ilze Kļaviņa')));

  const log = (await expectJson<{ items: Entry[] }>(await get('/api/v1/me/data-access', janis))).items;
  const about = log.filter((entry) => entry.target === `application:${applicationId}` && entry.action === 'applications.read');
  assert.deepEqual(about.map((entry) => entry.actor).sort((a, b) => a.kind.localeCompare(b.kind)), [
    { kind: 'client', id: 'demo-institution' },
    { kind: 'staff', id: '120479-*****' },
  ]);
  assert.ok(!log.some((entry) => entry.actor.id.startsWith('150685')), 'his own reads are not listed');

  const anna = await accessTokenFor(platform, rp, 'Anna Kalniņa');
  const annas = (await expectJson<{ items: Entry[] }>(await get('/api/v1/me/data-access', anna))).items;
  assert.ok(!annas.some((entry) => entry.target === `application:${applicationId}`), 'Anna’s log shows nothing of Jānis’s');
  const asked = await createAudit(platform.database.db).list({ action: 'audit.data_access_read', target: 'party:150685-12347' });
  assert.ok(asked.length >= 1, 'reading the log is on the record');
});

test('the page “Who looked at my data” in lv and en', { skip: skipBrowser }, async () => {
  await withContext(browser!, { baseURL: platform.url, bypassCSP: true }, async (context) => {
    const page = await signInPage(context, 'Jānis Bērziņš', '/workspace/data-access');
    assert.match(await page.locator('main').innerText(), /Iestādes sistēma \(demo-institution\)/);
    await expectAccessible(page, '/workspace/data-access');
    await expectSnifferClean(page, '/workspace/data-access');
    await page.goto('/en/workspace/data-access');
    assert.match(await page.locator('h1').innerText(), /Who looked at my data/);
    await expectAccessible(page, '/en/workspace/data-access');
    await expectSnifferClean(page, '/en/workspace/data-access');
  });
});
