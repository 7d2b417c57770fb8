/**
 * Who is asking, for the rest of the platform: the portal's session cookie and
 * `Authorization: Bearer` access tokens from our own OpenID provider become a
 * Principal (src/platform/http/auth.ts); tells the platform's CSRF guard which
 * session a request belongs to; and the hook through which another module (roles and mandates)
 * fills a principal's roles.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RawBuilder } from 'kysely';
import type Provider from 'oidc-provider';
import type { Principal, RoleGrant } from '../../platform/http/auth.js';
import type { App } from '../../platform/http/server.js';
import { installCsrf, verifyCsrf } from '../../platform/http/csrf.js';
import { invalidToken } from './identity.errors.js';
import type { BearerLookup } from './oidc.adapter.js';
import type { SessionCompanion } from './identity.repo.js';
import { API_SCOPES, type Person, type WebSession } from './identity.schemas.js';
import { formatPersonalCode, type IdentityService } from './identity.service.js';

/** Fills in a principal's roles after authentication (the access module registers one). */
export type RolesEnricher = (principal: Principal) => Promise<RoleGrant[]>;

/**
 * An enricher's read as a SQL expression, so that the statement resuming a web
 * session brings the roles along: the same read at the same moment (a revoked
 * role is gone from the very next request), one round trip less on every page.
 */
export interface RolesInStatement {
  /** the person's current grants, as any value `read` understands, given an expression holding their personal code (DDMMYY-NNNNN) */
  select(personalCode: RawBuilder<string>): RawBuilder<unknown>;
  read(value: unknown): RoleGrant[];
}

export interface RegisteredEnricher {
  enrich: RolesEnricher;
  inStatement?: RolesInStatement;
}

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
    rolesEnrichers: RegisteredEnricher[];
  }
}

const identities = new WeakMap<FastifyRequest, RequestIdentity>();

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

/**
 * Registers an enricher that gives principals their roles; it runs after every
 * successful authentication, unless `inStatement` was read with the session.
 */
export function registerRolesEnricher(app: FastifyInstance, enricher: RolesEnricher, inStatement?: RolesInStatement): void {
  app.rolesEnrichers.push(inStatement ? { enrich: enricher, inStatement } : { enrich: enricher });
}

/** `read`: the roles some enrichers' expressions already brought (with the session). */
async function enrich(app: FastifyInstance, principal: Principal, read?: Map<RegisteredEnricher, RoleGrant[]>): Promise<Principal> {
  for (const entry of app.rolesEnrichers) principal.roles.push(...(read?.get(entry) ?? (await entry.enrich(principal))));
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

/** Far longer than any access token the provider issues (opaque, ~43 characters). */
const MAX_AUTHORIZATION_LENGTH = 4096;

/** Paths the authenticators leave alone: the provider answers its own, assets need nobody. */
function skipped(url: string): boolean {
  return url.startsWith('/oidc/') || url.startsWith('/.well-known/') || url.startsWith('/assets/');
}

/** The enrichers whose read another statement can bring along, in registration order. */
function enrichersInStatement(app: FastifyInstance): { entry: RegisteredEnricher; inStatement: RolesInStatement }[] {
  return app.rolesEnrichers.flatMap((entry) => (entry.inStatement ? [{ entry, inStatement: entry.inStatement }] : []));
}

/** The roles the enrichers' expressions brought, by enricher, from the values read in their order. */
function readAlongside(app: FastifyInstance, values: unknown[]): Map<RegisteredEnricher, RoleGrant[]> {
  return new Map(enrichersInStatement(app).map(({ entry, inStatement }, i) => [entry, inStatement.read(values[i])]));
}

export function installAuthenticators(app: App, provider: Provider, identity: IdentityService, bearer: Pick<BearerLookup, 'takeOwner' | 'companions'>): void {
  // A web session and a person's token bring the person's roles in the statement that finds them.
  const companions = (): SessionCompanion[] => enrichersInStatement(app).map(({ inStatement }) => inStatement.select);
  bearer.companions = companions;
  app.authenticators.push(
    async function bearerToken(request) {
      const header = request.headers.authorization;
      // A bearer token authorises the API only: anywhere else (pages, probes) it is not even looked at, so a bad one cannot fail a page.
      if (!header || !request.url.startsWith('/api/')) return null;
      // No token we issue is this long; a longer one is not worth a database look-up.
      if (header.length > MAX_AUTHORIZATION_LENGTH) throw invalidToken();
      const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header);
      if (!match) {
        if (/^Bearer\b/i.test(header)) throw invalidToken();
        return null;
      }
      const value = match[1] as string;
      const accessToken = await provider.AccessToken.find(value);
      if (accessToken) {
        // The person was read with the token (oidc.adapter.ts, BearerLookup); asked again only when it was not.
        const taken = bearer.takeOwner(value);
        const owner = taken?.person;
        const person = owner?.id === accessToken.accountId ? owner : await identity.findPerson(accessToken.accountId);
        if (!person) throw invalidToken();
        const acr = typeof accessToken.extra?.acr === 'string' ? accessToken.extra.acr : undefined;
        identities.set(request, { via: 'token', person, acr, clientId: accessToken.clientId });
        // The roles read with the token, when its person was; else each enricher reads them.
        const read = person === owner && taken?.alongside ? readAlongside(app, taken.alongside) : undefined;
        return enrich(app, { ...personPrincipal(person, (accessToken.scope ?? '').split(' ').filter(Boolean), 'token'), client: accessToken.clientId }, read);
      }
      const clientToken = await provider.ClientCredentials.find(value);
      if (clientToken?.clientId) {
        const owner = bearer.takeOwner(value)?.client;
        const client = owner?.clientId === clientToken.clientId ? owner : await identity.findClient(clientToken.clientId);
        if (!client) throw invalidToken();
        identities.set(request, { via: 'token', clientId: client.clientId });
        const principal: Principal = {
          subject: `client:${client.clientId}`,
          kind: 'system',
          via: 'token',
          displayName: typeof client.metadata.client_name === 'string' ? client.metadata.client_name : client.clientId,
          roles: [],
          scopes: (clientToken.scope ?? '').split(' ').filter(Boolean),
          client: client.clientId,
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
      const signedIn = await identity.resumeSignedIn(id, companions());
      if (!signedIn) return null;
      const { session, person, alongside } = signedIn;
      identities.set(request, { via: 'session', person, acr: session.acr, sessionId: id, session });
      if (apiCallNeedsCsrfToken(request)) await verifyCsrf(request);
      return enrich(app, personPrincipal(person, SESSION_SCOPES, 'session'), readAlongside(app, alongside));
    },
  );

  installCsrf(app, {
    cookieName: app.identityCookies.csrf,
    cookieOptions: cookieOptions(app.identityCookies),
    sessionSecret: (request) => identities.get(request)?.session?.csrfSecret,
    viaToken: (request) => identities.get(request)?.via === 'token',
  });
}

// ---- CSRF (the one implementation is platform/http/csrf.ts) ----

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
