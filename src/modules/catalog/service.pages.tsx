/**
 * A service's own page (P4, P7): everything a person needs before applying —
 * what it is, who may use it, requirements, steps, evidence, costs, channels,
 * results, legal basis and the provider's contacts — at its stable address.
 * Escaping as in catalog.components.tsx.
 */
import { escapeHtml as e } from '@kitajs/html';
import { boundedMemo } from '../../platform/memo.js';
import { formatMoney, LOCALE, otherLang } from '../../platform/web/i18n.js';
import { renderPage, type Section } from '../../platform/web/layout.js';
import { at, durationText, paragraphs, portalCrumbs, safeHref } from './catalog.components.js';
import { t } from './catalog.messages.js';
import { portalPath } from './catalog.routes.js';
import type { CatalogService } from './catalog.service.js';
import type { Channel, ContactPoint, Cost, Item, Lang, Service } from './catalog.schemas.js';

// A language's name, kept: building the names and looking one up cost 0.1 ms of a service page.
const languageNames = boundedMemo<string>(1_000);

function languageName(code: string, lang: Lang): string {
  try {
    return languageNames(`${lang}|${code}`, () => new Intl.DisplayNames([LOCALE[lang]], { type: 'language' }).of(code) ?? code);
  } catch {
    return code;
  }
}

/** One part of the main column, named by its heading. */
function Part({ id, heading, children }: { id: string; heading: string; children: JSX.Element | JSX.Element[] }): JSX.Element {
  return (
    <section class="pk-section" aria-labelledby={id}>
      <h2 class="govuk-heading-l" id={id} safe>
        {heading}
      </h2>
      {children}
    </section>
  );
}

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

/** A part that lists items, left out when there are none. */
function ItemPart({ id, heading, items, lang, ordered }: { id: string; heading: string; items: Item[]; lang: Lang; ordered?: boolean }): JSX.Element {
  return items.length > 0 ? (
    <Part id={id} heading={heading}>
      <ItemList items={items} lang={lang} ordered={ordered} />
    </Part>
  ) : (
    ''
  );
}

const costText = (cost: Cost, lang: Lang): string => (cost.value === 0 ? t(lang, 'service.free') : formatMoney(cost.value, lang, cost.currency));

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

function ContactRows({ lang, contact }: { lang: Lang; contact: ContactPoint }): JSX.Element[] {
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
  const time = durationText(channel.processingTime, lang);
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

/** A panel another module adds to every service's portal page (e.g. customer support's "Ask a question"); app.ts hands them in. */
export type PortalServicePanel = (props: { lang: Lang; service: Pick<Service, 'id' | 'slug' | 'institutionId'> }) => JSX.Element;

export async function servicePage(catalog: CatalogService, lang: Lang, service: Service, publicUrl: string, panels: readonly PortalServicePanel[] = []): Promise<string> {
  // The institutions as the search index keeps them (as every other portal page names them).
  const [institution, events] = await Promise.all([catalog.institutionsById().then((known) => known.get(service.institutionId)), catalog.listEvents()]);
  const ownEvents = events.filter((event) => service.events.includes(event.code));
  // Online services are applied for on the platform itself, through the service's e-form in the workspace (P2, P7).
  const startUrl = service.channels.some((channel) => channel.type === 'online') ? at(lang, `/workspace/apply/${service.slug}`) : undefined;
  const time = durationText(service.processingTime, lang);
  const fee = service.costs.length === 0 ? t(lang, 'service.free') : service.costs.map((cost) => costText(cost, lang)).join('; ');
  const business = !service.audience.includes('citizen');
  const crumbs = portalCrumbs(lang, business);
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

          <ItemPart id="requirements" heading={t(lang, 'service.requirements')} items={service.requirements} lang={lang} />

          <ItemPart id="steps" heading={t(lang, 'service.steps')} items={service.steps} lang={lang} ordered />

          <Part id="evidence" heading={t(lang, 'service.evidence')}>
            {service.evidence.length > 0 ? <ItemList items={service.evidence} lang={lang} /> : <p class="govuk-body" safe>{t(lang, 'service.noEvidence')}</p>}
          </Part>

          <Part id="costs" heading={t(lang, 'service.costs')}>
            {service.costs.length > 0 ? (
              <dl class="govuk-summary-list">
                {service.costs.map((cost) => (
                  <Row name={cost.description[lang]}>{e(costText(cost, lang))}</Row>
                ))}
              </dl>
            ) : (
              <p class="govuk-body" safe>
                {t(lang, 'service.freeText')}
              </p>
            )}
          </Part>

          {service.channels.length > 0 ? (
            <Part id="channels" heading={t(lang, 'service.channels')}>
              {service.channels.map((channel) => (
                <ChannelBlock lang={lang} channel={channel} />
              ))}
            </Part>
          ) : (
            ''
          )}

          <ItemPart id="outputs" heading={t(lang, 'service.outputs')} items={service.outputs} lang={lang} />

          {service.legalBasis.length > 0 ? (
            <Part id="legal" heading={t(lang, 'service.legalBasis')}>
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
            </Part>
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
          {panels.map((Panel) => (
            <Panel lang={lang} service={service} />
          ))}
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
