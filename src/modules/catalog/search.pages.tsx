/**
 * Finding a service (P1, P4): the search page with its filters and pages of
 * results, and the life-event and business-event pages that list the services
 * of one situation. Plain GET forms: they work without JavaScript.
 * Escaping as in catalog.components.tsx.
 */
import { escapeHtml as e } from '@kitajs/html';
import { Type, type Static } from '@sinclair/typebox';
import { LOCALE, otherLang, pathInLang } from '../../platform/web/i18n.js';
import { LinkList, renderPage } from '../../platform/web/layout.js';
import { at, institutionsById, portalCrumbs, SearchField, ServiceList } from './catalog.components.js';
import { t } from './catalog.messages.js';
import type { CatalogService, SearchElsewhere } from './catalog.service.js';
import type { CatalogEvent, Institution, Lang } from './catalog.schemas.js';

const PAGE_SIZE = 20;

export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    // Empty values come from the filter form's "all" choices.
    audience: Type.Optional(Type.Union([Type.Literal('citizen'), Type.Literal('business'), Type.Literal('')])),
    event: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{0,60}$' })),
    institution: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9-]{0,60}$' })),
    online: Type.Optional(Type.Boolean()),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
  },
  // Unknown parameters (tracking tags and the like) are ignored, not refused.
  { additionalProperties: true },
);
export type SearchQuery = Static<typeof SearchQuery>;

function searchHref(lang: Lang, query: SearchQuery, page?: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.audience) params.set('audience', query.audience);
  if (query.event) params.set('event', query.event);
  if (query.institution) params.set('institution', query.institution);
  if (query.online) params.set('online', 'true');
  if (page && page > 1) params.set('page', String(page));
  const search = params.toString();
  return `${at(lang, '/search')}${search ? `?${search}` : ''}`;
}

function Pagination({ lang, query, page, pages }: { lang: Lang; query: SearchQuery; page: number; pages: number }): JSX.Element {
  if (pages <= 1 && page <= 1) return '';
  const first = Math.max(1, Math.min(page - 2, pages - 4));
  const numbers = Array.from({ length: Math.min(5, pages) }, (_, i) => first + i).filter((n) => n <= pages);
  const arrow = (direction: 'prev' | 'next'): JSX.Element => (
    <svg class={`govuk-pagination__icon govuk-pagination__icon--${direction}`} xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
      <path d={direction === 'prev' ? 'm6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z' : 'm8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z'} />
    </svg>
  );
  // The arrow points the way the link goes: before "Previous", after "Next".
  const step = (direction: 'prev' | 'next', target: number): JSX.Element => (
    <div class={`govuk-pagination__${direction}`}>
      <a class="govuk-link govuk-pagination__link" href={searchHref(lang, query, target)} rel={direction}>
        {direction === 'prev' ? arrow(direction) : ''}
        <span class="govuk-pagination__link-title">
          {e(t(lang, direction === 'prev' ? 'search.previous' : 'search.next'))}
          <span class="govuk-visually-hidden">{e(` ${t(lang, 'search.page')}`)}</span>
        </span>
        {direction === 'next' ? arrow(direction) : ''}
      </a>
    </div>
  );
  return (
    <nav class="govuk-pagination" aria-label={t(lang, 'search.paginationLabel')}>
      {page > 1 ? step('prev', Math.min(page - 1, Math.max(pages, 1))) : ''}
      <ul class="govuk-pagination__list">
        {numbers.map((n) => (
          <li class={`govuk-pagination__item${n === page ? ' govuk-pagination__item--current' : ''}`}>
            <a class="govuk-link govuk-pagination__link" href={searchHref(lang, query, n)} aria-label={t(lang, 'search.pageLink', { page: n })} {...(n === page ? { 'aria-current': 'page' } : {})}>
              {String(n)}
            </a>
          </li>
        ))}
      </ul>
      {page < pages ? step('next', page + 1) : ''}
    </nav>
  );
}

function Select({ id, label, options }: { id: string; label: string; options: JSX.Element[] }): JSX.Element {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for={id} safe>
        {label}
      </label>
      <select class="govuk-select" id={id} name={id}>
        {options}
      </select>
    </div>
  );
}

const option = (value: string, text: string, selected: string | undefined): JSX.Element => (
  <option value={value} selected={value === (selected ?? '')} safe>
    {text}
  </option>
);

/** Where else the query finds services: the other audience's portal, the other language (links that keep the query). */
function Elsewhere({ lang, query, q, found }: { lang: Lang; query: SearchQuery; q: string; found: SearchElsewhere }): JSX.Element {
  const links: { href: string; text: string }[] = [];
  if (found.audience) links.push({ href: searchHref(lang, { ...query, q, audience: found.audience.audience, page: undefined }), text: t(lang, `search.elsewhere.${found.audience.audience}`, { count: found.audience.total, q }) });
  if (found.lang) links.push({ href: searchHref(found.lang.lang, { ...query, q, page: undefined }), text: t(lang, `search.elsewhere.${found.lang.lang}`, { count: found.lang.total, q }) });
  if (links.length === 0) return '';
  return (
    <div class="govuk-inset-text" role="region" aria-labelledby="elsewhere-heading">
      <h2 class="govuk-heading-s" id="elsewhere-heading" safe>
        {t(lang, 'search.elsewhereHeading')}
      </h2>
      <LinkList links={links} />
    </div>
  );
}

export async function searchPage(catalog: CatalogService, lang: Lang, url: string, query: SearchQuery): Promise<string> {
  const page = query.page ?? 1;
  const q = query.q?.trim() ?? '';
  const audience = query.audience || undefined;
  const [result, events, institutionList] = await Promise.all([
    catalog.search({
      q: q || undefined,
      lang,
      audience,
      event: query.event || undefined,
      institution: query.institution || undefined,
      online: query.online ? true : undefined,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
    catalog.listEvents(),
    catalog.listInstitutions(),
  ]);
  const found = await catalog.elsewhere({ q, lang, audience, event: query.event || undefined, institution: query.institution || undefined, online: query.online ? true : undefined }, result.total);
  const pages = Math.ceil(result.total / PAGE_SIZE);
  const title = q ? t(lang, 'search.titleWithQuery', { q }) : t(lang, 'search.title');
  const total = q ? t(lang, 'search.totalFor', { count: result.total, q }) : t(lang, 'search.total', { count: result.total });
  const byName = (a: Institution, b: Institution): number => a.name[lang].localeCompare(b.name[lang], LOCALE[lang]);
  const eventOptions = (kind: 'life' | 'business'): JSX.Element[] => events.filter((event) => event.kind === kind).map((event) => option(event.code, event.label[lang], query.event));
  return renderPage({
    lang,
    title: pages > 1 ? `${title} (${t(lang, 'search.pageOf', { page, pages })})` : title,
    alternateUrl: pathInLang(url, otherLang(lang)),
    breadcrumbs: portalCrumbs(lang),
    section: audience === 'business' ? 'business' : 'citizens',
    children: (
      <form action={at(lang, '/search')} method="get">
        <h1 class="govuk-heading-xl" safe>
          {t(lang, 'search.heading')}
        </h1>
        <SearchField lang={lang} q={q} />
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-third">
            <div class="pk-filters">
              <h2 class="govuk-heading-m" safe>
                {t(lang, 'search.filters')}
              </h2>
              <Select
                id="audience"
                label={t(lang, 'search.audience')}
                options={[option('', t(lang, 'search.audienceAll'), audience), option('citizen', t(lang, 'audience.citizen'), audience), option('business', t(lang, 'audience.business'), audience)]}
              />
              <Select
                id="event"
                label={t(lang, 'search.event')}
                options={[
                  option('', t(lang, 'search.eventAll'), query.event),
                  <optgroup label={t(lang, 'event.life')}>{eventOptions('life')}</optgroup>,
                  <optgroup label={t(lang, 'event.business')}>{eventOptions('business')}</optgroup>,
                ]}
              />
              <Select
                id="institution"
                label={t(lang, 'search.institution')}
                options={[
                  option('', t(lang, 'search.institutionAll'), query.institution),
                  ...[...institutionList].sort(byName).map((institution) => option(institution.code, institution.name[lang], query.institution)),
                ]}
              />
              <div class="govuk-form-group">
                <fieldset class="govuk-fieldset">
                  <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
                    {t(lang, 'search.onlineLegend')}
                  </legend>
                  <div class="govuk-checkboxes govuk-checkboxes--small">
                    <div class="govuk-checkboxes__item">
                      <input class="govuk-checkboxes__input" id="online" name="online" type="checkbox" value="true" checked={query.online === true} />
                      <label class="govuk-label govuk-checkboxes__label" for="online" safe>
                        {t(lang, 'search.online')}
                      </label>
                    </div>
                  </div>
                </fieldset>
              </div>
              <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-3" safe>
                {t(lang, 'search.apply')}
              </button>
              <p class="govuk-body govuk-!-margin-bottom-0">
                <a class="govuk-link" href={searchHref(lang, { q })} safe>
                  {t(lang, 'search.clear')}
                </a>
              </p>
            </div>
          </div>
          <div class="govuk-grid-column-two-thirds">
            <h2 class="govuk-heading-m" id="results-heading" safe>
              {total}
            </h2>
            <Elsewhere lang={lang} query={query} q={q} found={found} />
            {result.items.length > 0 ? (
              <ServiceList lang={lang} services={result.items} institutions={institutionsById(institutionList)} label={t(lang, 'search.resultsLabel')} />
            ) : (
              <div class="govuk-!-margin-bottom-6">
                <p class="govuk-body" safe>
                  {t(lang, 'search.none')}
                </p>
                <p class="govuk-body" safe>
                  {t(lang, 'search.helpIntro')}
                </p>
                <ul class="govuk-list govuk-list--bullet">
                  <li safe>{t(lang, 'search.help1')}</li>
                  <li safe>{t(lang, 'search.help2')}</li>
                  <li safe>{t(lang, 'search.help3')}</li>
                  <li>
                    <a class="govuk-link" href={at(lang, '/')} safe>
                      {t(lang, 'search.help4')}
                    </a>
                  </li>
                </ul>
              </div>
            )}
            <Pagination lang={lang} query={{ ...query, q }} page={page} pages={pages} />
          </div>
        </div>
      </form>
    ),
  });
}

export async function eventPage(catalog: CatalogService, lang: Lang, event: CatalogEvent): Promise<string> {
  const [result, institutions] = await Promise.all([catalog.search({ lang, event: event.code, limit: 100 }), catalog.listInstitutions()]);
  const business = event.kind === 'business';
  return renderPage({
    lang,
    title: event.label[lang],
    description: event.description[lang],
    alternateUrl: at(otherLang(lang), `/events/${event.code}`),
    breadcrumbs: portalCrumbs(lang, business),
    section: business ? 'business' : 'citizens',
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {t(lang, business ? 'event.business' : 'event.life')}
          </span>
          <h1 class="govuk-heading-xl" safe>
            {event.label[lang]}
          </h1>
          <p class="govuk-body-l" safe>
            {event.description[lang]}
          </p>
          <h2 class="govuk-heading-m" safe>
            {`${t(lang, 'event.servicesHeading')} (${result.total})`}
          </h2>
          {result.items.length > 0 ? <ServiceList lang={lang} services={result.items} institutions={institutionsById(institutions)} /> : <p class="govuk-body" safe>{t(lang, 'event.none')}</p>}
          {result.total > result.items.length ? (
            <p class="govuk-body">
              <a class="govuk-link" href={searchHref(lang, { event: event.code })} safe>
                {t(lang, 'event.more')}
              </a>
            </p>
          ) : (
            ''
          )}
        </div>
      </div>
    ),
  });
}
