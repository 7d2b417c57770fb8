/**
 * Self-service API clients end to end (issue #14 items 2 and 3): a real
 * platform with its demo data, staff using the console's plain forms (no
 * JavaScript), the OpenID provider's token endpoint and the API. Ilze Kļaviņa
 * (PMLP's integration manager) requests a client; Roberts Liepa (platform
 * administrator) approves it; Ilze is shown its secret once; the client gets a
 * token and calls the API within its scopes, and is refused beyond them. A
 * rotated secret leaves the old one valid for the overlap only; a per-client
 * limit set by Roberts is what the rate limiter applies, and Ilze sees what is
 * left of it. The pages pass axe in Chromium.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchChromium, signInPage, skipBrowser } from '../../../test/support/browser.js';
import { expectProblem } from '../../../test/support/http.js';
import { decodeHtml, pageHtml, signedIn, startTestPlatform, submitForm, type TestBrowser, type TestPlatform } from '../../../test/support/platform.js';
import { createAudit } from '../audit/index.js';
import { createCatalog } from '../catalog/index.js';

const PATH = '/console/api-clients';

let platform: TestPlatform;
let ilze: TestBrowser;
let roberts: TestBrowser;
let pmlp: string;
/** Ilze's approved client: its request id, client id and the secrets it has had */
let requestId: string;
let clientId: string;
let firstSecret: string;

const token = (id: string, secret: string, scope: string): Promise<Response> =>
  fetch(`${platform.url}/oidc/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  });

async function accessToken(id: string, secret: string, scope: string): Promise<string> {
  const response = await token(id, secret, scope);
  assert.equal(response.status, 200, `a token for ${id} (${await response.clone().text()})`);
  return ((await response.json()) as { access_token: string }).access_token;
}

const api = (path: string, bearer: string): Promise<Response> => fetch(`${platform.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });

/** The secret on a page that shows one. */
const secretOn = (html: string): string => decodeHtml(/id="client-secret"[^>]*>([^<]+)</.exec(html)?.[1] ?? '');

const requestFields = (overrides: Record<string, string | string[]>): [string, string][] =>
  Object.entries({ name: 'PMLP uzturēšanās atļauju sistēma', institution: pmlp, contacts: 'it@pmlp.example.lv\nintegracija@pmlp.example.lv', grantTypes: 'client_credentials', authMethod: 'client_secret_basic', scopes: ['applications.read', 'catalog.read'], ...overrides }).flatMap(
    ([name, value]) => (Array.isArray(value) ? value.map((item): [string, string] => [name, item]) : [[name, value] as [string, string]]),
  );

before(async () => {
  platform = await startTestPlatform();
  pmlp = (await createCatalog(platform.database.db).getInstitution('pmlp')).id;
  [ilze, roberts] = await Promise.all([signedIn(platform, 'Ilze Kļaviņa', PATH), signedIn(platform, 'Roberts Liepa', PATH)]);
});

after(async () => {
  await platform?.close();
});

describe('a client requested in the console, approved, and used', () => {
  test('Ilze requests a client for PMLP; a third party may not have institution scopes', async () => {
    const refused = await submitForm(ilze, `${PATH}/new`, `${PATH}/new`, requestFields({ institution: '' }));
    assert.equal(refused.status, 400, 'applications.read is not a public scope');
    assert.match(await refused.text(), /Trešā puse var saņemt tikai publiskās tiesības/);
    const missing = await submitForm(ilze, `${PATH}/new`, `${PATH}/new`, requestFields({ contacts: 'nav-adrese', grantTypes: 'authorization_code' }));
    assert.equal(missing.status, 400);
    const text = await missing.text();
    assert.match(text, /derīgas e-pasta adreses/);
    assert.match(text, /vismaz vienu pārvirzīšanas adresi/);

    const sent = await submitForm(ilze, `${PATH}/new`, `${PATH}/new`, requestFields({}));
    assert.equal(sent.status, 303);
    requestId = /\/console\/api-clients\/([0-9a-f-]{36})/.exec(sent.headers.get('location') ?? '')?.[1] ?? '';
    const page = await pageHtml(ilze, sent.headers.get('location') ?? '');
    assert.match(page, /Pieprasījums nosūtīts/);
    assert.match(page, /Gaida/);
    assert.doesNotMatch(page, /\/approve"/, 'Ilze cannot approve her own request');
    const approving = await ilze.request(`${PATH}/${requestId}/approve`, { form: { _csrf: /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '' } });
    assert.equal(approving.status, 403, 'only a platform administrator approves');
  });

  test('Roberts sees it pending and approves it; the client is registered in identity, and only Ilze gets its secret, once', async () => {
    const list = await pageHtml(roberts, PATH);
    assert.match(list, /Izskatāmie pieprasījumi/);
    assert.ok(list.includes(`${PATH}/${requestId}`));
    const approved = await submitForm(roberts, `${PATH}/${requestId}`, `${PATH}/${requestId}/approve`, {});
    assert.equal(approved.status, 303);
    const page = await pageHtml(roberts, approved.headers.get('location') ?? '');
    clientId = decodeHtml(/id="client-id"[^>]*>([^<]+)</.exec(page)?.[1] ?? '');
    assert.match(clientId, /^pmlp-uzturesanas-atlauju-sistema-[0-9a-f]{6}$/);
    assert.doesNotMatch(page, /\/secret"/, 'the administrator is not offered the secret');
    const again = await roberts.request(`${PATH}/${requestId}/approve`, { form: { _csrf: /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '' } });
    assert.equal(again.status, 409, 'a decided request is not decided again');

    const shown = await submitForm(ilze, `${PATH}/${requestId}`, `${PATH}/${requestId}/secret`, {});
    assert.equal(shown.status, 200);
    assert.equal(shown.headers.get('cache-control'), 'no-store');
    firstSecret = secretOn(await shown.text());
    assert.match(firstSecret, /^[A-Za-z0-9_-]{43}$/);
    const page2 = await pageHtml(ilze, `${PATH}/${requestId}`);
    assert.ok(!page2.includes(firstSecret), 'the secret is on that one page only');
    assert.match(page2, /Nomainīt noslēpumu/, 'afterwards it is only rotated');
  });

  test('the client gets a token and calls the API within its scopes; beyond them it is 403', async () => {
    const bearer = await accessToken(clientId, firstSecret, 'applications.read catalog.read');
    const queue = await api('/api/v1/applications', bearer);
    assert.equal(queue.status, 200, 'PMLP’s queue, with applications.read');
    const me = (await (await api('/api/v1/me', bearer)).json()) as { kind: string; institutionId?: string };
    assert.equal(me.kind, 'system');
    assert.equal(me.institutionId, pmlp, 'the client is PMLP’s');
    await expectProblem(await api('/api/v1/webhooks', bearer), 403);
    const wider = await token(clientId, firstSecret, 'applications.write');
    assert.equal(wider.status, 400, 'a scope it was not given is not issued');
    assert.equal(((await wider.json()) as { error: string }).error, 'invalid_scope');
  });
});

describe('secret rotation with an overlap', () => {
  test('after a rotation both secrets work until the overlap ends, then only the new one', async () => {
    const rotated = await submitForm(ilze, `${PATH}/${requestId}`, `${PATH}/${requestId}/rotate`, {});
    assert.equal(rotated.status, 200);
    const html = await rotated.text();
    const secret = secretOn(html);
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(secret, firstSecret);
    assert.match(html, /vecais derēs līdz/);
    await accessToken(clientId, secret, 'catalog.read');
    await accessToken(clientId, firstSecret, 'catalog.read');
    // A day passes: the overlap's end is moved into the past, as the clock would.
    await sql`update identity.clients set previous_secret_expires_at = now() - interval '1 second' where client_id = ${clientId}`.execute(platform.database.db);
    assert.equal((await token(clientId, firstSecret, 'catalog.read')).status, 401, 'the old secret is no longer valid');
    await accessToken(clientId, secret, 'catalog.read');
    const again = await submitForm(ilze, `${PATH}/${requestId}`, `${PATH}/${requestId}/rotate`, {});
    assert.equal(again.status, 200);
    firstSecret = secretOn(await again.text());
    await accessToken(clientId, firstSecret, 'catalog.read');
    await accessToken(clientId, secret, 'catalog.read');
    assert.doesNotMatch(await pageHtml(roberts, `${PATH}/${requestId}`), /\/rotate"/, 'the administrator does not hold the client’s secrets');
    const trail = await createAudit(platform.database.db).list({ target: `client:${clientId}` });
    assert.deepEqual(trail.map((entry) => entry.action).sort(), ['identity.client_registered', 'identity.client_secret_rotated', 'identity.client_secret_rotated', 'identity.client_secret_rotated']);
    assert.ok(!JSON.stringify(trail).includes(secret) && !JSON.stringify(trail).includes(firstSecret), 'no secret reaches the audit trail');
  });
});

describe('per-client rate limits', () => {
  test('a limit Roberts sets is what the limiter applies; Ilze sees what is left of it', async () => {
    const set = await submitForm(roberts, `${PATH}/${requestId}`, `${PATH}/${requestId}/limit`, { perMinute: '60', burst: '3', action: 'save' });
    assert.equal(set.status, 303);
    const bad = await submitForm(roberts, `${PATH}/${requestId}`, `${PATH}/${requestId}/limit`, { perMinute: 'daudz', burst: '3', action: 'save' });
    assert.equal(bad.status, 400);
    const bearer = await accessToken(clientId, firstSecret, 'catalog.read');
    for (let call = 1; call <= 3; call++) {
      const response = await api('/api/v1/me', bearer);
      assert.equal(response.status, 200, `call ${call} of the burst of 3`);
      assert.match(response.headers.get('ratelimit-policy') ?? '', /q=60;w=60;burst=3/);
    }
    const refused = await api('/api/v1/me', bearer);
    await expectProblem(refused, 429, 'rate-limit.exceeded');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    assert.match(refused.headers.get('ratelimit') ?? '', /r=0/);

    const page = await pageHtml(ilze, `${PATH}/${requestId}`);
    assert.match(page, /60 pieprasījumi minūtē, vienlaikus līdz 3/);
    assert.match(page, /Šim klientam noteikts savs limits/);
    assert.match(page, /data-family="me"[^>]*>0</, 'nothing left of the "me" family');
    assert.doesNotMatch(page, /\/limit"/, 'only platform administrators set limits');

    const cleared = await submitForm(roberts, `${PATH}/${requestId}`, `${PATH}/${requestId}/limit`, { perMinute: '60', burst: '3', action: 'clear' });
    assert.equal(cleared.status, 303);
    const back = await api('/api/v1/me', bearer);
    assert.equal(back.status, 200, 'the default limit has room again');
    assert.match(back.headers.get('ratelimit-policy') ?? '', /q=3000;w=60;burst=1000/);
    const trail = await createAudit(platform.database.db).list({ target: `client:${clientId}` });
    assert.equal(trail.filter((entry) => entry.action === 'integration.client_limit_set').length, 2);
  });
});

describe('a refused request, and the pages in Chromium', () => {
  test('a third party’s request refused with a reason; the requester reads why', async () => {
    const sent = await submitForm(ilze, `${PATH}/new`, `${PATH}/new`, requestFields({ name: 'Atvērto datu lietotne', institution: '', scopes: ['catalog.read'] }));
    assert.equal(sent.status, 303);
    const id = /([0-9a-f-]{36})/.exec(sent.headers.get('location') ?? '')?.[1] ?? '';
    assert.equal((await submitForm(roberts, `${PATH}/${id}`, `${PATH}/${id}/refuse`, { reason: '' })).status, 400, 'a refusal needs a reason');
    assert.equal((await submitForm(roberts, `${PATH}/${id}`, `${PATH}/${id}/refuse`, { reason: 'Lūdzu, norādiet lietotnes mērķi.' })).status, 303);
    const page = await pageHtml(ilze, `${PATH}/${id}`);
    assert.match(page, /Noraidīts/);
    assert.match(page, /Lūdzu, norādiet lietotnes mērķi\./);
    const trail = await createAudit(platform.database.db).list({ target: `client-request:${id}` });
    assert.deepEqual(trail.map((entry) => entry.action).sort(), ['integration.client_request_refused', 'integration.client_requested']);
    assert.match(await pageHtml(ilze, `/en${PATH}/${id}`), /Refused/);
    await pageHtml(ilze, `/en${PATH}/new`);
  });

  test('a third party (Anna, no staff role) requests a client with public scopes only, and uses it once approved', async () => {
    const anna = await signedIn(platform, 'Anna Kalniņa', PATH);
    assert.equal((await anna.request('/console')).status, 403, 'the rest of the console stays closed to her');
    const form = await pageHtml(anna, `${PATH}/new`);
    assert.ok(!form.includes(`value="${pmlp}"`), 'no institution to choose');
    const refused = await submitForm(anna, `${PATH}/new`, `${PATH}/new`, requestFields({ name: 'Pakalpojumu karte', institution: '', contacts: 'anna@example.com' }));
    assert.equal(refused.status, 400, 'applications.read is not public');
    const forPmlp = await submitForm(anna, `${PATH}/new`, `${PATH}/new`, requestFields({ name: 'Pakalpojumu karte', contacts: 'anna@example.com', scopes: ['catalog.read'] }));
    assert.equal(forPmlp.status, 400, 'nor may she ask for PMLP');
    const sent = await submitForm(anna, `${PATH}/new`, `${PATH}/new`, requestFields({ name: 'Pakalpojumu karte', institution: '', contacts: 'anna@example.com', scopes: ['catalog.read'] }));
    assert.equal(sent.status, 303);
    const id = /([0-9a-f-]{36})/.exec(sent.headers.get('location') ?? '')?.[1] ?? '';
    assert.equal((await anna.request(`${PATH}/${requestId}`)).status, 404, 'PMLP’s client is none of her business');
    assert.equal((await submitForm(roberts, `${PATH}/${id}`, `${PATH}/${id}/approve`, {})).status, 303);
    const page = await pageHtml(anna, `${PATH}/${id}`);
    const id3 = decodeHtml(/id="client-id"[^>]*>([^<]+)</.exec(page)?.[1] ?? '');
    const secret = secretOn(await (await submitForm(anna, `${PATH}/${id}`, `${PATH}/${id}/secret`, {})).text());
    const bearer = await accessToken(id3, secret, 'catalog.read');
    const me = (await (await api('/api/v1/me', bearer)).json()) as { kind: string; institutionId?: string };
    assert.equal(me.kind, 'system');
    assert.equal(me.institutionId, undefined, 'a third party’s client belongs to no institution');
    await expectProblem(await api('/api/v1/applications', bearer), 403);
  });

  test('the list, the form with its errors and a client’s page pass axe, in both languages', { skip: skipBrowser }, async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const context = await browser.newContext({ bypassCSP: true, baseURL: platform.url, viewport: { width: 390, height: 844 } });
      const page = await signInPage(context, 'Ilze Kļaviņa', PATH);
      await expectAccessible(page, 'the API clients list');
      await page.goto(`${PATH}/new`);
      await Promise.all([page.waitForNavigation(), page.locator('form[action$="/new"] button[type="submit"]').click()]);
      assert.match(await page.locator('.govuk-error-summary').innerText(), /Ievadiet nosaukumu/);
      await expectAccessible(page, 'the request form with errors');
      await page.goto(`/en${PATH}/${requestId}`);
      await expectAccessible(page, 'a client’s page with its budget');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll at 390 px');
    } finally {
      await browser?.close();
    }
  });
});
