/**
 * The workspace's front page (P4): a greeting, the "whom I act for" switch
 * (P9) and the sections that exist. Also registers every workspace route; the
 * mandates pages are in mandates.pages.tsx and the form that gives a mandate
 * in mandate-form.pages.tsx.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { App } from '../../platform/http/server.js';
import { otherLang } from '../../platform/web/i18n.js';
import { renderPage } from '../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../platform/web/page.js';
import { auditContext } from '../audit/index.js';
import { ActingBanner, at, basisText, ErrorSummary, partyText, SuccessBanner } from './workspace.components.js';
import { canManageMandates, rememberChoice, seeOther, textOf, workspaceRoute, type PageContext, type WorkspaceDeps } from './workspace.context.js';
import { t } from './workspace.messages.js';
import { registerMandateFormPages } from './mandate-form.pages.js';
import { registerMandatePages } from './mandates.pages.js';
import type { NotificationsService } from '../notifications/index.js';
import { inboxSection } from './inbox.pages.js';

interface Section {
  href: string;
  title: string;
  text: string;
}

/** Only sections whose pages exist are offered (the applications pages arrive with their module). */
function sections(app: App, context: PageContext, unread?: number): Section[] {
  const { lang, acting } = context;
  const list: Section[] = [];
  // The inbox first, its unread count in its title (P10).
  if (unread !== undefined) list.push(inboxSection(lang, unread));
  list.push({ href: at(lang, '/workspace/mandates'), title: t(lang, 'home.mandates'), text: t(lang, 'home.mandatesText') });
  if (canManageMandates(acting)) list.push({ href: at(lang, '/workspace/mandates/new'), title: t(lang, 'home.newMandate'), text: t(lang, 'home.newMandateText') });
  if (app.hasRoute({ method: 'GET', url: at(lang, '/workspace/applications') })) {
    list.push({ href: at(lang, '/workspace/applications'), title: t(lang, 'home.applications'), text: t(lang, 'home.applicationsText') });
  }
  if (app.hasRoute({ method: 'GET', url: at(lang, '/workspace/offers') })) list.push({ href: at(lang, '/workspace/offers'), title: t(lang, 'home.offers'), text: t(lang, 'home.offersText') });
  if (app.hasRoute({ method: 'GET', url: at(lang, '/workspace/settings/notifications') })) {
    list.push({ href: at(lang, '/workspace/settings/notifications'), title: t(lang, 'home.notifications'), text: t(lang, 'home.notificationsText') });
  }
  list.push({ href: at(lang, '/'), title: t(lang, 'home.catalog'), text: t(lang, 'home.catalogText') });
  return list;
}

function Switch({ context, error }: { context: PageContext; error: ShownError | undefined }): JSX.Element {
  const { lang, acting, csrf } = context;
  if (acting.options.length <= 1) {
    return (
      <p class="govuk-body" safe>
        {t(lang, 'switch.onlySelf')}
      </p>
    );
  }
  return (
    <form method="post" action={at(lang, '/workspace/acting-for')} novalidate>
      <input type="hidden" name="_csrf" value={csrf} />
      <div class={error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
        <fieldset class="govuk-fieldset" aria-describedby={error ? 'party-hint party-error' : 'party-hint'}>
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
            {t(lang, 'switch.legend')}
          </legend>
          <div id="party-hint" class="govuk-hint" safe>
            {t(lang, 'switch.hint')}
          </div>
          {error ? (
            <p id="party-error" class="govuk-error-message">
              <span class="govuk-visually-hidden" safe>
                {t(lang, 'common.titleError', { title: '' })}
              </span>
              {e(error.text)}
            </p>
          ) : (
            ''
          )}
          <div class="govuk-radios" data-module="govuk-radios">
            {acting.options.map((option, index) => {
              const id = index === 0 ? 'party' : `party-${index + 1}`;
              return (
                <div class="govuk-radios__item">
                  <input class="govuk-radios__input" id={id} name="party" type="radio" value={option.party} checked={option.party === acting.current.party} aria-describedby={`${id}-basis`} />
                  <label class="govuk-label govuk-radios__label" for={id} safe>
                    {partyText(lang, option)}
                  </label>
                  <div id={`${id}-basis`} class="govuk-hint govuk-radios__hint" safe>
                    {basisText(lang, option.basis)}
                  </div>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
        {t(lang, 'switch.button')}
      </button>
    </form>
  );
}

function homePage(app: App, context: PageContext, state: { error?: ShownError; done?: string; unread?: number } = {}): Promise<string> {
  const { lang, acting, principal } = context;
  const errors = state.error ? [state.error] : [];
  const title = t(lang, 'workspace.title');
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: at(otherLang(lang), '/workspace'),
    section: 'workspace',
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <SuccessBanner lang={lang} text={state.done} />
          <ActingBanner lang={lang} acting={acting} />
          <span class="govuk-caption-l" safe>
            {title}
          </span>
          <h1 class="govuk-heading-l" safe>
            {t(lang, 'home.greeting', { name: principal.displayName ?? acting.self.party })}
          </h1>
          <p class="govuk-body-l" safe>
            {t(lang, 'home.lead')}
          </p>
          <h2 class="govuk-heading-m" id="switch" safe>
            {t(lang, 'switch.heading')}
          </h2>
          <Switch context={context} error={state.error} />
          <h2 class="govuk-heading-m" safe>
            {t(lang, 'home.sections')}
          </h2>
          <ul class="govuk-list">
            {sections(app, context, state.unread).map((section) => (
              <li class="govuk-!-margin-bottom-4">
                <a class="govuk-link govuk-link--no-visited-state govuk-!-font-weight-bold" href={section.href} safe>
                  {section.title}
                </a>
                <br />
                <span class="govuk-body-s" safe>
                  {section.text}
                </span>
              </li>
            ))}
          </ul>
          <p class="govuk-body">
            <a class="govuk-link" href={at(lang, '/logout')} safe>
              {t(lang, 'home.signOut')}
            </a>
          </p>
        </div>
      </div>
    ),
  });
}

async function chooseParty(app: App, context: PageContext, deps: WorkspaceDeps): Promise<FastifyReply | string> {
  const { request, reply, lang, principal, body } = context;
  const party = textOf(body.party);
  try {
    const right = await deps.access.resolveActingFor(principal, party);
    rememberChoice(request, reply, right.party);
    // Who acts for whom is personal data in itself: the choice is on the record.
    await deps.audit.record({ ...auditContext(request), onBehalfOf: right.party === principal.personalCode ? null : right.party, action: 'workspace.acting_for_chosen', details: { basis: right.basis } });
    return seeOther(reply, lang, '/workspace?chosen=1');
  } catch (error) {
    if (!(error instanceof AppError) || !['forbidden', 'invalid'].includes(error.kind)) throw error;
    const html = await homePage(app, context, { error: { id: 'party', text: t(lang, 'switch.noRight') } });
    return sendHtml(reply, lang, 400, html);
  }
}

export function registerWorkspacePageRoutes(app: App, deps: WorkspaceDeps, notifications?: NotificationsService): void {
  workspaceRoute(app, deps, {
    method: 'GET',
    path: '/workspace',
    handler: async (context) => {
      const chosen = textOf(context.query.chosen) === '1' && !context.acting.dropped;
      const unread = notifications ? (await notifications.inbox(context.principal.personalCode as string, { limit: 1 })).unread : undefined;
      return homePage(app, context, {
        ...(chosen ? { done: t(context.lang, 'switch.done', { party: partyText(context.lang, context.acting.current) }) } : {}),
        ...(unread === undefined ? {} : { unread }),
      });
    },
  });
  workspaceRoute(app, deps, { method: 'POST', path: '/workspace/acting-for', handler: (context) => chooseParty(app, context, deps) });
  registerMandatePages(app, deps);
  registerMandateFormPages(app, deps);
}

