/**
 * The pieces the workspace pages are built from: the "you are acting for"
 * banner, parties and dates in words, status tags, the error summary and
 * inline errors, the success banner, and sending a page. Plain HTML: nothing
 * here needs JavaScript.
 *
 * @kitajs/html does not escape children: every dynamic text goes through
 * `safe` (leaf elements) or `e()`; attribute values are escaped by the library.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply } from 'fastify';
import { LOCALE, pathInLang, type Lang } from '../../platform/web/i18n.js';
import type { Breadcrumb } from '../../platform/web/layout.js';
import type { Basis, Mandate } from '../access/index.js';
import type { Acting, ActingParty } from './workspace.context.js';
import { t } from './workspace.messages.js';

/** An error as a page shows it: the id of the field it links to, and the message. */
export interface ShownError {
  id: string;
  text: string;
}

/** The path of a workspace page in the given language. */
export const at = (lang: Lang, path: string): string => pathInLang(path, lang);

export const workspaceCrumbs = (lang: Lang, ...more: Breadcrumb[]): Breadcrumb[] => [{ href: at(lang, '/workspace'), text: t(lang, 'workspace.title') }, ...more];

export function sendHtml(reply: FastifyReply, lang: Lang, status: number, html: string): FastifyReply {
  // Workspace pages show personal data: never kept by a cache.
  return reply.code(status).type('text/html; charset=utf-8').header('content-language', lang).header('cache-control', 'no-store').send(html);
}

/** A page's title, marked when the page shows errors (GOV.UK: "Error: …"). */
export const pageTitle = (lang: Lang, title: string, errors: readonly unknown[] = []): string => (errors.length > 0 ? t(lang, 'common.titleError', { title }) : title);

export function formatDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Riga' }).format(new Date(iso));
}

export function formatDateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Riga' }).format(new Date(iso));
}

/** "Anna Kalniņa (230390-11113)", 'SIA "Demo Būve" (reģ. nr. 40003012340)'; the code alone when no register names the party. */
export function partyText(lang: Lang, party: { party: string; partyKind: 'person' | 'company'; name?: string | undefined }): string {
  if (!party.name) return t(lang, party.partyKind === 'company' ? 'common.unknownCompany' : 'common.unknownPerson', { code: party.party });
  return party.partyKind === 'company' ? `${party.name} (${t(lang, 'common.regNo', { code: party.party })})` : `${party.name} (${party.party})`;
}

export const basisText = (lang: Lang, basis: Basis): string => t(lang, `basis.${basis}`);

/** A party of a mandate (grantor or representative) in words. */
export function mandatePartyText(lang: Lang, code: string, kind: 'person' | 'company', names: Map<string, string>): string {
  return partyText(lang, { party: code, partyKind: kind, name: names.get(code) });
}

const STATUS_CLASS: Record<Mandate['status'], string> = {
  pending: 'govuk-tag--yellow',
  active: 'govuk-tag--green',
  scheduled: 'govuk-tag--blue',
  expired: 'govuk-tag--grey',
  revoked: 'govuk-tag--red',
};

export function StatusTag({ lang, status }: { lang: Lang; status: Mandate['status'] }): JSX.Element {
  return (
    <strong class={`govuk-tag ${STATUS_CLASS[status]}`} safe>
      {t(lang, `status.${status}`)}
    </strong>
  );
}

/**
 * Shown at the top of every workspace page: whom the person acts for, on
 * which ground, and the way to change it; and, when an earlier choice has
 * just been dropped, why they now act for themselves.
 */
export function ActingBanner({ lang, acting }: { lang: Lang; acting: Acting }): JSX.Element {
  const { current } = acting;
  return (
    <>
      {acting.dropped ? (
        <div class="govuk-notification-banner" role="region" aria-labelledby="acting-dropped-title" data-module="govuk-notification-banner">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="acting-dropped-title" safe>
              {t(lang, 'common.important')}
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading" safe>
              {t(lang, 'acting.fellBack', { party: acting.dropped })}
            </p>
          </div>
        </div>
      ) : (
        ''
      )}
      <div class="govuk-inset-text govuk-!-margin-top-0" id="acting-for" data-party={current.party}>
        {e(t(lang, 'acting.label'))}:{' '}
        <strong safe>{partyText(lang, current)}</strong>
        {current.basis === 'self' ? '' : e(`, ${basisText(lang, current.basis)}`)}.{' '}
        <a class="govuk-link" href={`${at(lang, '/workspace')}#switch`}>
          {e(t(lang, 'acting.change'))}
          <span class="govuk-visually-hidden" safe>
            {t(lang, 'acting.changeHidden')}
          </span>
        </a>
      </div>
    </>
  );
}

export function ErrorSummary({ lang, errors }: { lang: Lang; errors: ShownError[] }): JSX.Element {
  if (errors.length === 0) return <></>;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title" safe>
          {t(lang, 'common.errorSummary')}
        </h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li>
                <a href={`#${error.id}`} safe>
                  {error.text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** The inline message of one field (GOV.UK: a visually hidden "Error:" before it). */
export function FieldError({ lang, id, text }: { lang: Lang; id: string; text: string | undefined }): JSX.Element {
  if (!text) return <></>;
  return (
    <p id={`${id}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden" safe>
        {t(lang, 'common.titleError', { title: '' })}
      </span>
      {e(text)}
    </p>
  );
}

/** The banner after a change: green "Success", or a neutral "Important" when things turned out otherwise. */
export function SuccessBanner({ lang, text, important }: { lang: Lang; text: string | undefined; important?: boolean }): JSX.Element {
  if (!text) return <></>;
  return (
    <div
      class={important ? 'govuk-notification-banner' : 'govuk-notification-banner govuk-notification-banner--success'}
      role={important ? 'region' : 'alert'}
      aria-labelledby="banner-title"
      data-module="govuk-notification-banner"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="banner-title" safe>
          {t(lang, important ? 'common.important' : 'common.success')}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading" safe>
          {text}
        </p>
      </div>
    </div>
  );
}

/** The parties of `acting` by code, for naming mandates' grantors and representatives. */
export function knownNames(acting: Acting): Map<string, string> {
  const names = new Map<string, string>();
  for (const party of [acting.self, acting.current, ...acting.options] as ActingParty[]) if (party.name) names.set(party.party, party.name);
  return names;
}
