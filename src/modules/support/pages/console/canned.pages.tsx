/**
 * Prepared answers of the agent's queues (P13): a title and the text in
 * Latvian and English with the placeholders {name} and {number}; on a ticket
 * the agent picks one and it fills the reply, in the ticket's language, for
 * them to edit before sending. Plain forms, no JavaScript.
 */
import { AppError } from '../../../../platform/errors.js';
import { at, consoleCrumbs, queryValue, seeOther, type ConsoleShell, type PageContext } from '../../../../platform/web/console.js';
import { Csrf, ErrorSummary, Select, SuccessBanner, TextArea, TextInput } from '../../../../platform/web/fields.js';
import { otherLang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import type { Agent, SupportService } from '../../support.service.js';
import { t } from '../support.messages.js';

export const ANSWERS_PATH = '/console/support/answers';

interface Deps {
  support: SupportService;
  catalog: { listInstitutions(): Promise<{ id: string; name: { lv: string; en: string } }[]> };
}

type Values = { queue: string; title: string; lv: string; en: string };

async function answersPage(deps: Deps, context: PageContext, agent: Agent, errors: ShownError[] = [], values: Values = { queue: '', title: '', lv: '', en: '' }): Promise<string> {
  const { lang, csrf } = context;
  const [answers, institutions] = await Promise.all([deps.support.cannedAnswers(agent), deps.catalog.listInstitutions()]);
  const name = (id: string | null): string => (id ? (institutions.find((institution) => institution.id === id)?.name[lang] ?? id) : t(lang, 'thread.firstLine'));
  const queues = [...(agent.firstLine ? [''] : []), ...agent.institutions];
  const title = t(lang, 'canned.title');
  const error = (id: string): string | undefined => errors.find((item) => item.id === id)?.text;
  const done = queryValue(context.query.done);
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: at(otherLang(lang), ANSWERS_PATH),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, '/console/support'), text: t(lang, 'desk.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <SuccessBanner lang={lang} text={done === 'added' ? t(lang, 'canned.added') : done === 'deleted' ? t(lang, 'canned.deleted') : undefined} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'canned.lead')}
          </p>
          {answers.length === 0 ? (
            <p class="govuk-body" safe>
              {t(lang, 'canned.none')}
            </p>
          ) : (
            <dl class="govuk-summary-list">
              {answers.map((answer) => (
                <div class="govuk-summary-list__row">
                  <dt class="govuk-summary-list__key" safe>
                    {`${answer.title} (${name(answer.queueInstitutionId)})`}
                  </dt>
                  <dd class="govuk-summary-list__value" lang={lang} safe>
                    {answer.body[lang]}
                  </dd>
                  <dd class="govuk-summary-list__actions">
                    <form method="post" action={at(lang, `${ANSWERS_PATH}/delete`)} novalidate>
                      <Csrf token={csrf} />
                      <input type="hidden" name="id" value={answer.id} />
                      <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">
                        {t(lang, 'canned.delete')}
                        <span class="govuk-visually-hidden" safe>
                          {` ${answer.title}`}
                        </span>
                      </button>
                    </form>
                  </dd>
                </div>
              ))}
            </dl>
          )}
          <h2 class="govuk-heading-m" safe>
            {t(lang, 'canned.add')}
          </h2>
          <form method="post" action={at(lang, ANSWERS_PATH)} novalidate>
            <Csrf token={csrf} />
            <Select lang={lang} name="queue" label={t(lang, 'desk.queue')} value={values.queue} options={queues.map((queue) => ({ value: queue, text: name(queue || null) }))} />
            <TextInput lang={lang} name="title" label={t(lang, 'canned.titleField')} value={values.title} error={error('title')} />
            <TextArea lang={lang} name="lv" label={t(lang, 'subjects.lv')} hint={t(lang, 'canned.hint')} value={values.lv} error={error('lv')} contentLang="lv" rows={4} />
            <TextArea lang={lang} name="en" label={t(lang, 'subjects.en')} hint={t(lang, 'canned.hint')} value={values.en} error={error('en')} contentLang="en" rows={4} />
            <button type="submit" class="govuk-button" data-module="govuk-button" safe>
              {t(lang, 'canned.add')}
            </button>
          </form>
        </div>
      </div>
    ),
  });
}

export function registerCannedPages(shell: ConsoleShell, deps: Deps, asAgent: (work: (context: PageContext, agent: Agent) => Promise<string | import('fastify').FastifyReply>) => (context: PageContext) => Promise<string | import('fastify').FastifyReply>): void {
  const field = (context: PageContext, name: string): string => {
    const raw = context.body[name];
    return (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();
  };
  shell.route({ method: 'GET', path: ANSWERS_PATH, need: 'staff', handler: asAgent((context, agent) => answersPage(deps, context, agent)) });
  shell.route({
    method: 'POST',
    path: ANSWERS_PATH,
    need: 'staff',
    handler: asAgent(async (context, agent) => {
      const values: Values = { queue: field(context, 'queue'), title: field(context, 'title'), lv: field(context, 'lv'), en: field(context, 'en') };
      try {
        await deps.support.addCannedAnswer(agent, { queueInstitutionId: values.queue || null, title: values.title, body: { lv: values.lv, en: values.en } });
      } catch (error) {
        if (!(error instanceof AppError && error.kind === 'invalid')) throw error;
        const pointer = error.errors?.[0]?.pointer ?? '';
        const id = pointer === '#/body/lv' ? 'lv' : pointer === '#/body/en' ? 'en' : 'title';
        return sendHtml(context.reply, context.lang, 400, await answersPage(deps, context, agent, [{ id, text: t(context.lang, id === 'title' ? 'canned.titleError' : 'canned.textError') }], values));
      }
      return seeOther(context.reply, context.lang, `${ANSWERS_PATH}?done=added`);
    }),
  });
  shell.route({
    method: 'POST',
    path: `${ANSWERS_PATH}/delete`,
    need: 'staff',
    handler: asAgent(async (context, agent) => {
      await deps.support.deleteCannedAnswer(agent, field(context, 'id'));
      return seeOther(context.reply, context.lang, `${ANSWERS_PATH}?done=deleted`);
    }),
  });
}
