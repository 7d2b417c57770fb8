/**
 * Ideas in the workspace (P14): proposing an idea for a service, one idea
 * with its support button (one vote per person; not one's own), and "my
 * ideas" with the states and answers the institutions gave. Plain forms.
 * Ideas are the signed-in person's own, whomever they act for.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { TextArea, TextInput, WarningText } from '../../../../platform/web/fields.js';
import { textOf } from '../../../../platform/web/form-values.js';
import { formatDate, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import { at, seeOther, type PageContext, type WorkspaceShell } from '../../../../platform/web/workspace.js';
import { ErrorSummary, SuccessBanner, workspaceCrumbs } from '../../../../platform/web/workspace.components.js';
import type { CatalogService } from '../../../catalog/index.js';
import type { Idea, IdeasService } from '../../ideas.service.js';
import { t } from './workspace.messages.js';

const MINE = '/workspace/ideas';
const NEW = '/workspace/ideas/new';
const ideaPath = (id: string): string => `/workspace/ideas/${id}`;
const publicList = (slug: string): string => `/ideas/services/${slug}`;

export interface IdeasPagesDeps {
  ideas: IdeasService;
  catalog: Pick<CatalogService, 'getMany' | 'lookup'>;
}

const me = (context: PageContext): string => context.principal.personalCode ?? '';

function StateTag({ lang, idea }: { lang: Lang; idea: Idea }): JSX.Element {
  return (
    <strong class="govuk-tag" safe>
      {t(lang, `ideas.state.${idea.state}`)}
    </strong>
  );
}

async function minePage(deps: IdeasPagesDeps, context: PageContext): Promise<string> {
  const { lang } = context;
  const ideas = await deps.ideas.myIdeas(me(context));
  const services = new Map((await deps.catalog.getMany([...new Set(ideas.map((idea) => idea.serviceId))])).map((service) => [service.id, service]));
  const title = t(lang, 'ideas.mine');
  return renderPage({
    lang,
    title,
    alternateUrl: at(otherLang(lang), MINE),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <SuccessBanner lang={lang} text={textOf(context.query.done) === 'proposed' ? t(lang, 'ideas.proposed') : undefined} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'ideas.mineLead')}
          </p>
          {ideas.length === 0 ? (
            <p class="govuk-body" safe>
              {t(lang, 'ideas.mineNone')}
            </p>
          ) : (
            <dl class="govuk-summary-list" id="my-ideas">
              {ideas.map((idea) => (
                <div class="govuk-summary-list__row" data-idea={idea.id}>
                  <dt class="govuk-summary-list__key">
                    <a class="govuk-link" href={at(lang, ideaPath(idea.id))} safe>
                      {idea.title}
                    </a>
                    <span class="govuk-body-s govuk-!-display-block" safe>
                      {services.get(idea.serviceId)?.title[lang] ?? ''}
                    </span>
                  </dt>
                  <dd class="govuk-summary-list__value">
                    <StateTag lang={lang} idea={idea} />
                    {idea.hiddenReason ? (
                      <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0" safe>
                        {t(lang, 'ideas.hidden', { reason: idea.hiddenReason })}
                      </p>
                    ) : (
                      ''
                    )}
                    {idea.stateReason ? (
                      <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0" safe>
                        {idea.stateReason}
                      </p>
                    ) : (
                      ''
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      </div>
    ),
  });
}

async function newPage(deps: IdeasPagesDeps, context: PageContext, state: { title?: string; body?: string; errors?: { title?: string; body?: string } } = {}): Promise<string> {
  const { lang, csrf } = context;
  const slug = textOf(context.query.service) || textOf(context.body.service);
  const found = /^[a-z0-9-]{1,120}$/.test(slug) ? await deps.catalog.lookup(slug) : { kind: 'missing' as const };
  if (found.kind === 'missing') throw new AppError('participation.unknown-service', 'not_found', 'No such service.');
  const service = found.service;
  const errors: ShownError[] = [...(state.errors?.title ? [{ id: 'title', text: state.errors.title }] : []), ...(state.errors?.body ? [{ id: 'body', text: state.errors.body }] : [])];
  const title = t(lang, 'ideas.new');
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: `${at(otherLang(lang), NEW)}?service=${service.slug}`,
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang, { href: at(lang, MINE), text: t(lang, 'ideas.mine') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <span class="govuk-caption-l" safe>
            {t(lang, 'ideas.newCaption', { service: service.title[lang] })}
          </span>
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'ideas.newLead')}
          </p>
          <form method="post" action={at(lang, NEW)} novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="service" value={service.slug} />
            <TextInput lang={lang} name="title" label={t(lang, 'ideas.titleLabel')} labelClass="govuk-label--s" value={state.title ?? ''} error={state.errors?.title} />
            <TextArea lang={lang} name="body" label={t(lang, 'ideas.bodyLabel')} labelClass="govuk-label--s" hint={t(lang, 'ideas.bodyHint')} value={state.body ?? ''} error={state.errors?.body} rows={6} />
            <button type="submit" class="govuk-button" data-module="govuk-button" safe>
              {t(lang, 'ideas.send')}
            </button>
          </form>
        </div>
      </div>
    ),
  });
}

async function propose(deps: IdeasPagesDeps, context: PageContext): Promise<FastifyReply | string> {
  const { lang, body, reply } = context;
  const title = textOf(body.title);
  const text = textOf(body.body);
  const errors = {
    ...(!title || title.length > 120 ? { title: t(lang, 'ideas.errorTitle') } : {}),
    ...(!text || text.length > 4000 ? { body: t(lang, 'ideas.errorBody') } : {}),
  };
  if (errors.title || errors.body) return sendHtml(reply, lang, 400, await newPage(deps, context, { title, body: text, errors }));
  await deps.ideas.proposeIdea(me(context), textOf(body.service), { title, body: text });
  return seeOther(reply, lang, `${MINE}?done=proposed`);
}

async function ideaPage(deps: IdeasPagesDeps, context: PageContext, status = 200): Promise<FastifyReply | string> {
  const { lang, csrf, reply } = context;
  const idea = await deps.ideas.getIdea(context.params.id ?? '', me(context));
  const [standing, [service]] = await Promise.all([deps.ideas.standing(me(context), idea.id), deps.catalog.getMany([idea.serviceId])]);
  const done = textOf(context.query.done) === 'supported';
  const html = await renderPage({
    lang,
    title: idea.title,
    alternateUrl: at(otherLang(lang), ideaPath(idea.id)),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang, { href: at(lang, MINE), text: t(lang, 'ideas.mine') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <SuccessBanner lang={lang} text={done ? t(lang, 'ideas.supportedDone') : undefined} />
          {service ? (
            <span class="govuk-caption-l" safe>
              {service.title[lang]}
            </span>
          ) : (
            ''
          )}
          <h1 class="govuk-heading-l" safe>
            {idea.title}
          </h1>
          <p class="govuk-body" safe>
            {idea.body}
          </p>
          <dl class="govuk-summary-list" id="idea">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key" safe>
                {t(lang, 'ideas.state')}
              </dt>
              <dd class="govuk-summary-list__value" id="idea-state">
                <StateTag lang={lang} idea={idea} />
                {idea.stateChangedAt ? e(` ${formatDate(idea.stateChangedAt, lang)}`) : ''}
              </dd>
            </div>
            {idea.stateReason ? (
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key" safe>
                  {t(lang, 'ideas.reason')}
                </dt>
                <dd class="govuk-summary-list__value" id="idea-reason" safe>
                  {idea.stateReason}
                </dd>
              </div>
            ) : (
              ''
            )}
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key" safe>
                {t(lang, 'ideas.supporters')}
              </dt>
              <dd class="govuk-summary-list__value" id="supporters" safe>
                {String(idea.supporters)}
              </dd>
            </div>
          </dl>
          {idea.hiddenReason ? (
            <WarningText id="hidden" text={t(lang, 'ideas.hidden', { reason: idea.hiddenReason })} />
          ) : (
            ''
          )}
          {standing.author ? (
            <p class="govuk-body" id="own" safe>
              {t(lang, 'ideas.own')}
            </p>
          ) : standing.supports ? (
            <p class="govuk-body" id="supported" safe>
              {t(lang, 'ideas.already')}
            </p>
          ) : (
            <form method="post" action={at(lang, `${ideaPath(idea.id)}/support`)}>
              <input type="hidden" name="_csrf" value={csrf} />
              <button type="submit" class="govuk-button" data-module="govuk-button" safe>
                {t(lang, 'ideas.support')}
              </button>
            </form>
          )}
          {service ? (
            <p class="govuk-body">
              <a class="govuk-link" href={at(lang, publicList(service.slug))} safe>
                {t(lang, 'ideas.publicList')}
              </a>
            </p>
          ) : (
            ''
          )}
        </div>
      </div>
    ),
  });
  return sendHtml(reply, lang, status, html);
}

export function registerIdeasWorkspacePages(shell: WorkspaceShell, deps: IdeasPagesDeps): void {
  shell.tile(({ lang }) => ({ href: at(lang, MINE), title: t(lang, 'home.ideas'), text: t(lang, 'home.ideasText') }));
  shell.route({ method: 'GET', path: MINE, handler: (context) => minePage(deps, context) });
  shell.route({ method: 'GET', path: NEW, handler: (context) => newPage(deps, context) });
  shell.route({ method: 'POST', path: NEW, handler: (context) => propose(deps, context) });
  shell.route({ method: 'GET', path: ideaPath(':id'), handler: (context) => ideaPage(deps, context) });
  shell.route({
    method: 'POST',
    path: `${ideaPath(':id')}/support`,
    handler: async (context) => {
      try {
        await deps.ideas.supportIdea(me(context), context.params.id ?? '');
      } catch (error) {
        if (error instanceof AppError && error.kind === 'conflict') return ideaPage(deps, context, 409);
        throw error;
      }
      return seeOther(context.reply, context.lang, `${ideaPath(context.params.id ?? '')}?done=supported`);
    },
  });
}
