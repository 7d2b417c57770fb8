/**
 * Customer support (P13): one support desk for every service. People ask from
 * a service's page, an application's page or the general contact page
 * (`/support`), signed in or not; a question goes to the queue of the
 * institution that provides the service, or to first-line platform support,
 * which may transfer it. Agents work the queues in the console (reply,
 * internal note, transfer, close) against response-time targets in Latvian
 * working days; people follow their questions in the workspace. Questions,
 * answers and replies may carry files (checked and stored as application
 * attachments are), downloaded only by the ticket's party and its queue's
 * agents, audited.
 *
 * Each service has frequently asked questions, which the catalog's search
 * finds (handed to it through `setSearchExtra`); people rate answers; the
 * statistics per institution and month are open data (JSON, CSV).
 *
 * Exposes `createSupport` (the SupportService), its API routes, its pages for
 * the portal, workspace and console, the panels other modules' pages show (the
 * service page's FAQ and "Ask a question", the application page's link, the
 * console service page's FAQ link), its events (`support.ticket_opened`,
 * `support.replied`, `support.closed`), its migrations and demo data.
 */
import { fileURLToPath } from 'node:url';
import { narrow, type RootDb } from '../../platform/db/database.js';
import type { MigrationSource } from '../../platform/db/migrate.js';
import type { Principal } from '../../platform/http/auth.js';
import { createAudit } from '../audit/index.js';
import { createCatalog } from '../catalog/index.js';
import { databaseFileStore, type FileStore } from '../applications/index.js';
import { loadSupportDemo } from './support.demo.js';
import type { SupportTables } from './support.repo.js';
import { createSupportService, type SupportService, type VisitorMailer } from './support.service.js';

export type { Agent, Clock, Download, Entry, EntryFile, Upload, Language, QueueFilter, Subject, SupportService, Targets, Ticket, TicketWithThread, VisitorMailer } from './support.service.js';
export { DEFAULT_TARGETS, MAX_FILES, REOPEN_DAYS, pausesOf } from './support.service.js';
export * from './support.events.js';

/** The name support's FAQ text goes by in the catalog's search. */
export const FAQ_SEARCH_SOURCE = 'support.faq';

export const supportMigrations: MigrationSource = { module: 'support', dir: fileURLToPath(new URL('./migrations', import.meta.url)) };

export interface SupportOptions {
  publicUrl: string;
  catalog: {
    get(id: string): Promise<{ institutionId: string }>;
    getInstitution(idOrCode: string): Promise<{ id: string }>;
    /** the catalog's extension point: text a module contributes to a service's search (the FAQ) */
    setSearchExtra?(serviceId: string, source: string, text: { lv: string; en: string }): Promise<void>;
  };
  applications: { getApplication(principal: Principal, ref: string): Promise<{ id: string; number: string; serviceId: string; institutionId: string }> };
  /** sends a visitor's confirmation link (the notifications core's confirmation sender) */
  mailer: VisitorMailer;
  /** where files' bytes live: the platform's file store (default: the database) */
  files?: FileStore;
  now?: () => Date;
}

export function createSupport(db: RootDb, options: SupportOptions): SupportService {
  const audit = createAudit(db);
  return createSupportService({
    root: narrow<SupportTables>(db),
    async serviceInstitution(serviceId) {
      try {
        return (await options.catalog.get(serviceId)).institutionId;
      } catch {
        return undefined;
      }
    },
    async institutionExists(institutionId) {
      try {
        return (await options.catalog.getInstitution(institutionId)).id === institutionId;
      } catch {
        return false;
      }
    },
    async application(principal, ref) {
      try {
        const view = await options.applications.getApplication(principal, ref);
        return { id: view.id, number: view.number, serviceId: view.serviceId, institutionId: view.institutionId };
      } catch {
        return undefined;
      }
    },
    mailer: options.mailer,
    ...(options.catalog.setSearchExtra ? { faqSearchText: (serviceId: string, text: { lv: string; en: string }) => options.catalog.setSearchExtra?.(serviceId, FAQ_SEARCH_SOURCE, text) ?? Promise.resolve() } : {}),
    files: options.files ?? databaseFileStore(),
    audit: async (entry) => void (await audit.record(entry)),
    publicUrl: options.publicUrl.replace(/\/$/, ''),
    now: options.now ?? (() => new Date()),
  });
}

/** DEMO mode: a few questions in the queues and PMLP's targets. Run inside runOnce (`trx` is its transaction). */
export async function loadSupportDemoData(trx: RootDb): Promise<{ tickets: number }> {
  const catalog = createCatalog(trx);
  const support = createSupport(trx, {
    publicUrl: 'http://localhost:3000',
    catalog,
    applications: { getApplication: () => Promise.reject(new Error('no applications in the support demo')) },
    mailer: { send: async () => {}, sendReply: async () => {} },
  });
  return loadSupportDemo(support, catalog);
}

export { registerSupportRoutes, type SupportRouteDeps } from './support.routes.js';
export { SUPPRESS_BELOW, statisticsCsv, type QueueStatistics, type Statistics } from './statistics.service.js';
export { registerSupportPortalPages, servicePanel as supportServicePanel, type SupportPortalDeps } from './pages/portal/ask.pages.js';
export { registerSupportWorkspacePages, askAboutApplication, type SupportWorkspaceDeps } from './pages/workspace/questions.pages.js';
export { registerSupportConsolePages, type SupportConsoleDeps } from './pages/console/desk.pages.js';
/** A service's console page links to its FAQ (the catalog's service page shows it). */
export { FaqLinks } from './pages/console/faq.pages.js';
