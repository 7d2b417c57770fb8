/**
 * Page-visit statistics in the console (P14): the last 30 days' visits of the
 * public pages by page, country, device class and day. Counts only: nothing
 * here is per person.
 */
import { at, consoleCrumbs, type ConsoleShell, type PageContext } from '../../../../platform/web/console.js';
import { formatNumber, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { t } from './console.messages.js';

const PATH = '/console/participation/visits';
const DAY = 86_400_000;

type Visits = (by: 'path' | 'country' | 'device' | 'day', from: string, to: string, limit?: number) => Promise<{ key: string; visits: number }[]>;

function CountTable({ lang, id, caption, head, rows, name }: { lang: Lang; id: string; caption: string; head: string; rows: { key: string; visits: number }[]; name?: (key: string) => string }): JSX.Element {
  return (
    <table class="govuk-table" id={id}>
      <caption class="govuk-table__caption govuk-table__caption--m" safe>
        {caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header" safe>
            {head}
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric" safe>
            {t(lang, 'visits.count')}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((row) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell pk-permalink" safe>
              {name ? name(row.key) : row.key}
            </td>
            <td class="govuk-table__cell govuk-table__cell--numeric" safe>
              {formatNumber(row.visits, lang)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function visitsPage(visits: Visits, context: PageContext): Promise<string> {
  const { lang } = context;
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 29 * DAY).toISOString().slice(0, 10);
  const [pages, countries, devices, days] = await Promise.all([visits('path', from, to, 50), visits('country', from, to), visits('device', from, to), visits('day', from, to, 31)]);
  const title = t(lang, 'visits.title');
  return renderPage({
    lang,
    title,
    alternateUrl: at(otherLang(lang), PATH),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang),
    children: (
      <>
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <p class="govuk-body" safe>
          {t(lang, 'visits.lead', { from, to })}
        </p>
        {pages.length === 0 ? (
          <p class="govuk-body" safe>
            {t(lang, 'visits.none')}
          </p>
        ) : (
          <>
            <CountTable lang={lang} id="visits-pages" caption={t(lang, 'visits.byPage')} head={t(lang, 'visits.page')} rows={pages} />
            <CountTable lang={lang} id="visits-countries" caption={t(lang, 'visits.byCountry')} head={t(lang, 'visits.country')} rows={countries} name={(key) => (key === '--' ? t(lang, 'visits.unknown') : key)} />
            <CountTable
              lang={lang}
              id="visits-devices"
              caption={t(lang, 'visits.byDevice')}
              head={t(lang, 'visits.device')}
              rows={devices}
              name={(key) => (key === 'mobile' || key === 'tablet' || key === 'desktop' ? t(lang, `staff.device.${key}`) : key)}
            />
            <CountTable lang={lang} id="visits-days" caption={t(lang, 'visits.byDay')} head={t(lang, 'visits.day')} rows={[...days].sort((a, b) => b.key.localeCompare(a.key))} />
          </>
        )}
      </>
    ),
  });
}

export function registerVisitsConsolePages(shell: ConsoleShell, participation: { visitsBy: Visits }): void {
  shell.tile({ path: PATH, title: (lang) => t(lang, 'visits.tile'), text: (lang) => t(lang, 'visits.tileText'), shows: (staff) => staff.platformAdmin || staff.managerOf.length > 0, order: 37 });
  shell.route({ method: 'GET', path: PATH, need: 'services', handler: (context) => visitsPage(participation.visitsBy, context) });
}
