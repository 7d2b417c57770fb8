/**
 * Trust at the edge: pages are opened by a web session only. A bearer token of
 * any scope, even a platform administrator's, opens no console or workspace
 * page and never stands in for a form's CSRF token; a session's state-changing
 * form post without a valid CSRF token is refused and changes nothing.
 * (The hole this guards: a `demo-rp` token with scope `openid` alone opened
 * `/console/clients` and disabled a client with no CSRF token.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createIdentity } from '../src/modules/identity/index.js';
import { callApi, expectJson } from './support/http.js';
import { csrfOf, pageHtml, signedIn, startTestPlatform, type TestPlatform } from './support/platform.js';
import { accessTokenFor, ALL_SCOPES, demoRp, institutionToken } from './support/sso.js';

let platform: TestPlatform;
const tokens: Record<string, string> = {};

before(async () => {
  platform = await startTestPlatform();
  const rp = await demoRp(platform);
  tokens.openidOnly = await accessTokenFor(platform, rp, 'Roberts Liepa', 'openid');
  tokens.everyScope = await accessTokenFor(platform, rp, 'Roberts Liepa', ALL_SCOPES);
  tokens.citizen = await accessTokenFor(platform, rp, 'Jānis Bērziņš', ALL_SCOPES);
  tokens.institution = await institutionToken(platform);
});

after(async () => {
  await platform?.close();
});

const clientDisabled = async (clientId: string): Promise<boolean> => {
  const summary = await createIdentity(platform.database.db).getClient(clientId);
  return summary.disabledAt !== null;
};

/** Where a page sends someone it does not know: to sign in, coming back afterwards. */
function assertSentToSignIn(response: Response, what: string): void {
  assert.equal(response.status, 303, `${what}: ${response.status}`);
  assert.match(response.headers.get('location') ?? '', /\/login\?returnTo=/, what);
}

describe('a bearer token opens no page', () => {
  const pages = ['/console', '/console/clients', '/en/console/clients', '/console/staff', '/console/applications', '/workspace', '/workspace/applications', '/workspace/mandates', '/en/workspace/notifications'];

  for (const kind of ['openidOnly', 'everyScope', 'citizen', 'institution'] as const) {
    test(`${kind}: every console and workspace page sends the caller to sign in`, async () => {
      for (const path of pages) {
        const response = await callApi(platform.url, 'GET', path, tokens[kind], { headers: { accept: 'text/html' } });
        assertSentToSignIn(response, `${kind} GET ${path}`);
        await response.body?.cancel();
      }
    });
  }

  test('a platform administrator’s token with scope openid cannot disable a client, with or without a CSRF header', async () => {
    for (const token of [tokens.openidOnly, tokens.everyScope]) {
      for (const headers of [{}, { 'x-csrf-token': 'forged' }] as Record<string, string>[]) {
        const response = await callApi(platform.url, 'POST', '/console/clients/demo-institution/disable', token, {
          body: new URLSearchParams({ confirm: 'yes' }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        });
        assertSentToSignIn(response, 'POST disable');
        await response.body?.cancel();
      }
    }
    assert.equal(await clientDisabled('demo-institution'), false, 'the client is still enabled');
    // …and so its system still gets tokens.
    assert.ok(await institutionToken(platform));
  });

  test('the same token still works where it belongs: the API', async () => {
    const me = await expectJson<{ personalCode?: string }>(await callApi(platform.url, 'GET', '/api/v1/me', tokens.everyScope));
    assert.equal(me.personalCode, '271188-10106');
  });
});

describe('a session’s form posts need the CSRF token', () => {
  test('without it, or with a wrong one, disabling a client is refused (403) and nothing changes', async () => {
    const roberts = await signedIn(platform, 'Roberts Liepa', '/console');
    const form = await pageHtml(roberts, '/console/clients/demo-institution/disable');
    const good = csrfOf(form);
    assert.ok(good.length > 20, 'the page carries a CSRF token');
    for (const fields of [{}, { _csrf: '' }, { _csrf: `${good.slice(0, -2)}xx` }, { _csrf: good.toUpperCase() }] as Record<string, string>[]) {
      const response = await roberts.request('/console/clients/demo-institution/disable', { method: 'POST', form: fields });
      assert.equal(response.status, 403, `refused with ${JSON.stringify(fields)}`);
      await response.body?.cancel();
    }
    assert.equal(await clientDisabled('demo-institution'), false);
    // A bearer token beside the session changes nothing either: the session's CSRF rule still applies.
    const mixed = await roberts.request('/console/clients/demo-institution/disable', { method: 'POST', form: {}, headers: { authorization: `Bearer ${tokens.everyScope}` } });
    assert.ok([303, 403].includes(mixed.status), `refused: ${mixed.status}`);
    await mixed.body?.cancel();
    assert.equal(await clientDisabled('demo-institution'), false);
  });
});
