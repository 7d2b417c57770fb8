/**
 * Demo data (DEMO mode): a stored e-form for every online demo service — the
 * generic one, or a service-specific one for the flagship services — and
 * PMLP's own wording of some statuses. Safe to run again: nothing is stored twice.
 */
import type { Kysely } from 'kysely';
import type { CatalogService } from '../catalog/index.js';
import * as repo from './applications.repo.js';
import type { ApplicationsTables } from './applications.repo.js';
import { demoFormFor, demoLabels, generalReasons } from './demo-data/forms.js';
import { genericForm } from './forms.defaults.js';

export async function loadApplicationsDemo(trx: Kysely<ApplicationsTables>, catalog: CatalogService): Promise<{ forms: number; flagship: number }> {
  const services = (await catalog.listAllPublished()).filter((service) => service.channels.some((channel) => channel.type === 'online'));
  const withForms = await repo.servicesWithForms(
    trx,
    services.map((service) => service.id),
  );
  let forms = 0;
  let flagship = 0;
  for (const service of services) {
    if (withForms.has(service.id)) continue;
    const specific = demoFormFor(service.slug);
    const form = specific ?? genericForm();
    // A service left on the general form says why, on its page.
    const reason = generalReasons[service.slug];
    if (!specific && reason) form.presentation.generalReason = reason;
    await repo.insertForm(trx, { serviceId: service.id, version: 1, schema: form.schema, presentation: form.presentation, createdBy: 'demo' });
    forms++;
    if (specific) flagship++;
  }
  for (const [code, labels] of Object.entries(demoLabels)) {
    const institution = (await catalog.listInstitutions()).find((candidate) => candidate.code === code);
    if (!institution) continue;
    const existing = (await repo.labelsOf(trx, [institution.id])).get(institution.id);
    if (existing && existing.size > 0) continue;
    await repo.replaceLabels(trx, institution.id, Object.entries(labels), 'demo');
  }
  return { forms, flagship };
}
