/**
 * The offers page (P10): the offers the person received, and the life events,
 * business events and services they follow. Plain forms, no JavaScript. The
 * choices are the signed-in person's own, whomever they act for.
 */
import { escapeHtml as e } from '@kitajs/html';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { formatDate, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import type { CatalogEvent, CatalogService, SearchResult, Service } from '../../../catalog/index.js';
import type { OffersService } from '../../index.js';
import { t, type OffersKey } from './offers.messages.js';
import { at, seeOther, type PageContext, type WorkspaceShell } from '../../../../platform/web/workspace.js';
import { ErrorSummary, SuccessBanner, workspaceCrumbs } from '../../../../platform/web/workspace.components.js';
import { TextInput } from '../../../../platform/web/fields.js';
import { listOf, readForm, textOf } from '../../../../platform/web/form-values.js';

const PATH = '/workspace/offers';
const DONE: Record<string, OffersKey> = { saved: 'offers.saved', subscribed: 'offers.subscribed', unsubscribed: 'offers.unsubscribed' };

function EventBoxes({ lang, legend, kind, events, chosen }: { lang: Lang; legend: string; kind: string; events: CatalogEvent[]; chosen: Set<string> }): JSX.Element {
  return (
    <div class="govuk-form-group">
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
          {legend}
        </legend>
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          {events.map((event, index) => {
            const id = index === 0 ? `event-${kind}` : `event-${kind}-${index + 1}`;
            return (
              <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id={id} name="event" type="checkbox" value={event.code} checked={chosen.has(event.code)} />
                <label class="govuk-label govuk-checkboxes__label" for={id} safe>
                  {event.label[lang]}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** The services a search found, each with its own form to follow it (one already followed says so). */
function Found({ lang, csrf, q, found, followed }: { lang: Lang; csrf: string; q: string; found: SearchResult; followed: Set<string> }): JSX.Element {
  if (found.items.length === 0)
    return (
      <p class="govuk-body" safe>
        {t(lang, 'offers.foundNone', { q })}
      </p>
    );
  return (
    <>
      <h3 class="govuk-heading-s" safe>
        {t(lang, 'offers.found')}
      </h3>
      <ul class="govuk-list">
        {found.items.map((service) => (
          <li>
            <form method="post" action={at(lang, `${PATH}/services`)} novalidate class="govuk-!-margin-bottom-2">
              <input type="hidden" name="_csrf" value={csrf} />
              <input type="hidden" name="service" value={service.id} />
              <a class="govuk-link" href={at(lang, `/services/${service.slug}`)} safe>
                {service.title[lang]}
              </a>{' '}
              {followed.has(service.id) ? (
                <strong class="govuk-tag govuk-tag--grey" safe>
                  {t(lang, 'offers.following')}
                </strong>
              ) : (
                <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                  {e(t(lang, 'offers.subscribe'))}
                  <span class="govuk-visually-hidden" safe>
                    {t(lang, 'offers.subscribeHidden', { service: service.title[lang] })}
                  </span>
                </button>
              )}
            </form>
          </li>
        ))}
      </ul>
      {found.total > found.items.length ? (
        <p class="govuk-hint" safe>
          {t(lang, 'offers.foundMore', { shown: found.items.length, total: found.total })}
        </p>
      ) : (
        ''
      )}
    </>
  );
}

/** How many services a search for one to follow shows. */
const FOUND_LIMIT = 10;

/** What the person searched for to follow (`?q=`), trimmed; undefined when they did not search. */
const searchedFor = (context: PageContext): string | undefined => (context.query.q === undefined ? undefined : textOf(context.query.q).trim().slice(0, 200));

/**
 * The page. A service to follow is found by a word of its name and chosen from the first few found: the register
 * holds thousands of services (a list of them all was a page of 1 MB with 10,000 options over the search bench's).
 */
async function offersPage(deps: OffersPagesDeps, offers: OffersService, context: PageContext, error?: ShownError): Promise<string> {
  const { lang, principal, csrf } = context;
  const code = principal.personalCode as string;
  const q = searchedFor(context);
  const [received, subscriptions, life, business, found] = await Promise.all([
    offers.received(code, 50),
    offers.subscriptions(code),
    deps.catalog.listEvents('life'),
    deps.catalog.listEvents('business'),
    q ? deps.catalog.search({ q, lang, limit: FOUND_LIMIT }) : undefined,
  ]);
  const chosenEvents = new Set(subscriptions.filter((s) => s.kind === 'event').map((s) => s.topic));
  const followed = subscriptions.filter((s) => s.kind === 'service').map((s) => s.topic);
  // The services followed and offered, by id: withdrawn ones since are still named.
  const named = [...new Set([...received.map((offer) => offer.serviceId), ...followed])];
  const byId = new Map<string, Service>((named.length > 0 ? await deps.catalog.getMany(named) : []).map((service) => [service.id, service]));
  const titleOf = (id: string): string => byId.get(id)?.title[lang] ?? t(lang, 'offers.gone');
  const done = DONE[textOf(context.query.done)];
  const errors = error ? [error] : [];
  const title = t(lang, 'offers.title');
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: at(otherLang(lang), PATH),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <SuccessBanner lang={lang} text={done ? t(lang, done) : undefined} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body-l" safe>
            {t(lang, 'offers.lead')}
          </p>
          <h2 class="govuk-heading-m" id="received" safe>
            {t(lang, 'offers.received')}
          </h2>
          {received.length === 0 ? (
            <p class="govuk-body" safe>
              {t(lang, 'offers.receivedNone')}
            </p>
          ) : (
            <ul class="govuk-list govuk-list--spaced">
              {received.map((offer) => {
                const service = byId.get(offer.serviceId);
                return (
                  <li>
                    {service ? (
                      <a class="govuk-link govuk-!-font-weight-bold" href={at(lang, `/services/${service.slug}`)} safe>
                        {service.title[lang]}
                      </a>
                    ) : (
                      <strong safe>{titleOf(offer.serviceId)}</strong>
                    )}
                    <br />
                    <span class="govuk-body-s" safe>
                      {t(lang, `offers.reason.${offer.trigger}`, { date: formatDate(offer.createdAt, lang) })}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}

          <form method="post" action={at(lang, `${PATH}/events`)} novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <h2 class="govuk-heading-m" safe>
              {t(lang, 'offers.events')}
            </h2>
            <p class="govuk-body" safe>
              {t(lang, 'offers.eventsHint')}
            </p>
            <EventBoxes lang={lang} legend={t(lang, 'offers.life')} kind="life" events={life} chosen={chosenEvents} />
            <EventBoxes lang={lang} legend={t(lang, 'offers.business')} kind="business" events={business} chosen={chosenEvents} />
            <button type="submit" class="govuk-button" data-module="govuk-button" safe>
              {t(lang, 'offers.saveEvents')}
            </button>
          </form>

          <h2 class="govuk-heading-m" safe>
            {t(lang, 'offers.services')}
          </h2>
          {followed.length === 0 ? (
            <p class="govuk-body" safe>
              {t(lang, 'offers.servicesNone')}
            </p>
          ) : (
            <ul class="govuk-list">
              {followed.map((id) => (
                <li>
                  <form method="post" action={at(lang, `${PATH}/services/remove`)} novalidate class="govuk-!-margin-bottom-2">
                    <input type="hidden" name="_csrf" value={csrf} />
                    <input type="hidden" name="service" value={id} />
                    <span class="govuk-body" safe>
                      {titleOf(id)}
                    </span>{' '}
                    <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                      {e(t(lang, 'offers.unsubscribe'))}
                      <span class="govuk-visually-hidden" safe>
                        {t(lang, 'offers.unsubscribeHidden', { service: titleOf(id) })}
                      </span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
          <form method="get" action={`${at(lang, PATH)}#service`} novalidate>
            {/* The search's own name (q); its id is the one a refused choice of a found service leads to as well. */}
            <TextInput
              lang={lang}
              name="q"
              id="service"
              type="search"
              width="two-thirds"
              label={t(lang, 'offers.addService')}
              hint={t(lang, 'offers.addServiceHint')}
              error={error?.text}
              value={q ?? ''}
              spellcheck={false}
            />
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
              {t(lang, 'offers.find')}
            </button>
          </form>
          {found ? <Found lang={lang} csrf={csrf} q={q as string} found={found} followed={new Set(followed)} /> : ''}
        </div>
      </div>
    ),
  });
}

/** The forms' bodies (urlencoded: a repeated field arrives as an array). */
const EventsForm = Type.Object({ event: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 500 })])) });
const ServiceForm = Type.Object({ service: Type.Optional(Type.String({ maxLength: 200 })) });

const notFound = (error: unknown): boolean => error instanceof AppError && error.kind === 'not_found';

export interface OffersPagesDeps {
  offers: OffersService;
  /** the catalog's life events, its search (to find a service to follow) and its services by id (to name them) */
  catalog: Pick<CatalogService, 'listEvents' | 'search' | 'getMany'>;
}

/** The offers page and its tile on the workspace's front page (P10). */
export function registerOffersWorkspacePages(shell: WorkspaceShell, deps: OffersPagesDeps): void {
  const { offers } = deps;
  shell.tile(({ lang }) => ({ href: at(lang, PATH), title: t(lang, 'home.offers'), text: t(lang, 'home.offersText') }));
  const route = (method: 'GET' | 'POST', path: string, handler: (context: PageContext, code: string) => Promise<FastifyReply | string>): void =>
    shell.route({ method, path, handler: (context) => handler(context, context.principal.personalCode as string) });
  const refuse = async (context: PageContext): Promise<FastifyReply> =>
    sendHtml(context.reply, context.lang, 400, await offersPage(deps, offers, context, { id: 'service', text: t(context.lang, 'offers.errorService') }));

  route('GET', PATH, async (context) => {
    // A search with no word: the field says what to type.
    if (searchedFor(context) === '') return sendHtml(context.reply, context.lang, 400, await offersPage(deps, offers, context, { id: 'service', text: t(context.lang, 'offers.errorFind') }));
    return offersPage(deps, offers, context);
  });

  route('POST', `${PATH}/events`, async (context, code) => {
    // Only a forged form does not fit or names an event the catalog does not have: the page shows the choices again.
    const again = async (): Promise<FastifyReply> => sendHtml(context.reply, context.lang, 400, await offersPage(deps, offers, context));
    const form = readForm(EventsForm, context.body);
    if (!form) return again();
    try {
      await offers.setEvents(code, listOf(form.event));
    } catch (error) {
      if (!notFound(error)) throw error;
      return again();
    }
    return seeOther(context.reply, context.lang, `${PATH}?done=saved`);
  });

  route('POST', `${PATH}/services`, async (context, code) => {
    const form = readForm(ServiceForm, context.body);
    if (!form) return refuse(context);
    try {
      await offers.subscribe(code, 'service', textOf(form.service));
    } catch (error) {
      if (!notFound(error)) throw error;
      return refuse(context);
    }
    return seeOther(context.reply, context.lang, `${PATH}?done=subscribed`);
  });

  route('POST', `${PATH}/services/remove`, async (context, code) => {
    const form = readForm(ServiceForm, context.body);
    if (!form) return refuse(context);
    await offers.unsubscribe(code, 'service', textOf(form.service));
    return seeOther(context.reply, context.lang, `${PATH}?done=unsubscribed`);
  });
}
