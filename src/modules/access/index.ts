/**
 * Access: one place for roles and rights (P9) and for mandates (P15). Answers
 * the question every other capability asks — who is this, on whose behalf, and
 * on which ground: acting for oneself, for a company as its board member, for a
 * minor as parent, or for anyone by mandate. Holds the staff roles of every
 * institution and the platform administrators.
 *
 * Exposes AccessService (rights, the "whom I act for" options, roles),
 * MandateService, party identifier helpers, routes, migrations and demo data.
 */
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { narrow, type RootDb } from '../../platform/db/database.js';
import type { MigrationSource } from '../../platform/db/migrate.js';
import { createAudit } from '../audit/index.js';
import type { AccessTables } from './access.repo.js';
import { createAccessService, type AccessService } from './access.service.js';
import { createMandateService, type MandateService } from './mandates.service.js';

export type { AccessService, ActingOption, RightQuery } from './access.service.js';
export type { MandateService } from './mandates.service.js';
export type { Basis, Mandate, MandateInput, Right, Role, RoleGrantRecord } from './access.schemas.js';
export { isValidPersonalCode, normalisePersonalCode, normaliseRegistrationNumber, parseParty, personalCodeCheckDigit, isMinor, birthDateOf, type Party } from './parties.js';
import { loadAccessDemo } from './access.demo.js';

export { DEMO_PEOPLE, DEMO_COMPANY } from './access.demo.js';

export const accessMigrations: MigrationSource = { module: 'access', dir: fileURLToPath(new URL('./migrations', import.meta.url)) };

export interface Access {
  access: AccessService;
  mandates: MandateService;
}

export function createAccess(db: RootDb, options: { knownServices: (ids: string[]) => Promise<string[]>; now?: () => Date }): Access {
  const root = narrow<AccessTables>(db);
  const audit = (trx: Kysely<AccessTables>) => createAudit(trx as unknown as RootDb);
  const shared = { audit, ...(options.now ? { now: options.now } : {}) };
  return {
    access: createAccessService(root, shared),
    mandates: createMandateService(root, { ...shared, knownServices: options.knownServices }),
  };
}

export async function loadAccessDemoData(trx: RootDb, pmlpId: string): Promise<void> {
  await loadAccessDemo(narrow<AccessTables>(trx), pmlpId);
}
export { registerAccessRoutes } from './access.routes.js';
export { ACCESS_SOURCE, MANDATE_GRANTED, MANDATE_REVOKED, MandateData, accessEvents, type AccessEvent, type MandateGrantedEvent, type MandateRevokedEvent } from './access.events.js';

// The workspace's pages of this module (mandates) and whom a person may act for (P9, P15).
export { registerAccessWorkspacePages } from './pages/workspace/workspace.pages.js';
export { createActingResolver, nameParties, type AccessPagesDeps, type PersonNames } from './pages/workspace/acting.js';
export { partyText, knownNames } from './pages/workspace/parties.components.js';
export { registerAccessConsolePages, type AccessConsoleDeps } from './pages/console/staff.pages.js';
