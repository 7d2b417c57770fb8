/** Loads the demo register (DEMO mode): institutions, events and services. */
import type { Kysely } from 'kysely';
import { demoEvents } from './demo-data/events.js';
import { demoInstitutions } from './demo-data/institutions.js';
import { demoServices } from './demo-data/services.js';
import type { CatalogTables } from './catalog.repo.js';
import { createCatalogService } from './catalog.service.js';

export async function loadCatalogDemo(trx: Kysely<CatalogTables>): Promise<{ institutions: number; services: number }> {
  const catalog = createCatalogService(trx);
  for (const event of demoEvents) await catalog.importEvent(event);
  const idByCode = new Map<string, string>();
  for (const institution of demoInstitutions) idByCode.set(institution.code, (await catalog.importInstitution(institution)).id);
  for (const { institution, ...service } of demoServices) {
    const institutionId = idByCode.get(institution);
    if (!institutionId) throw new Error(`demo service ${service.slug} names unknown institution ${institution}`);
    await catalog.importService(institutionId, service, 'published');
  }
  return { institutions: demoInstitutions.length, services: demoServices.length };
}
