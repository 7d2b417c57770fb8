/**
 * What the case handlers' pages share: their dependencies, which
 * institutions' queues a staff member may open, and the status tag.
 */
import { institutionsWithRole, type PageContext, type Staff } from '../../../../platform/web/console.js';
import type { Lang } from '../../../../platform/web/i18n.js';
import { normalisePersonalCode } from '../../../access/index.js';
import type { CatalogService, Institution } from '../../../catalog/index.js';
import type { IdentityService } from '../../../identity/index.js';
import type { ApplicationsService } from '../../index.js';
import type { StatusCode } from '../../statuses.js';

/** What the applications module's console pages ask of it and of other modules. */
export interface CaseDeps {
  applications: ApplicationsService;
  catalog: Pick<CatalogService, 'get' | 'listInstitutions' | 'listPublishedOf'>;
  /** people's names for the personal codes on a case */
  identity: Pick<IdentityService, 'findPersonsByCode'>;
  /** what other modules show on an application's console page (its payments and refunds…), in this order; app.ts hands them in */
  casePanels?: readonly CasePanel[];
}

/** Another module's part of an application's console page, shown to staff who handle its institution's cases. */
export type CasePanel = (context: PageContext, application: { id: string; number: string; institutionId: string }) => JSX.Element;

/** Institutions where the staff member handles cases (the applications module lets case handlers in, nobody else of the staff). */
export const handlerOf = (staff: Staff): string[] => institutionsWithRole(staff, 'case_handler');

export const handles = (staff: Staff, institutionId: string): boolean => handlerOf(staff).includes(institutionId);

/** The institutions whose queues this person may open, by name. */
export async function queueInstitutions(deps: CaseDeps, staff: Staff, lang: Lang): Promise<Institution[]> {
  const mine = new Set(handlerOf(staff));
  return (await deps.catalog.listInstitutions()).filter((institution) => mine.has(institution.id)).sort((a, b) => a.name[lang].localeCompare(b.name[lang], lang));
}

/** GOV.UK tag colours of the status codes: open work blue/yellow, closed green/red/grey. */
export const STATUS_TAG: Record<StatusCode, string> = {
  submitted: 'govuk-tag--blue',
  received: 'govuk-tag--blue',
  in_progress: 'govuk-tag--light-blue',
  awaiting_client: 'govuk-tag--yellow',
  decided: 'govuk-tag--turquoise',
  delivered: 'govuk-tag--green',
  rejected: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
  cancelled: 'govuk-tag--grey',
};

export function StatusTag({ code, text }: { code: StatusCode; text: string }): JSX.Element {
  return (
    <strong class={`govuk-tag ${STATUS_TAG[code]}`} safe>
      {text}
    </strong>
  );
}

/** A person's name for a personal code, when the platform knows them; else the code alone. */
export async function namesOf(deps: CaseDeps, codes: string[]): Promise<Map<string, string>> {
  const people = await deps.identity.findPersonsByCode([...new Set(codes)]);
  return new Map(people.map((person) => [normalisePersonalCode(person.personalCode) ?? person.personalCode, `${person.givenName} ${person.familyName}`]));
}
