/**
 * The public performance pages (P14, P12): a service's and an institution's
 * figures per month, a bar chart drawn on the server as SVG (titled and
 * described for screen readers; no script) and the same figures as a table,
 * with links to the open data (JSON and CSV) that carry them.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import type { App } from '../../../../platform/http/server.js';
import { renderNotFoundPage } from '../../../../platform/web/assets.js';
import { LOCALE, otherLang, pathInLang, type Lang } from '../../../../platform/web/i18n.js';
import { LinkList, renderPage } from '../../../../platform/web/layout.js';
import type { Service } from '../../../catalog/index.js';
import { informationQuality, type InformationQuality } from '../../information-quality.js';
import { institutionPerformanceUrl, NATIONAL_PERFORMANCE_URL, servicePerformanceUrl } from '../../open-data.js';
import type { ParticipationService } from '../../participation.service.js';
import type { Figure, Performance, PerformanceRow } from '../../performance.js';
import { t } from './portal.messages.js';

export const servicePerformancePage = (slug: string): string => `/performance/services/${slug}`;
export const institutionPerformancePage = (code: string): string => `/performance/institutions/${code}`;

const PERCENT = new Set<Figure>(['onTimeShare', 'usefulShare']);

function cell(lang: Lang, row: PerformanceRow, figure: Figure): string {
  if (row.suppressed.includes(figure)) return t(lang, 'perf.suppressed');
  const value = row[figure];
  if (value === null) return t(lang, 'perf.noData');
  const shown = PERCENT.has(figure) ? value * 100 : value;
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: PERCENT.has(figure) ? 1 : 2 }).format(shown);
}

const monthName = (lang: Lang, month: string): string =>
  month === 'total' ? t(lang, 'perf.total') : new Intl.DateTimeFormat(LOCALE[lang], { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

/** Applications per month as bars; a suppressed month has no bar and says so. Same figures as the table. */
function Chart({ lang, performance }: { lang: Lang; performance: Performance }): JSX.Element {
  const months = performance.months.slice(-12);
  const width = 640;
  const height = 240;
  const left = 40;
  const bottom = 40;
  const max = Math.max(5, ...months.map((row) => row.applications ?? 0));
  const slot = (width - left) / Math.max(months.length, 1);
  const bar = Math.min(40, slot * 0.6);
  const y = (value: number): number => height - bottom - (value / max) * (height - bottom - 20);
  return (
    <figure class="govuk-!-margin-0 govuk-!-margin-bottom-6">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">
        <title id="chart-title">{e(t(lang, 'perf.chartTitle'))}</title>
        <desc id="chart-desc">{e(t(lang, 'perf.chartDesc'))}</desc>
        <line x1={String(left)} y1={String(height - bottom)} x2={String(width)} y2={String(height - bottom)} stroke="#0b0c0c" stroke-width="1" />
        <text x={String(left - 6)} y={String(y(max) + 4)} text-anchor="end" font-size="12" fill="#0b0c0c">
          {String(max)}
        </text>
        <text x={String(left - 6)} y={String(height - bottom + 4)} text-anchor="end" font-size="12" fill="#0b0c0c">
          0
        </text>
        {months.map((row, index) => {
          const x = left + index * slot + (slot - bar) / 2;
          const value = row.applications;
          const label = row.suppressed.includes('applications') ? '<5' : String(value ?? 0);
          return (
            <g>
              {value ? <rect x={x.toFixed(1)} y={y(value).toFixed(1)} width={bar.toFixed(1)} height={(height - bottom - y(value)).toFixed(1)} fill="#0b5560" /> : ''}
              <text x={(x + bar / 2).toFixed(1)} y={((value ? y(value) : height - bottom) - 4).toFixed(1)} text-anchor="middle" font-size="12" fill="#0b0c0c">
                {e(label)}
              </text>
              <text x={(x + bar / 2).toFixed(1)} y={String(height - bottom + 16)} text-anchor="middle" font-size="11" fill="#0b0c0c">
                {e(row.month)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Two tables, so each fits the page: applications and times; then satisfaction and page feedback. */
const TABLES: { caption: 'perf.tableApplications' | 'perf.tableSatisfaction'; id: string; figures: Figure[] }[] = [
  { caption: 'perf.tableApplications', id: 'figures', figures: ['applications', 'decided', 'decidedOnTime', 'onTimeShare', 'medianDays', 'p90Days'] },
  { caption: 'perf.tableSatisfaction', id: 'satisfaction', figures: ['ratings', 'satisfaction', 'feedback', 'usefulShare'] },
];

export function FiguresTable({ lang, performance }: { lang: Lang; performance: Performance }): JSX.Element {
  const rows = [...performance.months, performance.total];
  return (
    <>
      {TABLES.map((table) => (
        <table class="govuk-table govuk-table--small-text-until-tablet" id={table.id}>
          <caption class="govuk-table__caption govuk-table__caption--m" safe>
            {t(lang, table.caption)}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header" safe>
                {t(lang, 'perf.month')}
              </th>
              {table.figures.map((figure) => (
                <th scope="col" class="govuk-table__header govuk-table__header--numeric" safe>
                  {t(lang, `perf.${figure}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {rows.map((row) => (
              <tr class="govuk-table__row" data-month={row.month}>
                <th scope="row" class="govuk-table__header" safe>
                  {monthName(lang, row.month)}
                </th>
                {table.figures.map((figure) => (
                  <td class="govuk-table__cell govuk-table__cell--numeric" data-figure={figure} safe>
                    {cell(lang, row, figure)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}

async function page(lang: Lang, selfPath: string, title: string, performance: Performance, dataUrl: string | undefined, links: { href: string; text: string }[], extra: JSX.Element = ''): Promise<string> {
  return renderPage({
    lang,
    title,
    alternateUrl: pathInLang(selfPath, otherLang(lang)),
    children: (
      <>
        <span class="govuk-caption-l" safe>
          {t(lang, 'perf.caption')}
        </span>
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <p class="govuk-body" safe>
          {t(lang, 'perf.lead')}
        </p>
        {performance.months.length === 0 ? (
          <p class="govuk-body" safe>
            {t(lang, 'perf.none')}
          </p>
        ) : (
          <>
            <Chart lang={lang} performance={performance} />
            <FiguresTable lang={lang} performance={performance} />
            <p class="govuk-body-s" safe>
              {t(lang, 'perf.suppressedNote')}
            </p>
          </>
        )}
        {extra}
        {dataUrl ? (
          <>
            <h2 class="govuk-heading-m" safe>
              {t(lang, 'perf.openData')}
            </h2>
            <LinkList
              links={[
                { href: dataUrl, text: t(lang, 'perf.json') },
                { href: `${dataUrl}.csv`, text: t(lang, 'perf.csv') },
              ]}
            />
          </>
        ) : (
          ''
        )}
        <LinkList links={links} />
      </>
    ),
  });
}

async function guarded(request: FastifyRequest, reply: FastifyReply, lang: Lang, render: () => Promise<string>): Promise<FastifyReply> {
  try {
    const html = await render();
    return reply.code(200).type('text/html; charset=utf-8').header('content-language', lang).header('cache-control', 'no-cache').send(html);
  } catch (error) {
    if (error instanceof AppError && error.kind === 'not_found') return renderNotFoundPage(request, reply);
    throw error;
  }
}

/** The information-quality score and what the service's information does not give. */
export function QualityPanel({ lang, quality }: { lang: Lang; quality: InformationQuality }): JSX.Element {
  return (
    <section aria-labelledby="quality-title" id="quality">
      <h2 class="govuk-heading-m" id="quality-title" safe>
        {t(lang, 'perf.quality')}
      </h2>
      <p class="govuk-body" safe>
        {t(lang, 'perf.qualityScore', { score: quality.score, max: quality.max })}
      </p>
      {quality.missing.length > 0 ? (
        <>
          <p class="govuk-body" safe>
            {t(lang, 'perf.qualityMissing')}
          </p>
          <ul class="govuk-list govuk-list--bullet">
            {quality.missing.map((item) => (
              <li safe>{t(lang, `quality.${item}`)}</li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
    </section>
  );
}

/** Each institution's totals: applications, on-time share, median days, satisfaction, with a link to its page. */
function InstitutionsTable({ lang, rows }: { lang: Lang; rows: Awaited<ReturnType<ParticipationService['nationalPerformance']>>['institutions'] }): JSX.Element {
  const figures: Figure[] = ['applications', 'onTimeShare', 'medianDays', 'satisfaction'];
  return (
    <table class="govuk-table" id="institutions">
      <caption class="govuk-table__caption govuk-table__caption--m" safe>
        {t(lang, 'perf.institutions')}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header" safe>
            {t(lang, 'perf.institution')}
          </th>
          {figures.map((figure) => (
            <th scope="col" class="govuk-table__header govuk-table__header--numeric" safe>
              {t(lang, `perf.${figure}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map(({ institution, total }) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              <a class="govuk-link" href={pathInLang(institutionPerformancePage(institution.code), lang)} safe>
                {institution.name[lang]}
              </a>
            </th>
            {figures.map((figure) => (
              <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                {cell(lang, total, figure)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function registerPerformancePages(app: App, participation: ParticipationService): void {
  const hide = { hide: true };
  for (const lang of ['lv', 'en'] as const) {
    app.get(pathInLang('/performance', lang), { schema: hide }, async (request, reply) =>
      guarded(request, reply, lang, async () => {
        const { performance, institutions } = await participation.nationalPerformance();
        return page(lang, '/performance', t(lang, 'perf.titleNational'), performance, NATIONAL_PERFORMANCE_URL, [], <InstitutionsTable lang={lang} rows={institutions} />);
      }),
    );
    app.get(pathInLang('/performance/services/:slug', lang), { schema: hide }, async (request, reply) => {
      const slug = String((request.params as { slug?: string }).slug ?? '');
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return renderNotFoundPage(request, reply);
      return guarded(request, reply, lang, async () => {
        const { service, institution, performance } = await participation.servicePerformance(slug);
        if (service.slug !== slug) throw new AppError('participation.moved', 'not_found', 'moved');
        return page(
          lang,
          servicePerformancePage(slug),
          t(lang, 'perf.titleService', { service: service.title[lang] }),
          performance,
          servicePerformanceUrl(slug),
          [
            { href: pathInLang(`/services/${slug}`, lang), text: t(lang, 'perf.serviceLink') },
            { href: pathInLang(institutionPerformancePage(institution.code), lang), text: t(lang, 'perf.institutionLink', { institution: institution.name[lang] }) },
          ],
          <QualityPanel lang={lang} quality={informationQuality(service)} />,
        );
      });
    });
    app.get(pathInLang('/performance/institutions/:code', lang), { schema: hide }, async (request, reply) => {
      const code = String((request.params as { code?: string }).code ?? '');
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(code)) return renderNotFoundPage(request, reply);
      return guarded(request, reply, lang, async () => {
        const { institution, services, performance } = await participation.institutionPerformance(code);
        const links = [
          ...services.map((service: Service) => ({ href: pathInLang(servicePerformancePage(service.slug), lang), text: service.title[lang] })),
          { href: pathInLang(`/ideas/institutions/${institution.code}`, lang), text: t(lang, 'ideas.institutionLink') },
          { href: pathInLang('/performance', lang), text: t(lang, 'perf.titleNational') },
        ];
        return page(lang, institutionPerformancePage(institution.code), t(lang, 'perf.titleInstitution', { institution: institution.name[lang] }), performance, institutionPerformanceUrl(institution.code), links);
      });
    });
  }
}
