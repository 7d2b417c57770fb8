/**
 * Workspace: the signed-in person's own place on the portal (P4), in Latvian
 * and English, working without JavaScript. The "whom I act for" switch (P9):
 * the person themselves, companies on whose board they sit, minors they
 * represent as parent, and everyone who gave them a mandate — the choice is
 * kept for the session and checked again on every request. The mandates
 * pages (P15): given and received mandates, giving one, accepting, revoking.
 *
 * Owns no tables: it composes the access, catalog, identity and audit modules
 * through their services. Exposes `registerWorkspacePages`, which also returns
 * `actingFor(request, reply)` for other workspace pages (e.g. applications)
 * that need to know whom the person acts for.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RootDb } from '../../platform/db/database.js';
import type { App } from '../../platform/http/server.js';
import type { AccessService, MandateService } from '../access/index.js';
import type { ApplicationsService } from '../applications/index.js';
import type { AuditService } from '../audit/index.js';
import type { CatalogService } from '../catalog/index.js';
import { createIdentity, type IdentityService } from '../identity/index.js';
import { resolveActing, type Acting, type WorkspaceDeps } from './workspace.context.js';
import { registerWorkspacePageRoutes } from './workspace.pages.js';

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
  registerWorkspacePageRoutes(app, deps);
  return {
    async actingFor(request, reply) {
      const principal = request.principal;
      if (!principal || principal.kind !== 'person' || !principal.personalCode) return undefined;
      return resolveActing(deps, request, reply, principal);
    },
  };
}
