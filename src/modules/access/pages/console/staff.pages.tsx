/**
 * Staff roles (P9), maintained in one place: institution administrators see
 * and change their institution's roles, platform administrators any
 * institution's (they pick it). Granting by personal code, withdrawing after
 * a confirmation step. The access module enforces who may and audits every
 * change; these pages only ask it.
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { renderNotFoundPage } from '../../../../platform/web/assets.js';
import { formatDateTime, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import type { Role, RoleGrantRecord } from '../../index.js';
import type { Institution } from '../../../catalog/index.js';
import { isValidPersonalCode } from '../../parties.js';
import { allows, at, consoleCrumbs, roleName, type ConsoleShell, type PageContext, queryValue, seeOther, type Staff } from '../../../../platform/web/console.js';
import { Csrf, ErrorSummary, InstitutionPicker, Select, SuccessBanner, TableHead, TextInput } from '../../../../platform/web/fields.js';
import type { AccessService } from '../../access.service.js';
import { t } from './staff.messages.js';

export interface AccessConsoleDeps {
  access: Pick<AccessService, 'listStaff' | 'grantRole' | 'revokeRole'>;
  catalog: { listInstitutions(): Promise<Institution[]> };
  /** names for the personal codes on the list (identity's people) */
  persons: { findPersonsByCode(codes: string[]): Promise<{ personalCode: string; givenName: string; familyName: string }[]> };
}
type ConsoleDeps = AccessConsoleDeps;

/** The roles held in an institution; platform administrators are made elsewhere. */
const INSTITUTION_ROLES: Role[] = ['service_manager', 'case_handler', 'support_agent', 'institution_admin', 'integration_manager'];

/** The institutions whose staff this person may manage, theirs first. */
async function administrable(deps: ConsoleDeps, staff: Staff, lang: Lang): Promise<Institution[]> {
  const all = await deps.catalog.listInstitutions();
  const byName = (a: Institution, b: Institution): number => a.name[lang].localeCompare(b.name[lang], lang);
  const mine = all.filter((institution) => staff.adminOf.includes(institution.id)).sort(byName);
  const others = staff.platformAdmin ? all.filter((institution) => !staff.adminOf.includes(institution.id)).sort(byName) : [];
  return [...mine, ...others];
}

const chosen = (institutions: Institution[], wanted: string): Institution | undefined =>
  institutions.find((institution) => institution.code === wanted || institution.id === wanted) ?? institutions[0];

const digits = (code: string): string => code.replace('-', '');

/** Names of the persons behind personal codes, and "demo data" for the demo's own grants. */
async function namesOf(deps: ConsoleDeps, codes: string[]): Promise<Map<string, string>> {
  const persons = await deps.persons.findPersonsByCode([...new Set(codes)]);
  return new Map(persons.map((person) => [person.personalCode, `${person.givenName} ${person.familyName}`]));
}

interface GrantForm {
  personalCode: string;
  role: string;
}

async function staffPage(
  deps: ConsoleDeps,
  context: PageContext,
  options: { form?: GrantForm; errors?: ShownError[]; status?: number } = {},
): Promise<FastifyReply> {
  const { lang, staff, reply, query, body, csrf } = context;
  const institutions = await administrable(deps, staff, lang);
  const institution = chosen(institutions, queryValue(query.institution) || queryValue(body.institution));
  if (!institution) return context.forbidden('staffRoles');
  const grants = await deps.access.listStaff(staff.principal, institution.id);
  const granters = grants.map((grant) => grant.grantedBy).filter((by) => by.startsWith('person:')).map((by) => by.slice('person:'.length));
  const names = await namesOf(deps, [...grants.map((grant) => grant.personalCode), ...granters]);
  const nameOf = (code: string): string | undefined => names.get(digits(code));
  const grantedBy = (by: string): string => (by === 'demo' ? t(lang, 'staff.demo') : by.startsWith('person:') ? (nameOf(by.slice(7)) ?? by.slice(7)) : by);
  const errors = options.errors ?? [];
  const form = options.form ?? { personalCode: '', role: '' };
  const errorOf = (id: string): string | undefined => errors.find((error) => error.id === id)?.text;
  const done = queryValue(query.done);
  const title = t(lang, 'staff.titleOf', { institution: institution.shortName[lang] });
  const html = await renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: at(otherLang(lang), `/console/staff?institution=${institution.code}`),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang),
    children: (
      <>
        <SuccessBanner lang={lang} text={done === 'granted' ? t(lang, 'staff.granted') : done === 'withdrawn' ? t(lang, 'staff.withdrawn') : undefined} />
        <ErrorSummary lang={lang} errors={errors} />
        <span class="govuk-caption-l" safe>
          {institution.name[lang]}
        </span>
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <p class="govuk-body" safe>
          {t(lang, 'staff.lead')}
        </p>
        <InstitutionPicker lang={lang} action={at(lang, '/console/staff')} options={institutions.map((i) => ({ value: i.code, text: i.name[lang] }))} value={institution.code} />

        <h2 class="govuk-heading-m" safe>
          {t(lang, 'staff.current')}
        </h2>
        {grants.length === 0 ? (
          <p class="govuk-body" safe>
            {t(lang, 'staff.none')}
          </p>
        ) : (
          <table class="govuk-table">
            <TableHead caption={t(lang, 'staff.current')} headers={(['staff.person', 'staff.personalCode', 'staff.role', 'staff.grantedAt', 'staff.grantedBy', 'staff.actions'] as const).map((key) => t(lang, key))} />
            <tbody class="govuk-table__body">
              {grants.map((grant) => {
                const person = nameOf(grant.personalCode) ?? t(lang, 'staff.unknownPerson');
                return (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell" safe>
                      {person}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {grant.personalCode}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {roleName(lang, grant.role)}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {formatDateTime(grant.grantedAt, lang)}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {grantedBy(grant.grantedBy)}
                    </td>
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={`${at(lang, `/console/staff/${grant.id}/withdraw`)}?institution=${institution.code}`}>
                        {t(lang, 'staff.withdraw')}
                        <span class="govuk-visually-hidden" safe>
                          {` ${t(lang, 'staff.withdrawHidden', { role: roleName(lang, grant.role), person: `${person} (${grant.personalCode})` })}`}
                        </span>
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}

        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <h2 class="govuk-heading-m" safe>
              {t(lang, 'staff.grant')}
            </h2>
            <p class="govuk-body" safe>
              {t(lang, 'staff.grantLead')}
            </p>
            <form method="post" action={at(lang, '/console/staff')} novalidate>
              <Csrf token={csrf} />
              <input type="hidden" name="institution" value={institution.code} />
              <TextInput lang={lang} name="personalCode" label={t(lang, 'staff.codeLabel')} hint={t(lang, 'staff.codeHint')} value={form.personalCode} error={errorOf('personalCode')} width="10" spellcheck={false} autocomplete="off" />
              <Select
                lang={lang}
                name="role"
                label={t(lang, 'staff.roleLabel')}
                value={form.role}
                error={errorOf('role')}
                options={[{ value: '', text: '' }, ...INSTITUTION_ROLES.map((role) => ({ value: role, text: roleName(lang, role) }))]}
              />
              <button type="submit" class="govuk-button" data-module="govuk-button" safe>
                {t(lang, 'staff.grantButton')}
              </button>
            </form>
          </div>
        </div>
      </>
    ),
  });
  return sendHtml(reply, lang, options.status ?? 200, html);
}

const audit = (context: PageContext) => ({ ip: context.request.ip, userAgent: context.request.headers['user-agent'] ?? null });

async function grant(deps: ConsoleDeps, context: PageContext): Promise<FastifyReply> {
  const { lang, staff, reply, body } = context;
  const institutions = await administrable(deps, staff, lang);
  const wanted = queryValue(body.institution);
  const institution = institutions.find((candidate) => candidate.code === wanted || candidate.id === wanted);
  if (!institution) return context.forbidden('staffRoles');
  const form = { personalCode: queryValue(body.personalCode), role: queryValue(body.role) };
  const errors: ShownError[] = [];
  if (!isValidPersonalCode(form.personalCode)) errors.push({ id: 'personalCode', text: t(lang, 'staff.error.code') });
  if (!(INSTITUTION_ROLES as string[]).includes(form.role)) errors.push({ id: 'role', text: t(lang, 'staff.error.role') });
  if (errors.length > 0) return staffPage(deps, context, { form, errors, status: 400 });
  try {
    await deps.access.grantRole(staff.principal, { personalCode: form.personalCode, role: form.role as Role, institutionId: institution.id }, audit(context));
  } catch (error) {
    if (error instanceof AppError && error.code === 'access.role-exists') return staffPage(deps, context, { form, errors: [{ id: 'personalCode', text: t(lang, 'staff.error.exists') }], status: 409 });
    if (error instanceof AppError && error.code === 'access.invalid-party') return staffPage(deps, context, { form, errors: [{ id: 'personalCode', text: t(lang, 'staff.error.code') }], status: 400 });
    throw error;
  }
  return seeOther(reply, lang, `/console/staff?institution=${institution.code}&done=granted`);
}

/** The grant with this id in one of the institutions this person administers. */
async function findGrant(deps: ConsoleDeps, context: PageContext, institutionRef: string): Promise<{ grant: RoleGrantRecord; institution: Institution } | undefined> {
  const institutions = await administrable(deps, context.staff, context.lang);
  const first = institutions.filter((institution) => institution.code === institutionRef || institution.id === institutionRef);
  for (const institution of [...first, ...institutions.filter((candidate) => !first.includes(candidate))]) {
    const found = (await deps.access.listStaff(context.staff.principal, institution.id)).find((grant) => grant.id === context.params.grantId);
    if (found) return { grant: found, institution };
  }
  return undefined;
}

async function confirmPage(deps: ConsoleDeps, context: PageContext): Promise<FastifyReply | string> {
  const { lang, query, csrf, reply, request } = context;
  const found = await findGrant(deps, context, queryValue(query.institution));
  if (!found) return renderNotFoundPage(request, reply);
  const { grant: record, institution } = found;
  const names = await namesOf(deps, [record.personalCode]);
  const person = names.get(digits(record.personalCode)) ?? t(lang, 'staff.unknownPerson');
  const back = `${at(lang, '/console/staff')}?institution=${institution.code}`;
  return renderPage({
    lang,
    title: t(lang, 'staff.confirmTitle'),
    alternateUrl: at(otherLang(lang), `/console/staff/${record.id}/withdraw?institution=${institution.code}`),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: back, text: t(lang, 'staff.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l" safe>
            {t(lang, 'staff.confirmTitle')}
          </h1>
          <dl class="govuk-summary-list">
            {[
              [t(lang, 'staff.person'), person],
              [t(lang, 'staff.personalCode'), record.personalCode],
              [t(lang, 'staff.role'), roleName(lang, record.role)],
              [t(lang, 'staff.institution'), institution.name[lang]],
            ].map(([key, text]) => (
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key" safe>
                  {key}
                </dt>
                <dd class="govuk-summary-list__value" safe>
                  {text}
                </dd>
              </div>
            ))}
          </dl>
          <p class="govuk-body" safe>
            {t(lang, 'staff.confirmLead')}
          </p>
          <form method="post" action={at(lang, `/console/staff/${record.id}/withdraw`)}>
            <Csrf token={csrf} />
            <input type="hidden" name="institution" value={institution.code} />
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" safe>
                {t(lang, 'staff.confirmButton')}
              </button>
              <a class="govuk-link" href={back} safe>
                {t(lang, 'common.cancel')}
              </a>
            </div>
          </form>
        </div>
      </div>
    ),
  });
}

async function withdraw(deps: ConsoleDeps, context: PageContext): Promise<FastifyReply> {
  const { lang, reply, body, request } = context;
  const found = await findGrant(deps, context, queryValue(body.institution));
  if (!found) return renderNotFoundPage(request, reply);
  await deps.access.revokeRole(context.staff.principal, found.grant.id, audit(context));
  return seeOther(reply, lang, `/console/staff?institution=${found.institution.code}&done=withdrawn`);
}

/** The staff roles pages, and their tile on the console's home page. */
export function registerAccessConsolePages(shell: ConsoleShell, deps: AccessConsoleDeps): void {
  shell.tile({ order: 40, path: '/console/staff', title: (lang) => t(lang, 'staff.tile'), text: (lang) => t(lang, 'staff.tileText'), shows: (staff) => allows(staff, 'staffRoles') });
  shell.route({ method: 'GET', path: '/console/staff', need: 'staffRoles', handler: (context) => staffPage(deps, context) });
  shell.route({ method: 'POST', path: '/console/staff', need: 'staffRoles', handler: (context) => grant(deps, context) });
  shell.route({ method: 'GET', path: '/console/staff/:grantId/withdraw', need: 'staffRoles', handler: (context) => confirmPage(deps, context) });
  shell.route({ method: 'POST', path: '/console/staff/:grantId/withdraw', need: 'staffRoles', handler: (context) => withdraw(deps, context) });
}
