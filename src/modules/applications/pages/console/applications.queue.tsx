/**
 * A case handler's queue (P8, P12): the open applications of their
 * institution, overdue first and then by expected completion, with filters
 * (statuses, service, overdue only, a number / case number / applicant) and
 * paging. Plain GET forms: works without JavaScript, and a filtered view is a
 * link that can be shared with a colleague.
 */
import type { FastifyReply } from 'fastify';
import { formatDate, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { parseParty } from '../../../access/index.js';
import type { StatusCode } from '../../index.js';
import { STATUS_CODES } from '../../statuses.js';
import { handles, namesOf, queueInstitutions, StatusTag, type CaseDeps } from './applications.context.js';
import { tc, type CaseKey } from './applications.messages.js';
import { at, consoleCrumbs, type PageContext, queryValue } from '../../../../platform/web/console.js';
import { Checkboxes, InstitutionPicker, Select, TextInput } from '../../../../platform/web/fields.js';

export const PAGE_SIZE = 20;

/** Every value of a query parameter (a repeated one arrives as an array). */
export function queryValues(value: unknown): string[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim());
}

interface QueueQuery {
  statuses: StatusCode[];
  serviceId: string;
  overdue: boolean;
  q: string;
  page: number;
}

function readQuery(query: PageContext['query']): QueueQuery {
  const statuses = queryValues(query.status).filter((code): code is StatusCode => (STATUS_CODES as readonly string[]).includes(code));
  const page = Number.parseInt(queryValue(query.page), 10);
  return {
    statuses: [...new Set(statuses)],
    serviceId: queryValue(query.service),
    overdue: queryValue(query.overdue) === '1',
    q: queryValue(query.q).slice(0, 100),
    page: Number.isFinite(page) && page > 0 && page < 100_000 ? page : 1,
  };
}

/** The queue's address with these filters (the page number last, so paging keeps them). */
function queueHref(lang: Lang, institutionCode: string, query: QueueQuery, page: number): string {
  const params = new URLSearchParams({ institution: institutionCode });
  for (const code of query.statuses) params.append('status', code);
  if (query.serviceId) params.set('service', query.serviceId);
  if (query.overdue) params.set('overdue', '1');
  if (query.q) params.set('q', query.q);
  if (page > 1) params.set('page', String(page));
  return `${at(lang, '/console/applications')}?${params.toString()}`;
}

function Pagination({ lang, page, pages, href }: { lang: Lang; page: number; pages: number; href: (page: number) => string }): JSX.Element {
  if (pages <= 1) return <></>;
  return (
    <nav class="govuk-pagination" aria-label={tc(lang, 'queue.pages')}>
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={href(page - 1)} rel="prev">
            <span class="govuk-pagination__link-title" safe>
              {tc(lang, 'queue.previous')}
            </span>
          </a>
        </div>
      ) : (
        ''
      )}
      <p class="govuk-body govuk-!-margin-bottom-0 govuk-!-margin-top-1" safe>
        {tc(lang, 'queue.pageOf', { page, pages })}
      </p>
      {page < pages ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={href(page + 1)} rel="next">
            <span class="govuk-pagination__link-title" safe>
              {tc(lang, 'queue.next')}
            </span>
          </a>
        </div>
      ) : (
        ''
      )}
    </nav>
  );
}

export async function queuePage(deps: CaseDeps, context: PageContext): Promise<FastifyReply | string> {
  const { lang, staff } = context;
  const institutions = await queueInstitutions(deps, staff, lang);
  const wanted = queryValue(context.query.institution);
  const institution = institutions.find((candidate) => candidate.code === wanted || candidate.id === wanted) ?? institutions[0];
  if (!institution || !handles(staff, institution.id)) return context.forbidden({ text: tc(lang, 'queue.forbidden') });

  const query = readQuery(context.query);
  const services = (await deps.catalog.listPublishedOf(institution.id)).sort((a, b) => a.title[lang].localeCompare(b.title[lang], lang));
  if (query.serviceId && !services.some((service) => service.id === query.serviceId)) query.serviceId = '';
  // The applicant's code may be typed with or without its hyphen; numbers and case numbers go as typed.
  const q = query.q ? (parseParty(query.q)?.id ?? query.q) : undefined;
  const page = await deps.applications.queue(staff.principal, institution.id, {
    ...(query.statuses.length > 0 ? { status: query.statuses } : {}),
    ...(query.serviceId ? { serviceId: query.serviceId } : {}),
    ...(query.overdue ? { overdue: true } : {}),
    ...(q ? { q } : {}),
    limit: PAGE_SIZE,
    offset: (query.page - 1) * PAGE_SIZE,
  });
  const labels = await deps.applications.statusLabels(institution.id);
  const names = await namesOf(
    deps,
    page.items.map((item) => item.applicant),
  );
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  const title = tc(lang, 'queue.titleOf', { institution: institution.shortName[lang] });
  const columns: CaseKey[] = ['queue.number', 'queue.service', 'queue.applicant', 'queue.status', 'queue.submitted', 'queue.expected'];

  return renderPage({
    lang,
    title,
    alternateUrl: queueHref(otherLang(lang), institution.code, query, query.page),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang),
    children: (
      <>
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <p class="govuk-body" safe>
          {tc(lang, 'queue.lead')}
        </p>
        <InstitutionPicker lang={lang} action={at(lang, '/console/applications')} options={institutions.map((i) => ({ value: i.code, text: i.name[lang] }))} value={institution.code} />

        <form method="get" action={at(lang, '/console/applications')} class="govuk-!-margin-bottom-6">
          <input type="hidden" name="institution" value={institution.code} />
          <h2 class="govuk-heading-m" safe>
            {tc(lang, 'queue.filters')}
          </h2>
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-half">
              <Checkboxes
                lang={lang}
                name="status"
                legend={tc(lang, 'queue.status')}
                small
                options={STATUS_CODES.map((code) => ({ value: code, text: labels[code][lang] }))}
                checked={query.statuses}
              />
            </div>
            <div class="govuk-grid-column-one-half">
              <Select
                lang={lang}
                name="service"
                label={tc(lang, 'queue.service')}
                labelClass="govuk-label--s"
                value={query.serviceId}
                options={[{ value: '', text: tc(lang, 'queue.allServices') }, ...services.map((service) => ({ value: service.id, text: service.title[lang] }))]}
              />
              <TextInput lang={lang} name="q" label={tc(lang, 'queue.q')} labelClass="govuk-label--s" hint={tc(lang, 'queue.qHint')} value={query.q} spellcheck={false} />
              <Checkboxes lang={lang} name="overdue" id="overdue" legend={tc(lang, 'queue.overdueOnly')} legendClass="govuk-visually-hidden" small options={[{ value: '1', text: tc(lang, 'queue.overdueOnly') }]} checked={query.overdue ? ['1'] : []} />
            </div>
          </div>
          <div class="govuk-button-group">
            <button type="submit" class="govuk-button" data-module="govuk-button" safe>
              {tc(lang, 'queue.apply')}
            </button>
            <a class="govuk-link" href={`${at(lang, '/console/applications')}?institution=${institution.code}`} safe>
              {tc(lang, 'queue.clear')}
            </a>
          </div>
        </form>

        <table class="govuk-table" id="queue">
          <caption class="govuk-table__caption govuk-table__caption--m" safe>
            {tc(lang, page.totalCapped ? 'queue.countAtLeast' : 'queue.count', { count: page.total })}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              {columns.map((key) => (
                <th scope="col" class="govuk-table__header" safe>
                  {tc(lang, key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {page.items.map((item) => (
              <tr class="govuk-table__row" data-number={item.number}>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={at(lang, `/console/applications/${item.number}`)} safe>
                    {item.number}
                  </a>
                  {item.externalId ? (
                    <span class="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0" safe>
                      {item.externalId}
                    </span>
                  ) : (
                    ''
                  )}
                </td>
                <td class="govuk-table__cell" safe>
                  {item.serviceTitle[lang]}
                </td>
                <td class="govuk-table__cell">
                  <span safe>{names.get(item.applicant) ?? ''}</span>
                  <span class="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0" safe>
                    {item.applicant}
                  </span>
                </td>
                <td class="govuk-table__cell">
                  <StatusTag code={item.status.code} text={item.status.label[lang]} />
                </td>
                <td class="govuk-table__cell" safe>
                  {formatDate(item.submittedAt, lang)}
                </td>
                <td class="govuk-table__cell">
                  <span safe>{formatDate(item.expectedCompletionAt, lang)}</span>{' '}
                  {item.overdue ? (
                    <strong class="govuk-tag govuk-tag--red" safe>
                      {tc(lang, 'queue.overdue')}
                    </strong>
                  ) : item.clockPaused ? (
                    <strong class="govuk-tag govuk-tag--yellow" safe>
                      {tc(lang, 'queue.paused')}
                    </strong>
                  ) : (
                    ''
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.items.length === 0 ? (
          <p class="govuk-body" safe>
            {tc(lang, 'queue.none')}
          </p>
        ) : (
          ''
        )}
        <Pagination lang={lang} page={query.page} pages={pages} href={(n) => queueHref(lang, institution.code, query, n)} />
      </>
    ),
  });
}
