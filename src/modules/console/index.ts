/**
 * Console: the institution staff's workplace over the shared components. Service
 * managers edit, publish and withdraw their institution's services in the one
 * register (P3); institution and platform administrators maintain staff roles
 * in one place (P9); platform administrators register institutions and the
 * OpenID clients of institutions' portals and systems (P6, P17). Server-rendered
 * pages in Latvian and English, GOV.UK Frontend, no JavaScript needed; staff
 * sign in through the platform's single sign-on.
 *
 * The console owns no tables: it asks the catalog, access, identity and audit
 * modules through their index. Exposes `registerConsolePages`.
 */
import type { RootDb } from '../../platform/db/database.js';
import type { App } from '../../platform/http/server.js';
import type { AccessService } from '../access/index.js';
import type { ApplicationsService } from '../applications/index.js';
import { createAudit } from '../audit/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { NotificationsService } from '../notifications/index.js';
import { createIdentity } from '../identity/index.js';
import { registerConsolePages as registerPages } from './console.pages.js';

export interface ConsoleOptions {
  db: RootDb;
  catalog: CatalogService;
  access: AccessService;
  /** case handlers' queue, status changes, results; managers' e-forms and lead times */
  applications: ApplicationsService;
  /** delivery status, dead letters, the mail outbox and services' notification texts (P10); without it those pages are not offered */
  notifications?: NotificationsService;
  publicUrl: string;
}

/** `/console/…` and `/en/console/…`: every page behind sign-in and the staff roles it needs. */
export function registerConsolePages(app: App, options: ConsoleOptions): void {
  registerPages(app, { ...options, identity: createIdentity(options.db), audit: createAudit(options.db) });
}
