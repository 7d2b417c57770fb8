/**
 * The catalog's console pages: the service register editor (P3) for service
 * managers and the institutions register for platform administrators, with
 * their tiles on the console's home page.
 */
import type { RootDb } from '../../../../platform/db/database.js';
import { allows, type ConsoleShell, type Staff } from '../../../../platform/web/console.js';
import type { Lang } from '../../../../platform/web/i18n.js';
import type { CatalogService, Service } from '../../index.js';
import { t } from './institutions.messages.js';
import { registerInstitutionPages } from './institutions.pages.js';
import { ts } from './services.messages.js';
import { registerServicePages } from './services.pages.js';

/**
 * A section another module adds to a service's console page (e.g. links to its e-form or its notification texts).
 * It is given the staff member so it offers only the pages they may open: a link that ends in "no access" is noise.
 */
export type ServicePanel = (props: { lang: Lang; staff: Staff; service: Pick<Service, 'id' | 'status' | 'institutionId'> }) => JSX.Element;

export interface CatalogConsoleDeps {
  /** the root handle: an institution's change and its audit entry commit together */
  db: RootDb;
  catalog: CatalogService;
  /** who saved a version, by name (identity's people; handed in, so the catalog depends on no other module) */
  persons: { findPerson(id: string): Promise<{ givenName: string; familyName: string } | undefined> };
  /** other modules' sections on a service's page, in this order */
  servicePanels: readonly ServicePanel[];
}

/** Every console page of the catalog, and its tiles on the console's home page. */
export function registerCatalogConsolePages(shell: ConsoleShell, deps: CatalogConsoleDeps): void {
  shell.tile({ order: 20, path: '/console/services', title: (lang) => ts(lang, 'tile.title'), text: (lang) => ts(lang, 'tile.text'), shows: (staff) => allows(staff, 'services') });
  shell.tile({ order: 50, path: '/console/institutions', title: (lang) => t(lang, 'institutions.tile'), text: (lang) => t(lang, 'institutions.tileText'), shows: (staff) => allows(staff, 'platform') });
  registerServicePages(shell, deps);
  registerInstitutionPages(shell, deps);
}
