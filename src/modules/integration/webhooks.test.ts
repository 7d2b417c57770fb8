/**
 * Webhooks end to end (issue #14, item 4): a real platform, its event bus and
 * sender, and a receiving endpoint in this process that verifies every
 * request with the official `standardwebhooks` library, as an institution's
 * system would. PMLP's system subscribes, Jānis applies, the system is told and
 * posts the status back (the full loop, no polling); the endpoint down and up
 * again receives every event with the same webhook-id; the delivery log
 * replays; a delivery that fails past the schedule disables the webhook until
 * it is enabled again; a rotated secret keeps the old one valid beside it;
 * another institution's system neither receives PMLP's events nor sees its webhook.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as client from 'openid-client';
import { sql } from 'kysely';
import { Webhook as Verifier } from 'standardwebhooks';
import { eventually, expectJson, expectProblem } from '../../../test/support/http.js';
import { applyAsJanis, moveToInProgress } from '../../../test/support/journeys.js';
import { csrfOf, signedIn, startTestPlatform, submitForm, type TestPlatform } from '../../../test/support/platform.js';
import { startReceiver, type Received, type Receiver } from '../../../test/support/receiver.js';
import { accessTokenFor, demoRp, insecure, institutionToken } from '../../../test/support/sso.js';
import { createAudit } from '../audit/index.js';
import { createCatalog } from '../catalog/index.js';
import { API_SCOPES, createIdentity } from '../identity/index.js';
import type { Delivery, Webhook, WebhookSecret } from './index.js';

interface CloudEvent {
  specversion: string;
  id: string;
  type: string;
  source: string;
  subject: string;
  actor: { kind: string; id: string };
  data: { applicationId: string; code: string; institutionId: string };
}

let platform: TestPlatform;
let pmlp: string;
let riga: string;
let janis: string;
let hooks: Receiver;

const call = (method: string, path: string, token: string, json?: unknown): Promise<Response> =>
  fetch(`${platform.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });

/** Verifies a received request as the receiving system would; its CloudEvent. */
function verified(secret: string, request: Received): CloudEvent {
  return new Verifier(secret).verify(request.body, request.headers) as CloudEvent;
}

/** The requests that carried the application's status change to `code`. */
const carrying = (applicationId: string, code: string): Received[] =>
  hooks.received.filter((request) => {
    const event = JSON.parse(request.body) as CloudEvent;
    return event.data.applicationId === applicationId && event.data.code === code;
  });

const deliveriesOf = async (id: string, token = pmlp): Promise<Delivery[]> => (await expectJson<{ items: Delivery[] }>(await call('GET', `/api/v1/webhooks/${id}/deliveries`, token))).items;

/** A status change by PMLP's system, as its back office would post it. */
async function changeStatus(applicationId: string, code: string): Promise<void> {
  const response = await call('POST', `/api/v1/applications/${applicationId}/status`, pmlp, { code, eventId: `hook-${applicationId}-${code}` });
  assert.ok(response.status < 300, `${code} recorded (${response.status}: ${await response.text()})`);
}

before(async () => {
  hooks = await startReceiver('/hooks/pakalpojumi');
  // Retries a fifth of a second apart, four of them, so "more than a day" takes a second here.
  platform = await startTestPlatform({ env: { WEBHOOKS_RETRY_SCHEDULE: '0.2,0.2,0.2,0.2', EVENTS_INTERVAL_MS: '100' } });
  pmlp = await institutionToken(platform, 'integration.manage applications.read applications.write');
  janis = await accessTokenFor(platform, await demoRp(platform), 'Jānis Bērziņš');
  // Riga's own system, registered as the operator would.
  const city = await createCatalog(platform.database.db).getInstitution('riga');
  await createIdentity(platform.database.db).registerClient({
    clientId: 'riga-hooks',
    secret: 'riga-hooks-secret',
    institutionId: city.id,
    metadata: { client_name: 'Riga (test)', redirect_uris: [], grant_types: ['client_credentials'], response_types: [], token_endpoint_auth_method: 'client_secret_basic', scope: API_SCOPES.join(' ') },
  });
  const config = await client.discovery(new URL(platform.url), 'riga-hooks', undefined, client.ClientSecretBasic('riga-hooks-secret'), insecure);
  riga = (await client.clientCredentialsGrant(config, { scope: 'integration.manage' })).access_token;
});
after(async () => {
  await platform?.close();
  await hooks?.close();
});

describe('webhooks', () => {
  let hook: WebhookSecret;
  let rigaHook: WebhookSecret;
  let applicationId: string;

  test('only an API client with integration.manage subscribes, to events it may read, at a URL it may use', async () => {
    await expectProblem(await call('POST', '/api/v1/webhooks', janis, { url: hooks.url, eventTypes: ['applications.status_changed'] }), 403);
    await expectProblem(await call('POST', '/api/v1/webhooks', pmlp, { url: 'ftp://example.lv/hook', eventTypes: ['applications.status_changed'] }), 400, 'integration.invalid-url');
    await expectProblem(await call('POST', '/api/v1/webhooks', pmlp, { url: hooks.url, eventTypes: ['access.mandate_granted'] }), 400);
    await expectProblem(await call('POST', '/api/v1/webhooks', pmlp, { url: hooks.url, eventTypes: [] }), 400);

    hook = await expectJson<WebhookSecret>(await call('POST', '/api/v1/webhooks', pmlp, { url: hooks.url, eventTypes: ['applications.status_changed'], description: 'PMLP back office' }), 201);
    assert.match(hook.secret, /^whsec_/);
    assert.equal(hook.webhook.status, 'active');
    const listed = await expectJson<{ items: Webhook[] }>(await call('GET', '/api/v1/webhooks', pmlp));
    assert.deepEqual(listed.items.map((item) => item.id), [hook.webhook.id]);
    assert.ok(!JSON.stringify(listed).includes(hook.secret), 'the secret is shown once, never listed');

    rigaHook = await expectJson<WebhookSecret>(await call('POST', '/api/v1/webhooks', riga, { url: hooks.url, eventTypes: ['applications.status_changed'] }), 201);
    await expectProblem(await call('GET', `/api/v1/webhooks/${hook.webhook.id}`, riga), 404);
    await expectProblem(await call('DELETE', `/api/v1/webhooks/${hook.webhook.id}`, riga), 404);
  });

  test('an application reaches its institution’s system signed, and the status it posts back reaches it too', async () => {
    const residence = await expectJson<{ id: string }>(await fetch(`${platform.url}/api/v1/services/dzivesvietas-deklaresana`));
    ({ applicationId } = await applyAsJanis(platform, janis, residence.id));
    await eventually(async () => carrying(applicationId, 'submitted'), (requests) => requests.length > 0, 'the submission reaches the endpoint');
    const [submitted] = carrying(applicationId, 'submitted');
    const event = verified(hook.secret, submitted!);
    assert.equal(event.specversion, '1.0');
    assert.equal(event.type, 'applications.status_changed');
    assert.equal(event.source, '/applications');
    assert.equal(event.subject, applicationId);
    assert.deepEqual(event.actor, { kind: 'person', id: '150685-12347' });
    // The sender records the attempt once the endpoint has answered: on a busy machine, a moment after the receiver saw it.
    const [delivery] = await eventually(async () => deliveriesOf(hook.webhook.id), (list) => list[0]?.status !== 'pending', 'the attempt is recorded');
    assert.equal(submitted!.headers['webhook-id'], delivery?.id, 'the webhook-id is the delivery’s id');
    assert.equal(delivery?.status, 'delivered');
    assert.equal(delivery?.log[0]?.statusCode, 204);
    // Handing Jānis's application to PMLP's system is a disclosure of his data: on the record.
    const disclosed = await createAudit(platform.database.db).list({ action: 'integration.event_delivered', target: `application:${applicationId}` });
    assert.deepEqual(disclosed.map((entry) => [entry.actor, entry.details.applicant]), [['client:demo-institution', '150685-12347']]);

    // The back office answers through the status register; its own change comes back as an event.
    await moveToInProgress(platform, pmlp, applicationId, `hook-${applicationId}-progress`);
    await eventually(async () => carrying(applicationId, 'in_progress'), (requests) => requests.length > 0, 'the status change reaches the endpoint');
    assert.equal(verified(hook.secret, carrying(applicationId, 'in_progress')[0]!).actor.kind, 'system');

    // Riga's system got nothing of PMLP's: queued in the same step as PMLP's, so none will come.
    assert.deepEqual(await deliveriesOf(rigaHook.webhook.id, riga), []);
    assert.ok(hooks.received.every((request) => request.headers['webhook-id'] !== undefined && (verified(hook.secret, request), true)), 'every request is PMLP’s, signed with its secret');
  });

  test('an endpoint that is down receives the event once it is up, with the same webhook-id; the log replays it', async () => {
    hooks.down = true;
    await changeStatus(applicationId, 'awaiting_client');
    await eventually(async () => carrying(applicationId, 'awaiting_client'), (requests) => requests.length >= 2, 'the delivery is tried again');
    hooks.down = false;
    const requests = await eventually(async () => carrying(applicationId, 'awaiting_client'), (list) => list.some((request) => request.answered === 204), 'the delivery arrives once the endpoint is up');
    assert.ok(requests.filter((request) => request.answered === 503).length >= 2);
    assert.equal(new Set(requests.map((request) => request.headers['webhook-id'])).size, 1, 'one webhook-id over every attempt');
    for (const request of requests) verified(hook.secret, request);
    const find = async (): Promise<Delivery | undefined> => (await deliveriesOf(hook.webhook.id)).find((item) => item.id === requests[0]!.headers['webhook-id']);
    const delivery = await eventually(find, (item) => item?.status === 'delivered', 'the successful attempt is recorded');
    assert.equal(delivery?.status, 'delivered');
    assert.deepEqual(delivery?.log.map((attempt) => attempt.statusCode), requests.map((request) => request.answered), 'the log shows each attempt');

    const replayed = await expectJson<Delivery>(await call('POST', `/api/v1/webhooks/${hook.webhook.id}/deliveries/${delivery!.id}/replay`, pmlp), 202);
    assert.equal(replayed.status, 'pending');
    await eventually(async () => carrying(applicationId, 'awaiting_client'), (list) => list.length === requests.length + 1, 'the replay arrives');
    assert.equal(carrying(applicationId, 'awaiting_client').at(-1)?.headers['webhook-id'], delivery!.id, 'a replay keeps the webhook-id');
    // A receiver that refuses a webhook-id it already has (409, as the conformance kit asks): delivered, not retried.
    hooks.answer = 409;
    await expectJson<Delivery>(await call('POST', `/api/v1/webhooks/${hook.webhook.id}/deliveries/${delivery!.id}/replay`, pmlp), 202);
    const refused = await eventually(async () => (await deliveriesOf(hook.webhook.id)).find((item) => item.id === delivery!.id), (item) => item?.status !== 'pending', 'the second replay is answered');
    hooks.answer = 204;
    assert.equal(refused?.status, 'delivered', 'a 409 means the endpoint already has it');
    assert.equal(refused?.log.at(-1)?.statusCode, 409);
  });

  test('a delivery that fails past the schedule disables the webhook and tells the client’s contacts; enabled again, it sends what failed', async () => {
    // PMLP's system as if it had been requested through the console (clients.test.ts), with its contacts.
    await sql`insert into integration.client_requests (institution_id, requested_by, requester_name, name, contacts, scopes, grant_types, auth_method, status, client_id)
      values (${(await createCatalog(platform.database.db).getInstitution('pmlp')).id}, '12047943216', 'Ilze Kļaviņa', 'PMLP sistēma', ${['it@pmlp.example.lv']}, ${['integration.manage']}, ${['client_credentials']}, 'client_secret_basic', 'approved', 'demo-institution')`.execute(platform.database.db);
    hooks.down = true;
    await changeStatus(applicationId, 'in_progress');
    const disabled = await eventually(async () => expectJson<Webhook>(await call('GET', `/api/v1/webhooks/${hook.webhook.id}`, pmlp)), (webhook) => webhook.status === 'disabled', 'the webhook is disabled');
    assert.match(disabled.disabledReason ?? '', /failed 5 times/);
    const notices = await eventually(
      async () => (await platform.notifications!.service.mailOutbox(50)).filter((mail) => mail.to === 'it@pmlp.example.lv'),
      (mails) => mails.length > 0,
      'the contact is told by e-mail',
    );
    assert.equal(notices.length, 1);
    assert.match(notices[0]!.subject, /Webhook disabled/);
    assert.ok(notices[0]!.text.includes(hooks.url) && notices[0]!.text.includes(`/api/v1/webhooks/${hook.webhook.id}/enable`), 'naming the endpoint and how to enable it');
    const failed = (await deliveriesOf(hook.webhook.id)).find((delivery) => delivery.status === 'failed');
    assert.equal(failed?.attempts, 5, 'the first attempt and four retries');
    hooks.down = false;
    const before = carrying(applicationId, 'in_progress').length;
    await expectJson<Webhook>(await call('POST', `/api/v1/webhooks/${hook.webhook.id}/enable`, pmlp));
    await eventually(async () => carrying(applicationId, 'in_progress'), (list) => list.length > before && list.at(-1)?.answered === 204, 'what failed arrives after enabling');
  });

  test('a rotated secret signs beside the old one until the overlap ends', async () => {
    const rotated = await expectJson<WebhookSecret>(await call('POST', `/api/v1/webhooks/${hook.webhook.id}/rotate-secret`, pmlp));
    assert.notEqual(rotated.secret, hook.secret);
    assert.ok(rotated.webhook.previousSecretValidUntil, 'the old secret has an end');
    await changeStatus(applicationId, 'decided');
    const [request] = await eventually(async () => carrying(applicationId, 'decided'), (list) => list.length > 0, 'the decision arrives');
    assert.equal(verified(rotated.secret, request!).data.code, 'decided', 'the new secret verifies');
    assert.equal(verified(hook.secret, request!).data.code, 'decided', 'and so does the old one, for now');
    assert.throws(() => verified(`whsec_${Buffer.from('someone else').toString('base64')}`, request!), /signature/i);
  });

  test('a hand-over that keeps failing shows in the console of its institution, and staff restart it there', async () => {
    hooks.down = true;
    await changeStatus(applicationId, 'delivered');
    await eventually(async () => expectJson<Webhook>(await call('GET', `/api/v1/webhooks/${hook.webhook.id}`, pmlp)), (webhook) => webhook.status === 'disabled', 'the webhook is disabled');
    hooks.down = false;
    // Ilze is PMLP's staff: she sees PMLP's webhook, disabled, and not Riga's.
    const ilze = await signedIn(platform, 'Ilze Kļaviņa', '/console/webhooks');
    const page = await (await ilze.request('/console/webhooks')).text();
    assert.ok(page.includes(hooks.url) && page.includes('demo-institution'), 'PMLP’s webhook is listed');
    assert.match(page, /govuk-tag--red[^>]*>\s*Atslēgts/);
    assert.ok(!page.includes('riga-hooks'), 'another institution’s is not');
    const restarted = await submitForm(ilze, '/console/webhooks', `/console/webhooks/${hook.webhook.id}/restart`, {});
    assert.equal(restarted.status, 303);
    assert.match(restarted.headers.get('location') ?? '', /restarted=[1-9]/);
    await eventually(async () => carrying(applicationId, 'delivered'), (list) => list.at(-1)?.answered === 204, 'the delivery arrives after the restart');
    assert.equal((await expectJson<Webhook>(await call('GET', `/api/v1/webhooks/${hook.webhook.id}`, pmlp))).status, 'active');
    // Without a role at Riga, Ilze cannot restart Riga's: for her it does not exist; a forged form is refused.
    const token = csrfOf(page);
    assert.equal((await ilze.request(`/console/webhooks/${rigaHook.webhook.id}/restart`, { form: { _csrf: token } })).status, 404);
    assert.equal((await ilze.request(`/console/webhooks/${hook.webhook.id}/restart`, { form: { _csrf: 'forged' } })).status, 403);
  });
});

