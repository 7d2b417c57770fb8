/** Signing in as a real OpenID client would: demo-rp, authorization code + PKCE, through the demo identity provider's page. */
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { chooseDemoPerson, TestBrowser, type TestPlatform } from './platform.js';

export const DEMO_RP_REDIRECT = 'http://localhost:8765/callback';
export const ALL_SCOPES = 'openid profile personal_code catalog.read catalog.write mandates.read mandates.write applications.read applications.write roles.manage';
const insecure = { execute: [client.allowInsecureRequests] };

export async function demoRp(platform: TestPlatform): Promise<client.Configuration> {
  return client.discovery(new URL(platform.url), 'demo-rp', undefined, client.ClientSecretBasic('demo-rp-secret'), insecure);
}

/** An access token for the demo person `name` (as the demo page shows it, e.g. "Anna Kalniņa"). */
export async function accessTokenFor(platform: TestPlatform, config: client.Configuration, name: string, scope = ALL_SCOPES): Promise<string> {
  const browser = new TestBrowser(platform.url);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: DEMO_RP_REDIRECT,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const page = await browser.navigate(url.href);
  assert.equal(page.response.status, 200, `the demo page answers at ${page.url}`);
  const done = await chooseDemoPerson(browser, await page.response.text(), name);
  assert.ok(done.leftTo?.startsWith(DEMO_RP_REDIRECT), `the flow ends at the RP, not at ${done.url} (${done.response.status})`);
  const tokens = await client.authorizationCodeGrant(config, new URL(done.leftTo as string), { pkceCodeVerifier: verifier, expectedState: state });
  return tokens.access_token;
}

/** A client_credentials token of demo-institution (PMLP's own information system). */
export async function institutionToken(platform: TestPlatform, scope = 'mandates.read applications.read applications.write catalog.read'): Promise<string> {
  const config = await client.discovery(new URL(platform.url), 'demo-institution', undefined, client.ClientSecretBasic('demo-institution-secret'), insecure);
  const tokens = await client.clientCredentialsGrant(config, { scope });
  return tokens.access_token;
}
