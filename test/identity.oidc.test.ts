/**
 * Single sign-on through the platform's OpenID provider with a real relying
 * party (openid-client): code flow with PKCE as demo-rp through the demo
 * identity provider's page (driven over HTTP like a browser without
 * JavaScript), refresh, userinfo, RP-initiated logout; client credentials as
 * demo-institution; private_key_jwt; bearer tokens on /api/v1/me.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as client from 'openid-client';
import { exportJWK, generateKeyPair } from 'jose';
import { createIdentity } from '../src/modules/identity/index.js';
import { expectProblem } from './support/http.js';
import { formOf, personButton, startTestPlatform, TestBrowser, type TestPlatform } from './support/platform.js';
import { DEMO_RP_REDIRECT, demoRp, insecure, signInAsRp, type RpSignIn } from './support/sso.js';


let platform: TestPlatform;
let rp: client.Configuration;

before(async () => {
  platform = await startTestPlatform({ demo: true });
  rp = await demoRp(platform);
});
after(async () => platform?.close());

/** Runs the authorization code flow with PKCE as demo-rp, choosing `name` on the demo page. */
const signIn = (name: string, config = rp, browser = new TestBrowser(platform.url), scope = 'openid profile email personal_code catalog.read'): Promise<RpSignIn> =>
  signInAsRp(platform, config, name, { browser, scope });

async function me(token: string, base = platform.url): Promise<Response> {
  return fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
}

/** openid-client's errors carry the OAuth error code. */
const oauthError =
  (code: string) =>
  (error: unknown): boolean => {
    const failure = error as { error?: string; cause?: { error?: string } | { parameters?: { error?: string } }[] };
    if (failure.error === code) return true;
    return Array.isArray(failure.cause) ? failure.cause.some((challenge) => challenge.parameters?.error === code) : failure.cause?.error === code;
  };

describe('discovery', () => {
  test('the discovery document is at the root and its endpoints under /oidc', async () => {
    const metadata = rp.serverMetadata();
    assert.equal(metadata.issuer, platform.url);
    for (const endpoint of [metadata.authorization_endpoint, metadata.token_endpoint, metadata.userinfo_endpoint, metadata.jwks_uri, metadata.end_session_endpoint]) {
      assert.ok(endpoint?.startsWith(`${platform.url}/oidc/`), `${endpoint} is under /oidc`);
    }
    assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
    assert.ok(metadata.grant_types_supported?.includes('client_credentials'));
    assert.deepEqual(metadata.token_endpoint_auth_methods_supported?.filter((method) => method !== 'none').sort(), ['client_secret_basic', 'private_key_jwt']);
    for (const level of ['low', 'substantial', 'high']) assert.ok(metadata.acr_values_supported?.includes(`http://eidas.europa.eu/LoA/${level}`));
    for (const scope of ['personal_code', 'catalog.read', 'mandates.write', 'applications.read', 'notifications.send']) assert.ok(metadata.scopes_supported?.includes(scope), scope);
    const jwks = (await (await fetch(metadata.jwks_uri as string)).json()) as { keys: { alg: string; d?: string }[] };
    assert.deepEqual(jwks.keys.map((key) => key.alg).sort(), ['ES256', 'RS256']);
    assert.ok(jwks.keys.every((key) => key.d === undefined), 'no private parts published');
  });

  test('a code request without PKCE is refused', async () => {
    const url = client.buildAuthorizationUrl(rp, { redirect_uri: DEMO_RP_REDIRECT, scope: 'openid', state: 'x' });
    const response = await fetch(url, { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('error'), 'invalid_request');
    assert.match(location.searchParams.get('error_description') ?? '', /PKCE/);
  });
});

describe('authorization code flow with PKCE (demo-rp)', () => {
  for (const [name, code] of [
    ['Anna Kalniņa', '230390-11113'],
    ['Jānis Bērziņš', '150685-12347'],
  ] as const) {
    test(`${name}: ID token with her/his personal code, then refresh, userinfo and the API`, async () => {
      const { tokens } = await signIn(name);
      const claims = tokens.claims();
      assert.ok(claims);
      assert.equal(claims.personal_code, code);
      assert.equal(claims.acr, 'http://eidas.europa.eu/LoA/substantial');
      assert.equal(`${claims.given_name} ${claims.family_name}`, name);
      assert.ok(tokens.refresh_token, 'a refresh token is issued');
      assert.match(tokens.scope ?? '', /catalog\.read/);

      const userinfo = await client.fetchUserInfo(rp, tokens.access_token, claims.sub);
      assert.equal(userinfo.personal_code, code);
      assert.match(String(userinfo.email), /@example\.com$/);

      const refreshed = await client.refreshTokenGrant(rp, tokens.refresh_token);
      assert.notEqual(refreshed.access_token, tokens.access_token);
      assert.equal(refreshed.claims()?.sub, claims.sub);

      const response = await me(refreshed.access_token);
      assert.equal(response.status, 200, await response.clone().text());
      const body = (await response.json()) as Record<string, unknown>;
      assert.equal(body.kind, 'person');
      assert.equal(body.subject, claims.sub);
      assert.equal(body.personalCode, code);
      assert.equal(body.acr, 'http://eidas.europa.eu/LoA/substantial');
      assert.equal(body.clientId, 'demo-rp');
      assert.ok((body.scopes as string[]).includes('catalog.read'));
    });
  }

  test('single sign-on: a second client request in the same browser needs no second sign-in', async () => {
    const { browser } = await signIn('Anna Kalniņa');
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(rp, { redirect_uri: DEMO_RP_REDIRECT, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state: 's2' });
    const again = await browser.navigate(url.href);
    assert.ok(again.leftTo?.startsWith(`${DEMO_RP_REDIRECT}?code=`), 'straight back to the RP with a code');
    // …and the portal itself signs the same person in without asking.
    const portal = await browser.navigate('/login?returnTo=/workspace');
    assert.equal(new URL(portal.url).pathname, '/workspace');
    const session = await browser.request('/api/v1/me');
    assert.equal(session.status, 200, await session.clone().text());
    const body = (await session.json()) as Record<string, unknown>;
    assert.equal(body.personalCode, '230390-11113');
    assert.equal(body.via, 'session');
  });

  test('RP-initiated logout ends the session: refresh fails, tokens die, the next request asks to sign in', async () => {
    const { browser, tokens } = await signIn('Jānis Bērziņš');
    const endUrl = client.buildEndSessionUrl(rp, { id_token_hint: tokens.id_token as string, post_logout_redirect_uri: 'http://localhost:8765/', state: 'bye' });
    const question = await browser.navigate(endUrl.href);
    assert.equal(question.response.status, 200);
    const html = await question.response.text();
    assert.match(html, /govuk-button/);
    const form = formOf(html, '/oidc/session/end/confirm');
    const done = await browser.navigate(form.action, { form: { ...form.fields, logout: 'yes' } });
    assert.equal(done.leftTo, 'http://localhost:8765/?state=bye');

    await assert.rejects(client.refreshTokenGrant(rp, tokens.refresh_token as string), oauthError('invalid_grant'));
    await expectProblem(await me(tokens.access_token), 401, 'auth.invalid-token');
    const url = client.buildAuthorizationUrl(rp, { redirect_uri: DEMO_RP_REDIRECT, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()), code_challenge_method: 'S256' });
    const again = await browser.navigate(url.href);
    assert.match(again.url, /\/interaction\/[^/]+\/demo$/, 'the demo page again');
  });

  test('a client that is neither first-party nor demo asks the person to consent', async () => {
    await createIdentity(platform.database.db).registerClient({
      clientId: 'test-third-party',
      secret: 'third-party-secret',
      metadata: { redirect_uris: [DEMO_RP_REDIRECT], grant_types: ['authorization_code'], response_types: ['code'], scope: 'openid profile personal_code', token_endpoint_auth_method: 'client_secret_basic' },
    });
    const third = await client.discovery(new URL(platform.url), 'test-third-party', undefined, client.ClientSecretBasic('third-party-secret'), insecure);
    const browser = new TestBrowser(platform.url);
    const attempt = async (decision: 'allow' | 'deny'): Promise<string | undefined> => {
      const verifier = client.randomPKCECodeVerifier();
      const url = client.buildAuthorizationUrl(third, { redirect_uri: DEMO_RP_REDIRECT, scope: 'openid personal_code', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state: decision });
      let page = await browser.navigate(url.href);
      if (/\/demo$/.test(page.url)) {
        const html = await page.response.text();
        const form = formOf(html, '/demo');
        page = await browser.navigate(form.action, { form: { ...form.fields, person: personButton(html, 'Anna Kalniņa') } });
      }
      const html = await page.response.text();
      assert.match(html, /personas kodam/, 'the consent page names what is asked for');
      const form = formOf(html, '/consent');
      const done = await browser.navigate(form.action, { form: { ...form.fields, decision } });
      return done.leftTo;
    };
    assert.match((await attempt('deny')) ?? '', /error=access_denied/);
    assert.match((await attempt('allow')) ?? '', /[?&]code=/);
  });

  test('the demo page refuses a post without its form token', async () => {
    const browser = new TestBrowser(platform.url);
    const url = client.buildAuthorizationUrl(rp, { redirect_uri: DEMO_RP_REDIRECT, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()), code_challenge_method: 'S256' });
    const page = await browser.navigate(url.href);
    const html = await page.response.text();
    const form = formOf(html, '/demo');
    const response = await browser.request(form.action, { form: { person: personButton(html, 'Anna Kalniņa'), _csrf: 'forged' } });
    assert.equal(response.status, 403);
  });
});

describe('systems: client credentials and bearer tokens', () => {
  test('demo-institution gets a token and /api/v1/me says it is PMLP’s system', async () => {
    const institution = await client.discovery(new URL(platform.url), 'demo-institution', undefined, client.ClientSecretBasic('demo-institution-secret'), insecure);
    const tokens = await client.clientCredentialsGrant(institution, { scope: 'applications.read notifications.send' });
    assert.equal(tokens.token_type.toLowerCase(), 'bearer');
    const response = await me(tokens.access_token);
    assert.equal(response.status, 200, await response.clone().text());
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.kind, 'system');
    assert.equal(body.subject, 'client:demo-institution');
    assert.deepEqual((body.scopes as string[]).sort(), ['applications.read', 'notifications.send']);
    const pmlp = (await (await fetch(`${platform.url}/api/v1/institutions/pmlp`)).json()) as { id: string };
    assert.equal(body.institutionId, pmlp.id);
  });

  test('a wrong secret is refused', async () => {
    const wrong = await client.discovery(new URL(platform.url), 'demo-institution', undefined, client.ClientSecretBasic('not-the-secret'), insecure);
    await assert.rejects(client.clientCredentialsGrant(wrong, { scope: 'applications.read' }), oauthError('invalid_client'));
  });

  test('a grant or a scope outside the client’s registration is refused', async () => {
    const rpAsSystem = await client.discovery(new URL(platform.url), 'demo-rp', undefined, client.ClientSecretBasic('demo-rp-secret'), insecure);
    await assert.rejects(client.clientCredentialsGrant(rpAsSystem, { scope: 'catalog.read' }), oauthError('invalid_request'));
    const institution = await client.discovery(new URL(platform.url), 'demo-institution', undefined, client.ClientSecretBasic('demo-institution-secret'), insecure);
    await assert.rejects(client.clientCredentialsGrant(institution, { scope: 'personal_code' }), oauthError('invalid_scope'));
  });

  test('private_key_jwt: a client registered with its public key authenticates with a signed assertion', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    await createIdentity(platform.database.db).registerClient({
      clientId: 'test-jwt-system',
      metadata: {
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'ES256',
        jwks: { keys: [{ ...(await exportJWK(publicKey)), alg: 'ES256', use: 'sig' }] },
        scope: 'catalog.read',
      },
    });
    const system = await client.discovery(new URL(platform.url), 'test-jwt-system', undefined, client.PrivateKeyJwt(privateKey), insecure);
    const tokens = await client.clientCredentialsGrant(system, { scope: 'catalog.read' });
    const body = (await (await me(tokens.access_token)).json()) as Record<string, unknown>;
    assert.equal(body.subject, 'client:test-jwt-system');
  });

  test('garbage, malformed and missing bearer tokens', async () => {
    await expectProblem(await me('garbage-token-value'), 401, 'auth.invalid-token');
    await expectProblem(await fetch(`${platform.url}/api/v1/me`, { headers: { authorization: 'Bearer ' } }), 401);
    await expectProblem(await fetch(`${platform.url}/api/v1/me`, { headers: { authorization: 'Bearer a b c' } }), 401, 'auth.invalid-token');
    await expectProblem(await fetch(`${platform.url}/api/v1/me`), 401, 'auth.unauthenticated');
    // the catalog, which needs no sign-in, is not disturbed by an anonymous call
    assert.equal((await fetch(`${platform.url}/api/v1/services?limit=1`)).status, 200);
  });

  test('/api/v1/me is in the OpenAPI document under the identity tag with bearer security', async () => {
    const document = (await (await fetch(`${platform.url}/openapi.json`)).json()) as { paths: Record<string, { get?: { tags?: string[]; security?: unknown[] } }> };
    const operation = document.paths['/api/v1/me']?.get;
    assert.deepEqual(operation?.tags, ['identity']);
    assert.deepEqual(operation?.security, [{ bearer: [] }]);
  });
});
