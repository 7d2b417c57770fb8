/**
 * The support statistics for staff (P13): per institution for a month,
 * requests, median first-reply and resolution times, the share within target,
 * overdue tickets and satisfaction — the same figures as the open data
 * (`/api/v1/support/statistics` and `.csv`), suppressed the same way.
 */
import { at, consoleCrumbs, queryValue, type ConsoleShell, type PageContext } from '../../../../platform/web/console.js';
import { TextInput } from '../../../../platform/web/fields.js';
import { formatNumber, otherLang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import type { SupportService } from '../../support.service.js';
import { t, type SupportKey } from '../support.messages.js';

export const STATISTICS_PATH = '/console/support/statistics';

interface Deps {
  support: SupportService;
  catalog: { listInstitutions(): Promise<{ id: string; name: { lv: string; en: string } }[]> };
}

async function statisticsPage(deps: Deps, context: PageContext): Promise<string> {
  const { lang } = context;
  const raw = queryValue(context.query.month);
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(raw) ? raw : new Date().toISOString().slice(0, 7);
  const [statistics, institutions] = await Promise.all([deps.support.statistics(month), deps.catalog.listInstitutions()]);
  const name = (id: string | null): string => (id ? (institutions.find((institution) => institution.id === id)?.name[lang] ?? id) : t(lang, 'thread.firstLine'));
  const shown = (value: number | null, percent = false): string => (value === null ? '–' : percent ? `${formatNumber(Math.round(value * 100), lang)} %` : formatNumber(value, lang));
  const title = t(lang, 'stats.title');
  const columns: SupportKey[] = ['stats.institution', 'stats.requests', 'stats.firstReply', 'stats.resolution', 'stats.firstWithin', 'stats.resolutionWithin', 'stats.overdue', 'stats.satisfaction'];
  return renderPage({
    lang,
    title,
    alternateUrl: `${at(otherLang(lang), STATISTICS_PATH)}?month=${month}`,
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, '/console/support'), text: t(lang, 'desk.title') }),
    children: (
      <>
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <form method="get" action={at(lang, STATISTICS_PATH)}>
          <TextInput lang={lang} name="month" label={t(lang, 'stats.month')} hint={t(lang, 'stats.monthHint')} value={month} width="10" spellcheck={false} />
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
            {t(lang, 'desk.find')}
          </button>
        </form>
        <p class="govuk-body" safe>
          {t(lang, 'stats.suppressed')}
        </p>
        {statistics.queues.length === 0 ? (
          <p class="govuk-body" safe>
            {t(lang, 'stats.none')}
          </p>
        ) : (
          <table class="govuk-table" id="statistics">
            <caption class="govuk-table__caption govuk-table__caption--m" safe>
              {month}
            </caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                {columns.map((key) => (
                  <th scope="col" class="govuk-table__header" safe>
                    {t(lang, key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {statistics.queues.map((queue) => (
                <tr class="govuk-table__row">
                  <th scope="row" class="govuk-table__header" safe>
                    {name(queue.institutionId)}
                  </th>
                  {[
                    shown(queue.requests),
                    shown(queue.firstReplyMedianHours),
                    shown(queue.resolutionMedianHours),
                    shown(queue.firstReplyWithinTarget, true),
                    shown(queue.resolutionWithinTarget, true),
                    shown(queue.overdue),
                    shown(queue.satisfaction),
                  ].map((text) => (
                    <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                      {text}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ul class="govuk-list">
          <li>
            <a class="govuk-link" href={`/api/v1/support/statistics?month=${month}`} safe>
              {t(lang, 'stats.json')}
            </a>
          </li>
          <li>
            <a class="govuk-link" href={`/api/v1/support/statistics.csv?month=${month}`} safe>
              {t(lang, 'stats.csv')}
            </a>
          </li>
        </ul>
      </>
    ),
  });
}

export function registerStatisticsPage(shell: ConsoleShell, deps: Deps): void {
  shell.route({ method: 'GET', path: STATISTICS_PATH, need: 'staff', handler: (context) => statisticsPage(deps, context) });
}
