/**
 * The catalog's portal pages (P1, P4, P7): the citizen and business portals,
 * search with filters, life-event and business-event pages and each service's
 * page with everything a person needs before applying. Latvian at the root,
 * English under /en/. Plain HTML forms: nothing here needs JavaScript.
 *
 * This file holds the two portals' home pages and the routes of every page;
 * search and event pages are in search.pages.tsx, the service page in
 * service.pages.tsx, and the pieces they share in catalog.components.tsx
 * (which also says how text and links are escaped).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { App } from '../../platform/http/server.js';
import { renderNotFoundPage } from '../../platform/web/assets.js';
import { LANGS, otherLang } from '../../platform/web/i18n.js';
import { renderMessagePage, renderPage, type MessagePageProps } from '../../platform/web/layout.js';
import { at, hasOnline, institutionsById, portalCrumbs, SearchField, ServiceList } from './catalog.components.js';
import { t } from './catalog.messages.js';
import { portalPath } from './catalog.routes.js';
import type { CatalogService } from './catalog.service.js';
import type { Audience, CatalogEvent, Lang, Service } from './catalog.schemas.js';
import { eventPage, SearchQuery, searchPage } from './search.pages.js';
import { servicePage, type PortalServicePanel } from './service.pages.js';

const EventParams = Type.Object({ code: Type.String({ pattern: '^[a-z0-9-]{1,60}$' }) });
const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9-]{1,120}$' }) });

// ---- the portals ----

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

async function portalPage(catalog: CatalogService, lang: Lang, audience: Audience): Promise<string> {
  const kind = audience === 'citizen' ? 'life' : 'business';
  const prefix = audience === 'citizen' ? 'home' : 'business';
  const [events, offered, institutions] = await Promise.all([catalog.listEvents(kind), catalog.search({ lang, audience, limit: 100 }), catalog.listInstitutions()]);
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
                <form action={at(lang, '/search')} method="get" role="search" class="govuk-!-margin-bottom-0">
                  <SearchField lang={lang} audience={audience} hero />
                </form>
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
                <ServiceList lang={lang} services={popular} institutions={institutionsById(institutions)} />
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

// ---- routes ----

function sendHtml(reply: FastifyReply, lang: Lang, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('content-language', lang).header('cache-control', 'no-cache').send(html);
}

async function sendMessagePage(reply: FastifyReply, status: number, page: MessagePageProps): Promise<FastifyReply> {
  return sendHtml(reply, page.lang, status, await renderMessagePage(page));
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
    return sendMessagePage(reply, 503, { lang, title: t(lang, 'error.title'), alternateUrl: at(otherLang(lang), '/'), paragraphs: [t(lang, 'error.text')] });
  }
}

export function registerCatalogPages(app: App, catalog: CatalogService, options: { publicUrl: string; servicePanels?: readonly PortalServicePanel[] }): void {
  const hide = { hide: true };

  // `/en` alone is the English portal too.
  app.get('/en', { schema: hide }, async (_request, reply) => reply.redirect('/en/', 301));

  for (const lang of LANGS) {
    app.get(at(lang, '/'), { schema: hide }, async (request, reply) => guarded(request, reply, lang, () => portalPage(catalog, lang, 'citizen')));
    app.get(at(lang, '/business'), { schema: hide }, async (request, reply) => guarded(request, reply, lang, () => portalPage(catalog, lang, 'business')));

    app.get(at(lang, '/search'), { schema: { ...hide, querystring: SearchQuery }, attachValidation: true }, async (request, reply) =>
      guarded(request, reply, lang, async () => {
        if (request.validationError) {
          return sendMessagePage(reply, 400, {
            lang,
            title: t(lang, 'search.invalidTitle'),
            alternateUrl: at(otherLang(lang), '/search'),
            paragraphs: [t(lang, 'search.invalidText')],
            links: [{ href: at(lang, '/search'), text: t(lang, 'search.startAgain') }],
            breadcrumbs: portalCrumbs(lang),
          });
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
        const found = await catalog.lookup(request.params.slug, { recent: true });
        if (found.kind === 'missing') return renderNotFoundPage(request, reply);
        // P7: a former address keeps working and points to the current one.
        if (found.kind === 'moved') return reply.redirect(portalPath(found.service, lang), 301);
        return servicePage(catalog, lang, found.service, options.publicUrl, options.servicePanels);
      }),
    );

  }
}
