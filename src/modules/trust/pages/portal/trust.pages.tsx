/**
 * The pages a public body must have (issue 15, item 6): the accessibility
 * statement (Directive (EU) 2016/2102, Cabinet Regulation No 445 of 2020), the
 * privacy notice, the cookie notice and the contact page, at `/accessibility`,
 * `/privacy`, `/cookies`, `/contact` and their `/en/` twins; every footer links
 * them. Public, plain HTML, no JavaScript.
 */
import type { App } from '../../../../platform/http/server.js';
import { formatDate, LANGS, otherLang, pathInLang, type Lang } from '../../../../platform/web/i18n.js';
import { LinkList, renderPage } from '../../../../platform/web/layout.js';
import { CONTENT, type Operator, type Section, type TrustPageName } from './trust.content.js';

/** Each page's address (the Latvian one; English under /en/). The layout's footer links the same addresses. */
export const TRUST_PATHS: Record<TrustPageName, string> = { accessibility: '/accessibility', privacy: '/privacy', cookies: '/cookies', contact: '/contact' };

const REVIEWED_LABEL: Record<Lang, string> = { lv: 'Pārskatīts', en: 'Last reviewed' };

/**
 * A table's rows as one summary list each, headed by the row's first cell:
 * long cookie names and sentences fit a 320-pixel screen, which a four-column
 * table does not.
 */
function Entries({ table }: { table: NonNullable<Section['table']> }): JSX.Element {
  const [, ...keys] = table.head;
  return (
    <ul class="govuk-list" aria-label={table.caption}>
      {table.rows.map(([name, ...cells]) => (
        <li>
          <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
            {(name ?? '').split(', ').map((part, index) => (
              <>
                {index > 0 ? ', ' : ''}
                <code safe>{part}</code>
              </>
            ))}
          </h3>
          <dl class="govuk-summary-list govuk-!-margin-bottom-6">
            {keys.map((key, index) => (
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key" safe>
                  {key}
                </dt>
                <dd class="govuk-summary-list__value" safe>
                  {cells[index] ?? ''}
                </dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}

function SectionView({ section }: { section: Section }): JSX.Element {
  const headingId = `section-${section.id}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 class="govuk-heading-m" id={headingId} safe>
        {section.title}
      </h2>
      {(section.paragraphs ?? []).map((text) => (
        <p class="govuk-body" safe>
          {text}
        </p>
      ))}
      {section.list ? (
        <ul class="govuk-list govuk-list--bullet">
          {section.list.map((item) => (
            <li safe>{item}</li>
          ))}
        </ul>
      ) : (
        ''
      )}
      {section.table ? <Entries table={section.table} /> : ''}
      <LinkList links={section.links ?? []} />
    </section>
  );
}

export function trustPage(lang: Lang, name: TrustPageName, operator: Operator): Promise<string> {
  const page = CONTENT[lang](operator, {
    dataAccess: pathInLang('/workspace/data-access', lang),
    contact: pathInLang(TRUST_PATHS.contact, lang),
    support: pathInLang('/support', lang),
  })[name];
  return renderPage({
    lang,
    title: page.title,
    alternateUrl: pathInLang(TRUST_PATHS[name], otherLang(lang)),
    description: page.lead,
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds-from-desktop">
          <h1 class="govuk-heading-xl" safe>
            {page.title}
          </h1>
          <p class="govuk-body-l" safe>
            {page.lead}
          </p>
          {page.sections.map((section) => (
            <SectionView section={section} />
          ))}
          <p class="govuk-body-s">
            {REVIEWED_LABEL[lang]}: <time datetime={page.reviewed} safe>{formatDate(`${page.reviewed}T12:00:00Z`, lang)}</time>
          </p>
        </div>
      </div>
    ),
  });
}

export function registerTrustPages(app: App, operator: Operator): void {
  for (const lang of LANGS) {
    for (const name of Object.keys(TRUST_PATHS) as TrustPageName[]) {
      app.get(pathInLang(TRUST_PATHS[name], lang), { schema: { hide: true } }, async (_request, reply) =>
        reply.type('text/html; charset=utf-8').header('content-language', lang).header('cache-control', 'no-cache').send(await trustPage(lang, name, operator)),
      );
    }
  }
}
