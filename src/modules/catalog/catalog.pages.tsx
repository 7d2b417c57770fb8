/**
 * The catalog's portal pages (P1, P4, P7): the citizen and business portals,
 * search with filters, life-event and business-event pages and each service's
 * page with everything a person needs before applying. Latvian at the root,
 * English under /en/. Plain HTML forms: nothing here needs JavaScript.
 *
 * @kitajs/html does not escape children: every dynamic text goes through
 * `safe` (leaf elements) or `e()` (mixed content). Links from the register
 * pass through `safeHref` so only http(s), mailto and tel reach a page.
 */
import { escapeHtml as e } from '@kitajs/html';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { App } from '../../platform/http/server.js';
import { renderNotFoundPage } from '../../platform/web/assets.js';
import { formatDuration, formatMoney, LANGS, LOCALE, otherLang, pathInLang } from '../../platform/web/i18n.js';
import { renderMessagePage, renderPage, type Breadcrumb, type Section } from '../../platform/web/layout.js';
import { t } from './catalog.messages.js';
import { portalPath } from './catalog.routes.js';
import type { CatalogService } from './catalog.service.js';
import type { Audience, CatalogEvent, Channel, Institution, Item, Lang, Service } from './catalog.schemas.js';

const PAGE_SIZE = 20;

const SearchQuery = Type.Object(
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
type SearchQuery = Static<typeof SearchQuery>;

const EventParams = Type.Object({ code: Type.String({ pattern: '^[a-z0-9-]{1,60}$' }) });
const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9-]{1,120}$' }) });

/** The path of a page in the given language. */
const at = (lang: Lang, path: string): string => pathInLang(path, lang);

/** Only web, mail and phone links from the register reach a page. */
function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const protocol = new URL(url).protocol;
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

const hasOnline = (service: Service): boolean => service.channels.some((channel) => channel.type === 'online');

function paragraphs(text: string, className = 'govuk-body'): JSX.Element[] {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => (
      <p class={className} safe>
        {part}
      </p>
    ));
}

function languageName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([LOCALE[lang]], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// ---- shared pieces ----

function SearchForm({ lang, q = '', audience, hero }: { lang: Lang; q?: string; audience?: Audience; hero?: boolean }): JSX.Element {
  const id = hero ? 'hero-q' : 'q';
  return (
    <form action={at(lang, '/search')} method="get" role="search" class="govuk-!-margin-bottom-0">
      <div class="govuk-form-group govuk-!-margin-bottom-0">
        <label class={`govuk-label ${hero ? 'govuk-label--m' : 'govuk-label--s'}`} for={id} safe>
          {t(lang, 'search.label')}
        </label>
        {hero ? (
          <div id={`${id}-hint`} class="govuk-hint pk-hero__hint" safe>
            {t(lang, audience === 'business' ? 'search.hintBusiness' : 'search.hint')}
          </div>
        ) : (
          ''
        )}
        <div class="pk-search">
          <input class="govuk-input" id={id} name="q" type="search" value={q} maxlength="200" autocomplete="off" spellcheck="false" {...(hero ? { 'aria-describedby': `${id}-hint` } : {})} />
          {audience ? <input type="hidden" name="audience" value={audience} /> : ''}
          <button type="submit" class={`govuk-button ${hero ? 'govuk-button--inverse' : ''}`} safe>
            {t(lang, 'search.button')}
          </button>
        </div>
      </div>
    </form>
  );
}

function EventCards({ lang, events }: { lang: Lang; events: (CatalogEvent & { serviceCount: number })[] }): JSX.Element {
  return (
    <ul class="pk-cards">
      {events.map((event) => (
        <li class="pk-card">
          <h3 class="pk-card__title">
            <a class="govuk-link govuk-link--no-visited-state pk-card__link" href={at(lang, `/events/${event.code}`)} safe>
              {event.label[lang]}
            </a>
          </h3>
          <p class="pk-card__text" safe>
            {event.description[lang]}
          </p>
          <p class="pk-card__meta" safe>
            {t(lang, 'portal.serviceCount', { count: event.serviceCount })}
          </p>
        </li>
      ))}
    </ul>
  );
}

function ServiceList({ lang, services, institutions, label }: { lang: Lang; services: Service[]; institutions: Map<string, Institution>; label?: string }): JSX.Element {
  return (
    <ul class="pk-results" {...(label ? { 'aria-label': label } : {})}>
      {services.map((service) => {
        const institution = institutions.get(service.institutionId);
        const time = service.processingTime ? formatDuration(service.processingTime, lang) : undefined;
        const description = service.description[lang];
        return (
          <li class="pk-results__item">
            <h3 class="pk-results__title">
              <a class="govuk-link" href={portalPath(service, lang)} safe>
                {service.title[lang]}
              </a>
            </h3>
            <p class="pk-results__description" safe>
              {description.length > 240 ? `${description.slice(0, 237).trimEnd()}…` : description}
            </p>
            <p class="pk-results__meta">
              {hasOnline(service) ? (
                <strong class="govuk-tag govuk-tag--green" safe>
                  {t(lang, 'service.onlineTag')}
                </strong>
              ) : (
                ''
              )}
              {institution ? e(t(lang, 'service.provider', { name: institution.name[lang] })) : ''}
              {time ? (
                <>
                  {institution ? ' · ' : ''}
                  <span class="pk-results__time" safe>
                    {t(lang, 'service.time', { time })}
                  </span>
                </>
              ) : (
                ''
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Until usage figures exist, "popular" means the leading service of each of the
 * first events (in their display order), e-services first.
 */
function pickPopular(events: CatalogEvent[], services: Service[], count: number): Service[] {
  const ranked = [...services].sort((a, b) => Number(hasOnline(b)) - Number(hasOnline(a)));
  const picked: Service[] = [];
  for (const event of [...events].sort((a, b) => a.position - b.position)) {
    const next = ranked.find((service) => service.events.includes(event.code) && !picked.includes(service));
    if (next) picked.push(next);
    if (picked.length === count) return picked;
  }
  for (const service of ranked) {
    if (picked.length === count) break;
    if (!picked.includes(service)) picked.push(service);
  }
  return picked;
}

async function institutionMap(catalog: CatalogService): Promise<Map<string, Institution>> {
  return new Map((await catalog.listInstitutions()).map((institution) => [institution.id, institution]));
}

// ---- the portals ----

async function portalPage(catalog: CatalogService, lang: Lang, audience: Audience): Promise<string> {
  const kind = audience === 'citizen' ? 'life' : 'business';
  const prefix = audience === 'citizen' ? 'home' : 'business';
  const [events, offered, institutions] = await Promise.all([catalog.listEvents(kind), catalog.search({ lang, audience, limit: 100 }), institutionMap(catalog)]);
  const popular = pickPopular(events, offered.items, 6);
  const path = audience === 'citizen' ? '/' : '/business';
  const otherPortal = audience === 'citizen' ? '/business' : '/';
  return renderPage({
    lang,
    title: t(lang, `${prefix}.title`),
    description: t(lang, `${prefix}.lead`),
    alternateUrl: at(otherLang(lang), path),
    section: audience === 'citizen' ? 'citizens' : 'business',
    fullWidth: true,
    children: (
      <>
        <div class="pk-hero">
          <div class="govuk-width-container">
            <div class="govuk-grid-row">
              <div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-xl" safe>
                  {t(lang, `${prefix}.title`)}
                </h1>
                <p class="govuk-body-l" safe>
                  {t(lang, `${prefix}.lead`)}
                </p>
                <SearchForm lang={lang} audience={audience} hero />
              </div>
            </div>
          </div>
        </div>
        <div class="govuk-width-container">
          <div class="govuk-main-wrapper">
            <h2 class="govuk-heading-l govuk-!-margin-bottom-2" safe>
              {t(lang, `${prefix}.events`)}
            </h2>
            <p class="govuk-body govuk-!-margin-bottom-6" safe>
              {t(lang, `${prefix}.eventsLead`)}
            </p>
            <EventCards lang={lang} events={events} />
            <div class="govuk-grid-row">
              <div class="govuk-grid-column-two-thirds">
                <h2 class="govuk-heading-l" safe>
                  {t(lang, `${prefix}.popular`)}
                </h2>
                <ServiceList lang={lang} services={popular} institutions={institutions} />
                <p class="govuk-body">
                  <a class="govuk-link" href={`${at(lang, '/search')}?audience=${audience}`} safe>
                    {t(lang, 'portal.allServices')}
                  </a>
                </p>
              </div>
              <div class="govuk-grid-column-one-third">
                <aside class="pk-aside">
                  <h2 class="govuk-heading-s" safe>
                    {t(lang, `${prefix}.other`)}
                  </h2>
                  <p class="govuk-body govuk-!-margin-bottom-0">
                    <a class="govuk-link" href={at(lang, otherPortal)} safe>
                      {t(lang, `${prefix}.otherLink`)}
                    </a>
                  </p>
                </aside>
              </div>
            </div>
          </div>
        </div>
      </>
    ),
  });
}

// ---- search ----

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
  return (
    <nav class="govuk-pagination" aria-label={t(lang, 'search.paginationLabel')}>
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={searchHref(lang, query, Math.min(page - 1, Math.max(pages, 1)))} rel="prev">
            {arrow('prev')}
            <span class="govuk-pagination__link-title">
              {e(t(lang, 'search.previous'))}
              <span class="govuk-visually-hidden">{e(` ${t(lang, 'search.page')}`)}</span>
            </span>
          </a>
        </div>
      ) : (
        ''
      )}
      <ul class="govuk-pagination__list">
        {numbers.map((n) => (
          <li class={`govuk-pagination__item${n === page ? ' govuk-pagination__item--current' : ''}`}>
            <a class="govuk-link govuk-pagination__link" href={searchHref(lang, query, n)} aria-label={t(lang, 'search.pageLink', { page: n })} {...(n === page ? { 'aria-current': 'page' } : {})}>
              {String(n)}
            </a>
          </li>
        ))}
      </ul>
      {page < pages ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={searchHref(lang, query, page + 1)} rel="next">
            <span class="govuk-pagination__link-title">
              {e(t(lang, 'search.next'))}
              <span class="govuk-visually-hidden">{e(` ${t(lang, 'search.page')}`)}</span>
            </span>
            {arrow('next')}
          </a>
        </div>
      ) : (
        ''
      )}
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

async function searchPage(catalog: CatalogService, lang: Lang, url: string, query: SearchQuery): Promise<string> {
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
  const institutions = new Map(institutionList.map((institution) => [institution.id, institution]));
  const pages = Math.ceil(result.total / PAGE_SIZE);
  const title = q ? t(lang, 'search.titleWithQuery', { q }) : t(lang, 'search.title');
  const total = q ? t(lang, 'search.totalFor', { count: result.total, q }) : t(lang, 'search.total', { count: result.total });
  const byName = (a: Institution, b: Institution): number => a.name[lang].localeCompare(b.name[lang], LOCALE[lang]);
  const eventOptions = (kind: 'life' | 'business'): JSX.Element[] => events.filter((event) => event.kind === kind).map((event) => option(event.code, event.label[lang], query.event));
  return renderPage({
    lang,
    title: pages > 1 ? `${title} (${t(lang, 'search.pageOf', { page, pages })})` : title,
    alternateUrl: pathInLang(url, otherLang(lang)),
    breadcrumbs: [{ href: at(lang, '/'), text: t(lang, 'portal.home') }],
    section: audience === 'business' ? 'business' : 'citizens',
    children: (
      <form action={at(lang, '/search')} method="get">
        <h1 class="govuk-heading-xl" safe>
          {t(lang, 'search.heading')}
        </h1>
        <div class="govuk-form-group">
          <label class="govuk-label govuk-label--s" for="q" safe>
            {t(lang, 'search.label')}
          </label>
          <div class="pk-search">
            <input class="govuk-input" id="q" name="q" type="search" value={q} maxlength="200" autocomplete="off" spellcheck="false" />
            <button type="submit" class="govuk-button" safe>
              {t(lang, 'search.button')}
            </button>
          </div>
        </div>
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
            {result.items.length > 0 ? (
              <ServiceList lang={lang} services={result.items} institutions={institutions} label={t(lang, 'search.resultsLabel')} />
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

// ---- events ----

async function eventPage(catalog: CatalogService, lang: Lang, event: CatalogEvent): Promise<string> {
  const [result, institutions] = await Promise.all([catalog.search({ lang, event: event.code, limit: 100 }), institutionMap(catalog)]);
  const business = event.kind === 'business';
  const crumbs: Breadcrumb[] = [{ href: at(lang, '/'), text: t(lang, 'portal.home') }];
  if (business) crumbs.push({ href: at(lang, '/business'), text: t(lang, 'portal.businessHome') });
  return renderPage({
    lang,
    title: event.label[lang],
    description: event.description[lang],
    alternateUrl: at(otherLang(lang), `/events/${event.code}`),
    breadcrumbs: crumbs,
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
          {result.items.length > 0 ? <ServiceList lang={lang} services={result.items} institutions={institutions} /> : <p class="govuk-body" safe>{t(lang, 'event.none')}</p>}
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

// ---- the service page ----

function ItemList({ items, lang, ordered }: { items: Item[]; lang: Lang; ordered?: boolean }): JSX.Element {
  const rows = items.map((item) => (
    <li>
      {item.description ? (
        <>
          <strong safe>{item.name[lang]}</strong>
          <br />
          {e(item.description[lang])}
        </>
      ) : (
        e(item.name[lang])
      )}
    </li>
  ));
  return ordered ? <ol class="govuk-list govuk-list--number govuk-list--spaced">{rows}</ol> : <ul class="govuk-list govuk-list--bullet govuk-list--spaced">{rows}</ul>;
}

function Row({ name, children }: { name: string; children: JSX.Element }): JSX.Element {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key" safe>
        {name}
      </dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

function ContactRows({ lang, contact }: { lang: Lang; contact: { address?: { lv: string; en: string }; openingHours?: { lv: string; en: string }; phone?: string; email?: string; url?: string } }): JSX.Element[] {
  const rows: JSX.Element[] = [];
  if (contact.address) rows.push(<Row name={t(lang, 'service.address')}>{e(contact.address[lang])}</Row>);
  if (contact.openingHours) rows.push(<Row name={t(lang, 'service.openingHours')}>{e(contact.openingHours[lang])}</Row>);
  if (contact.phone) {
    const tel = safeHref(`tel:${contact.phone.replace(/[^\d+]/g, '')}`);
    rows.push(<Row name={t(lang, 'service.phone')}>{tel ? <a class="govuk-link" href={tel} safe>{contact.phone}</a> : e(contact.phone)}</Row>);
  }
  if (contact.email) rows.push(<Row name={t(lang, 'service.email')}><a class="govuk-link" href={`mailto:${contact.email}`} safe>{contact.email}</a></Row>);
  const url = safeHref(contact.url);
  if (url) rows.push(<Row name={t(lang, 'service.url')}><a class="govuk-link" href={url} safe>{url}</a></Row>);
  return rows;
}

function ChannelBlock({ lang, channel }: { lang: Lang; channel: Channel }): JSX.Element {
  const time = channel.processingTime ? formatDuration(channel.processingTime, lang) : undefined;
  const url = safeHref(channel.url);
  const rows = ContactRows({ lang, contact: { ...channel, url: channel.type === 'online' ? undefined : url } });
  if (time) rows.push(<Row name={t(lang, 'service.channelTime')}>{e(time)}</Row>);
  return (
    <div class="pk-channel">
      <h3 class="govuk-heading-s" safe>
        {t(lang, `channel.${channel.type}`)}
      </h3>
      {channel.description ? paragraphs(channel.description[lang]) : ''}
      {rows.length > 0 ? <dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2">{rows}</dl> : ''}
      {channel.type === 'online' && url ? (
        <p class="govuk-body">
          <a class="govuk-link" href={url} safe>
            {t(lang, 'service.channelOpen')}
          </a>
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

async function servicePage(catalog: CatalogService, lang: Lang, service: Service, publicUrl: string): Promise<string> {
  const [institution, events] = await Promise.all([catalog.getInstitution(service.institutionId).catch(() => undefined), catalog.listEvents()]);
  const ownEvents = events.filter((event) => service.events.includes(event.code));
  const onlineChannel = service.channels.find((channel) => channel.type === 'online' && safeHref(channel.url));
  const startUrl = safeHref(onlineChannel?.url);
  const time = service.processingTime ? formatDuration(service.processingTime, lang) : undefined;
  const fee =
    service.costs.length === 0
      ? t(lang, 'service.free')
      : service.costs.map((cost) => (cost.value === 0 ? t(lang, 'service.free') : formatMoney(cost.value, lang, cost.currency))).join('; ');
  const business = !service.audience.includes('citizen');
  const crumbs: Breadcrumb[] = [{ href: at(lang, '/'), text: t(lang, 'portal.home') }];
  if (business) crumbs.push({ href: at(lang, '/business'), text: t(lang, 'portal.businessHome') });
  const firstEvent = ownEvents.find((event) => event.kind === (business ? 'business' : 'life')) ?? ownEvents[0];
  if (firstEvent) crumbs.push({ href: at(lang, `/events/${firstEvent.code}`), text: firstEvent.label[lang] });
  const languages = service.languages.map((code) => languageName(code, lang)).join(', ');
  const section: Section = business ? 'business' : 'citizens';

  return renderPage({
    lang,
    title: service.title[lang],
    description: service.description[lang].slice(0, 300),
    alternateUrl: portalPath(service, otherLang(lang)),
    breadcrumbs: crumbs,
    section,
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          {institution ? (
            <span class="govuk-caption-l" safe>
              {institution.name[lang]}
            </span>
          ) : (
            ''
          )}
          <h1 class="govuk-heading-xl" safe>
            {service.title[lang]}
          </h1>
          {paragraphs(service.description[lang], 'govuk-body-l')}

          <div class="pk-apply">
            {startUrl ? (
              <>
                <a href={startUrl} role="button" draggable="false" class="govuk-button govuk-button--start">
                  {e(t(lang, 'service.applyOnline'))}
                  <svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
                    <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
                  </svg>
                </a>
                <p class="govuk-hint" safe>
                  {t(lang, 'service.applyOnlineHint')}
                </p>
              </>
            ) : (
              <p class="govuk-body" safe>
                {t(lang, 'service.noOnline')}
              </p>
            )}
            <h2 class="govuk-visually-hidden" safe>
              {t(lang, 'service.facts')}
            </h2>
            <dl class="govuk-summary-list pk-facts">
              {time ? <Row name={t(lang, 'service.processingTime')}>{e(time)}</Row> : ''}
              <Row name={t(lang, 'service.fee')}>{e(fee)}</Row>
              <Row name={t(lang, 'service.audience')}>{e(service.audience.map((audience) => t(lang, `audience.${audience}`)).join(', '))}</Row>
              <Row name={t(lang, 'service.languages')}>{e(languages)}</Row>
            </dl>
          </div>

          {service.requirements.length > 0 ? (
            <section class="pk-section" aria-labelledby="requirements">
              <h2 class="govuk-heading-l" id="requirements" safe>
                {t(lang, 'service.requirements')}
              </h2>
              <ItemList items={service.requirements} lang={lang} />
            </section>
          ) : (
            ''
          )}

          {service.steps.length > 0 ? (
            <section class="pk-section" aria-labelledby="steps">
              <h2 class="govuk-heading-l" id="steps" safe>
                {t(lang, 'service.steps')}
              </h2>
              <ItemList items={service.steps} lang={lang} ordered />
            </section>
          ) : (
            ''
          )}

          <section class="pk-section" aria-labelledby="evidence">
            <h2 class="govuk-heading-l" id="evidence" safe>
              {t(lang, 'service.evidence')}
            </h2>
            {service.evidence.length > 0 ? <ItemList items={service.evidence} lang={lang} /> : <p class="govuk-body" safe>{t(lang, 'service.noEvidence')}</p>}
          </section>

          <section class="pk-section" aria-labelledby="costs">
            <h2 class="govuk-heading-l" id="costs" safe>
              {t(lang, 'service.costs')}
            </h2>
            {service.costs.length > 0 ? (
              <dl class="govuk-summary-list">
                {service.costs.map((cost) => (
                  <Row name={cost.description[lang]}>{e(cost.value === 0 ? t(lang, 'service.free') : formatMoney(cost.value, lang, cost.currency))}</Row>
                ))}
              </dl>
            ) : (
              <p class="govuk-body" safe>
                {t(lang, 'service.freeText')}
              </p>
            )}
          </section>

          {service.channels.length > 0 ? (
            <section class="pk-section" aria-labelledby="channels">
              <h2 class="govuk-heading-l" id="channels" safe>
                {t(lang, 'service.channels')}
              </h2>
              {service.channels.map((channel) => (
                <ChannelBlock lang={lang} channel={channel} />
              ))}
            </section>
          ) : (
            ''
          )}

          {service.outputs.length > 0 ? (
            <section class="pk-section" aria-labelledby="outputs">
              <h2 class="govuk-heading-l" id="outputs" safe>
                {t(lang, 'service.outputs')}
              </h2>
              <ItemList items={service.outputs} lang={lang} />
            </section>
          ) : (
            ''
          )}

          {service.legalBasis.length > 0 ? (
            <section class="pk-section" aria-labelledby="legal">
              <h2 class="govuk-heading-l" id="legal" safe>
                {t(lang, 'service.legalBasis')}
              </h2>
              <ul class="govuk-list govuk-list--bullet">
                {service.legalBasis.map((law) => {
                  const href = safeHref(law.url);
                  return (
                    <li>
                      {href ? (
                        <a class="govuk-link" href={href} safe>
                          {law.title[lang]}
                        </a>
                      ) : (
                        e(law.title[lang])
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          ) : (
            ''
          )}
        </div>

        <div class="govuk-grid-column-one-third">
          {institution ? (
            <aside class="pk-aside" aria-labelledby="provider">
              <h2 class="govuk-heading-m" id="provider" safe>
                {t(lang, 'service.provided')}
              </h2>
              <p class="govuk-body govuk-!-font-weight-bold" safe>
                {institution.name[lang]}
              </p>
              <dl class="govuk-summary-list govuk-summary-list--no-border pk-contacts">
                {ContactRows({ lang, contact: { ...institution.contactPoint, url: institution.contactPoint.url ?? institution.homepage } })}
              </dl>
            </aside>
          ) : (
            ''
          )}
          {ownEvents.length > 0 ? (
            <aside class="pk-aside" aria-labelledby="related">
              <h2 class="govuk-heading-s" id="related" safe>
                {t(lang, 'service.events')}
              </h2>
              <ul class="govuk-list">
                {ownEvents.map((event) => (
                  <li>
                    <a class="govuk-link" href={at(lang, `/events/${event.code}`)} safe>
                      {event.label[lang]}
                    </a>
                  </li>
                ))}
              </ul>
            </aside>
          ) : (
            ''
          )}
          <aside class="pk-aside" aria-labelledby="about-service">
            <h2 class="govuk-heading-s" id="about-service" safe>
              {t(lang, 'service.identifier')}
            </h2>
            <p class="govuk-body" safe>
              {service.identifier}
            </p>
            <h2 class="govuk-heading-s" safe>
              {t(lang, 'service.permalink')}
            </h2>
            <p class="govuk-body pk-permalink">
              <a class="govuk-link" href={portalPath(service, lang)} safe>
                {`${publicUrl}${portalPath(service, lang)}`}
              </a>
            </p>
          </aside>
        </div>
      </div>
    ),
  });
}

// ---- routes ----

function sendHtml(reply: FastifyReply, lang: Lang, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('content-language', lang).header('cache-control', 'no-cache').send(html);
}

/**
 * Runs a page handler so that no page answers a 500: a missing thing is the
 * HTML 404 page; anything unexpected is logged and answered with a polite 503.
 */
async function guarded(request: FastifyRequest, reply: FastifyReply, lang: Lang, render: () => Promise<FastifyReply | string>): Promise<FastifyReply> {
  try {
    const result = await render();
    return typeof result === 'string' ? sendHtml(reply, lang, 200, result) : result;
  } catch (error) {
    if (error instanceof AppError && error.kind === 'not_found') return renderNotFoundPage(request, reply);
    request.log.error({ err: error }, 'page failed');
    const html = await renderMessagePage({ lang, title: t(lang, 'error.title'), alternateUrl: at(otherLang(lang), '/'), paragraphs: [t(lang, 'error.text')] });
    return sendHtml(reply, lang, 503, html);
  }
}

export function registerCatalogPages(app: App, catalog: CatalogService, options: { publicUrl: string }): void {
  const hide = { hide: true };

  // `/en` alone is the English portal too.
  app.get('/en', { schema: hide }, async (_request, reply) => reply.redirect('/en/', 301));

  for (const lang of LANGS) {
    app.get(at(lang, '/'), { schema: hide }, async (request, reply) => guarded(request, reply, lang, () => portalPage(catalog, lang, 'citizen')));
    app.get(at(lang, '/business'), { schema: hide }, async (request, reply) => guarded(request, reply, lang, () => portalPage(catalog, lang, 'business')));

    app.get(at(lang, '/search'), { schema: { ...hide, querystring: SearchQuery }, attachValidation: true }, async (request, reply) =>
      guarded(request, reply, lang, async () => {
        if (request.validationError) {
          const html = await renderMessagePage({
            lang,
            title: t(lang, 'search.invalidTitle'),
            alternateUrl: at(otherLang(lang), '/search'),
            paragraphs: [t(lang, 'search.invalidText')],
            links: [{ href: at(lang, '/search'), text: t(lang, 'search.startAgain') }],
            breadcrumbs: [{ href: at(lang, '/'), text: t(lang, 'portal.home') }],
          });
          return sendHtml(reply, lang, 400, html);
        }
        return searchPage(catalog, lang, request.url, request.query);
      }),
    );

    app.get(at(lang, '/events/:code'), { schema: { ...hide, params: EventParams }, attachValidation: true }, async (request, reply) =>
      guarded(request, reply, lang, async () => {
        if (request.validationError) return renderNotFoundPage(request, reply);
        return eventPage(catalog, lang, await catalog.getEvent(request.params.code));
      }),
    );

    app.get(at(lang, '/services/:slug'), { schema: { ...hide, params: SlugParams }, attachValidation: true }, async (request, reply) =>
      guarded(request, reply, lang, async () => {
        if (request.validationError) return renderNotFoundPage(request, reply);
        const found = await catalog.lookup(request.params.slug);
        if (found.kind === 'missing') return renderNotFoundPage(request, reply);
        // P7: a former address keeps working and points to the current one.
        if (found.kind === 'moved') return reply.redirect(portalPath(found.service, lang), 301);
        return servicePage(catalog, lang, found.service, options.publicUrl);
      }),
    );

    // Areas that need sign-in, which arrives with the identity module.
    for (const area of ['console', 'workspace'] as const) {
      app.get(at(lang, `/${area}`), { schema: hide }, async (request, reply) =>
        guarded(request, reply, lang, async () => {
          const html = await renderMessagePage({
            lang,
            title: t(lang, `${area}.title`),
            alternateUrl: at(otherLang(lang), `/${area}`),
            section: area,
            paragraphs: [t(lang, `${area}.text`), t(lang, `${area}.notYet`)],
            links: [{ href: at(lang, '/'), text: t(lang, 'signin.backHome') }],
          });
          return sendHtml(reply, lang, 401, html);
        }),
      );
    }
  }
}
