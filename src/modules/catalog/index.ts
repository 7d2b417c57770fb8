/**
 * Catalog: the central service register (P3) of every service of every
 * institution, the citizen and business catalogs that are views of it (P1),
 * stable direct links to each service (P7), and its CPSV-AP 3.2.0 export.
 *
 * Exposes the CatalogService interface (search, read, edit, publish), the HTTP
 * routes and portal pages, its migrations and its demo data.
 */
import { fileURLToPath } from 'node:url';
import { narrow, type RootDb } from '../../platform/db/database.js';
import type { MigrationSource } from '../../platform/db/migrate.js';
import type { CatalogTables } from './catalog.repo.js';
import { createCatalogService, type CatalogService } from './catalog.service.js';
import { createSearchIndex, type SearchIndex } from './search.index.js';

export type { CatalogService, InstitutionChange, SearchElsewhere, SearchParams, SearchResult, ServiceLookup } from './catalog.service.js';
export type { SearchIndex } from './search.index.js';
export type { ServiceVersion } from './catalog.repo.js';
export type { Audience, CatalogEvent, Channel, Cost, FeeCondition, Institution, Lang, Lifecycle, Service, ServiceContent, Text } from './catalog.schemas.js';
export { chargesOnline, feesDue, totalCents } from './catalog.fees.js';
export { catalogSharedSchemas, ServiceInput } from './catalog.schemas.js';
export { registerCatalogRoutes, portalPath } from './catalog.routes.js';
export { registerCatalogPages } from './catalog.pages.js';
export type { PortalServicePanel } from './service.pages.js';

export const catalogMigrations: MigrationSource = { module: 'catalog', dir: fileURLToPath(new URL('./migrations', import.meta.url)) };

export function createCatalog(db: RootDb): CatalogService {
  return createCatalogService(narrow<CatalogTables>(db));
}

/**
 * The catalog of a running instance: its free-text search is answered from an
 * in-memory index that `start` builds and keeps fresh (polling the register)
 * and `stop` ends; before it is built, search asks SQL.
 */
export function createSearchingCatalog(db: RootDb, log?: { error(object: unknown, message: string): void }): { catalog: CatalogService; searchIndex: SearchIndex } {
  const searchIndex = createSearchIndex(narrow<CatalogTables>(db), log);
  return { catalog: createCatalogService(narrow<CatalogTables>(db), searchIndex), searchIndex };
}

export async function loadCatalogDemoData(trx: RootDb): Promise<{ institutions: number; services: number }> {
  const { loadCatalogDemo } = await import('./catalog.demo.js');
  return loadCatalogDemo(narrow<CatalogTables>(trx));
}
export { CATALOG_SOURCE, SERVICE_PUBLISHED, ServicePublishedData, catalogEvents, type ServicePublishedEvent } from './catalog.events.js';
export { registerCatalogConsolePages, type CatalogConsoleDeps, type ServicePanel } from './pages/console/console.pages.js';
