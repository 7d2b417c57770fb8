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
import type { CatalogEvent, CatalogService, Service } from '../../../catalog/index.js';
import type { OffersService } from '../../index.js';
import { t, type OffersKey } from './offers.messages.js';
import { at, seeOther, type PageContext, type WorkspaceShell } from '../../../../platform/web/workspace.js';
import { ErrorSummary, FieldError, SuccessBanner, workspaceCrumbs } from '../../../../platform/web/workspace.components.js';
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

async function offersPage(deps: OffersPagesDeps, offers: OffersService, context: PageContext, error?: ShownError): Promise<string> {
  const { lang, principal, csrf } = context;
  const code = principal.personalCode as string;
  const [received, subscriptions, life, business, published] = await Promise.all([
    offers.received(code, 50),
    offers.subscriptions(code),
    deps.catalog.listEvents('life'),
    deps.catalog.listEvents('business'),
    deps.catalog.listAllPublished(),
  ]);
  const chosenEvents = new Set(subscriptions.filter((s) => s.kind === 'event').map((s) => s.topic));
  const followed = subscriptions.filter((s) => s.kind === 'service').map((s) => s.topic);
  const byId = new Map<string, Service>(published.map((service) => [service.id, service]));
  // Offered services may since have been withdrawn: they are still named.
  const missing = [...new Set([...received.map((offer) => offer.serviceId), ...followed])].filter((id) => !byId.has(id));
  for (const service of missing.length > 0 ? await deps.catalog.getMany(missing) : []) byId.set(service.id, service);
  const titleOf = (id: string): string => byId.get(id)?.title[lang] ?? t(lang, 'offers.gone');
  const choices = published.filter((service) => !followed.includes(service.id)).sort((a, b) => a.title[lang].localeCompare(b.title[lang], lang));
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
          <form method="post" action={at(lang, `${PATH}/services`)} novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <div class={error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
              <label class="govuk-label" for="service" safe>
                {t(lang, 'offers.addService')}
              </label>
              <div id="service-hint" class="govuk-hint" safe>
                {t(lang, 'offers.addServiceHint')}
              </div>
              <FieldError lang={lang} id="service" text={error?.text} />
              <select class={error ? 'govuk-select govuk-select--error' : 'govuk-select'} id="service" name="service" aria-describedby={error ? 'service-hint service-error' : 'service-hint'}>
                <option value="" safe>
                  {t(lang, 'offers.choose')}
                </option>
                {choices.map((service) => (
                  <option value={service.id} safe>
                    {service.title[lang]}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
              {t(lang, 'offers.subscribe')}
            </button>
          </form>
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
  /** the catalog's life events and services, to choose from and to name */
  catalog: Pick<CatalogService, 'listEvents' | 'listAllPublished' | 'getMany'>;
}

/** The offers page and its tile on the workspace's front page (P10). */
export function registerOffersWorkspacePages(shell: WorkspaceShell, deps: OffersPagesDeps): void {
  const { offers } = deps;
  shell.tile(({ lang }) => ({ href: at(lang, PATH), title: t(lang, 'home.offers'), text: t(lang, 'home.offersText') }));
  const route = (method: 'GET' | 'POST', path: string, handler: (context: PageContext, code: string) => Promise<FastifyReply | string>): void =>
    shell.route({ method, path, handler: (context) => handler(context, context.principal.personalCode as string) });
  const refuse = async (context: PageContext): Promise<FastifyReply> =>
    sendHtml(context.reply, context.lang, 400, await offersPage(deps, offers, context, { id: 'service', text: t(context.lang, 'offers.errorService') }));

  route('GET', PATH, (context) => offersPage(deps, offers, context));

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
