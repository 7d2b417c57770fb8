/** The access API through a real HTTP server: without sign-in every endpoint refuses (401) and nothing changes. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

let platform: TestPlatform;
before(async () => {
  platform = await startTestPlatform({ demo: true });
});
after(async () => platform.close());

const someId = '00000000-0000-4000-8000-000000000000';
const endpoints: [string, string, unknown?][] = [
  ['POST', '/api/v1/mandates', { representative: { personalCode: '150685-12347' }, scope: { allServices: true } }],
  ['GET', '/api/v1/mandates?direction=given'],
  ['GET', '/api/v1/mandates/check?representative=150685-12347&represented=230390-11113'],
  ['GET', `/api/v1/mandates/${someId}`],
  ['POST', `/api/v1/mandates/${someId}/accept`],
  ['POST', `/api/v1/mandates/${someId}/revoke`],
  ['GET', '/api/v1/me/acting-for'],
  ['GET', `/api/v1/roles?institution=${someId}`],
  ['POST', '/api/v1/roles', { personalCode: '150685-12347', role: 'platform_admin', institutionId: null }],
  ['DELETE', `/api/v1/roles/${someId}`],
];

for (const [method, path, body] of endpoints) {
  test(`${method} ${path.split('?')[0]} without sign-in is 401 problem+json`, async () => {
    const response = await fetch(`${platform.url}${path}`, {
      method,
      headers: { 'on-behalf-of': '230390-11113', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    assert.equal(response.status, 401);
    assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal(((await response.json()) as { type: string }).type, '/problems/auth.unauthenticated');
  });
}

test('a forged bearer token is not a sign-in', async () => {
  const response = await fetch(`${platform.url}/api/v1/me/acting-for`, { headers: { authorization: 'Bearer forged.token.value' } });
  assert.ok(response.status === 401, `answered ${response.status}`);
});

test('the demo parties and roles are loaded once, and nothing was granted by the refused calls', async () => {
  const mandates = await platform.database.db.selectFrom('access.mandates').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(mandates.n), 0);
  const roles = await platform.database.db.selectFrom('access.role_grants').select(['personal_code', 'role']).where('revoked_at', 'is', null).orderBy('personal_code').orderBy('role').execute();
  assert.deepEqual(roles.map((r) => `${r.personal_code} ${r.role}`), [
    '120479-43216 case_handler',
    '120479-43216 integration_manager',
    '120479-43216 service_manager',
    '271188-10106 platform_admin',
    '271188-10106 support_agent',
  ]);
});
