/**
 * Rights, mandates, roles and editing with real sign-ins: tokens from the
 * platform's own OpenID provider (demo-rp, code + PKCE) and demo-institution
 * (client_credentials), over a real HTTP server and database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { serviceContent } from '../src/modules/catalog/catalog.fixtures.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';
import { accessTokenFor, demoRp, institutionToken } from './support/sso.js';

const ANNA = '230390-11113';
const JANIS = '150685-12347';
const MARTA = '010118-23454';
const PETERIS = '081275-05556';
const COMPANY = '40003012340';

let platform: TestPlatform;
const tokens: Record<string, string> = {};
let system = '';
let serviceA = '';
let serviceB = '';

// The replies are JSON of many shapes; each assertion names the members it reads.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(token: string | undefined, method: string, path: string, options: { body?: unknown; onBehalfOf?: string } = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.onBehalfOf) headers['on-behalf-of'] = options.onBehalfOf;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${platform.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  if (response.status >= 400) assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/, `${method} ${path}: ${text}`);
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const check = async (representative: string, represented: string, service?: string) =>
  (await call(system, 'GET', `/api/v1/mandates/check?representative=${representative}&represented=${represented}${service ? `&service=${service}` : ''}`)).body as { allowed: boolean; basis?: string };

before(async () => {
  platform = await startTestPlatform({ demo: true });
  const rp = await demoRp(platform);
  for (const [key, name] of [['anna', 'Anna Kalniņa'], ['janis', 'Jānis Bērziņš'], ['peteris', 'Pēteris Ozols'], ['ilze', 'Ilze Kļaviņa'], ['roberts', 'Roberts Liepa'], ['marta', 'Marta Bērziņa']]) {
    tokens[key as string] = await accessTokenFor(platform, rp, name as string);
  }
  system = await institutionToken(platform);
  const services = (await call(undefined, 'GET', '/api/v1/services?institution=pmlp&limit=2')).body as { items: { id: string }[] };
  [serviceA, serviceB] = services.items.map((item) => item.id) as [string, string];
});
after(async () => platform?.close());

describe('mandates', () => {
  test('Anna grants Jānis a mandate for one service: he may act for her in it, not in another, and not after revocation', async () => {
    assert.equal((await call(tokens.janis, 'GET', '/api/v1/me/on-behalf-of', { onBehalfOf: ANNA })).status, 403);
    assert.deepEqual(await check(JANIS, ANNA, serviceA), { allowed: false });

    const granted = await call(tokens.anna, 'POST', '/api/v1/mandates', { body: { representative: { personalCode: JANIS }, scope: { services: [serviceA] } } });
    assert.equal(granted.status, 201, JSON.stringify(granted.body));
    assert.equal(granted.body.status, 'active');
    assert.equal(granted.body.grantor, ANNA);

    assert.deepEqual(await check(JANIS, ANNA, serviceA), { allowed: true, basis: 'mandate', mandateId: granted.body.id });
    assert.deepEqual(await check(JANIS, ANNA, serviceB), { allowed: false });
    const acting = await call(tokens.janis, 'GET', `/api/v1/me/on-behalf-of?service=${serviceA}`, { onBehalfOf: ANNA });
    assert.deepEqual(acting, { status: 200, body: { party: ANNA, partyKind: 'person', basis: 'mandate', mandateId: granted.body.id } });
    assert.equal((await call(tokens.janis, 'GET', `/api/v1/me/on-behalf-of?service=${serviceB}`, { onBehalfOf: ANNA })).status, 403);

    // The representative sees it as received; a stranger does not see it at all.
    const received = await call(tokens.janis, 'GET', '/api/v1/mandates?direction=received');
    assert.ok(received.body.items.some((m: { id: string }) => m.id === granted.body.id));
    assert.equal((await call(tokens.peteris, 'GET', `/api/v1/mandates/${granted.body.id}`)).status, 404);
    assert.equal((await call(tokens.anna, 'GET', `/api/v1/mandates/${granted.body.id}`)).body.representative, JANIS);
    assert.equal((await call(tokens.janis, 'POST', `/api/v1/mandates/${granted.body.id}/revoke`)).status, 403);
    assert.equal((await call(tokens.peteris, 'POST', `/api/v1/mandates/${granted.body.id}/revoke`)).status, 404);

    const revoked = await call(tokens.anna, 'POST', `/api/v1/mandates/${granted.body.id}/revoke`);
    assert.equal(revoked.status, 200);
    assert.deepEqual(revoked.body.history.map((h: { event: string }) => h.event), ['granted', 'revoked']);
    assert.deepEqual(await check(JANIS, ANNA, serviceA), { allowed: false });
    assert.equal((await call(tokens.janis, 'GET', `/api/v1/me/on-behalf-of?service=${serviceA}`, { onBehalfOf: ANNA })).status, 403);
  });

  test('a mandate for all services, accepted by the representative, lets Jānis act for Anna', async () => {
    const granted = await call(tokens.anna, 'POST', '/api/v1/mandates', { body: { representative: { personalCode: JANIS }, scope: { allServices: true }, requiresAcceptance: true } });
    assert.equal(granted.body.status, 'pending');
    assert.equal((await call(tokens.janis, 'GET', '/api/v1/me/on-behalf-of', { onBehalfOf: ANNA })).status, 403);
    assert.equal((await call(tokens.anna, 'POST', `/api/v1/mandates/${granted.body.id}/accept`)).status, 403);
    assert.equal((await call(tokens.janis, 'POST', `/api/v1/mandates/${granted.body.id}/accept`)).body.status, 'active');
    assert.equal((await call(tokens.janis, 'GET', '/api/v1/me/on-behalf-of', { onBehalfOf: ANNA })).body.basis, 'mandate');
    await call(tokens.anna, 'POST', `/api/v1/mandates/${granted.body.id}/revoke`);
  });

  test('bad mandates are 400 with the field named; a token without mandates.write is refused', async () => {
    const bad = await call(tokens.anna, 'POST', '/api/v1/mandates', { body: { representative: { personalCode: '150685-12348' }, scope: { allServices: true } } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].pointer, '#/representative/personalCode');
    const shape = await call(tokens.anna, 'POST', '/api/v1/mandates', { body: { representative: {}, scope: { everything: true } } });
    assert.equal(shape.status, 400);
    const rp = await demoRp(platform);
    const readOnly = await accessTokenFor(platform, rp, 'Anna Kalniņa', 'openid personal_code mandates.read');
    const refused = await call(readOnly, 'POST', '/api/v1/mandates', { body: { representative: { personalCode: JANIS }, scope: { allServices: true } } });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.type, '/problems/auth.insufficient-scope');
  });
});

describe('representation by law', () => {
  test('Pēteris acts for SIA "Demo Būve" as its board member; nobody else can', async () => {
    assert.equal((await call(tokens.peteris, 'GET', '/api/v1/me/on-behalf-of', { onBehalfOf: COMPANY })).body.basis, 'board_member');
    for (const other of ['anna', 'janis', 'ilze', 'roberts', 'marta']) {
      assert.equal((await call(tokens[other], 'GET', '/api/v1/me/on-behalf-of', { onBehalfOf: COMPANY })).status, 403, other);
    }
    assert.deepEqual(await check(PETERIS, COMPANY), { allowed: true, basis: 'board_member' });
    const options = await call(tokens.peteris, 'GET', '/api/v1/me/acting-for');
    assert.deepEqual(options.body.items.map((o: { party: string; basis: string }) => [o.party, o.basis]), [[PETERIS, 'self'], [COMPANY, 'board_member']]);
  });

  test('the company gives a mandate through its board member, and only he can', async () => {
    assert.equal((await call(tokens.anna, 'POST', '/api/v1/mandates', { onBehalfOf: COMPANY, body: { representative: { personalCode: ANNA }, scope: { allServices: true } } })).status, 403);
    const granted = await call(tokens.peteris, 'POST', '/api/v1/mandates', { onBehalfOf: COMPANY, body: { representative: { personalCode: ANNA }, scope: { allServices: true } } });
    assert.equal(granted.status, 201);
    assert.equal(granted.body.grantorKind, 'company');
    assert.equal((await call(tokens.anna, 'GET', '/api/v1/me/on-behalf-of', { onBehalfOf: COMPANY })).body.basis, 'mandate');
    assert.equal((await call(tokens.peteris, 'GET', '/api/v1/mandates?direction=given', { onBehalfOf: COMPANY })).body.items.length, 1);
    assert.equal((await call(tokens.janis, 'GET', '/api/v1/mandates?direction=given', { onBehalfOf: COMPANY })).status, 403);
    assert.equal((await call(tokens.peteris, 'POST', `/api/v1/mandates/${granted.body.id}/revoke`, { onBehalfOf: COMPANY })).status, 200);
    assert.equal((await call(tokens.anna, 'GET', '/api/v1/me/on-behalf-of', { onBehalfOf: COMPANY })).status, 403);
  });

  test('Jānis acts for Marta as her parent; nobody else can', async () => {
    assert.equal((await call(tokens.janis, 'GET', '/api/v1/me/on-behalf-of', { onBehalfOf: MARTA })).body.basis, 'parent');
    for (const other of ['anna', 'peteris', 'ilze', 'roberts']) {
      assert.equal((await call(tokens[other], 'GET', '/api/v1/me/on-behalf-of', { onBehalfOf: MARTA })).status, 403, other);
    }
    assert.deepEqual(await check(JANIS, MARTA), { allowed: true, basis: 'parent' });
  });

  test('check is for institution systems; a person may only ask about themselves', async () => {
    assert.equal((await call(tokens.anna, 'GET', `/api/v1/mandates/check?representative=${JANIS}&represented=${MARTA}`)).status, 403);
    assert.equal((await call(tokens.janis, 'GET', `/api/v1/mandates/check?representative=${JANIS}&represented=${MARTA}`)).body.allowed, true);
    const bad = await call(system, 'GET', '/api/v1/mandates/check?representative=123&represented=456');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].pointer, '#/representative');
  });
});

describe('staff roles and service editing', () => {
  const draft = { institutionId: 'pmlp', ...serviceContent({ title: { lv: 'Testa pakalpojums', en: 'Test service' } }) };

  test('a service manager edits her own institution’s services only', async () => {
    assert.equal((await call(tokens.anna, 'POST', '/api/v1/services', { body: draft })).status, 403);
    assert.equal((await call(tokens.ilze, 'POST', '/api/v1/services', { body: { ...draft, institutionId: 'vid' } })).status, 403);
    const created = await call(tokens.ilze, 'POST', '/api/v1/services', { body: draft });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.status, 'draft');
    assert.equal((await call(undefined, 'GET', `/api/v1/services/${created.body.id}`)).status, 404);
    assert.equal((await call(tokens.anna, 'POST', `/api/v1/services/${created.body.id}/publish`)).status, 403);
    const published = await call(tokens.ilze, 'POST', `/api/v1/services/${created.body.id}/publish`);
    assert.equal(published.body.status, 'published');
    assert.equal((await call(undefined, 'GET', `/api/v1/services/${created.body.slug}`)).status, 200);
    const versions = await call(tokens.ilze, 'GET', `/api/v1/services/${created.body.id}/versions`);
    assert.equal(versions.body.items.length, 2);
    // A system's token is not a service manager.
    assert.equal((await call(system, 'POST', `/api/v1/services/${created.body.id}/withdraw`)).status, 403);
  });

  test('roles are granted and withdrawn by administrators only, and take effect at once', async () => {
    const pmlp = (await call(undefined, 'GET', '/api/v1/institutions/pmlp')).body.id as string;
    assert.equal((await call(tokens.ilze, 'GET', `/api/v1/roles?institution=${pmlp}`)).status, 403);
    assert.equal((await call(tokens.ilze, 'POST', '/api/v1/roles', { body: { personalCode: ANNA, role: 'service_manager', institutionId: pmlp } })).status, 403);
    const staff = await call(tokens.roberts, 'GET', `/api/v1/roles?institution=${pmlp}`);
    assert.deepEqual(staff.body.items.map((g: { role: string }) => g.role).sort(), ['case_handler', 'integration_manager', 'service_manager']);
    const granted = await call(tokens.roberts, 'POST', '/api/v1/roles', { body: { personalCode: ANNA, role: 'service_manager', institutionId: pmlp } });
    assert.equal(granted.status, 201);
    assert.equal((await call(tokens.roberts, 'POST', '/api/v1/roles', { body: { personalCode: ANNA, role: 'service_manager', institutionId: pmlp } })).status, 409);
    const created = await call(tokens.anna, 'POST', '/api/v1/services', { body: { ...draft, title: { lv: 'Annas pakalpojums', en: 'Anna’s service' } } });
    assert.equal(created.status, 201);
    assert.equal((await call(tokens.roberts, 'DELETE', `/api/v1/roles/${granted.body.id}`)).status, 204);
    assert.equal((await call(tokens.anna, 'POST', `/api/v1/services/${created.body.id}/publish`)).status, 403);
  });
});

test('every change and read above is in the audit trail', async () => {
  const actions = await platform.database.db.selectFrom('audit.events').select('action').distinct().execute();
  const seen = new Set(actions.map((row) => row.action));
  for (const action of ['identity.signed_in', 'access.mandate_granted', 'access.mandate_accepted', 'access.mandate_revoked', 'access.mandates_read', 'access.mandate_read', 'access.right_checked', 'access.role_granted', 'access.role_revoked']) {
    assert.ok(seen.has(action), `${action} missing from the audit trail`);
  }
});
