/**
 * A service's frequently asked questions (P13), written in Latvian and English
 * by the institution's service managers and support agents, and shown on the
 * service's portal page. Reached from the service's console page (the
 * catalog's service panels). Plain forms, no JavaScript.
 */
import { AppError } from '../../../../platform/errors.js';
import { at, consoleCrumbs, institutionsWithRole, queryValue, seeOther, type ConsoleShell, type PageContext, type Staff } from '../../../../platform/web/console.js';
import { Csrf, ErrorSummary, SuccessBanner, TextArea, TextInput } from '../../../../platform/web/fields.js';
import { otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import type { SupportService } from '../../support.service.js';
import { t } from '../support.messages.js';
import { agentOf } from './agents.js';

export const FAQ_PATH = '/console/support/faq';

interface Deps {
  support: SupportService;
  catalog: { getMany(ids: string[]): Promise<{ id: string; title: { lv: string; en: string }; institutionId: string }[]> };
}

/** Institutions whose services' FAQ the staff member writes: where they manage services or answer questions. */
const writesFor = (staff: Staff): string[] => [...new Set([...staff.managerOf, ...institutionsWithRole(staff, 'support_agent')])];

/** The link on a service's console page (a catalog service panel), for those who write the service's FAQ. */
export function FaqLinks({ lang, staff, service }: { lang: Lang; staff: Staff; service: { id: string; institutionId: string } }): JSX.Element {
  if (!writesFor(staff).includes(service.institutionId)) return <></>;
  return (
    <>
      <h2 class="govuk-heading-m" safe>
        {t(lang, 'faq.title')}
      </h2>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`${at(lang, FAQ_PATH)}?service=${service.id}`} safe>
            {t(lang, 'faq.manage')}
          </a>
        </li>
      </ul>
    </>
  );
}

type Values = { qlv: string; qen: string; alv: string; aen: string };
const EMPTY: Values = { qlv: '', qen: '', alv: '', aen: '' };

async function faqPage(deps: Deps, context: PageContext, service: { id: string; title: { lv: string; en: string } }, errors: ShownError[] = [], values: Values = EMPTY): Promise<string> {
  const { lang, csrf } = context;
  const faqs = await deps.support.faqs(service.id);
  const title = t(lang, 'faq.titleOf', { service: service.title[lang] });
  const query = `?service=${service.id}`;
  const error = (id: string): string | undefined => errors.find((item) => item.id === id)?.text;
  const done = queryValue(context.query.done);
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: `${at(otherLang(lang), FAQ_PATH)}${query}`,
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, '/console/services'), text: t(lang, 'faq.services') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <SuccessBanner lang={lang} text={done === 'added' ? t(lang, 'faq.added') : done === 'deleted' ? t(lang, 'faq.deleted') : undefined} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          {faqs.length === 0 ? (
            <p class="govuk-body" safe>
              {t(lang, 'faq.none')}
            </p>
          ) : (
            <dl class="govuk-summary-list">
              {faqs.map((faq) => (
                <div class="govuk-summary-list__row">
                  <dt class="govuk-summary-list__key" safe>
                    {faq.question[lang]}
                  </dt>
                  <dd class="govuk-summary-list__value" safe>
                    {faq.answer[lang]}
                  </dd>
                  <dd class="govuk-summary-list__actions">
                    <form method="post" action={`${at(lang, `${FAQ_PATH}/delete`)}${query}`} novalidate>
                      <Csrf token={csrf} />
                      <input type="hidden" name="id" value={faq.id} />
                      <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">
                        {t(lang, 'canned.delete')}
                        <span class="govuk-visually-hidden" safe>
                          {` ${faq.question[lang]}`}
                        </span>
                      </button>
                    </form>
                  </dd>
                </div>
              ))}
            </dl>
          )}
          <h2 class="govuk-heading-m" safe>
            {t(lang, 'faq.add')}
          </h2>
          <form method="post" action={`${at(lang, FAQ_PATH)}${query}`} novalidate>
            <Csrf token={csrf} />
            <TextInput lang={lang} name="qlv" label={t(lang, 'faq.questionLv')} value={values.qlv} error={error('qlv')} contentLang="lv" />
            <TextArea lang={lang} name="alv" label={t(lang, 'faq.answerLv')} value={values.alv} error={error('alv')} contentLang="lv" rows={4} />
            <TextInput lang={lang} name="qen" label={t(lang, 'faq.questionEn')} value={values.qen} error={error('qen')} contentLang="en" />
            <TextArea lang={lang} name="aen" label={t(lang, 'faq.answerEn')} value={values.aen} error={error('aen')} contentLang="en" rows={4} />
            <button type="submit" class="govuk-button" data-module="govuk-button" safe>
              {t(lang, 'faq.add')}
            </button>
          </form>
        </div>
      </div>
    ),
  });
}

const FIELDS: Record<string, keyof Values> = { '#/question/lv': 'qlv', '#/question/en': 'qen', '#/answer/lv': 'alv', '#/answer/en': 'aen' };

export function registerFaqPages(shell: ConsoleShell, deps: Deps): void {
  const field = (context: PageContext, name: string): string => {
    const raw = context.body[name];
    return (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();
  };
  /**
   * The service of the page, when the staff member writes its FAQ (undefined: another institution's, which the
   * caller refuses with the console's 403 and why); an unknown one is the console's 404.
   */
  const serviceOf = async (context: PageContext) => {
    const id = queryValue(context.query.service);
    const [service] = /^[0-9a-f-]{36}$/i.test(id) ? await deps.catalog.getMany([id]) : [];
    if (!service) throw new AppError('support.not-found', 'not_found', 'No such service.');
    return writesFor(context.staff).includes(service.institutionId) ? service : undefined;
  };
  const refuse = (context: PageContext) => context.forbidden({ text: t(context.lang, 'faq.forbidden') });
  const author = (context: PageContext) => ({ personalCode: context.staff.principal.personalCode ?? context.staff.principal.subject, institutions: writesFor(context.staff) });

  shell.route({
    method: 'GET',
    path: FAQ_PATH,
    need: 'staff',
    handler: async (context) => {
      const service = await serviceOf(context);
      if (!service) return refuse(context);
      // From a ticket about this service: its question and the last reply fill the form, in the ticket's language, to edit.
      const number = queryValue(context.query.ticket);
      const agent = agentOf(context.staff);
      if (agent && /^\d{1,12}$/.test(number)) {
        const ticket = await deps.support.ticketForAgent(agent, Number(number)).catch(() => undefined);
        if (ticket && ticket.serviceId === service.id) {
          const question = ticket.entries.find((entry) => entry.kind === 'message')?.body ?? '';
          const answer = [...ticket.entries].reverse().find((entry) => entry.kind === 'reply')?.body ?? '';
          const values = ticket.language === 'en' ? { ...EMPTY, qen: question.slice(0, 300), aen: answer } : { ...EMPTY, qlv: question.slice(0, 300), alv: answer };
          return faqPage(deps, context, service, [], values);
        }
      }
      return faqPage(deps, context, service);
    },
  });
  shell.route({
    method: 'POST',
    path: FAQ_PATH,
    need: 'staff',
    handler: async (context) => {
      const service = await serviceOf(context);
      if (!service) return refuse(context);
      const values: Values = { qlv: field(context, 'qlv'), qen: field(context, 'qen'), alv: field(context, 'alv'), aen: field(context, 'aen') };
      try {
        await deps.support.addFaq(author(context), service.id, { question: { lv: values.qlv, en: values.qen }, answer: { lv: values.alv, en: values.aen } });
      } catch (error) {
        if (!(error instanceof AppError && error.kind === 'invalid')) throw error;
        const id = FIELDS[error.errors?.[0]?.pointer ?? ''] ?? 'qlv';
        return sendHtml(context.reply, context.lang, 400, await faqPage(deps, context, service, [{ id, text: t(context.lang, 'faq.error') }], values));
      }
      return seeOther(context.reply, context.lang, `${FAQ_PATH}?service=${service.id}&done=added`);
    },
  });
  shell.route({
    method: 'POST',
    path: `${FAQ_PATH}/delete`,
    need: 'staff',
    handler: async (context) => {
      const service = await serviceOf(context);
      if (!service) return refuse(context);
      await deps.support.deleteFaq(author(context), service.id, field(context, 'id'));
      return seeOther(context.reply, context.lang, `${FAQ_PATH}?service=${service.id}&done=deleted`);
    },
  });
}
