/**
 * The pieces the workspace pages are built from: the "you are acting for"
 * banner, parties in words, status tags, the error summary and inline errors
 * and the success banner. Plain HTML: nothing here needs JavaScript. Sending a
 * page, its title and dates in words are in platform/web.
 *
 * @kitajs/html does not escape children: every dynamic text goes through
 * `safe` (leaf elements) or `e()`; attribute values are escaped by the library.
 */
import { escapeHtml as e } from '@kitajs/html';
import { pathInLang, type Lang } from '../../platform/web/i18n.js';
import type { Breadcrumb } from '../../platform/web/layout.js';
import { ErrorSummary as PageErrorSummary, type ShownError } from '../../platform/web/page.js';
import type { Basis, Mandate } from '../access/index.js';
import type { Acting, ActingParty } from './workspace.context.js';
import { t } from './workspace.messages.js';

/** The path of a workspace page in the given language. */
export const at = (lang: Lang, path: string): string => pathInLang(path, lang);

export const workspaceCrumbs = (lang: Lang, ...more: Breadcrumb[]): Breadcrumb[] => [{ href: at(lang, '/workspace'), text: t(lang, 'workspace.title') }, ...more];

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

/** The error summary under the workspace's heading. */
export function ErrorSummary({ lang, errors }: { lang: Lang; errors: ShownError[] }): JSX.Element {
  return PageErrorSummary({ title: t(lang, 'common.errorSummary'), errors });
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
