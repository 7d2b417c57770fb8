/**
 * Ideas in the console (P14): the service managers of an institution see the
 * ideas for its services and answer each with a state and a public reason;
 * the author sees the answer in their workspace. Platform administrators
 * also hide an idea with a reason (moderation; the author sees why). Plain
 * forms with CSRF.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { at, consoleCrumbs, queryValue, seeOther, type ConsoleShell, type PageContext, type Staff } from '../../../../platform/web/console.js';
import { Csrf, ErrorSummary, Select, SuccessBanner, TextArea } from '../../../../platform/web/fields.js';
import { otherLang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import type { CatalogService } from '../../../catalog/index.js';
import { ANSWER_STATES, type IdeasService, type IdeaState } from '../../ideas.service.js';
import { t } from './console.messages.js';

const PATH = '/console/participation/ideas';

export interface IdeasConsoleDeps {
  ideas: IdeasService;
  catalog: Pick<CatalogService, 'listInstitutions' | 'getMany'>;
}

const institutionsOf = async (deps: IdeasConsoleDeps, staff: Staff): Promise<string[]> =>
  staff.platformAdmin ? (await deps.catalog.listInstitutions()).map((institution) => institution.id) : staff.managerOf;

async function ideasPage(deps: IdeasConsoleDeps, context: PageContext, failed?: { id: string; state?: string; reason?: string; hide?: string; errors: { state?: string; reason?: string; hide?: string } }): Promise<string> {
  const { lang, staff, csrf } = context;
  const ideas = await deps.ideas.ideasFor(await institutionsOf(deps, staff));
  const services = new Map((await deps.catalog.getMany([...new Set(ideas.map((idea) => idea.serviceId))])).map((service) => [service.id, service]));
  const errors: ShownError[] = failed
    ? [
        ...(failed.errors.state ? [{ id: `state-${failed.id}`, text: failed.errors.state }] : []),
        ...(failed.errors.reason ? [{ id: `reason-${failed.id}`, text: failed.errors.reason }] : []),
        ...(failed.errors.hide ? [{ id: `hide-${failed.id}`, text: failed.errors.hide }] : []),
      ]
    : [];
  const title = t(lang, 'ideas.title');
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: at(otherLang(lang), PATH),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang),
    children: (
      <>
        <ErrorSummary lang={lang} errors={errors} />
        <SuccessBanner lang={lang} text={queryValue(context.query.done) === 'saved' ? t(lang, 'ideas.saved') : undefined} />
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <p class="govuk-body" safe>
          {t(lang, 'ideas.lead')}
        </p>
        {ideas.length === 0 ? (
          <p class="govuk-body" safe>
            {t(lang, 'ideas.none')}
          </p>
        ) : (
          ideas.map((idea) => {
            const mine = failed?.id === idea.id ? failed : undefined;
            return (
              <section class="govuk-!-margin-bottom-8" aria-labelledby={`idea-${idea.id}`} data-idea={idea.id}>
                <span class="govuk-caption-m" safe>
                  {services.get(idea.serviceId)?.title[lang] ?? ''}
                </span>
                <h2 class="govuk-heading-m" id={`idea-${idea.id}`} safe>
                  {idea.title}
                </h2>
                <p class="govuk-body" safe>
                  {idea.body}
                </p>
                {idea.hiddenReason ? (
                  <p class="govuk-body-s" id={`hidden-${idea.id}`} safe>
                    {t(lang, 'ideas.hiddenNote', { reason: idea.hiddenReason })}
                  </p>
                ) : (
                  ''
                )}
                <p class="govuk-body-s" safe>
                  {`${t(lang, 'ideas.current', { state: t(lang, `ideas.state.${idea.state}`) })} · ${t(lang, 'ideas.supporters', { count: idea.supporters })}`}
                </p>
                <form method="post" action={at(lang, `${PATH}/${idea.id}/state`)} novalidate>
                  <Csrf token={csrf} />
                  <Select
                    lang={lang}
                    name={`state-${idea.id}`}
                    label={t(lang, 'ideas.state')}
                    value={mine?.state ?? idea.state}
                    error={mine?.errors.state}
                    options={ANSWER_STATES.map((state) => ({ value: state, text: t(lang, `ideas.state.${state}`) }))}
                  />
                  <TextArea lang={lang} name={`reason-${idea.id}`} label={t(lang, 'ideas.reason')} value={mine?.reason ?? idea.stateReason ?? ''} error={mine?.errors.reason} rows={3} />
                  <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
                    {e(t(lang, 'ideas.save'))}
                    <span class="govuk-visually-hidden" safe>
                      {t(lang, 'ideas.saveHidden', { title: idea.title })}
                    </span>
                  </button>
                </form>
                {staff.platformAdmin && !idea.hiddenReason ? (
                  <form method="post" action={at(lang, `${PATH}/${idea.id}/hide`)} novalidate>
                    <Csrf token={csrf} />
                    <TextArea lang={lang} name={`hide-${idea.id}`} label={t(lang, 'ideas.hideReason')} value={mine?.hide ?? ''} error={mine?.errors.hide} rows={2} />
                    <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">
                      {e(t(lang, 'ideas.hide'))}
                      <span class="govuk-visually-hidden" safe>
                        {t(lang, 'ideas.saveHidden', { title: idea.title })}
                      </span>
                    </button>
                  </form>
                ) : (
                  ''
                )}
              </section>
            );
          })
        )}
      </>
    ),
  });
}

async function saveState(deps: IdeasConsoleDeps, context: PageContext): Promise<FastifyReply | string> {
  const { lang, staff, body, reply } = context;
  const id = context.params.id ?? '';
  const state = typeof body[`state-${id}`] === 'string' ? (body[`state-${id}`] as string) : '';
  const reason = typeof body[`reason-${id}`] === 'string' ? (body[`reason-${id}`] as string).trim() : '';
  const errors = {
    ...(!(ANSWER_STATES as readonly string[]).includes(state) ? { state: t(lang, 'ideas.errorState') } : {}),
    ...(!reason || reason.length > 2000 ? { reason: t(lang, 'ideas.errorReason') } : {}),
  };
  if (errors.state || errors.reason) return sendHtml(reply, lang, 400, await ideasPage(deps, context, { id, state, reason, errors }));
  try {
    await deps.ideas.setIdeaState({ personalCode: staff.principal.personalCode ?? '', institutionIds: await institutionsOf(deps, staff) }, id, state as IdeaState, reason);
  } catch (error) {
    if (error instanceof AppError && error.kind === 'forbidden') return context.forbidden('services');
    throw error;
  }
  return seeOther(reply, lang, `${PATH}?done=saved`);
}

export function registerIdeasConsolePages(shell: ConsoleShell, deps: IdeasConsoleDeps): void {
  shell.tile({ path: PATH, title: (lang) => t(lang, 'ideas.tile'), text: (lang) => t(lang, 'ideas.tileText'), shows: (staff) => staff.platformAdmin || staff.managerOf.length > 0, order: 36 });
  shell.route({ method: 'GET', path: PATH, need: 'services', handler: (context) => ideasPage(deps, context) });
  shell.route({ method: 'POST', path: `${PATH}/:id/state`, need: 'services', handler: (context) => saveState(deps, context) });
  shell.route({
    method: 'POST',
    path: `${PATH}/:id/hide`,
    need: 'platform',
    handler: async (context) => {
      const { lang, staff, body, reply } = context;
      const id = context.params.id ?? '';
      const reason = typeof body[`hide-${id}`] === 'string' ? (body[`hide-${id}`] as string).trim() : '';
      if (!reason || reason.length > 2000) return sendHtml(reply, lang, 400, await ideasPage(deps, context, { id, hide: reason, errors: { hide: t(lang, 'ideas.errorHide') } }));
      await deps.ideas.hideIdea({ personalCode: staff.principal.personalCode ?? '', platformAdmin: staff.platformAdmin }, id, reason);
      return seeOther(reply, lang, `${PATH}?done=saved`);
    },
  });
}
