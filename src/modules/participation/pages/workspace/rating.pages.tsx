/**
 * Rating a service after its result (P14): the application page's panel
 * (applications' page shows it below the result) and the rating page, where
 * the applicant — or whoever submitted the application for them — rates the
 * service once: 1–5, easy or hard, and what could be better. Plain forms.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { Radios, TextArea } from '../../../../platform/web/fields.js';
import { textOf } from '../../../../platform/web/form-values.js';
import { otherLang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import { at, seeOther, type PageContext, type WorkspaceShell } from '../../../../platform/web/workspace.js';
import { ActingBanner, ErrorSummary, SuccessBanner, workspaceCrumbs } from '../../../../platform/web/workspace.components.js';
import { MAX_COMMENT, type ParticipationService, type RateableApplication, type Rater } from '../../participation.service.js';
import { t } from './workspace.messages.js';

export const ratingPath = (number: string): string => `/workspace/rate/${number}`;
/** applications' page of one application (its direct link, P7) */
const applicationPath = (number: string): string => `/workspace/applications/${number}`;

const raterOf = (context: PageContext): Rater => ({ personalCode: context.principal.personalCode ?? '', actingFor: context.acting.current.party });

/** The panel on the application's page: a link to rate, or the rating given. Nothing before the result or for others. */
export function ratingPanel(participation: ParticipationService): (context: PageContext, application: { number: string }) => Promise<string> {
  return async (context, application) => {
    const { lang } = context;
    let found: RateableApplication;
    try {
      found = await participation.rateable(raterOf(context), application.number);
    } catch {
      return '';
    }
    if (!found.rateable) return '';
    return (
      <section aria-labelledby="rate-service" id="rating">
        <h2 class="govuk-heading-m" id="rate-service" safe>
          {t(lang, 'rate.panelTitle')}
        </h2>
        {found.rating ? (
          <p class="govuk-body" safe>
            {t(lang, 'rate.panelDone', { score: found.rating.score })}
          </p>
        ) : (
          <>
            <p class="govuk-body" safe>
              {t(lang, 'rate.panelText')}
            </p>
            <p class="govuk-body">
              <a class="govuk-link" href={at(lang, ratingPath(found.number))} safe>
                {t(lang, 'rate.panelLink')}
              </a>
            </p>
          </>
        )}
      </section>
    );
  };
}

interface FormState {
  errors?: { score?: string; comment?: string };
  score?: string;
  ease?: string;
  comment?: string;
  done?: boolean;
}

async function ratingPage(context: PageContext, found: RateableApplication, state: FormState = {}): Promise<string> {
  const { lang, acting, csrf } = context;
  const title = t(lang, 'rate.title');
  const errors: ShownError[] = [
    ...(state.errors?.score ? [{ id: 'score', text: state.errors.score }] : []),
    ...(state.errors?.comment ? [{ id: 'comment', text: state.errors.comment }] : []),
  ];
  const back = at(lang, applicationPath(found.number));
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: at(otherLang(lang), ratingPath(found.number)),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang, { href: back, text: t(lang, 'rate.caption', { number: found.number }) }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <SuccessBanner lang={lang} text={state.done ? t(lang, 'rate.done') : undefined} />
          <ActingBanner lang={lang} acting={acting} />
          <span class="govuk-caption-l" safe>
            {t(lang, 'rate.caption', { number: found.number })}
          </span>
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          {found.rating ? (
            <p class="govuk-body" id="rated" safe>
              {t(lang, 'rate.already', { score: found.rating.score })}
            </p>
          ) : !found.rateable ? (
            <p class="govuk-body" id="not-yet" safe>
              {t(lang, 'rate.notYet')}
            </p>
          ) : (
            <>
              <p class="govuk-body" safe>
                {t(lang, 'rate.lead')}
              </p>
              <form method="post" action={at(lang, ratingPath(found.number))} novalidate>
                <input type="hidden" name="_csrf" value={csrf} />
                <Radios
                  lang={lang}
                  name="score"
                  legend={t(lang, 'rate.score')}
                  legendClass="govuk-fieldset__legend--s"
                  value={state.score ?? ''}
                  error={state.errors?.score}
                  options={(['5', '4', '3', '2', '1'] as const).map((score) => ({ value: score, text: t(lang, `rate.score.${score}`) }))}
                />
                <Radios
                  lang={lang}
                  name="ease"
                  legend={t(lang, 'rate.ease')}
                  legendClass="govuk-fieldset__legend--s"
                  value={state.ease ?? ''}
                  small
                  options={[
                    { value: 'easy', text: t(lang, 'rate.easy') },
                    { value: 'hard', text: t(lang, 'rate.hard') },
                  ]}
                />
                <TextArea lang={lang} name="comment" label={t(lang, 'rate.comment')} labelClass="govuk-label--s" hint={t(lang, 'rate.commentHint')} value={state.comment ?? ''} error={state.errors?.comment} />
                <button type="submit" class="govuk-button" data-module="govuk-button" safe>
                  {t(lang, 'rate.send')}
                </button>
              </form>
            </>
          )}
          <p class="govuk-body">
            <a class="govuk-link" href={back}>
              {e(t(lang, 'rate.back'))}
            </a>
          </p>
        </div>
      </div>
    ),
  });
}

async function submitRating(participation: ParticipationService, context: PageContext): Promise<FastifyReply | string> {
  const { lang, body, params, reply } = context;
  const number = params.number ?? '';
  const found = await participation.rateable(raterOf(context), number);
  const score = textOf(body.score);
  const ease = textOf(body.ease);
  const comment = textOf(body.comment);
  const state: FormState = { score, ease, comment };
  if (!/^[1-5]$/.test(score)) return sendHtml(reply, lang, 400, await ratingPage(context, found, { ...state, errors: { score: t(lang, 'rate.errorScore') } }));
  if (comment.length > MAX_COMMENT) return sendHtml(reply, lang, 400, await ratingPage(context, found, { ...state, errors: { comment: t(lang, 'rate.errorComment', { max: MAX_COMMENT }) } }));
  try {
    await participation.rate(raterOf(context), number, { score: Number(score), ease: ease === 'easy' || ease === 'hard' ? ease : null, comment });
  } catch (error) {
    if (error instanceof AppError && error.kind === 'conflict') return sendHtml(reply, lang, 409, await ratingPage(context, await participation.rateable(raterOf(context), number)));
    throw error;
  }
  return seeOther(reply, lang, `${ratingPath(number)}?done=rated`);
}

export function registerRatingPages(shell: WorkspaceShell, participation: ParticipationService): void {
  shell.route({
    method: 'GET',
    path: ratingPath(':number'),
    handler: async (context) => ratingPage(context, await participation.rateable(raterOf(context), context.params.number ?? ''), { done: textOf(context.query.done) === 'rated' }),
  });
  shell.route({ method: 'POST', path: ratingPath(':number'), handler: (context) => submitRating(participation, context) });
}
