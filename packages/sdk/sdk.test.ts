/**
 * The SDK's own tests: its types are what the platform's OpenAPI document
 * gives today (else: run `npm run sdk:generate`), and its calls and webhook
 * check work against a running platform — an institution's system subscribes,
 * Jānis applies through the SDK, the system reads the application, moves it on,
 * and verifies the webhook that tells it so.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { SDK_SCHEMA, sdkSchemaSource } from '../../scripts/sdk-generate.js';
import { eventually } from '../../test/support/http.js';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.js';
import { startReceiver, type Receiver } from '../../test/support/receiver.js';
import { accessTokenFor, demoRp, institutionToken } from '../../test/support/sso.js';
import { createClient, verifyWebhook, WebhookSignatureError, type WebhookEvent } from './src/index.js';

let platform: TestPlatform;
let endpoint: Receiver;

before(async () => {
  endpoint = await startReceiver();
  platform = await startTestPlatform({ env: { EVENTS_INTERVAL_MS: '100' } });
});
after(async () => {
  await platform?.close();
  await endpoint?.close();
});

test('the SDK’s types are generated from the OpenAPI document as the platform serves it now', async () => {
  const committed = await readFile(SDK_SCHEMA, 'utf8');
  const served = (await (await fetch(`${platform.url}/openapi.json`)).json()) as Parameters<typeof sdkSchemaSource>[0];
  assert.ok(committed === (await sdkSchemaSource(served)), 'packages/sdk/src/schema.ts is stale: run `npm run sdk:generate` and commit it');
});

test('an institution’s system and a person use the API through the SDK; the webhook it gets verifies', async () => {
  const system = createClient({ baseUrl: platform.url, token: () => institutionToken(platform, 'applications.read applications.write integration.manage') });
  const janis = createClient({ baseUrl: platform.url, token: await accessTokenFor(platform, await demoRp(platform), 'Jānis Bērziņš') });

  const hook = await system.POST('/api/v1/webhooks', { body: { url: endpoint.url, eventTypes: ['applications.status_changed'] } });
  assert.equal(hook.response.status, 201);
  const secret = hook.data?.secret ?? '';

  const services = await janis.GET('/api/v1/services', { params: { query: { q: 'dzīvesvietas deklarēšana', limit: 5 } } });
  const residence = services.data?.items.find((service) => service.slug === 'dzivesvietas-deklaresana');
  assert.ok(residence, 'search finds the declaration of residence');

  const applied = await janis.POST('/api/v1/applications', {
    body: {
      serviceId: residence.id,
      data: { fullName: 'Jānis Bērziņš', email: 'janis.berzins@example.com', address: 'Brīvības iela 1-2, Rīga, LV-1010', movedInOn: '2026-01-05', basis: 'owner', consent: true },
    },
  });
  assert.equal(applied.response.status, 201, JSON.stringify(applied.error));
  const id = applied.data?.applicationId ?? '';

  const read = await system.GET('/api/v1/applications/{id}', { params: { path: { id } } });
  assert.equal(read.data?.status.code, 'submitted');
  const moved = await system.POST('/api/v1/applications/{id}/status', { params: { path: { id } }, body: { code: 'in_progress', eventId: `sdk-${id}` } });
  assert.ok(moved.response.ok, JSON.stringify(moved.error));

  // A failure is the platform's problem, typed.
  const missing = await system.GET('/api/v1/applications/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
  assert.equal(missing.response.status, 404);
  assert.equal(missing.error?.type, '/problems/applications.not-found');

  const delivered = await eventually(
    async () => endpoint.received.map((request) => ({ request, event: JSON.parse(request.body) as WebhookEvent<{ applicationId: string; code: string }> })),
    (list) => list.some(({ event }) => event.data.applicationId === id && event.data.code === 'in_progress'),
    'the status change reaches the endpoint',
  );
  const { request } = delivered.find(({ event }) => event.data.applicationId === id && event.data.code === 'in_progress')!;
  const event = verifyWebhook<{ applicationId: string; code: string }>(secret, request.body, request.headers);
  assert.equal(event.type, 'applications.status_changed');
  assert.equal(event.data.code, 'in_progress');
  assert.throws(() => verifyWebhook(secret, request.body.replace('in_progress', 'decided'), request.headers), WebhookSignatureError, 'a changed body fails');
  assert.throws(() => verifyWebhook(secret, request.body, { ...request.headers, 'webhook-timestamp': String(Math.floor(Date.now() / 1000) - 3600) }), WebhookSignatureError, 'an hour-old request fails');
});
