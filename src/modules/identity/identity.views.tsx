/**
 * The sign-in pages' markup: the demo identity provider's list of people, the
 * consent question, "sign-in is not available", and the pages the OpenID
 * provider itself shows (logout question, signed out, errors). GOV.UK Frontend
 * classes inside the platform's layout; plain forms, no JavaScript.
 *
 * @kitajs/html does not escape children: every dynamic text goes through `safe`.
 */
import { renderMessagePage, renderPage } from '../../platform/web/layout.js';
import { pathInLang, type Lang } from '../../platform/web/i18n.js';
import { t } from './identity.messages.js';

import { CSRF_FIELD } from '../../platform/http/csrf.js';
import { WarningText } from '../../platform/web/fields.js';

export { CSRF_FIELD };

/**
 * A Content-Security-Policy whose form-action also admits `origins`: a form
 * whose answer redirects to a client (the relying party) must be allowed to,
 * or browsers stop the redirect.
 */
export function withFormTargets(csp: string, origins: string[]): string {
  const extra = origins.filter((origin) => /^https?:\/\/[^\s;'",]+$/.test(origin));
  if (extra.length === 0) return csp;
  const directives = csp.split(';').map((part) => part.trim()).filter(Boolean);
  const index = directives.findIndex((directive) => directive.startsWith('form-action'));
  if (index === -1) return csp;
  directives[index] = `${directives[index]} ${extra.join(' ')}`;
  return directives.join(';');
}

export interface DemoPerson {
  id: string;
  name: string;
  personalCode: string;
}

function Caption({ lang, client }: { lang: Lang; client: string | undefined }): JSX.Element {
  return client ? (
    <span class="govuk-caption-l" safe>
      {t(lang, 'signIn.to', { client })}
    </span>
  ) : (
    ''
  );
}

export function renderDemoPage(props: {
  lang: Lang;
  action: string;
  abortAction: string;
  alternateUrl: string;
  csrf: string;
  client?: string | undefined;
  persons: DemoPerson[];
  /** sign in with the national eID instead, when it is configured */
  eidUrl?: string | undefined;
}): Promise<string> {
  const { lang, action, abortAction, alternateUrl, csrf, client, persons, eidUrl } = props;
  return renderPage({
    lang,
    title: t(lang, 'demo.title'),
    alternateUrl,
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Caption lang={lang} client={client} />
          <h1 class="govuk-heading-l" safe>
            {t(lang, 'demo.title')}
          </h1>
          <WarningText text={t(lang, 'demo.warning')} />
          <p class="govuk-body" safe>
            {t(lang, 'demo.lead')}
          </p>
          <form method="post" action={action} novalidate>
            <input type="hidden" name={CSRF_FIELD} value={csrf} />
            <h2 class="govuk-heading-m" safe>
              {t(lang, 'demo.personsLabel')}
            </h2>
            <ul class="govuk-list">
              {persons.map((person) => (
                <li>
                  <button type="submit" name="person" value={person.id} class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" data-module="govuk-button">
                    <span class="govuk-!-font-weight-bold" safe>
                      {person.name}
                    </span>
                    <br />
                    <span safe>{t(lang, 'demo.personCode', { code: person.personalCode })}</span>
                  </button>
                </li>
              ))}
            </ul>
          </form>
          <p class="govuk-body-s" safe>
            {t(lang, 'demo.level')}
          </p>
          {eidUrl ? (
            <p class="govuk-body">
              <a class="govuk-link" href={eidUrl} safe>
                {t(lang, 'demo.eid')}
              </a>
            </p>
          ) : (
            ''
          )}
          <form method="post" action={abortAction} novalidate>
            <input type="hidden" name={CSRF_FIELD} value={csrf} />
            <button type="submit" class="govuk-button govuk-button--secondary" safe>
              {t(lang, 'cancel')}
            </button>
          </form>
        </div>
      </div>
    ),
  });
}

export function renderConsentPage(props: { lang: Lang; action: string; alternateUrl: string; csrf: string; client: string; scopes: string[] }): Promise<string> {
  const { lang, action, alternateUrl, csrf, client, scopes } = props;
  const describe = (scope: string): string => {
    switch (scope) {
      case 'openid':
      case 'profile':
      case 'email':
      case 'personal_code':
      case 'offline_access':
        return t(lang, `scope.${scope}`);
      default:
        return t(lang, 'scope.api', { scope });
    }
  };
  return renderPage({
    lang,
    title: t(lang, 'consent.title'),
    alternateUrl,
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Caption lang={lang} client={client} />
          <h1 class="govuk-heading-l" safe>
            {t(lang, 'consent.title')}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'consent.lead', { client })}
          </p>
          <ul class="govuk-list govuk-list--bullet">
            {scopes.map((scope) => (
              <li safe>{describe(scope)}</li>
            ))}
          </ul>
          <form method="post" action={action} novalidate>
            <input type="hidden" name={CSRF_FIELD} value={csrf} />
            <div class="govuk-button-group">
              <button type="submit" name="decision" value="allow" class="govuk-button" safe>
                {t(lang, 'consent.allow')}
              </button>
              <button type="submit" name="decision" value="deny" class="govuk-button govuk-button--secondary" safe>
                {t(lang, 'consent.deny')}
              </button>
            </div>
          </form>
        </div>
      </div>
    ),
  });
}

export function renderUnavailablePage(lang: Lang, alternateUrl: string): Promise<string> {
  return renderMessagePage({
    lang,
    title: t(lang, 'unavailable.title'),
    alternateUrl,
    paragraphs: [t(lang, 'unavailable.lead'), t(lang, 'unavailable.later')],
    links: [{ href: pathInLang('/', lang), text: t(lang, 'home') }],
  });
}

export function renderSignInFailedPage(lang: Lang, alternateUrl: string, detail: string): Promise<string> {
  return renderMessagePage({
    lang,
    title: t(lang, 'error.title'),
    alternateUrl,
    paragraphs: [detail, t(lang, 'error.again')],
    links: [{ href: pathInLang('/', lang), text: t(lang, 'home') }],
  });
}

/** The provider's logout question; `form` is the provider's own hidden form (action and xsrf value it escaped). */
export function renderLogoutConfirmPage(lang: Lang, form: string): Promise<string> {
  return renderPage({
    lang,
    title: t(lang, 'logout.title'),
    alternateUrl: pathInLang('/', lang === 'lv' ? 'en' : 'lv'),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l" safe>
            {t(lang, 'logout.title')}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'logout.lead')}
          </p>
          {form}
          <div class="govuk-button-group">
            <button type="submit" form="op.logoutForm" name="logout" value="yes" class="govuk-button" safe>
              {t(lang, 'logout.yes')}
            </button>
            <button type="submit" form="op.logoutForm" class="govuk-button govuk-button--secondary" safe>
              {t(lang, 'logout.no')}
            </button>
          </div>
        </div>
      </div>
    ),
  });
}

export function renderLoggedOutPage(lang: Lang): Promise<string> {
  return renderMessagePage({
    lang,
    title: t(lang, 'loggedOut.title'),
    alternateUrl: pathInLang('/', lang === 'lv' ? 'en' : 'lv'),
    paragraphs: [t(lang, 'loggedOut.lead')],
    links: [{ href: pathInLang('/', lang), text: t(lang, 'home') }],
  });
}

export function renderProviderErrorPage(lang: Lang, error: string, description: string | undefined): Promise<string> {
  return renderMessagePage({
    lang,
    title: t(lang, 'error.title'),
    alternateUrl: pathInLang('/', lang === 'lv' ? 'en' : 'lv'),
    paragraphs: [t(lang, 'error.lead'), description ? `${error}: ${description}` : error, t(lang, 'error.again')],
    links: [{ href: pathInLang('/', lang), text: t(lang, 'home') }],
  });
}

/** The portal's "sign out" page: one button, and an option to sign out everywhere. */
export function renderSignOutPage(props: { lang: Lang; name: string; csrf: string; returnTo: string }): Promise<string> {
  const { lang, name, csrf, returnTo } = props;
  return renderPage({
    lang,
    title: t(lang, 'signOut.title'),
    alternateUrl: pathInLang('/logout', lang === 'lv' ? 'en' : 'lv'),
    section: 'workspace',
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l" safe>
            {t(lang, 'signOut.title')}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'signOut.lead', { name })}
          </p>
          <form method="post" action="/logout" novalidate>
            <input type="hidden" name={CSRF_FIELD} value={csrf} />
            <input type="hidden" name="returnTo" value={returnTo} />
            <div class="govuk-form-group">
              <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                <div class="govuk-checkboxes__item">
                  <input class="govuk-checkboxes__input" id="everywhere" name="everywhere" type="checkbox" value="1" aria-describedby="everywhere-hint" />
                  <label class="govuk-label govuk-checkboxes__label" for="everywhere" safe>
                    {t(lang, 'signOut.everywhere')}
                  </label>
                  <div id="everywhere-hint" class="govuk-hint govuk-checkboxes__hint" safe>
                    {t(lang, 'signOut.everywhereHint')}
                  </div>
                </div>
              </div>
            </div>
            <button type="submit" class="govuk-button" safe>
              {t(lang, 'signOut.button')}
            </button>
          </form>
        </div>
      </div>
    ),
  });
}
