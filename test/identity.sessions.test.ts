/**
 * The portal's web sessions and the platform without demo data: sign-in
 * through the portal (single sign-on with the provider), session rotation,
 * CSRF on POST /logout, sign-out everywhere; DEMO off (no demo page, persons or
 * clients; sign-in not configured: 503); federation to a national eID (another
 * platform instance plays it); two instances over one database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as client from 'openid-client';
import { createIdentity } from '../src/modules/identity/index.js';
import { chooseDemoPerson, formOf, startTestPlatform, TestBrowser, type TestPlatform } from './support/platform.js';
import { DEMO_RP_REDIRECT, demoRp, insecure } from './support/sso.js';


/** Signs in to the portal through /login and the demo page; returns the browser with its session. */
async function portalSignIn(platform: TestPlatform, name: string, browser = new TestBrowser(platform.url)): Promise<TestBrowser> {
  const page = await browser.navigate('/login?returnTo=/api/v1/me');
  if (page.response.status === 200 && /\/demo$/.test(new URL(page.url).pathname)) {
    const done = await chooseDemoPerson(browser, await page.response.text(), name);
    assert.equal(new URL(done.url).pathname, '/api/v1/me', `back where the sign-in started, not ${done.url}`);
  } else {
    assert.equal(new URL(page.url).pathname, '/api/v1/me', 'single sign-on: straight back');
  }
  return browser;
}

async function whoAmI(browser: TestBrowser): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await browser.request('/api/v1/me', { headers: { accept: 'application/json' } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('portal sessions (DEMO on)', () => {
  let platform: TestPlatform;
  before(async () => {
    platform = await startTestPlatform({ demo: true });
  });
  after(async () => platform?.close());

  test('signing in through the portal starts a session; the cookie is HttpOnly and SameSite=Lax', async () => {
    const browser = new TestBrowser(platform.url);
    const first = await browser.navigate('/en/login?returnTo=/api/v1/me');
    const html = await first.response.text();
    assert.match(html, /<html lang="en"/);
    assert.match(html, /Demo sign-in/);
    for (const code of ['150685-12347', '010118-23454', '230390-11113', '081275-05556', '120479-43216', '271188-10106']) assert.ok(html.includes(code), `${code} listed`);
    const form = formOf(html, '/demo');
    const match = /name="person" value="([^"]+)"[^>]*>\s*<span[^>]*>Ilze Kļaviņa</.exec(html);
    const response = await browser.request(form.action, { form: { ...form.fields, person: match?.[1] ?? '' } });
    assert.equal(response.status, 303);
    let next = await browser.request(response.headers.get('location') as string);
    next = await browser.request(next.headers.get('location') as string); // /login/callback
    const setCookie = next.headers.getSetCookie().find((line) => line.startsWith('pk_session='));
    assert.ok(setCookie, 'the session cookie is set');
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Lax/i);
    assert.match(setCookie, /Path=\//);
    const me = await whoAmI(browser);
    assert.equal(me.status, 200);
    assert.equal(me.body.personalCode, '120479-43216');
    assert.equal(me.body.email, 'ilze.klavina@example.com');
    assert.equal(me.body.via, 'session');
  });

  test('the session id changes at every sign-in and the old one stops working', async () => {
    const browser = await portalSignIn(platform, 'Anna Kalniņa');
    const before = browser.cookies.get('pk_session')?.value;
    await portalSignIn(platform, 'Anna Kalniņa', browser);
    const afterwards = browser.cookies.get('pk_session')?.value;
    assert.ok(before && afterwards && before !== afterwards, 'rotated');
    const old = await fetch(`${platform.url}/api/v1/me`, { headers: { cookie: `pk_session=${before}` } });
    assert.equal(old.status, 401);
    assert.equal((await whoAmI(browser)).status, 200);
  });

  test('POST /logout needs the CSRF token (403 without); with it the session and the single sign-on end', async () => {
    const browser = await portalSignIn(platform, 'Jānis Bērziņš');
    const without = await browser.request('/logout', { form: { returnTo: '/' } });
    assert.equal(without.status, 403);
    assert.match(without.headers.get('content-type') ?? '', /problem\+json/);
    const forged = await browser.request('/logout', { form: { _csrf: 'x'.repeat(43) } });
    assert.equal(forged.status, 403);
    assert.equal((await whoAmI(browser)).status, 200, 'still signed in');

    const page = await browser.request('/logout');
    assert.equal(page.status, 200);
    const form = formOf(await page.text(), '/logout');
    const out = await browser.request(form.action, { form: form.fields });
    assert.equal(out.status, 303);
    assert.equal((await whoAmI(browser)).status, 401, 'the session has ended');
    const again = await browser.navigate('/login');
    assert.match(again.url, /\/demo$/, 'the provider asks to sign in again');
  });

  test('sign out everywhere ends every session and revokes every token of the person', async () => {
    const laptop = await portalSignIn(platform, 'Roberts Liepa');
    const phone = await portalSignIn(platform, 'Roberts Liepa');
    const rp = await demoRp(platform);
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(rp, { redirect_uri: DEMO_RP_REDIRECT, scope: 'openid catalog.read', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state: 'st' });
    const done = await phone.navigate(url.href);
    const tokens = await client.authorizationCodeGrant(rp, new URL(done.leftTo as string), { pkceCodeVerifier: verifier, expectedState: 'st' });
    assert.equal((await fetch(`${platform.url}/api/v1/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).status, 200);

    const page = await laptop.request('/logout');
    const form = formOf(await page.text(), '/logout');
    assert.equal((await laptop.request(form.action, { form: { ...form.fields, everywhere: '1' } })).status, 303);
    assert.equal((await whoAmI(laptop)).status, 401);
    assert.equal((await whoAmI(phone)).status, 401, 'the other device is signed out too');
    assert.equal((await fetch(`${platform.url}/api/v1/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).status, 401, 'tokens revoked');
  });

  test('returnTo cannot send the browser to another site', async () => {
    for (const target of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const browser = new TestBrowser(platform.url);
      const page = await browser.navigate(`/login?returnTo=${encodeURIComponent(target)}`);
      const done = await chooseDemoPerson(browser, await page.response.text(), 'Anna Kalniņa');
      assert.equal(done.leftTo, undefined, `${target} is not followed`);
      assert.equal(new URL(done.url).origin, platform.url);
      await done.response.body?.cancel();
    }
  });
});

describe('DEMO off', () => {
  let platform: TestPlatform;
  before(async () => {
    platform = await startTestPlatform({ demo: false });
  });
  after(async () => platform?.close());

  test('no demo persons and no demo clients exist', async () => {
    const identity = createIdentity(platform.database.db);
    for (const code of ['150685-12347', '230390-11113']) assert.equal(await identity.findPersonByCode(code), undefined);
    for (const id of ['demo-rp', 'demo-institution']) assert.equal(await identity.findClient(id), undefined);
    const institution = await client.discovery(new URL(platform.url), 'demo-institution', undefined, client.ClientSecretBasic('demo-institution-secret'), insecure);
    await assert.rejects(client.clientCredentialsGrant(institution, { scope: 'applications.read' }));
  });

  test('sign-in says it is not configured (503 page) and the demo page does not exist (404)', async () => {
    const browser = new TestBrowser(platform.url);
    const page = await browser.navigate('/login');
    assert.equal(page.response.status, 503);
    assert.match(page.response.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await page.response.text(), /Pierakstīšanās nav pieejama/);
    const uid = new URL(page.url).pathname.split('/')[2];
    assert.equal((await browser.request(`/interaction/${uid}/demo`)).status, 404);
    assert.equal((await browser.request(`/interaction/${uid}/demo`, { form: { person: 'x' } })).status, 404);
  });
});

describe('federation to the national eID', () => {
  let eid: TestPlatform;
  let platform: TestPlatform;
  before(async () => {
    // Another platform, with its demo identity provider, plays the national eID.
    eid = await startTestPlatform({ demo: true });
    platform = await startTestPlatform({ demo: false, env: { EID_ISSUER: eid.url, EID_CLIENT_ID: 'pakalpojumi-test', EID_CLIENT_SECRET: 'eid-secret' } });
    await createIdentity(eid.database.db).registerClient({
      clientId: 'pakalpojumi-test',
      secret: 'eid-secret',
      skipConsent: true,
      metadata: { redirect_uris: [`${platform.url}/interaction/eid/callback`], grant_types: ['authorization_code'], response_types: ['code'], scope: 'openid profile personal_code', token_endpoint_auth_method: 'client_secret_basic' },
    });
  });
  after(async () => {
    await platform?.close();
    await eid?.close();
  });

  test('signing in at the eID signs the person in here, with the upstream level of assurance', async () => {
    const browser = new TestBrowser(platform.url);
    const outward = await browser.navigate('/login?returnTo=/api/v1/me');
    assert.ok(outward.leftTo?.startsWith(`${eid.url}/oidc/auth?`), `sent to the eID, not ${outward.url}`);
    const atEid = new TestBrowser(eid.url);
    const demo = await atEid.navigate(outward.leftTo as string);
    const back = await chooseDemoPerson(atEid, await demo.response.text(), 'Anna Kalniņa');
    assert.ok(back.leftTo?.startsWith(`${platform.url}/interaction/eid/callback?`), `back from the eID, not ${back.url}`);
    const home = await browser.navigate(back.leftTo as string);
    assert.equal(new URL(home.url).pathname, '/api/v1/me');
    const me = (await home.response.json()) as Record<string, unknown>;
    assert.equal(me.personalCode, '230390-11113');
    assert.equal(me.givenName, 'Anna');
    assert.equal(me.acr, 'http://eidas.europa.eu/LoA/substantial');
    assert.ok(await createIdentity(platform.database.db).findPersonByCode('230390-11113'), 'the person now exists here');
  });
});

describe('two instances over one database', { skip: process.env.DATABASE_URL ? false : 'needs DATABASE_URL (embedded databases are per process)' }, () => {
  let one: TestPlatform;
  let two: TestPlatform;
  before(async () => {
    one = await startTestPlatform({ demo: true });
    // Behind one load balancer both answer for the same public address.
    two = await startTestPlatform({ demo: true, databaseUrl: one.databaseUrl, env: { PUBLIC_URL: one.url } });
  });
  after(async () => {
    await two?.close();
    await one?.close();
  });

  test('both publish the same signing keys', async () => {
    const keys = async (base: string): Promise<string[]> =>
      ((await (await fetch(`${base}/oidc/jwks`)).json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid).sort();
    assert.deepEqual(await keys(one.address), await keys(two.address));
  });

  test('a sign-in on one instance works on the other: token, refresh, session, interaction', async () => {
    const viaOne = await client.discovery(new URL(one.url), 'demo-rp', undefined, client.ClientSecretBasic('demo-rp-secret'), insecure);
    // The same client, with every request routed to the second instance.
    const toTwo: client.CustomFetch = (url, options) => fetch(url.replace(one.url, two.address), options as unknown as RequestInit);
    const viaTwo = await client.discovery(new URL(one.url), 'demo-rp', undefined, client.ClientSecretBasic('demo-rp-secret'), { ...insecure, [client.customFetch]: toTwo });
    viaTwo[client.customFetch] = toTwo;

    const browser = new TestBrowser(one.address);
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(viaOne, { redirect_uri: DEMO_RP_REDIRECT, scope: 'openid personal_code catalog.read', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state: 'two' });
    // The interaction starts on one and is finished on two.
    const page = await browser.navigate(url.href.replace(one.url, one.address));
    const html = await page.response.text();
    const onTwo = new TestBrowser(two.address);
    for (const [name, cookie] of browser.cookies) onTwo.cookies.set(name, cookie);
    const posted = await chooseDemoPerson(onTwo, html, 'Pēteris Ozols');
    // The provider sends the browser on to the public address (the load balancer): here, the first instance.
    assert.ok(posted.leftTo?.startsWith(`${one.url}/oidc/auth/`), `the second instance accepted the choice, not ${posted.url}`);
    for (const [name, cookie] of onTwo.cookies) browser.cookies.set(name, cookie);
    const done = await browser.navigate(posted.leftTo as string);
    assert.ok(done.leftTo?.startsWith(DEMO_RP_REDIRECT), `the flow ends at the RP, not at ${done.url}`);
    const tokens = await client.authorizationCodeGrant(viaOne, new URL(done.leftTo as string), { pkceCodeVerifier: verifier, expectedState: 'two' });
    assert.equal(tokens.claims()?.personal_code, '081275-05556');

    const me = await fetch(`${two.address}/api/v1/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(me.status, 200, await me.clone().text());
    // Refreshed on two: the new ID token is signed with the shared key and verifies.
    const refreshed = await client.refreshTokenGrant(viaTwo, tokens.refresh_token as string);
    assert.equal(refreshed.claims()?.sub, tokens.claims()?.sub);

    // The portal session made on one is known to two.
    const portal = new TestBrowser(one.address);
    for (const [name, cookie] of browser.cookies) portal.cookies.set(name, cookie);
    const signedIn = await portal.navigate('/login?returnTo=/api/v1/me');
    assert.equal(new URL(signedIn.url).pathname, '/api/v1/me');
    const session = portal.cookies.get('pk_session')?.value;
    const onSecond = await fetch(`${two.address}/api/v1/me`, { headers: { cookie: `pk_session=${session}` } });
    assert.equal(onSecond.status, 200);
    assert.equal(((await onSecond.json()) as { personalCode: string }).personalCode, '081275-05556');
  });
});
