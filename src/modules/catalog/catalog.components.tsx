/**
 * The pieces more than one of the catalog's portal pages is built from: the
 * search box, the list of services, breadcrumbs, and the guards on what the
 * register's text and links may put into a page.
 *
 * @kitajs/html does not escape children: every dynamic text goes through
 * `safe` (leaf elements) or `e()` (mixed content). Links from the register
 * pass through `safeHref` so only http(s), mailto and tel reach a page.
 */
import { escapeHtml as e } from '@kitajs/html';
import { formatDuration, pathInLang } from '../../platform/web/i18n.js';
import type { Breadcrumb } from '../../platform/web/layout.js';
import { t } from './catalog.messages.js';
import { portalPath } from './catalog.routes.js';
import type { Audience, Institution, Lang, Service } from './catalog.schemas.js';

/** The path of a page in the given language. */
export const at = (lang: Lang, path: string): string => pathInLang(path, lang);

/** Only web, mail and phone links from the register reach a page. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const protocol = new URL(url).protocol;
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

export const hasOnline = (service: Service): boolean => service.channels.some((channel) => channel.type === 'online');

/** A processing time in words, or undefined where the register gives none. */
export const durationText = (duration: string | undefined, lang: Lang): string | undefined => (duration ? formatDuration(duration, lang) : undefined);

export function paragraphs(text: string, className = 'govuk-body'): JSX.Element[] {
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

export function institutionsById(institutions: Institution[]): Map<string, Institution> {
  return new Map(institutions.map((institution) => [institution.id, institution]));
}

/** The way back from a page: the portal's home, and the business portal for business pages. */
export function portalCrumbs(lang: Lang, business = false): Breadcrumb[] {
  const crumbs: Breadcrumb[] = [{ href: at(lang, '/'), text: t(lang, 'portal.home') }];
  if (business) crumbs.push({ href: at(lang, '/business'), text: t(lang, 'portal.businessHome') });
  return crumbs;
}

/**
 * The search box: in a portal's hero it is larger, with a hint, and keeps the
 * portal's audience; at the top of the search page it is plain. The caller
 * brings the form around it.
 */
export function SearchField({ lang, q = '', audience, hero }: { lang: Lang; q?: string; audience?: Audience; hero?: boolean }): JSX.Element {
  const id = hero ? 'hero-q' : 'q';
  return (
    <div class={hero ? 'govuk-form-group govuk-!-margin-bottom-0' : 'govuk-form-group'}>
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
        <button type="submit" class={hero ? 'govuk-button govuk-button--inverse' : 'govuk-button'} safe>
          {t(lang, 'search.button')}
        </button>
      </div>
    </div>
  );
}

export function ServiceList({ lang, services, institutions, label }: { lang: Lang; services: Service[]; institutions: Map<string, Institution>; label?: string }): JSX.Element {
  return (
    <ul class="pk-results" {...(label ? { 'aria-label': label } : {})}>
      {services.map((service) => {
        const institution = institutions.get(service.institutionId);
        const time = durationText(service.processingTime, lang);
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
