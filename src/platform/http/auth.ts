/**
 * Who is asking. The identity module installs authenticators that turn a
 * session cookie or a bearer token into a Principal; until one recognises the
 * request it stays anonymous, and every guarded route refuses it (401).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

export interface RoleGrant {
  /** e.g. service_manager, case_handler, support_agent, institution_admin, platform_admin */
  role: string;
  /** the institution the role is held in; absent for platform-wide roles */
  institutionId?: string;
}

/** How a caller proved who they are: a web session (pages and the API) or a bearer token (the API only). */
export type AuthenticatedVia = 'session' | 'token';

export interface Principal {
  /** stable subject: a person's id or an API client's id */
  subject: string;
  kind: 'person' | 'system';
  /** pages open for `session` only: a bearer token authorises the API, never a page or a form */
  via: AuthenticatedVia;
  displayName?: string;
  roles: RoleGrant[];
  /** OAuth scopes granted to the caller (for tokens); sessions carry every scope of the user */
  scopes: string[];
  /** persons: their personal code (the key other modules use for parties) */
  personalCode?: string;
  /** systems: the institution whose information system this client is */
  institutionId?: string;
  /** tokens: the OAuth client the token was issued to (rate limits count per client) */
  client?: string;
}

/** Counts an API request of a token against its client's limit; throws the 429 (the rate-limit module installs one). */
export type ClientRateLimit = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export type Authenticator = (request: FastifyRequest) => Promise<Principal | null>;

/**
 * Refuses (throws a 403 or 400 AppError) when `principal` may not act for
 * `party`; the access module registers the one check (registerActingForCheck).
 */
export type ActingForCheck = (principal: Principal, party: string) => Promise<unknown>;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    authenticators: Authenticator[];
    actingForChecks: ActingForCheck[];
    clientRateLimit: ClientRateLimit | null;
  }
  interface FastifyContextConfig {
    /** false: the route ignores every credential (health probes, metrics with their own token) */
    authenticate?: boolean;
  }
}

const ON_BEHALF_OF = 'on-behalf-of';

/** The party named in the On-Behalf-Of header (already checked for an API request), or undefined for oneself. */
export function onBehalfOf(request: FastifyRequest): string | undefined {
  const value = request.headers[ON_BEHALF_OF];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function installAuthentication(app: FastifyInstance): void {
  app.decorate('authenticators', [] as Authenticator[]);
  app.decorate('actingForChecks', [] as ActingForCheck[]);
  app.decorate('clientRateLimit', null);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    // Probes and metrics must answer whatever a client sends in Authorization (a garbage bearer is not their concern).
    if (request.routeOptions.config?.authenticate === false) return;
    for (const authenticate of app.authenticators) {
      const principal = await authenticate(request);
      if (principal) {
        request.principal = principal;
        break;
      }
    }
    // Who is asking is known now: a client past its limit is refused before anything else is done for it.
    if (app.clientRateLimit && request.principal?.via === 'token') await app.clientRateLimit(request, reply);
    await checkOnBehalfOf(app, request);
  });
}

/**
 * On-Behalf-Of is checked here, once, for every API request of a signed-in
 * caller: a party one may not act for is refused (403 `access.no-right`) on
 * single reads, lists and changes alike, before any route runs. A route that
 * also needs the right for one service asks again with it. Anonymous requests
 * are left to the route's own guard (401 first).
 */
async function checkOnBehalfOf(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const party = onBehalfOf(request);
  if (party === undefined || !request.principal || !request.url.startsWith('/api/')) return;
  for (const check of app.actingForChecks) await check(request.principal, party);
}

/** Registers the check of On-Behalf-Of (the access module, which knows who may act for whom). */
export function registerActingForCheck(app: FastifyInstance, check: ActingForCheck): void {
  app.actingForChecks.push(check);
}

/** A guard for a whole route: 401 before anything else (body parsing, CSRF, On-Behalf-Of) when nobody is signed in. */
export async function requireSignIn(request: FastifyRequest): Promise<void> {
  requirePrincipal(request);
}

/** The signed-in person of a web session, or undefined (a bearer token never opens a page). */
export function sessionPrincipal(request: FastifyRequest): Principal | undefined {
  const principal = request.principal;
  return principal && principal.kind === 'person' && principal.via === 'session' ? principal : undefined;
}

/** The caller, or a 401 problem when nobody is signed in. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('auth.unauthenticated', 'unauthenticated', 'Sign in or send a bearer token to use this endpoint.');
  return request.principal;
}

export function hasRole(principal: Principal, role: string, institutionId?: string): boolean {
  return principal.roles.some((grant) => grant.role === role && (institutionId === undefined || grant.institutionId === institutionId));
}

/** Refuses a caller whose token was not granted `scope` (sessions carry every scope of their user). */
export function requireScope(principal: Principal, scope: string): Principal {
  if (!principal.scopes.includes(scope)) throw new AppError('auth.insufficient-scope', 'forbidden', `This token was not granted the scope ${scope}.`);
  return principal;
}
