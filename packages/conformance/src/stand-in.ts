/**
 * The kit's stand-in for the platform: the few endpoints an institution's
 * system calls, shaped as the platform's own (`/.well-known/openid-configuration`,
 * `/oidc/token` for client credentials, the status register's
 * `POST /api/v1/applications/{id}/status` and `POST /api/v1/status-events`, and
 * `GET /api/v1/mandates/check`), keeping every call with the time it arrived so
 * that the checks can judge what the system did and when. The system under test
 * is configured with the stand-in's address as its platform.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { batchProblem, eventProblem } from './status-schema.js';

/** One status event as the system reported it, with when it arrived and through which endpoint. */
export interface ReportedStatus {
  applicationId: string;
  code: string;
  eventId: string | null;
  occurredAt: string | null;
  /** when the stand-in received it (ms since the epoch) */
  receivedAt: number;
  /** the raw event, for comparing repeats */
  raw: Record<string, unknown>;
}

/** A status report the platform would have refused (400), and why. */
export interface RefusedReport {
  path: string;
  why: string;
  receivedAt: number;
}

export interface MandateQuery {
  representative: string;
  represented: string;
  service: string | null;
  receivedAt: number;
}

export interface StandIn {
  /** the platform's address as the system must know it */
  url: string;
  statuses: ReportedStatus[];
  refusedReports: RefusedReport[];
  mandateQueries: MandateQuery[];
  /** called after each recorded call, so waiting checks look again at once instead of polling */
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) request.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function json(response: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  response.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
}

function problem(response: ServerResponse, status: number, type: string, detail: string): void {
  json(response, status, { type: `/problems/${type}`, title: detail, status, detail }, 'application/problem+json');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export async function startStandIn(options: { host?: string; port?: number } = {}): Promise<StandIn> {
  const statuses: ReportedStatus[] = [];
  const refusedReports: RefusedReport[] = [];
  const mandateQueries: MandateQuery[] = [];
  const tokens = new Set<string>();
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  let base = '';

  function record(applicationId: string, event: Record<string, unknown>, receivedAt: number): void {
    statuses.push({ applicationId, code: String(event.code ?? ''), eventId: stringOrNull(event.eventId), occurredAt: stringOrNull(event.occurredAt), receivedAt, raw: event });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', base);
    const receivedAt = Date.now();
    const route = `${request.method} ${url.pathname}`;
    if (route === 'GET /.well-known/openid-configuration') {
      return json(response, 200, {
        issuer: base,
        authorization_endpoint: `${base}/oidc/auth`,
        token_endpoint: `${base}/oidc/token`,
        jwks_uri: `${base}/oidc/jwks`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256', 'ES256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
        scopes_supported: ['openid', 'profile', 'applications.read', 'applications.write', 'mandates.read'],
      });
    }
    if (route === 'GET /oidc/jwks') return json(response, 200, { keys: [] });
    if (route === 'POST /oidc/token') {
      const form = new URLSearchParams(await readBody(request));
      if (form.get('grant_type') !== 'client_credentials') return json(response, 400, { error: 'unsupported_grant_type', error_description: 'the stand-in issues client credentials only' });
      const token = randomBytes(24).toString('base64url');
      tokens.add(token);
      return json(response, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: form.get('scope') ?? '' });
    }
    if (!url.pathname.startsWith('/api/')) return problem(response, 404, 'not-found', `The stand-in has no ${route}.`);
    const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) return problem(response, 401, 'unauthorized', 'A bearer token from /oidc/token (client credentials) is required.');

    /** Refused as the platform's schema validation refuses it: 400, nothing recorded. */
    const refuse = (why: string) => {
      refusedReports.push({ path: url.pathname, why, receivedAt });
      changed();
      problem(response, 400, 'validation', why);
    };
    const single = /^\/api\/v1\/applications\/([^/]+)\/status$/.exec(url.pathname);
    if (request.method === 'POST' && single) {
      const body = parseJson(await readBody(request));
      const why = eventProblem(body, '#', true);
      if (why || !isObject(body)) return refuse(why ?? 'the body is not JSON');
      const applicationId = decodeURIComponent(single[1]!);
      record(applicationId, body, receivedAt);
      changed();
      return json(response, 201, { applicationId, number: '', code: body.code, occurredAt: body.occurredAt ?? new Date(receivedAt).toISOString(), result: 'applied' });
    }
    if (route === 'POST /api/v1/status-events') {
      const body = parseJson(await readBody(request));
      const why = batchProblem(body);
      if (why) return refuse(why);
      const events = (body as { events: Record<string, unknown>[] }).events;
      const results = events.map((event, index) => {
        record(String(event.applicationId ?? event.externalId), event, receivedAt);
        return { index, eventId: stringOrNull(event.eventId), status: 'applied' };
      });
      changed();
      return json(response, 200, { applied: results.length, duplicate: 0, refused: 0, results });
    }
    if (route === 'GET /api/v1/mandates/check') {
      const representative = url.searchParams.get('representative');
      const represented = url.searchParams.get('represented');
      if (!representative || !represented) return problem(response, 400, 'validation', 'representative and represented are required.');
      mandateQueries.push({ representative, represented, service: url.searchParams.get('service'), receivedAt });
      changed();
      // As the platform: a person may act for themselves; the kit's representative holds no mandate.
      return json(response, 200, representative === represented ? { allowed: true, basis: 'self' } : { allowed: false });
    }
    return problem(response, 404, 'not-found', `The stand-in has no ${route}.`);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) problem(response, 400, 'bad-request', 'The request could not be read.');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  base = `http://${host}:${address.port}`;
  return {
    url: base,
    statuses,
    refusedReports,
    mandateQueries,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
