/**
 * Identity: single sign-on (P6). The platform's OpenID provider for the
 * portals and every institution's platform (code flow with PKCE, client
 * credentials for institution systems, refresh tokens, RP-initiated logout,
 * eIDAS levels of assurance), the persons who sign in (by Latvian personal
 * code), the demo identity provider (DEMO on) or the national eID (off), the
 * portal's web sessions with CSRF protection, and the authenticators that turn
 * a session cookie or a bearer token into the request's Principal.
 *
 * Exposes `registerIdentity` (wires it all into the app), the IdentityService,
 * `registerRolesEnricher`
 * for the roles module, its migrations and its demo data.
 */
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import { narrow, type RootDb } from '../../platform/db/database.js';
import type { MigrationSource } from '../../platform/db/migrate.js';
import type { App } from '../../platform/http/server.js';
import { createAudit } from '../audit/index.js';
import { cookieNames, installAuthenticators, type RegisteredEnricher } from './identity.auth.js';
import { bearerLookupFor } from './oidc.adapter.js';
import type { IdentityTables } from './identity.repo.js';
import { createIdentityService, type IdentityService, type IdentityServiceOptions } from './identity.service.js';
import { createRateLimiter } from '../../platform/http/rate-limit.js';
import { registerIdentityRoutes } from './identity.routes.js';
import { registerInteractionPages } from './identity.pages.js';
import { registerEidPages, type EidSettings } from './eid.pages.js';
import { DEMO_PERSON_CODES } from './identity.demo.js';
import { loadProviderKeys, rotateProviderKeys } from './oidc.keys.js';
import { pruneExpired } from './oidc.repo.js';
import { createProvider } from './oidc.provider.js';
import { registerSessionPages } from './session.pages.js';

export type { IdentityService, StartedSession, SessionStart } from './identity.service.js';
export type { Person, PersonInput, ClientInput, ClientRecord, ClientMetadata, ClientRegistration, ClientSummary, WebSession, ApiScope, AcrLevel } from './identity.schemas.js';
export type { RolesEnricher, RolesInStatement, RequestIdentity } from './identity.auth.js';
export type { EidSettings } from './eid.pages.js';
export { ACR, ACR_VALUES, API_SCOPES } from './identity.schemas.js';
export { isValidPersonalCode, normalisePersonalCode, formatPersonalCode } from './identity.service.js';
export { registerRolesEnricher, requestIdentity } from './identity.auth.js';
export { createPostKeeper } from './kept-posts.js';
export { SESSION_IDLE_MS } from './identity.service.js';

export const identityMigrations: MigrationSource = { module: 'identity', dir: fileURLToPath(new URL('./migrations', import.meta.url)) };

export function createIdentity(db: RootDb, options?: IdentityServiceOptions): IdentityService {
  return createIdentityService(narrow<IdentityTables>(db), options);
}

/** Loads the contract's demo persons and clients; call inside runOnce (`trx` is its transaction). */
export async function loadIdentityDemoData(trx: RootDb): Promise<{ persons: number; clients: number }> {
  const { loadIdentityDemo } = await import('./identity.demo.js');
  return loadIdentityDemo(trx);
}

export interface IdentityOptions {
  db: RootDb;
  publicUrl: string;
  /** PUBLIC_URL is https: cookies are Secure and `__Host-` prefixed */
  secure: boolean;
  /** offer the demo identity provider */
  demo: boolean;
  eid?: EidSettings | undefined;
  log?: Logger | undefined;
  /** the clock of sessions (tests move it) */
  now?: () => Date;
}

export interface IdentityModule {
  service: IdentityService;
  provider: Provider;
}

const PRUNE_EVERY_MS = 10 * 60 * 1000;

/** Wires single sign-on into the app: cookies, the provider and its pages, the portal's sign-in, authenticators, /api/v1/me. */
export async function registerIdentity(app: App, options: IdentityOptions): Promise<IdentityModule> {
  const db = narrow<IdentityTables>(options.db);
  const service = createIdentityService(db, { now: options.now });
  const keys = await loadProviderKeys(db);
  const provider = createProvider({ db, identity: service, keys, publicUrl: options.publicUrl, log: options.log });
  const audit = createAudit(options.db);

  if (!app.hasRequestDecorator('cookies')) await app.register(cookie);
  app.decorate('identityCookies', cookieNames(options.secure));
  app.decorate('rolesEnrichers', [] as RegisteredEnricher[]);
  installAuthenticators(app, provider, service, bearerLookupFor(db));

  await registerIdentityRoutes(app, provider, createRateLimiter(options.db));
  registerInteractionPages(app, {
    provider,
    identity: service,
    audit,
    demoPersonCodes: options.demo ? DEMO_PERSON_CODES : undefined,
    eid: options.eid !== undefined,
    formKey: keys.cookieKeys[0] as string,
  });
  if (options.eid) registerEidPages(app, { provider, identity: service, audit, settings: options.eid, publicUrl: options.publicUrl, log: options.log });
  registerSessionPages(app, { identity: service, publicUrl: options.publicUrl, log: options.log });

  // Expired provider rows and stale web sessions are swept now and then (any instance may do it).
  const timer = setInterval(() => {
    void Promise.all([pruneExpired(db, new Date()), service.pruneSessions()]).catch((error: unknown) => options.log?.warn({ err: error }, 'identity: pruning failed'));
  }, PRUNE_EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  return { service, provider };
}

/** Rotates the OpenID provider's signing and cookie keys (see oidc.keys.ts); instances pick them up at their next start. */
export async function rotateIdentityKeys(db: RootDb): Promise<{ signing: string[]; retired: string[] }> {
  return rotateProviderKeys(narrow<IdentityTables>(db));
}
export { createClientAdministration, type ClientAdministration, type ClientAdminActor, type ClientSettings } from './clients.service.js';
export { registerIdentityConsolePages, type IdentityConsoleDeps } from './pages/console/clients.pages.js';
