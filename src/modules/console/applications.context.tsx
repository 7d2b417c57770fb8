/**
 * What the case handlers' pages share: their dependencies (the console's, plus
 * the applications module), which institutions' queues a staff member may
 * open, and the page that says they may not.
 */
import type { FastifyReply } from 'fastify';
import { otherLang, type Lang } from '../../platform/web/i18n.js';
import { renderMessagePage } from '../../platform/web/layout.js';
import { sendHtml } from '../../platform/web/page.js';
import { normalisePersonalCode } from '../access/index.js';
import type { ApplicationsService, StatusCode } from '../applications/index.js';
import type { Institution } from '../catalog/index.js';
import type { ConsoleDeps, Staff } from './console.access.js';
import { at } from './console.components.js';
import { t } from './console.messages.js';

export interface CaseDeps extends ConsoleDeps {
  applications: ApplicationsService;
}

/** Institutions where the staff member handles cases (the applications module lets case handlers in, nobody else of the staff). */
export function handlerOf(staff: Staff): string[] {
  return [...new Set(staff.roles.filter((grant) => grant.role === 'case_handler' && grant.institutionId).map((grant) => grant.institutionId as string))];
}

export const handles = (staff: Staff, institutionId: string): boolean => handlerOf(staff).includes(institutionId);

/** The institutions whose queues this person may open, by name. */
export async function queueInstitutions(deps: CaseDeps, staff: Staff, lang: Lang): Promise<Institution[]> {
  const mine = new Set(handlerOf(staff));
  return (await deps.catalog.listInstitutions()).filter((institution) => mine.has(institution.id)).sort((a, b) => a.name[lang].localeCompare(b.name[lang], lang));
}

/** A 403 page with the case-handling explanation (the console's own covers only its page needs). */
export async function sendNotHandler(reply: FastifyReply, lang: Lang, text: string, path: string): Promise<FastifyReply> {
  const html = await renderMessagePage({
    lang,
    title: t(lang, 'forbidden.title'),
    alternateUrl: at(otherLang(lang), path),
    section: 'console',
    paragraphs: [text],
    links: [{ href: at(lang, '/console'), text: t(lang, 'forbidden.back') }],
  });
  return sendHtml(reply, lang, 403, html);
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
