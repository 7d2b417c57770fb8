/**
 * The developer portal: its example events are what the publishing modules'
 * schemas accept (so they cannot drift), and in Chromium the page in Latvian
 * and English has no WCAG 2.1 A/AA violations, its code samples are reached by
 * keyboard, and it links the reference that answers; the console's webhooks
 * page (integration's other page) is accessible too, with a hand-over listed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import type { Browser } from 'playwright-core';
import { expectAccessible, platformAndBrowser, signInPage, skipBrowser, tabTo, withContext } from '../../../../../test/support/browser.js';
import { applyAsJanis } from '../../../../../test/support/journeys.js';
import type { TestPlatform } from '../../../../../test/support/platform.js';
import { accessTokenFor, demoRp, institutionToken } from '../../../../../test/support/sso.js';
import { applicationsEvents } from '../../../applications/index.js';
import { catalogEvents } from '../../../catalog/index.js';
import { WEBHOOK_EVENTS } from '../../index.js';
import { EVENT_EXAMPLES } from './developers.examples.js';

let platform: TestPlatform;
let browser: Browser | undefined;
platformAndBrowser((started) => ({ platform, browser } = started));

test('every subscribable event has an example, and each example is what its module publishes', () => {
  assert.deepEqual(Object.keys(EVENT_EXAMPLES).sort(), [...WEBHOOK_EVENTS].sort());
  const schemas: Record<string, Parameters<typeof Value.Check>[0]> = { ...applicationsEvents, ...catalogEvents };
  for (const [type, example] of Object.entries(EVENT_EXAMPLES)) {
    assert.equal(example.type, type);
    const schema = schemas[type];
    assert.ok(schema, `${type} is declared by its module`);
    assert.ok(Value.Check(schema, example.data), `${type}: ${JSON.stringify([...Value.Errors(schema, example.data)].map((error) => `${error.path} ${error.message}`))}`);
  }
});

test('the developer portal in lv and en: accessible, by keyboard, with a working reference', { skip: skipBrowser }, async () => {
  await withContext(browser!, { baseURL: platform.url, bypassCSP: true }, async (context) => {
    const page = await context.newPage();
    for (const path of ['/developers', '/en/developers']) {
      const response = await page.goto(path);
      assert.equal(response?.status(), 200);
      await expectAccessible(page, path);
    }
    assert.match(await page.locator('h1').innerText(), /For developers/);
    assert.equal(await page.locator('footer a[href="/en/developers"]').count(), 1, 'every page’s footer leads here');
    assert.match(await page.locator('#events ~ pre').first().innerText(), /"type": "applications\.status_changed"/);
    // The unified requirements (P5), R1–R5, with the command that checks them.
    assert.equal(await page.locator('section[aria-labelledby="conformance"] li').count(), 5);
    assert.match(await page.locator('section[aria-labelledby="conformance"] pre').innerText(), /^npx pakalpojumi-conformance --system /);
    // A code sample is a region the keyboard reaches (it scrolls sideways on a phone).
    await page.goto('/en/developers');
    const region = await tabTo(page, 'the first code sample', (element) => element.tag === 'pre');
    assert.equal(region.tag, 'pre');
    await page.goto('/developers');
    await tabTo(page, 'the contents link to events', (element) => element.href === '#events');
    assert.equal((await page.request.get('/openapi.json')).status(), 200);
  });
});

test('the console’s webhooks page, with a failing hand-over, in lv and en: accessible', { skip: skipBrowser }, async () => {
  // PMLP's system subscribes an endpoint that refuses everything (nothing listens there), and an application is submitted.
  const token = await institutionToken(platform, 'integration.manage applications.read');
  const created = await fetch(`${platform.url}/api/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: 'http://127.0.0.1:9/nobody-listens', eventTypes: ['applications.status_changed'] }),
  });
  assert.equal(created.status, 201);
  const janis = await accessTokenFor(platform, await demoRp(platform), 'Jānis Bērziņš');
  const residence = (await (await fetch(`${platform.url}/api/v1/services/dzivesvietas-deklaresana`)).json()) as { id: string };
  await applyAsJanis(platform, janis, residence.id);
  await withContext(browser!, { baseURL: platform.url, bypassCSP: true }, async (context) => {
    const page = await signInPage(context, 'Ilze Kļaviņa', '/console/webhooks');
    await page.waitForSelector('text=nobody-listens');
    await expectAccessible(page, '/console/webhooks');
    await page.goto('/en/console/webhooks');
    await expectAccessible(page, '/en/console/webhooks');
  });
});
