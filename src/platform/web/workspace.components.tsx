/**
 * The pieces every workspace page is built from, whichever module owns it:
 * the "you are acting for" banner, the error summary and inline errors, the
 * success banner and the breadcrumb back to the workspace. Plain HTML: nothing
 * here needs JavaScript. Sending a page, its title and dates in words are in
 * page.tsx and i18n.ts.
 *
 * @kitajs/html does not escape children: every dynamic text goes through
 * `safe` (leaf elements) or `e()`; attribute values are escaped by the library.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { Lang } from './i18n.js';
import type { Breadcrumb } from './layout.js';
import { ErrorSummary as PageErrorSummary, type ShownError } from './page.js';
import { at, switchPath, type Acting } from './workspace.js';
import { t } from './workspace.messages.js';

export const workspaceCrumbs = (lang: Lang, ...more: Breadcrumb[]): Breadcrumb[] => [{ href: at(lang, '/workspace'), text: t(lang, 'workspace.title') }, ...more];

/**
 * Shown at the top of every workspace page: whom the person acts for, on
 * which ground, and the way to change it; and, when an earlier choice has
 * just been dropped, why they now act for themselves. `returnTo`: the page to
 * come back to after changing (e.g. the step of a form), else the front page.
 */
export function ActingBanner({ lang, acting, returnTo }: { lang: Lang; acting: Acting; returnTo?: string }): JSX.Element {
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
        <strong safe>{current.text}</strong>
        {current.basis === 'self' ? '' : e(`, ${current.basisText}`)}.{' '}
        <a class="govuk-link" href={switchPath(lang, returnTo)}>
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
