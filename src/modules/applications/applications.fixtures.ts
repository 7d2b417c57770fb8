/**
 * Shared set-up of the module's tests: a migrated scratch database with the
 * demo register, demo parties and roles, and the demo e-forms; principals of
 * the demo people and of institution systems; a settable clock.
 */
import assert from 'node:assert/strict';
import { openTestDatabase } from '../../../test/support/database.js';
import type { Principal } from '../../platform/http/auth.js';
import { AppError } from '../../platform/errors.js';
import { DEMO_PEOPLE, loadAccessDemoData } from '../access/index.js';
import { createCatalog, loadCatalogDemoData, type Institution, type Service } from '../catalog/index.js';
import { createApplications, loadApplicationsDemoData, type ApplicationsService } from './index.js';

export interface Fixture {
  db: Awaited<ReturnType<typeof openTestDatabase>>;
  api: ApplicationsService;
  clock: { now: Date };
  institutions: Record<'pmlp' | 'vsaa' | 'vid' | 'riga', Institution>;
  service(slug: string): Service;
  people: Record<'janis' | 'marta' | 'anna' | 'peteris' | 'ilze' | 'roberts', Principal>;
  system(institution: Institution): Principal;
  dispose(): Promise<void>;
}

export const person = (personalCode: string, displayName: string, roles: Principal['roles'] = []): Principal => ({
  subject: `person:${personalCode}`,
  kind: 'person', via: 'session',
  personalCode,
  displayName,
  roles,
  scopes: [],
});

export async function openFixture(start = new Date('2026-11-02T08:00:00Z')): Promise<Fixture> {
  const db = await openTestDatabase();
  const clock = { now: start };
  await db.db.transaction().execute(async (trx) => {
    await loadCatalogDemoData(trx);
    const pmlp = await createCatalog(trx).getInstitution('pmlp');
    await loadAccessDemoData(trx, pmlp.id);
    await loadApplicationsDemoData(trx);
  });
  const catalog = createCatalog(db.db);
  const [pmlp, vsaa, vid, riga] = await Promise.all(['pmlp', 'vsaa', 'vid', 'riga'].map((code) => catalog.getInstitution(code)));
  const services = await catalog.listAllPublished();
  const api = createApplications(db.db, { now: () => clock.now });
  const ilzeRoles = [
    { role: 'case_handler', institutionId: pmlp!.id },
    { role: 'service_manager', institutionId: pmlp!.id },
  ];
  return {
    db,
    api,
    clock,
    institutions: { pmlp: pmlp!, vsaa: vsaa!, vid: vid!, riga: riga! },
    service(slug) {
      const found = services.find((service) => service.slug === slug);
      assert.ok(found, `demo service ${slug}`);
      return found;
    },
    people: {
      janis: person(DEMO_PEOPLE.janis, 'Jānis Bērziņš'),
      marta: person(DEMO_PEOPLE.marta, 'Marta Bērziņa'),
      anna: person(DEMO_PEOPLE.anna, 'Anna Kalniņa'),
      peteris: person(DEMO_PEOPLE.peteris, 'Pēteris Ozols'),
      ilze: person(DEMO_PEOPLE.ilze, 'Ilze Kļaviņa', ilzeRoles),
      roberts: person(DEMO_PEOPLE.roberts, 'Roberts Liepa', [{ role: 'platform_admin' }]),
    },
    system: (institution) => ({ subject: `client:${institution.code}-system`, kind: 'system', via: 'token', institutionId: institution.id, roles: [], scopes: [] }),
    dispose: () => db.dispose(),
  };
}

export const self = (principal: Principal) => ({ party: principal.personalCode ?? '', partyKind: 'person' as const, basis: 'self' as const });

/** Data the demo residence-declaration form accepts. */
export const residenceData = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  fullName: 'Jānis Bērziņš',
  email: 'janis.berzins@example.com',
  address: 'Brīvības iela 1-2, Rīga, LV-1010',
  movedInOn: '2026-10-30',
  basis: 'owner',
  consent: true,
  ...overrides,
});

export const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));

export async function rejectsWith(promise: Promise<unknown>, code: string): Promise<AppError> {
  let caught: AppError | undefined;
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError, `expected ${code}, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    caught = error;
    return true;
  });
  return caught as AppError;
}
