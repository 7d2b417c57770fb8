/**
 * "Was this page useful?" on every page (P14; SDG Regulation 2020/1121 Art. 6–7):
 * the form the layout shows above its footer, and the routes it posts to.
 * Plain forms, POST-redirect-GET, no JavaScript. After "No" the sender may add
 * one comment through a one-time key in the next page's address.
 *
 * No CSRF token: the form is anonymous and borrows no one's session (a signed-in
 * person's feedback is stored exactly as anyone's), and a token would need a
 * cookie on every public page. A cross-site post is refused by its
 * Sec-Fetch-Site/Origin headers instead, and every network is rate-limited.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import type { App } from '../../../../platform/http/server.js';
import { TextArea } from '../../../../platform/web/fields.js';
import { textOf } from '../../../../platform/web/form-values.js';
import { langOfPath, otherLang, pathInLang, type Lang } from '../../../../platform/web/i18n.js';
import { LinkList, renderPage } from '../../../../platform/web/layout.js';
import { ErrorSummary, pageTitle, sendHtml } from '../../../../platform/web/page.js';
import { cleanPath, MAX_COMMENT, type ParticipationService } from '../../participation.service.js';
import { t } from './portal.messages.js';

export const FEEDBACK_PATH = '/feedback';
const COMMENT_PATH = '/feedback/comment';
const THANKS_PATH = '/feedback/thanks';

/** A service's portal page (either portal, either language): its slug. */
const SERVICE_PAGE = /^(?:\/en)?(?:\/business)?\/services\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/**
 * The form every page shows above its footer (the layout's page-end slot); on
 * a service's page also the links to its public figures and its ideas.
 */
export function PageFeedbackForm({ lang, path }: { lang: Lang; path: string }): JSX.Element {
  const slug = SERVICE_PAGE.exec(path)?.[1];
  return (
    <div class="govuk-width-container">
      {slug ? (
        <nav class="govuk-!-padding-top-4" aria-label={t(lang, 'feedback.serviceLinks')}>
          <ul class="govuk-list govuk-!-margin-bottom-0" id="participation-links">
            <li>
              <a class="govuk-link" href={pathInLang(`/performance/services/${slug}`, lang)} safe>
                {t(lang, 'feedback.performanceLink')}
              </a>
            </li>
            <li>
              <a class="govuk-link" href={pathInLang(`/ideas/services/${slug}`, lang)} safe>
                {t(lang, 'feedback.ideasLink')}
              </a>
            </li>
          </ul>
        </nav>
      ) : (
        ''
      )}
      <section class="govuk-!-padding-top-4 govuk-!-margin-bottom-6" aria-labelledby="pk-feedback-question" id="page-feedback">
        <form method="post" action={pathInLang(FEEDBACK_PATH, lang)}>
          <input type="hidden" name="page" value={path} />
          <h2 class="govuk-heading-s" id="pk-feedback-question" safe>
            {t(lang, 'feedback.question')}
          </h2>
          <div class="govuk-button-group govuk-!-margin-bottom-0">
            <button type="submit" name="useful" value="yes" class="govuk-button govuk-button--secondary" data-module="govuk-button">
              {e(t(lang, 'feedback.yes'))}
              <span class="govuk-visually-hidden" safe>
                {t(lang, 'feedback.yesHidden')}
              </span>
            </button>
            <button type="submit" name="useful" value="no" class="govuk-button govuk-button--secondary" data-module="govuk-button">
              {e(t(lang, 'feedback.no'))}
              <span class="govuk-visually-hidden" safe>
                {t(lang, 'feedback.noHidden')}
              </span>
            </button>
          </div>
          <p class="govuk-body-s govuk-!-margin-bottom-0" safe>
            {t(lang, 'feedback.anonymous')}
          </p>
        </form>
      </section>
    </div>
  );
}

/** Whether a POST came from another site's page (browsers say so; other clients need no protection here). */
function crossSite(request: FastifyRequest, publicUrl: string): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return false;
  return origin !== new URL(publicUrl).origin && origin !== `${request.protocol}://${request.host}`;
}

/** The page to go back to: a path of this site in the page's language (never another site). */
const backTo = (value: unknown, lang: Lang): string => {
  const path = cleanPath(textOf(value));
  return path ? pathInLang(path, lang) : pathInLang('/', lang);
};

async function messagePage(reply: FastifyReply, lang: Lang, status: number, title: string, text: string, back: string, selfPath: string): Promise<FastifyReply> {
  const html = await renderPage({
    lang,
    title,
    alternateUrl: pathInLang(selfPath, otherLang(lang)),
    path: pathInLang(selfPath, lang),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {text}
          </p>
          <LinkList links={[{ href: back, text: t(lang, 'feedback.back') }]} />
        </div>
      </div>
    ),
  });
  return sendHtml(reply, lang, status, html);
}

async function commentPage(reply: FastifyReply, lang: Lang, status: number, state: { page: string; key: string; comment?: string; error?: string }): Promise<FastifyReply> {
  const title = t(lang, 'feedback.commentTitle');
  const errors = state.error ? [{ id: 'comment', text: state.error }] : [];
  const query = `?page=${encodeURIComponent(state.page)}&key=${encodeURIComponent(state.key)}`;
  const html = await renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: pathInLang(COMMENT_PATH, otherLang(lang)) + query,
    path: pathInLang(COMMENT_PATH, lang),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary title={t(lang, 'feedback.errorTitle')} errors={errors} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'feedback.commentLead')}
          </p>
          <form method="post" action={pathInLang(COMMENT_PATH, lang)} novalidate>
            <input type="hidden" name="page" value={state.page} />
            <input type="hidden" name="key" value={state.key} />
            <TextArea lang={lang} name="comment" label={t(lang, 'feedback.commentLabel')} labelClass="govuk-label--s" hint={t(lang, 'feedback.commentHint')} error={state.error} value={state.comment ?? ''} rows={5} />
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button" data-module="govuk-button" safe>
                {t(lang, 'feedback.send')}
              </button>
              <a class="govuk-link" href={backTo(state.page, lang)} safe>
                {t(lang, 'feedback.back')}
              </a>
            </div>
          </form>
        </div>
      </div>
    ),
  });
  return sendHtml(reply, lang, status, html);
}

export function registerFeedbackPages(app: App, participation: ParticipationService, options: { publicUrl: string }): void {
  const hide = { hide: true };
  for (const lang of ['lv', 'en'] as const) {
    app.post(pathInLang(FEEDBACK_PATH, lang), { schema: hide }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const page = cleanPath(textOf(body.page));
      const useful = textOf(body.useful);
      const back = backTo(body.page, lang);
      if (crossSite(request, options.publicUrl)) return messagePage(reply, lang, 403, t(lang, 'feedback.badTitle'), t(lang, 'feedback.badText'), back, THANKS_PATH);
      if (!page || (useful !== 'yes' && useful !== 'no')) return messagePage(reply, lang, 400, t(lang, 'feedback.badTitle'), t(lang, 'feedback.badText'), back, THANKS_PATH);
      try {
        const { commentKey } = await participation.giveFeedback({ path: page, lang: langOfPath(page), useful: useful === 'yes', userAgent: request.headers['user-agent'], ip: request.ip });
        const next = commentKey ? `${COMMENT_PATH}?page=${encodeURIComponent(page)}&key=${commentKey}` : `${THANKS_PATH}?page=${encodeURIComponent(page)}`;
        return reply.redirect(pathInLang(next, lang), 303);
      } catch (error) {
        if (error instanceof AppError && error.kind === 'rate_limited') {
          return messagePage(reply.header('retry-after', '600'), lang, 429, t(lang, 'feedback.limitedTitle'), t(lang, 'feedback.limitedText'), back, THANKS_PATH);
        }
        throw error;
      }
    });

    app.get(pathInLang(THANKS_PATH, lang), { schema: hide }, async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      return messagePage(reply, lang, 200, t(lang, 'feedback.thanksTitle'), t(lang, 'feedback.thanksText'), backTo(query.page, lang), THANKS_PATH);
    });

    app.get(pathInLang(COMMENT_PATH, lang), { schema: hide }, async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      return commentPage(reply, lang, 200, { page: cleanPath(textOf(query.page)) ?? '/', key: textOf(query.key) });
    });

    app.post(pathInLang(COMMENT_PATH, lang), { schema: hide }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const page = cleanPath(textOf(body.page)) ?? '/';
      const key = textOf(body.key);
      const comment = typeof body.comment === 'string' ? body.comment : '';
      const back = backTo(page, lang);
      if (crossSite(request, options.publicUrl)) return messagePage(reply, lang, 403, t(lang, 'feedback.badTitle'), t(lang, 'feedback.badText'), back, THANKS_PATH);
      if (!comment.trim()) return commentPage(reply, lang, 400, { page, key, error: t(lang, 'feedback.errorEmpty') });
      if (comment.trim().length > MAX_COMMENT) return commentPage(reply, lang, 400, { page, key, comment, error: t(lang, 'feedback.errorLong', { max: MAX_COMMENT }) });
      try {
        await participation.addComment(key, comment);
      } catch (error) {
        if (error instanceof AppError && error.kind === 'conflict') return messagePage(reply, lang, 409, t(lang, 'feedback.closedTitle'), t(lang, 'feedback.closedText'), back, THANKS_PATH);
        if (error instanceof AppError && error.kind === 'invalid') return commentPage(reply, lang, 400, { page, key, comment, error: t(lang, 'feedback.errorLong', { max: MAX_COMMENT }) });
        throw error;
      }
      return reply.redirect(pathInLang(`${THANKS_PATH}?page=${encodeURIComponent(page)}`, lang), 303);
    });
  }
}
