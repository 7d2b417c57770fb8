/**
 * Workspace: the signed-in person's own place on the portal (P4), in Latvian
 * and English, working without JavaScript. The "whom I act for" switch (P9):
 * the person themselves, companies on whose board they sit, minors they
 * represent as parent, and everyone who gave them a mandate — the choice is
 * kept for the session and checked again on every request. The mandates
 * pages (P15): given and received mandates, giving one, accepting, revoking.
 * The applications pages (P2, P7, P8, P11, P12): applying through a service's
 * e-form step by step with drafts, my applications, and one application with
 * its timeline, expected completion, answer to the institution and result.
 *
 * Owns no tables: it composes the access, catalog, identity and audit modules
 * through their services. Exposes `registerWorkspacePages`, which also returns
 * `actingFor(request, reply)` for other workspace pages (e.g. applications)
 * that need to know whom the person acts for.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RootDb } from '../../platform/db/database.js';
import { sessionPrincipal } from '../../platform/http/auth.js';
import type { App } from '../../platform/http/server.js';
import type { AccessService, MandateService } from '../access/index.js';
import type { ApplicationsService } from '../applications/index.js';
import type { AuditService } from '../audit/index.js';
import type { CatalogService } from '../catalog/index.js';
import { createIdentity, type IdentityService } from '../identity/index.js';
import { resolveActing, type Acting, type WorkspaceDeps } from './workspace.context.js';
import { registerWorkspacePageRoutes } from './workspace.pages.js';
import type { PreferencesService } from '../preferences/index.js';
import type { OffersService } from '../offers/index.js';
import { registerPreferencesPages } from './preferences.pages.js';
import { registerOffersPages } from './offers.pages.js';
import { registerApplyPages } from './apply.pages.js';
import { registerApplicationPages } from './applications.pages.js';
import type { NotificationsService } from '../notifications/index.js';
import { registerInboxPages } from './inbox.pages.js';

export type { Acting, ActingParty } from './workspace.context.js';

export interface WorkspaceOptions {
  /** the root handle, for naming persons (identity) when no IdentityService is given */
  db: RootDb;
  access: AccessService;
  mandates: MandateService;
  catalog: CatalogService;
  audit: AuditService;
  /** applying, tracking, answering and receiving results (P2, P11) */
  applications: ApplicationsService;
  identity?: IdentityService;
  /** notification settings (P10); without it the page is not offered */
  preferences?: PreferencesService;
  /** proactive offers and what the person follows (P10); without it the page is not offered */
  offers?: OffersService;
  /** the person's inbox (P10); without it the page is not offered */
  notifications?: NotificationsService;
}

export interface Workspace {
  /**
   * Whom the request's signed-in person acts for (re-checked now; a choice
   * that no longer holds is dropped). Undefined without a portal session.
   */
  actingFor(request: FastifyRequest, reply: FastifyReply): Promise<Acting | undefined>;
}

export function registerWorkspacePages(app: App, options: WorkspaceOptions): Workspace {
  const deps: WorkspaceDeps = {
    access: options.access,
    mandates: options.mandates,
    catalog: options.catalog,
    audit: options.audit,
    identity: options.identity ?? createIdentity(options.db),
  };
  registerWorkspacePageRoutes(app, deps, options.notifications);
  if (options.notifications) registerInboxPages(app, deps, options.notifications);
  if (options.preferences) registerPreferencesPages(app, deps, options.preferences);
  if (options.offers) registerOffersPages(app, deps, options.offers);
  // Applying, my applications and one application (P2, P7, P8, P11, P12).
  const applyDeps = { ...deps, applications: options.applications, db: options.db };
  registerApplyPages(app, applyDeps);
  registerApplicationPages(app, applyDeps);
  return {
    async actingFor(request, reply) {
      const principal = sessionPrincipal(request);
      if (!principal?.personalCode) return undefined;
      return resolveActing(deps, request, reply, principal);
    },
  };
}
