/**
 * What service managers see (P14): page feedback on their services' pages and
 * ratings of their services, filtered by service, answer and days, and both
 * as CSV. Platform administrators see every institution's. Plain GET filters.
 * Nothing here identifies a person: comments were masked before storage.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply } from 'fastify';
import { at, consoleCrumbs, queryValue, type ConsoleShell, type PageContext, type Staff } from '../../../../platform/web/console.js';
import { isUuid } from '../../../../platform/db/ids.js';
import { Select, TextInput } from '../../../../platform/web/fields.js';
import { otherLang, pathInLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import type { CatalogService, Institution, Service } from '../../../catalog/index.js';
import type { PageFeedback, ParticipationService, Rating, StaffFilter } from '../../participation.service.js';
import { informationQuality } from '../../information-quality.js';
import { FiguresTable, QualityPanel, servicePerformancePage } from '../portal/performance.pages.js';
import { t } from './console.messages.js';

export const PATH = '/console/participation';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface ParticipationConsoleDeps {
  participation: ParticipationService;
  catalog: Pick<CatalogService, 'listPublishedOf' | 'listInstitutions' | 'getMany'>;
}

interface View {
  filter: StaffFilter;
  /** the institutions whose feedback the staff member reads, when more than one (a filter offers them) */
  institutions: Institution[];
  /** the chosen institution ('' for all of the staff member's) */
  institutionId: string;
  /** the chosen institution's services (the service filter's choices; none until one institution is chosen) */
  services: Service[];
  answer: '' | 'yes' | 'no';
  query: URLSearchParams;
}

/**
 * The filters from the query. The services to filter by are one institution's: a manager's own, or the one a
 * platform administrator (or a manager of several) chose, or the one of the service a link named. Every service
 * of the register in one list was a page of 1 MB over the search bench's 10,000.
 */
async function viewOf(deps: ParticipationConsoleDeps, staff: Staff, query: Record<string, string | undefined>): Promise<View> {
  const institutions = (await deps.catalog.listInstitutions()).filter((institution) => staff.platformAdmin || staff.managerOf.includes(institution.id));
  const readable = new Set(institutions.map((institution) => institution.id));
  const wanted = queryValue(query.service);
  const [named] = isUuid(wanted) ? (await deps.catalog.getMany([wanted])).filter((service) => service.status === 'published' && readable.has(service.institutionId)) : [];
  const chosen = institutions.length === 1 ? institutions[0]?.id : (institutions.find((institution) => institution.id === queryValue(query.institution))?.id ?? named?.institutionId);
  const services = chosen ? await deps.catalog.listPublishedOf(chosen) : [];
  const serviceId = named && named.institutionId === chosen ? named.id : '';
  const answer = (['yes', 'no'] as const).find((value) => value === queryValue(query.answer)) ?? '';
  const from = DAY.test(queryValue(query.from)) ? queryValue(query.from) : '';
  const to = DAY.test(queryValue(query.to)) ? queryValue(query.to) : '';
  const params = new URLSearchParams();
  const institutionParam = institutions.length > 1 ? (chosen ?? '') : '';
  for (const [name, value] of [['institution', institutionParam], ['service', serviceId], ['answer', answer], ['from', from], ['to', to]] as const) if (value) params.set(name, value);
  return {
    filter: { institutionIds: chosen ? [chosen] : [...readable], serviceId: serviceId || undefined, useful: answer ? answer === 'yes' : undefined, from: from || undefined, to: to || undefined },
    institutions: institutions.length > 1 ? institutions : [],
    institutionId: chosen ?? '',
    services,
    answer,
    query: params,
  };
}

/** The services the rows name, by id (withdrawn ones too): their titles and slugs. */
async function servicesOf(deps: ParticipationConsoleDeps, ids: (string | null)[]): Promise<Map<string, Service>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  return new Map((wanted.length > 0 ? await deps.catalog.getMany(wanted) : []).map((service) => [service.id, service]));
}

const withQuery = (path: string, query: URLSearchParams): string => (query.size > 0 ? `${path}?${query.toString()}` : path);

function FeedbackTable({ lang, rows, titles }: { lang: Lang; rows: PageFeedback[]; titles: Map<string, string> }): JSX.Element {
  if (rows.length === 0) return <p class="govuk-body" safe>{t(lang, 'staff.feedbackNone')}</p>;
  return (
    <table class="govuk-table" id="feedback">
      <caption class="govuk-table__caption govuk-visually-hidden" safe>
        {t(lang, 'staff.feedback')}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {(['staff.day', 'staff.service', 'staff.page', 'staff.useful', 'staff.comment', 'staff.device'] as const).map((key) => (
            <th scope="col" class="govuk-table__header" safe>
              {t(lang, key)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((row) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell" safe>
              {row.day}
            </td>
            <td class="govuk-table__cell" safe>
              {row.serviceId ? (titles.get(row.serviceId) ?? '') : ''}
            </td>
            <td class="govuk-table__cell pk-permalink" safe>
              {row.path}
            </td>
            <td class="govuk-table__cell" safe>
              {t(lang, row.useful ? 'staff.yes' : 'staff.no')}
            </td>
            <td class="govuk-table__cell" safe>
              {row.comment ?? ''}
            </td>
            <td class="govuk-table__cell" safe>
              {t(lang, `staff.device.${row.device}`)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RatingsTable({ lang, rows, titles }: { lang: Lang; rows: Rating[]; titles: Map<string, string> }): JSX.Element {
  if (rows.length === 0) return <p class="govuk-body" safe>{t(lang, 'staff.ratingsNone')}</p>;
  return (
    <table class="govuk-table" id="ratings">
      <caption class="govuk-table__caption govuk-visually-hidden" safe>
        {t(lang, 'staff.ratings')}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {(['staff.day', 'staff.service', 'staff.score', 'staff.ease', 'staff.comment'] as const).map((key) => (
            <th scope="col" class="govuk-table__header" safe>
              {t(lang, key)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((row) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell" safe>
              {row.createdAt.slice(0, 10)}
            </td>
            <td class="govuk-table__cell" safe>
              {titles.get(row.serviceId) ?? ''}
            </td>
            <td class="govuk-table__cell" safe>
              {`${row.score} / 5`}
            </td>
            <td class="govuk-table__cell" safe>
              {row.ease ? t(lang, row.ease === 'easy' ? 'staff.easy' : 'staff.hard') : ''}
            </td>
            <td class="govuk-table__cell" safe>
              {row.comment ?? ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function staffPage(deps: ParticipationConsoleDeps, context: PageContext): Promise<string> {
  const { lang, staff } = context;
  const view = await viewOf(deps, staff, context.query);
  const [feedback, ratings] = await Promise.all([deps.participation.feedbackFor({ ...view.filter, limit: 200 }), deps.participation.ratingsFor({ ...view.filter, limit: 200 })]);
  const named = await servicesOf(deps, [...feedback.map((row) => row.serviceId), ...ratings.map((row) => row.serviceId)]);
  const titles = new Map([...named].map(([id, service]) => [id, service.title[lang]]));
  const title = t(lang, 'staff.title');
  const chosen = view.services.find((service) => service.id === view.filter.serviceId);
  // A chosen service's trends: the same monthly figures as its public page.
  const trends = chosen ? (await deps.participation.servicePerformance(chosen.id)).performance : undefined;
  return renderPage({
    lang,
    title,
    alternateUrl: withQuery(at(otherLang(lang), PATH), view.query),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang),
    children: (
      <>
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <p class="govuk-body" safe>
          {t(lang, 'staff.lead')}
        </p>
        <form method="get" action={at(lang, PATH)} class="pk-filters">
          {view.institutions.length > 0 ? (
            <Select
              lang={lang}
              name="institution"
              label={t(lang, 'staff.institution')}
              value={view.institutionId}
              options={[{ value: '', text: t(lang, 'staff.allInstitutions') }, ...view.institutions.map((institution) => ({ value: institution.id, text: institution.name[lang] }))]}
            />
          ) : (
            ''
          )}
          {view.services.length > 0 ? (
            <Select
              lang={lang}
              name="service"
              label={t(lang, 'staff.service')}
              value={view.filter.serviceId ?? ''}
              options={[{ value: '', text: t(lang, 'staff.allServices') }, ...view.services.map((service) => ({ value: service.id, text: service.title[lang] }))]}
            />
          ) : (
            ''
          )}
          <Select
            lang={lang}
            name="answer"
            label={t(lang, 'staff.answer')}
            value={view.answer}
            options={[
              { value: '', text: t(lang, 'staff.anyAnswer') },
              { value: 'no', text: t(lang, 'staff.onlyNo') },
              { value: 'yes', text: t(lang, 'staff.onlyYes') },
            ]}
          />
          <TextInput lang={lang} name="from" label={t(lang, 'staff.from')} value={view.filter.from ?? ''} width="10" />
          <TextInput lang={lang} name="to" label={t(lang, 'staff.to')} value={view.filter.to ?? ''} width="10" />
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
            {t(lang, 'staff.apply')}
          </button>
        </form>
        <h2 class="govuk-heading-m" safe>
          {t(lang, 'staff.feedback')}
        </h2>
        <p class="govuk-body" id="feedback-summary" safe>
          {t(lang, 'staff.summary', { count: feedback.length, no: feedback.filter((row) => !row.useful).length })}
        </p>
        <FeedbackTable lang={lang} rows={feedback} titles={titles} />
        <p class="govuk-body">
          <a class="govuk-link" href={withQuery(at(lang, `${PATH}/feedback.csv`), view.query)} safe>
            {t(lang, 'staff.csvFeedback')}
          </a>
        </p>
        <h2 class="govuk-heading-m" safe>
          {t(lang, 'staff.ratings')}
        </h2>
        <RatingsTable lang={lang} rows={ratings} titles={titles} />
        <p class="govuk-body">
          <a class="govuk-link" href={withQuery(at(lang, `${PATH}/ratings.csv`), view.query)} safe>
            {t(lang, 'staff.csvRatings')}
          </a>
        </p>
        {chosen ? <QualityPanel lang={lang} quality={informationQuality(chosen)} /> : ''}
        {trends && trends.months.length > 0 ? (
          <>
            <h2 class="govuk-heading-m" safe>
              {t(lang, 'staff.trends')}
            </h2>
            <FiguresTable lang={lang} performance={trends} />
          </>
        ) : (
          ''
        )}
        {chosen ? (
          <p class="govuk-body">
            <a class="govuk-link" href={pathInLang(servicePerformancePage(chosen.slug), lang)}>
              {e(t(lang, 'staff.performance'))}
            </a>
          </p>
        ) : (
          ''
        )}
      </>
    ),
  });
}

/** One CSV cell: quoted, and a leading formula character defused (a spreadsheet opens these). */
const csvCell = (value: string | number | boolean | null): string => {
  const text = value === null ? '' : String(value);
  return `"${(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};
const csvOf = (rows: (string | number | boolean | null)[][]): string => `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;

function sendCsv(reply: FastifyReply, name: string, body: string): FastifyReply {
  return reply.code(200).type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(body);
}

export function registerParticipationConsolePages(shell: ConsoleShell, deps: ParticipationConsoleDeps): void {
  shell.tile({ path: PATH, title: (lang) => t(lang, 'tile.title'), text: (lang) => t(lang, 'tile.text'), shows: (staff) => staff.platformAdmin || staff.managerOf.length > 0, order: 35 });
  shell.route({ method: 'GET', path: PATH, need: 'services', handler: (context) => staffPage(deps, context) });
  shell.route({
    method: 'GET',
    path: `${PATH}/feedback.csv`,
    need: 'services',
    download: true,
    handler: async (context) => {
      const view = await viewOf(deps, context.staff, context.query);
      const rows = await deps.participation.feedbackFor({ ...view.filter, limit: 5000 });
      const services = await servicesOf(deps, rows.map((row) => row.serviceId));
      return sendCsv(context.reply, 'feedback.csv', csvOf([['day', 'service', 'path', 'lang', 'useful', 'comment', 'device'], ...rows.map((row) => [row.day, row.serviceId ? (services.get(row.serviceId)?.slug ?? row.serviceId) : '', row.path, row.lang, row.useful ? 'yes' : 'no', row.comment, row.device])]));
    },
  });
  shell.route({
    method: 'GET',
    path: `${PATH}/ratings.csv`,
    need: 'services',
    download: true,
    handler: async (context) => {
      const view = await viewOf(deps, context.staff, context.query);
      const rows = await deps.participation.ratingsFor({ ...view.filter, limit: 5000 });
      const services = await servicesOf(deps, rows.map((row) => row.serviceId));
      return sendCsv(context.reply, 'ratings.csv', csvOf([['day', 'service', 'score', 'ease', 'comment'], ...rows.map((row) => [row.createdAt.slice(0, 10), services.get(row.serviceId)?.slug ?? row.serviceId, row.score, row.ease, row.comment])]));
    },
  });
}
