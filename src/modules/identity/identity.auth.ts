/**
 * Who is asking, for the rest of the platform: the portal's session cookie and
 * `Authorization: Bearer` access tokens from our own OpenID provider become a
 * Principal (src/platform/http/auth.ts). Also the CSRF guard for state-changing
 * form posts, and the hook through which another module (roles and mandates)
 * fills a principal's roles.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { Principal, RoleGrant } from '../../platform/http/auth.js';
import type { App } from '../../platform/http/server.js';
import { csrfFailed, invalidToken } from './identity.errors.js';
import { API_SCOPES, type Person, type WebSession } from './identity.schemas.js';
import { formatPersonalCode, type IdentityService } from './identity.service.js';
import { CSRF_FIELD } from './identity.views.js';

/** Fills in a principal's roles after authentication (the access module registers one). */
export type RolesEnricher = (principal: Principal) => Promise<RoleGrant[]>;

/** Every scope a signed-in person holds in their own session. */
export const SESSION_SCOPES: string[] = [...API_SCOPES];

export interface CookieNames {
  session: string;
  csrf: string;
  secure: boolean;
}

/** How the current request authenticated, beyond the Principal itself. */
export interface RequestIdentity {
  via: 'session' | 'token';
  person?: Person;
  acr?: string;
  clientId?: string;
  /** the session cookie's value (sessions only) */
  sessionId?: string;
  session?: WebSession;
}

declare module 'fastify' {
  interface FastifyInstance {
    identityCookies: CookieNames;
    rolesEnrichers: RolesEnricher[];
  }
}

const identities = new WeakMap<FastifyRequest, RequestIdentity>();
/** anonymous visitors' CSRF tokens minted during this request, set as a cookie on the way out */
const pendingCsrf = new WeakMap<FastifyRequest, string>();

export function requestIdentity(request: FastifyRequest): RequestIdentity | undefined {
  return identities.get(request);
}

export function cookieNames(secure: boolean): CookieNames {
  // __Host- cookies must be Secure, path=/ and host-only: the browser then refuses any other site's attempt to set them.
  return secure ? { session: '__Host-pk_session', csrf: '__Host-pk_csrf', secure } : { session: 'pk_session', csrf: 'pk_csrf', secure };
}

export function cookieOptions(names: CookieNames, maxAge?: number): { path: string; httpOnly: boolean; sameSite: 'lax'; secure: boolean; maxAge?: number } {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: names.secure, ...(maxAge !== undefined ? { maxAge } : {}) };
}

/** Registers an enricher that gives principals their roles; it runs after every successful authentication. */
export function registerRolesEnricher(app: FastifyInstance, enricher: RolesEnricher): void {
  app.rolesEnrichers.push(enricher);
}

async function enrich(app: FastifyInstance, principal: Principal): Promise<Principal> {
  for (const enricher of app.rolesEnrichers) principal.roles.push(...(await enricher(principal)));
  return principal;
}

function personPrincipal(person: Person, scopes: string[], via: Principal['via']): Principal {
  return {
    subject: person.id,
    kind: 'person',
    via,
    displayName: `${person.givenName} ${person.familyName}`,
    roles: [],
    scopes,
    personalCode: formatPersonalCode(person.personalCode),
  };
}

/** Paths the authenticators leave alone: the provider answers its own, assets need nobody. */
function skipped(url: string): boolean {
  return url.startsWith('/oidc/') || url.startsWith('/.well-known/') || url.startsWith('/assets/');
}

export function installAuthenticators(app: App, provider: Provider, identity: IdentityService): void {
  app.authenticators.push(
    async function bearerToken(request) {
      const header = request.headers.authorization;
      if (!header || skipped(request.url)) return null;
      const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header);
      if (!match) {
        if (/^Bearer\b/i.test(header)) throw invalidToken();
        return null;
      }
      const value = match[1] as string;
      const accessToken = await provider.AccessToken.find(value);
      if (accessToken) {
        const person = await identity.findPerson(accessToken.accountId);
        if (!person) throw invalidToken();
        const acr = typeof accessToken.extra?.acr === 'string' ? accessToken.extra.acr : undefined;
        identities.set(request, { via: 'token', person, acr, clientId: accessToken.clientId });
        return enrich(app, personPrincipal(person, (accessToken.scope ?? '').split(' ').filter(Boolean), 'token'));
      }
      const clientToken = await provider.ClientCredentials.find(value);
      if (clientToken?.clientId) {
        const client = await identity.findClient(clientToken.clientId);
        if (!client) throw invalidToken();
        identities.set(request, { via: 'token', clientId: client.clientId });
        const principal: Principal = {
          subject: `client:${client.clientId}`,
          kind: 'system',
          via: 'token',
          displayName: typeof client.metadata.client_name === 'string' ? client.metadata.client_name : client.clientId,
          roles: [],
          scopes: (clientToken.scope ?? '').split(' ').filter(Boolean),
        };
        if (client.institutionId) principal.institutionId = client.institutionId;
        return enrich(app, principal);
      }
      throw invalidToken();
    },

    async function sessionCookie(request) {
      if (skipped(request.url) || !request.headers.cookie) return null;
      // Authentication runs before @fastify/cookie's own onRequest hook has filled request.cookies.
      const id = (request.cookies ?? app.parseCookie(request.headers.cookie))[app.identityCookies.session];
      if (!id) return null;
      const session = await identity.resumeSession(id);
      if (!session) return null;
      const person = await identity.findPerson(session.personId);
      if (!person) return null;
      identities.set(request, { via: 'session', person, acr: session.acr, sessionId: id, session });
      if (apiCallNeedsCsrfToken(request)) await verifyCsrf(request);
      return enrich(app, personPrincipal(person, SESSION_SCOPES, 'session'));
    },
  );

  // An anonymous visitor's CSRF cookie is set when a page minted one.
  app.addHook('onSend', async (request, reply) => {
    const token = pendingCsrf.get(request);
    if (token) reply.setCookie(app.identityCookies.csrf, token, cookieOptions(app.identityCookies));
  });
}

// ---- CSRF ----

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * An API POST carried by the session cookie could have been sent by another
 * site's form (urlencoded, multipart or text bodies need no CORS preflight), so
 * those must name the session's CSRF token in X-CSRF-Token. JSON bodies and
 * other methods cannot be sent cross-site without a preflight, which we never grant.
 */
function apiCallNeedsCsrfToken(request: FastifyRequest): boolean {
  if (request.method !== 'POST' || !request.url.startsWith('/api/')) return false;
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return !(mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType));
}

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The CSRF token for the current request's forms: derived from the session's
 * secret when signed in, else from a random cookie (double submit).
 */
export function csrfToken(request: FastifyRequest): string {
  const session = identities.get(request)?.session;
  if (session) return createHmac('sha256', session.csrfSecret).update('csrf').digest('base64url');
  const existing = request.cookies?.[request.server.identityCookies.csrf] ?? pendingCsrf.get(request);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const minted = randomBytes(32).toString('base64url');
  pendingCsrf.set(request, minted);
  return minted;
}

/** A hidden form field carrying the CSRF token; put it in every form that POSTs. */
export function csrfField(request: FastifyRequest): string {
  return `<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken(request)}">`;
}

/**
 * preHandler for state-changing form posts: refuses (403) a request whose
 * `_csrf` field (or `X-CSRF-Token` header) does not match. Bearer-token calls
 * of the API carry no ambient credentials and are not checked.
 */
export async function verifyCsrf(request: FastifyRequest, _reply?: FastifyReply): Promise<void> {
  if (SAFE_METHODS.includes(request.method)) return;
  // A bearer token carries no ambient credential, so an API call with one needs no CSRF token; a page never takes one.
  if (identities.get(request)?.via === 'token' && request.url.startsWith('/api/')) return;
  const body = request.body as Record<string, unknown> | undefined;
  const sent = typeof body?.[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : request.headers['x-csrf-token'];
  const session = identities.get(request)?.session;
  const expected = session
    ? createHmac('sha256', session.csrfSecret).update('csrf').digest('base64url')
    : request.cookies?.[request.server.identityCookies.csrf];
  if (!sameToken(typeof sent === 'string' ? sent : undefined, expected)) throw csrfFailed();
}
