/** Demo parties and roles (DEMO mode), as ../shared/CONTRACT.md lists them. */
import type { Kysely } from 'kysely';
import * as repo from './access.repo.js';
import type { AccessTables } from './access.repo.js';

export const DEMO_PEOPLE = {
  janis: '150685-12347',
  marta: '010118-23454',
  anna: '230390-11113',
  peteris: '081275-05556',
  ilze: '120479-43216',
  roberts: '271188-10106',
} as const;

export const DEMO_COMPANY = { registrationNumber: '40003012340', name: 'SIA "Demo Būve"' } as const;

/** `pmlpId`: the catalog's id of Ilze's institution. */
export async function loadAccessDemo(trx: Kysely<AccessTables>, pmlpId: string): Promise<void> {
  // The company register adapter's demo data: one company and its board member.
  await repo.upsertCompany(trx, DEMO_COMPANY.registrationNumber, DEMO_COMPANY.name);
  await repo.addBoardMember(trx, DEMO_COMPANY.registrationNumber, DEMO_PEOPLE.peteris);
  // The population register's: Jānis is Marta's parent (a minor until 2036).
  await repo.addLegalRepresentative(trx, DEMO_PEOPLE.janis, DEMO_PEOPLE.marta, 'parent', null);
  const by = 'demo';
  for (const role of ['service_manager', 'case_handler'] as const) {
    await repo.insertRole(trx, { personalCode: DEMO_PEOPLE.ilze, role, institutionId: pmlpId, grantedBy: by });
  }
  // Ilze also asks for API clients for PMLP's systems (issue #14).
  await repo.insertRole(trx, { personalCode: DEMO_PEOPLE.ilze, role: 'integration_manager', institutionId: pmlpId, grantedBy: by });
  await repo.insertRole(trx, { personalCode: DEMO_PEOPLE.roberts, role: 'platform_admin', institutionId: null, grantedBy: by });
  await repo.insertRole(trx, { personalCode: DEMO_PEOPLE.roberts, role: 'support_agent', institutionId: null, grantedBy: by });
}
