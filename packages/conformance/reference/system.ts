/**
 * A small reference institution system that meets the platform's unified
 * requirements (../REQUIREMENTS.md), to read as an example and to prove the
 * kit: its portal signs in through the platform with openid-client
 * (authorization code, PKCE S256, state, nonce); its webhook endpoint verifies
 * with the official standardwebhooks library and refuses a webhook-id it has
 * accepted before; each application it receives it reports back to the
 * status register (received, then in_progress) with its own eventIds and
 * ordered times — or, when a representative filed it, first asks the
 * platform's mandate API and refuses it without a mandate; its e-services
 * have deep links.
 *
 * `broken` switches on one deliberate fault, so that tests can show the kit
 * fails that variant on the right check.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export const BROKEN = [
  'no-pkce',
  'plain-pkce',
  'no-state',
  'no-nonce',
  'accepts-bad-signatures',
  'accepts-replays',
  'accepts-stale',
  'invalid-status-event',
  'duplicate-event-ids',
  'unordered-times',
  'slow-status',
  'skips-mandate-check',
  'dead-deep-link',
] as const;
export type Broken = (typeof BROKEN)[number];

export interface ReferenceOptions {
  /** the platform's address (or the conformance kit's stand-in) */
  platformUrl: string;
  /** the whsec_ secret of its webhook subscription */
  webhookSecret: string;
  clientId?: string;
  clientSecret?: string;
  host?: string;
  port?: number;
  broken?: Broken | null;
  /** how long `slow-status` waits before reporting */
  slowStatusMs?: number;
}

export interface ReferenceSystem {
  url: string;
  /** its e-services' deep links, as paths */
  deepLinks: string[];
  /** what went wrong in the background (talking to the platform), for tests to show */
  failures: string[];
  close(): Promise<void>;
}

/** The Standard Webhooks tolerance: a timestamp further than this from now is refused. */
const TOLERANCE_SECONDS = 300;
const E_SERVICES = ['residence-declaration', 'building-permit'];
const MAX_BODY = 1024 * 1024;
/** Enough to remember every webhook-id within the tolerance at hundreds a second. */
const REMEMBERED_IDS = 100_000;

interface SubmittedData {
  applicationId: string;
  applicant: string;
  submittedBy: string | null;
  serviceId: string;
  code: string;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) request.destroy(new Error('too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function problem(response: ServerResponse, status: number, title: string): void {
  response.writeHead(status, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: 'about:blank', title, status }));
}

function page(response: ServerResponse, status: number, title: string, body: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1>${body}</html>`);
}

const flatHeaders = (request: IncomingMessage): Record<string, string> =>
  Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));

/** An error in words, with the OAuth error code and description when the platform gave them. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const oauth = error as Error & { error?: string; error_description?: string };
  return oauth.error ? `${error.message}: ${oauth.error}${oauth.error_description ? ` (${oauth.error_description})` : ''}` : error.message;
}

/** The signature alone, ignoring the timestamp's age: only the `accepts-stale` fault uses it. */
function signatureMatches(webhook: Webhook, headers: Record<string, string>, body: string): boolean {
  const expected = Buffer.from(webhook.sign(headers['webhook-id'] ?? '', new Date(Number(headers['webhook-timestamp']) * 1000), body));
  return (headers['webhook-signature'] ?? '').split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export async function startReferenceSystem(options: ReferenceOptions): Promise<ReferenceSystem> {
  const broken = options.broken ?? null;
  const clientId = options.clientId ?? 'reference-institution';
  const clientSecret = options.clientSecret ?? 'reference-institution-secret';
  const webhook = new Webhook(options.webhookSecret);
  const accepted = new Set<string>();
  const pendingSignIns = new Map<string, { verifier: string; nonce: string | undefined }>();
  const failures: string[] = [];
  const background = new Set<Promise<void>>();
  let base = '';
  let platform: Promise<oidc.Configuration> | undefined;
  let token: { value: string; until: number } | undefined;

  /** The platform's configuration, read once it is first needed (the platform may start after this system). */
  function platformConfig(): Promise<oidc.Configuration> {
    platform ??= oidc
      .discovery(new URL(options.platformUrl), clientId, undefined, oidc.ClientSecretBasic(clientSecret), options.platformUrl.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        platform = undefined;
        throw error;
      });
    return platform;
  }

  async function accessToken(): Promise<string> {
    if (token && token.until > Date.now()) return token.value;
    const granted = await oidc.clientCredentialsGrant(await platformConfig(), { scope: 'applications.write mandates.read' });
    token = { value: granted.access_token, until: Date.now() + ((granted.expires_in ?? 60) - 30) * 1000 };
    return token.value;
  }

  async function callPlatform(path: string, init: RequestInit = {}): Promise<unknown> {
    const response = await fetch(new URL(path, options.platformUrl), { ...init, headers: { ...init.headers, authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' } });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  }

  async function mayAct(application: SubmittedData): Promise<boolean> {
    if (!application.submittedBy || application.submittedBy === application.applicant || broken === 'skips-mandate-check') return true;
    const query = new URLSearchParams({ representative: application.submittedBy, represented: application.applicant, service: application.serviceId });
    const answer = (await callPlatform(`/api/v1/mandates/check?${query}`)) as { allowed?: boolean };
    return answer.allowed === true;
  }

  /** What the system does with a new application: check the mandate when filed for someone, then report to the status register. */
  async function handleApplication(application: SubmittedData): Promise<void> {
    const allowed = await mayAct(application);
    if (broken === 'slow-status') await new Promise((resolve) => setTimeout(resolve, options.slowStatusMs ?? 90_000));
    const now = Date.now();
    const event = (code: string, at: number, note?: string) => ({
      eventId: broken === 'duplicate-event-ids' ? `ref-${application.applicationId}` : `ref-${application.applicationId}-${code}`,
      applicationId: application.applicationId,
      code,
      occurredAt: new Date(at).toISOString(),
      ...(note ? { noteForApplicant: note } : {}),
    });
    const events = allowed
      ? [event('received', now), event('in_progress', broken === 'unordered-times' ? now - 1000 : now)]
      : [event('rejected', now, 'The person who filed the application holds no mandate to act for the applicant.')];
    if (broken === 'invalid-status-event') {
      // The second event carries a field the status register does not know: the platform refuses it (400).
      await callPlatform('/api/v1/status-events', { method: 'POST', body: JSON.stringify({ events: events.slice(0, 1) }) });
      if (events.length > 1) await callPlatform('/api/v1/status-events', { method: 'POST', body: JSON.stringify({ events: events.slice(1).map((item) => ({ ...item, comment: 'started' })) }) });
      return;
    }
    await callPlatform('/api/v1/status-events', { method: 'POST', body: JSON.stringify({ events }) });
  }

  /** Standard Webhooks: a valid signature, a timestamp within five minutes, a webhook-id not accepted before. */
  function verify(headers: Record<string, string>, body: string): { status: number; title: string } | undefined {
    const age = Math.abs(Date.now() / 1000 - Number(headers['webhook-timestamp']));
    try {
      if (broken === 'accepts-bad-signatures') {
        if (!(age <= TOLERANCE_SECONDS)) return { status: 401, title: 'The webhook-timestamp is too old or too new.' };
      } else if (broken === 'accepts-stale') {
        if (!signatureMatches(webhook, headers, body)) return { status: 401, title: 'The webhook-signature does not match.' };
      } else webhook.verify(body, headers);
    } catch (error) {
      if (error instanceof WebhookVerificationError) return { status: 401, title: `The webhook does not verify: ${error.message}.` };
      throw error;
    }
    const id = headers['webhook-id'] ?? '';
    if (accepted.has(id) && broken !== 'accepts-replays') return { status: 409, title: 'This webhook-id was accepted before.' };
    return undefined;
  }

  async function receiveWebhook(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const headers = flatHeaders(request);
    const refusal = verify(headers, body);
    if (refusal) return problem(response, refusal.status, refusal.title);
    accepted.add(headers['webhook-id'] ?? '');
    if (accepted.size > REMEMBERED_IDS) accepted.delete(accepted.values().next().value!);
    const event = JSON.parse(body) as { type?: string; data?: SubmittedData };
    response.writeHead(204).end();
    if (event.type === 'applications.status_changed' && event.data?.code === 'submitted') {
      const work = handleApplication(event.data).catch((error: unknown) => void failures.push(describe(error)));
      background.add(work);
      void work.finally(() => background.delete(work));
    }
  }

  /** The sign-in redirect; each fault leaves out or weakens one of its protections. */
  async function signIn(response: ServerResponse): Promise<void> {
    const config = await platformConfig();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const parameters: Record<string, string> = { redirect_uri: `${base}/callback`, scope: 'openid profile', state, nonce };
    if (broken === 'plain-pkce') Object.assign(parameters, { code_challenge: verifier, code_challenge_method: 'plain' });
    else if (broken !== 'no-pkce') Object.assign(parameters, { code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
    if (broken === 'no-state') delete parameters.state;
    if (broken === 'no-nonce') delete parameters.nonce;
    pendingSignIns.set(parameters.state ?? verifier, { verifier, nonce: parameters.nonce });
    if (pendingSignIns.size > 10_000) pendingSignIns.delete(pendingSignIns.keys().next().value!);
    response.writeHead(302, { location: oidc.buildAuthorizationUrl(config, parameters).href, 'cache-control': 'no-store' }).end();
  }

  /** The platform sends the person back here: the code is exchanged with the PKCE verifier, state and nonce checked. */
  async function callback(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const state = url.searchParams.get('state') ?? '';
    const pending = pendingSignIns.get(state);
    if (!pending) return page(response, 400, 'Sign-in expired', '<p><a href="/login">Sign in again</a></p>');
    pendingSignIns.delete(state);
    const tokens = await oidc.authorizationCodeGrant(await platformConfig(), url, { pkceCodeVerifier: pending.verifier, expectedState: state, ...(pending.nonce ? { expectedNonce: pending.nonce } : {}) });
    const name = String(tokens.claims()?.name ?? tokens.claims()?.sub ?? '');
    page(response, 200, 'Signed in', `<p>Signed in as ${name.replace(/[<>&"]/g, '')}.</p>`);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', base);
    const route = `${request.method} ${url.pathname}`;
    if (route === 'GET /') return page(response, 200, 'Reference institution', '<p><a href="/login">Sign in through Pakalpojumi</a></p>');
    if (route === 'GET /login') return signIn(response);
    if (route === 'GET /callback') return callback(request, response, url);
    if (route === 'POST /webhooks/pakalpojumi') return receiveWebhook(request, response);
    const service = /^\/e-services\/([a-z-]+)$/.exec(url.pathname)?.[1];
    if (request.method === 'GET' && service && E_SERVICES.includes(service) && !(broken === 'dead-deep-link' && service === 'building-permit')) {
      return page(response, 200, `E-service: ${service}`, '<p><a href="/login">Sign in to apply</a></p>');
    }
    return problem(response, 404, 'Not found.');
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      failures.push(describe(error));
      if (!response.headersSent) problem(response, 502, 'The platform could not be reached.');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  base = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    url: base,
    deepLinks: E_SERVICES.map((service) => `/e-services/${service}`),
    failures,
    async close() {
      await Promise.allSettled([...background]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
