/** Signing in as a real OpenID client would: demo-rp, authorization code + PKCE, through the demo identity provider's page. */
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { chooseDemoPerson, TestBrowser, type TestPlatform } from './platform.js';

export const DEMO_RP_REDIRECT = 'http://localhost:8765/callback';
export const ALL_SCOPES = 'openid profile personal_code catalog.read catalog.write mandates.read mandates.write applications.read applications.write roles.manage';
/** openid-client refuses plain HTTP unless told: the test platform listens on http://127.0.0.1. */
export const insecure = { execute: [client.allowInsecureRequests] };

/** Where a platform answers: a test platform, or any instance by its public URL. */
type PlatformAt = Pick<TestPlatform, 'url'>;

export async function demoRp(platform: PlatformAt): Promise<client.Configuration> {
  return client.discovery(new URL(platform.url), 'demo-rp', undefined, client.ClientSecretBasic('demo-rp-secret'), insecure);
}

export interface RpSignIn {
  /** the browser, with the provider's session */
  browser: TestBrowser;
  tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
}

/**
 * The authorization code flow with PKCE (state and nonce checked) as the client
 * `config`, choosing the demo person `name` (as the demo page shows it, e.g.
 * "Anna Kalniņa") on the demo identity provider's page.
 */
export async function signInAsRp(platform: PlatformAt, config: client.Configuration, name: string, options: { scope?: string; browser?: TestBrowser } = {}): Promise<RpSignIn> {
  const browser = options.browser ?? new TestBrowser(platform.url);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: DEMO_RP_REDIRECT,
    scope: options.scope ?? ALL_SCOPES,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const page = await browser.navigate(url.href);
  assert.equal(page.response.status, 200, `the demo page answers at ${page.url}`);
  assert.match(page.url, /\/interaction\/[^/]+\/demo$/);
  const done = await chooseDemoPerson(browser, await page.response.text(), name);
  assert.ok(done.leftTo?.startsWith(DEMO_RP_REDIRECT), `the flow ends at the RP, not at ${done.url} (${done.response.status})`);
  const tokens = await client.authorizationCodeGrant(config, new URL(done.leftTo as string), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  return { browser, tokens };
}

/** An access token for the demo person `name`. */
export async function accessTokenFor(platform: PlatformAt, config: client.Configuration, name: string, scope = ALL_SCOPES): Promise<string> {
  return (await signInAsRp(platform, config, name, { scope })).tokens.access_token;
}

/** A client_credentials token of demo-institution (PMLP's own information system). */
export async function institutionToken(platform: PlatformAt, scope = 'mandates.read applications.read applications.write catalog.read'): Promise<string> {
  const config = await client.discovery(new URL(platform.url), 'demo-institution', undefined, client.ClientSecretBasic('demo-institution-secret'), insecure);
  const tokens = await client.clientCredentialsGrant(config, { scope });
  return tokens.access_token;
}
