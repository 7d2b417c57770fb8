/**
 * The public list of ideas for a service (P14): newest or most supported,
 * each with its state and the institution's answer, never who wrote it.
 * Proposing and supporting happen in the workspace (signed in, one vote each).
 */
import { escapeHtml as e } from '@kitajs/html';
import type { App } from '../../../../platform/http/server.js';
import { renderNotFoundPage } from '../../../../platform/web/assets.js';
import { otherLang, pathInLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { AppError } from '../../../../platform/errors.js';
import type { Service } from '../../../catalog/index.js';
import type { Idea, IdeasService } from '../../ideas.service.js';
import { t } from './portal.messages.js';

export const serviceIdeasPage = (slug: string): string => `/ideas/services/${slug}`;
/** workspace pages (participation's own): proposing and one idea with its support button */
const proposePath = (slug: string): string => `/workspace/ideas/new?service=${slug}`;
const ideaPath = (id: string): string => `/workspace/ideas/${id}`;

const STATE_TAG: Record<Idea['state'], string> = { proposed: 'govuk-tag--grey', under_review: 'govuk-tag--blue', planned: 'govuk-tag--turquoise', done: 'govuk-tag--green', declined: 'govuk-tag--red' };

export function IdeaState({ lang, idea }: { lang: Lang; idea: Idea }): JSX.Element {
  return (
    <strong class={`govuk-tag ${STATE_TAG[idea.state]}`} safe>
      {t(lang, `ideas.state.${idea.state}`)}
    </strong>
  );
}

function IdeaList({ lang, ideas, services }: { lang: Lang; ideas: Idea[]; services?: Map<string, Service> }): JSX.Element {
  if (ideas.length === 0) return <p class="govuk-body" safe>{t(lang, 'ideas.none')}</p>;
  return (
    <ul class="govuk-list" id="ideas">
      {ideas.map((idea) => (
        <li class="govuk-!-margin-bottom-6" data-idea={idea.id}>
          {services?.get(idea.serviceId) ? (
            <span class="govuk-caption-s" safe>
              {services.get(idea.serviceId)?.title[lang] ?? ''}
            </span>
          ) : (
            ''
          )}
          <h2 class="govuk-heading-s govuk-!-margin-bottom-1" safe>
            {idea.title}
          </h2>
          <p class="govuk-body-s govuk-!-margin-bottom-1">
            <IdeaState lang={lang} idea={idea} /> {e(t(lang, 'ideas.supporters', { count: idea.supporters }))}
          </p>
          <p class="govuk-body govuk-!-margin-bottom-1" safe>
            {idea.body}
          </p>
          {idea.stateReason ? (
            <p class="govuk-inset-text govuk-!-margin-top-1 govuk-!-margin-bottom-1" safe>
              {t(lang, 'ideas.answer', { reason: idea.stateReason })}
            </p>
          ) : (
            ''
          )}
          <a class="govuk-link" href={pathInLang(ideaPath(idea.id), lang)}>
            {e(t(lang, 'ideas.support'))}
            <span class="govuk-visually-hidden" safe>
              {t(lang, 'ideas.supportHidden', { title: idea.title })}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

export const institutionIdeasPage = (code: string): string => `/ideas/institutions/${code}`;

function OrderLinks({ lang, self, order }: { lang: Lang; self: string; order: 'newest' | 'supported' }): JSX.Element {
  return (
    <p class="govuk-body">
      {e(t(lang, 'ideas.order'))}{' '}
      {order === 'newest' ? (
        <strong safe>{t(lang, 'ideas.newest')}</strong>
      ) : (
        <a class="govuk-link" href={pathInLang(self, lang)} safe>
          {t(lang, 'ideas.newest')}
        </a>
      )}{' '}
      |{' '}
      {order === 'supported' ? (
        <strong safe>{t(lang, 'ideas.supported')}</strong>
      ) : (
        <a class="govuk-link" href={`${pathInLang(self, lang)}?order=supported`} safe>
          {t(lang, 'ideas.supported')}
        </a>
      )}
    </p>
  );
}

export function registerIdeasPages(app: App, ideas: IdeasService): void {
  for (const lang of ['lv', 'en'] as const) {
    app.get(pathInLang('/ideas/services/:slug', lang), { schema: { hide: true } }, async (request, reply) => {
      const slug = String((request.params as { slug?: string }).slug ?? '');
      const order = (request.query as { order?: unknown }).order === 'supported' ? 'supported' : 'newest';
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return renderNotFoundPage(request, reply);
      let found: Awaited<ReturnType<IdeasService['ideasOfService']>>;
      try {
        found = await ideas.ideasOfService(slug, order);
      } catch (error) {
        if (error instanceof AppError && error.kind === 'not_found') return renderNotFoundPage(request, reply);
        throw error;
      }
      const { service } = found;
      const title = t(lang, 'ideas.title', { service: service.title[lang] });
      const self = serviceIdeasPage(service.slug);
      const html = await renderPage({
        lang,
        title,
        alternateUrl: pathInLang(self, otherLang(lang)) + (order === 'supported' ? '?order=supported' : ''),
        path: pathInLang(self, lang),
        children: (
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
              <h1 class="govuk-heading-l" safe>
                {title}
              </h1>
              <p class="govuk-body" safe>
                {t(lang, 'ideas.lead')}
              </p>
              <a class="govuk-button" data-module="govuk-button" href={pathInLang(proposePath(service.slug), lang)} safe>
                {t(lang, 'ideas.propose')}
              </a>
              <OrderLinks lang={lang} self={self} order={order} />
              <IdeaList lang={lang} ideas={found.ideas} />
              <p class="govuk-body">
                <a class="govuk-link" href={pathInLang(`/services/${service.slug}`, lang)} safe>
                  {t(lang, 'ideas.serviceLink')}
                </a>
              </p>
            </div>
          </div>
        ),
      });
      return reply.code(200).type('text/html; charset=utf-8').header('content-language', lang).header('cache-control', 'no-cache').send(html);
    });
  }
}

/** The ideas for all of an institution's services, newest or most supported. */
export function registerInstitutionIdeasPages(app: App, ideas: IdeasService): void {
  for (const lang of ['lv', 'en'] as const) {
    app.get(pathInLang('/ideas/institutions/:code', lang), { schema: { hide: true } }, async (request, reply) => {
      const code = String((request.params as { code?: string }).code ?? '');
      const order = (request.query as { order?: unknown }).order === 'supported' ? 'supported' : 'newest';
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(code)) return renderNotFoundPage(request, reply);
      let found: Awaited<ReturnType<IdeasService['ideasOfInstitution']>>;
      try {
        found = await ideas.ideasOfInstitution(code, order);
      } catch (error) {
        if (error instanceof AppError && error.kind === 'not_found') return renderNotFoundPage(request, reply);
        throw error;
      }
      const title = t(lang, 'ideas.titleInstitution', { institution: found.institution.name[lang] });
      const self = institutionIdeasPage(found.institution.code);
      const html = await renderPage({
        lang,
        title,
        alternateUrl: pathInLang(self, otherLang(lang)) + (order === 'supported' ? '?order=supported' : ''),
        path: pathInLang(self, lang),
        children: (
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
              <h1 class="govuk-heading-l" safe>
                {title}
              </h1>
              <p class="govuk-body" safe>
                {t(lang, 'ideas.leadInstitution')}
              </p>
              <OrderLinks lang={lang} self={self} order={order} />
              <IdeaList lang={lang} ideas={found.ideas} services={new Map(found.services.map((service) => [service.id, service]))} />
            </div>
          </div>
        ),
      });
      return reply.code(200).type('text/html; charset=utf-8').header('content-language', lang).header('cache-control', 'no-cache').send(html);
    });
  }
}
