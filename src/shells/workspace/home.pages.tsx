/**
 * The workspace's front page: a greeting, the "whom I act for" switch and the
 * tiles the modules registered (each asked on every visit, so a tile can show
 * an unread count or appear only when it applies), then the way back to the
 * portal and out.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { readForm, textOf } from '../../platform/web/form-values.js';
import { otherLang } from '../../platform/web/i18n.js';
import { renderPage } from '../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../platform/web/page.js';
import { ActingBanner, ErrorSummary, SuccessBanner } from '../../platform/web/workspace.components.js';
import { t as ui } from '../../platform/web/workspace.messages.js';
import { at, seeOther, workspaceReturn, type ActingResolver, type PageContext, type TileSource, type WorkspaceRoute, type WorkspaceTile } from '../../platform/web/workspace.js';
import { t } from './shell.messages.js';
import { rememberChoice } from './workspace.guard.js';

async function tilesOf(sources: readonly TileSource[], context: PageContext): Promise<WorkspaceTile[]> {
  const offered = await Promise.all(sources.map((source) => source(context)));
  const tiles = offered.flatMap((tile) => (tile === undefined ? [] : Array.isArray(tile) ? tile : [tile]));
  // The portal's catalog last: where to find a service that is not yet in the workspace.
  return [...tiles, { href: at(context.lang, '/'), title: t(context.lang, 'home.catalog'), text: t(context.lang, 'home.catalogText') }];
}

function Switch({ context, error, onlySelf }: { context: PageContext; error: ShownError | undefined; onlySelf: string }): JSX.Element {
  const { lang, acting, csrf } = context;
  // Opened from another page's "Change" link: the choice leads back there.
  const returnTo = workspaceReturn(context.query.returnTo) ?? workspaceReturn(context.body.returnTo);
  if (acting.options.length <= 1) {
    return (
      <p class="govuk-body" safe>
        {onlySelf}
      </p>
    );
  }
  return (
    <form method="post" action={at(lang, '/workspace/acting-for')} novalidate>
      <input type="hidden" name="_csrf" value={csrf} />
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : ''}
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
                {ui(lang, 'common.titleError', { title: '' })}
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
                    {option.text}
                  </label>
                  <div id={`${id}-basis`} class="govuk-hint govuk-radios__hint" safe>
                    {option.basisText}
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

async function homePage(resolver: ActingResolver, sources: readonly TileSource[], context: PageContext, state: { error?: ShownError; done?: string } = {}): Promise<string> {
  const { lang, acting, principal } = context;
  const errors = state.error ? [state.error] : [];
  const title = ui(lang, 'workspace.title');
  const tiles = await tilesOf(sources, context);
  const texts = resolver.texts(lang);
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
            {texts.lead}
          </p>
          <h2 class="govuk-heading-m" id="switch" safe>
            {t(lang, 'switch.heading')}
          </h2>
          <Switch context={context} error={state.error} onlySelf={texts.onlySelf} />
          <h2 class="govuk-heading-m" safe>
            {t(lang, 'home.sections')}
          </h2>
          <ul class="govuk-list">
            {tiles.map((tile) => (
              <li class="govuk-!-margin-bottom-4">
                <a class="govuk-link govuk-link--no-visited-state govuk-!-font-weight-bold" href={tile.href} safe>
                  {tile.title}
                </a>
                <br />
                <span class="govuk-body-s" safe>
                  {tile.text}
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

/** The switch's form: one party's code (none means oneself). */
const ChoiceForm = Type.Object({ party: Type.Optional(Type.String({ maxLength: 64 })), returnTo: Type.Optional(Type.String({ maxLength: 500 })) });

async function chooseParty(resolver: ActingResolver, sources: readonly TileSource[], context: PageContext): Promise<FastifyReply | string> {
  const { request, reply, lang, principal } = context;
  const form = readForm(ChoiceForm, context.body);
  const right = form ? await resolver.choose(request, principal, textOf(form.party), lang) : undefined;
  if (right) {
    rememberChoice(request, reply, right.party);
    const back = workspaceReturn(form?.returnTo);
    return back ? reply.redirect(back, 303) : seeOther(reply, lang, '/workspace?chosen=1');
  }
  const html = await homePage(resolver, sources, context, { error: { id: 'party', text: t(lang, 'switch.noRight') } });
  return sendHtml(reply, lang, 400, html);
}

export interface HomeRoutes {
  home: WorkspaceRoute;
  choose: WorkspaceRoute;
}

/** The front page and the switch's form, over the tiles registered so far (and any registered later). */
export function homeRoutes(resolver: ActingResolver, sources: readonly TileSource[]): HomeRoutes {
  return {
    home: {
      method: 'GET',
      path: '/workspace',
      handler: async (context) => {
        const chosen = textOf(context.query.chosen) === '1' && !context.acting.dropped;
        return homePage(resolver, sources, context, chosen ? { done: t(context.lang, 'switch.done', { party: context.acting.current.text }) } : {});
      },
    },
    choose: { method: 'POST', path: '/workspace/acting-for', handler: (context) => chooseParty(resolver, sources, context) },
  };
}
