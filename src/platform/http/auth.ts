/**
 * Who is asking. The identity module installs authenticators that turn a
 * session cookie or a bearer token into a Principal; until one recognises the
 * request it stays anonymous, and every guarded route refuses it (401).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
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
}

export type Authenticator = (request: FastifyRequest) => Promise<Principal | null>;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    authenticators: Authenticator[];
  }
}

export function installAuthentication(app: FastifyInstance): void {
  app.decorate('authenticators', [] as Authenticator[]);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    for (const authenticate of app.authenticators) {
      const principal = await authenticate(request);
      if (principal) {
        request.principal = principal;
        return;
      }
    }
  });
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
