/**
 * The support desk in the console (P13), for staff with the support-agent
 * role of an institution (its queue) or of the platform (first-line support's
 * queue): queues (all open, mine, unassigned, overdue — overdue first and
 * flagged), one ticket with its thread and targets, assign to me, reply (seen
 * by the person), internal note (never shown to them), transfer (first line to
 * an institution), close; and the institution's response-time targets. Where
 * the ticket is about an application of the agent's institution, its status is
 * shown (read through the applications module, which audits the read).
 * Another institution's agent is told the ticket does not exist.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import type { Principal } from '../../../../platform/http/auth.js';
import { at, consoleCrumbs, queryValue, seeOther, type ConsoleShell, type PageContext } from '../../../../platform/web/console.js';
import { Csrf, ErrorSummary, Select, SuccessBanner, TextArea, TextInput } from '../../../../platform/web/fields.js';
import { formatDate, formatDateTime, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import { fillCanned, type Agent, type Entry, type QueueFilter, type SupportService, type Ticket, type TicketWithThread } from '../../support.service.js';
import { t, type SupportKey } from '../support.messages.js';
import { StateTag, ThreadEntry } from '../support.components.js';
import { readPostedForm } from '../../../applications/index.js';
import { sendDownload } from '../../files.download.js';
import { FilesField, postedText, refusedFile, uploadProblem, uploadsOf } from '../support.uploads.js';
import { ANSWERS_PATH, registerCannedPages } from './canned.pages.js';
import { agentOf } from './agents.js';
import { FAQ_PATH, registerFaqPages } from './faq.pages.js';
import { registerStatisticsPage, STATISTICS_PATH } from './statistics.pages.js';
import { registerSubjectPages, SUBJECTS_PATH } from './subjects.pages.js';
import { registerTargetsPages } from './targets.pages.js';

const PATH = '/console/support';
const FILTERS: QueueFilter[] = ['all', 'mine', 'unassigned', 'overdue'];

interface StatusSummary {
  number: string;
  status: { label: { lv: string; en: string } };
  expectedCompletionAt: string;
  overdue: boolean;
  completedAt: string | null;
}

export interface SupportConsoleDeps {
  support: SupportService;
  catalog: {
    listInstitutions(): Promise<{ id: string; name: { lv: string; en: string } }[]>;
    getMany(ids: string[]): Promise<{ id: string; slug: string; title: { lv: string; en: string }; institutionId: string }[]>;
  };
  persons: { findPersonsByCode(codes: string[]): Promise<{ personalCode: string; givenName: string; familyName: string }[]> };
  /** the applications module's: an application's status for a support agent of its institution (it audits the read) */
  applications: { summaryForSupport(agent: Principal, ref: string): Promise<StatusSummary | undefined> };
}

const digits = (code: string): string => code.replace(/\D/g, '');

async function namesOf(deps: SupportConsoleDeps, codes: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((code): code is string => !!code && /^\d{6}-?\d{5}$/.test(code)))];
  const persons = wanted.length > 0 ? await deps.persons.findPersonsByCode(wanted) : [];
  const names = new Map<string, string>();
  for (const code of wanted) {
    const person = persons.find((p) => digits(p.personalCode) === digits(code));
    if (person) names.set(code, `${person.givenName} ${person.familyName}`);
  }
  return names;
}

function fromText(ticket: Ticket, names: Map<string, string>): string {
  if (ticket.requesterKind === 'visitor') return `${ticket.visitorName ?? ''} <${ticket.visitorEmail ?? ''}>`;
  const name = ticket.requester ? names.get(ticket.requester) : undefined;
  return name ? `${name} (${ticket.requester})` : (ticket.requester ?? '');
}

function dueOf(ticket: Ticket): string | undefined {
  if (!ticket.clock) return undefined;
  return ticket.firstReplyAt ? ticket.clock.resolutionDue : ticket.clock.firstReplyDue;
}

async function queuePage(deps: SupportConsoleDeps, context: PageContext, agent: Agent): Promise<string> {
  const { lang } = context;
  const raw = queryValue(context.query.queue);
  const filter: QueueFilter = (FILTERS as string[]).includes(raw) ? (raw as QueueFilter) : 'all';
  const subjects = await deps.support.allSubjects();
  const rawSubject = queryValue(context.query.subject);
  const subject = subjects.some((item) => item.code === rawSubject) ? rawSubject : '';
  const q = queryValue(context.query.q).slice(0, 100);
  const page = pageOf(context.query.page);
  const [{ tickets, total }, institutions] = await Promise.all([
    deps.support.queuePage(agent, filter, { ...(subject ? { subject } : {}), ...(q ? { q } : {}), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    deps.catalog.listInstitutions(),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pageHref = (n: number): string => {
    const params = new URLSearchParams({ ...(filter === 'all' ? {} : { queue: filter }), ...(q ? { q } : {}), ...(subject ? { subject } : {}), ...(n > 1 ? { page: String(n) } : {}) }).toString();
    return `${at(lang, PATH)}${params ? `?${params}` : ''}`;
  };
  const names = await namesOf(deps, [...tickets.map((ticket) => ticket.requester), ...tickets.map((ticket) => ticket.assignee)]);
  const institutionName = (id: string | null): string => (id ? (institutions.find((i) => i.id === id)?.name[lang] ?? '') : t(lang, 'thread.firstLine'));
  const title = t(lang, 'desk.title');
  const href = (f: QueueFilter, language: Lang = lang): string => `${at(language, PATH)}${f === 'all' ? '' : `?queue=${f}`}`;
  return renderPage({
    lang,
    title,
    alternateUrl: href(filter, otherLang(lang)),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang),
    children: (
      <>
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <nav aria-label={t(lang, 'desk.queues')}>
          <ul class="govuk-list pk-inline-list">
            {FILTERS.map((f) => (
              <li>
                {f === filter ? (
                  <strong aria-current="page" safe>
                    {t(lang, `desk.queue.${f}`)}
                  </strong>
                ) : (
                  <a class="govuk-link" href={href(f)} safe>
                    {t(lang, `desk.queue.${f}`)}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </nav>
        <form method="get" action={at(lang, PATH)} class="govuk-!-margin-bottom-6">
          {filter === 'all' ? '' : <input type="hidden" name="queue" value={filter} />}
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-half">
              <TextInput lang={lang} name="q" label={t(lang, 'desk.search')} hint={t(lang, 'desk.searchHint')} value={q} spellcheck={false} />
            </div>
            <div class="govuk-grid-column-one-half">
              <Select lang={lang} name="subject" label={t(lang, 'desk.bySubject')} value={subject} options={[{ value: '', text: t(lang, 'desk.anySubject') }, ...subjects.map((item) => ({ value: item.code, text: item.label[lang] }))]} />
            </div>
          </div>
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
            {t(lang, 'desk.find')}
          </button>
        </form>
        <ul class="govuk-list">
          <li>
            <a class="govuk-link" href={at(lang, ANSWERS_PATH)} safe>
              {t(lang, 'canned.title')}
            </a>
          </li>
          <li>
            <a class="govuk-link" href={at(lang, STATISTICS_PATH)} safe>
              {t(lang, 'stats.link')}
            </a>
          </li>
          {context.staff.platformAdmin ? (
            <li>
              <a class="govuk-link" href={at(lang, SUBJECTS_PATH)} safe>
                {t(lang, 'subjects.link')}
              </a>
            </li>
          ) : (
            ''
          )}
        </ul>
        {agent.institutions.length > 0 ? (
          <p class="govuk-body">
            {agent.institutions.map((id) => (
              <>
                <a class="govuk-link" href={`${at(lang, `${PATH}/targets`)}?institution=${id}`} safe>
                  {t(lang, 'desk.targetsOf', { institution: institutionName(id) })}
                </a>{' '}
              </>
            ))}
          </p>
        ) : (
          ''
        )}
        {tickets.length === 0 ? (
          <p class="govuk-body" safe>
            {t(lang, 'desk.none')}
          </p>
        ) : (
          <table class="govuk-table" id="queue">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                {(['desk.number', 'desk.subject', 'desk.from', 'desk.queue', 'desk.state', 'desk.due', 'desk.assignee'] as const).map((key) => (
                  <th scope="col" class="govuk-table__header" safe>
                    {t(lang, key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {tickets.map((ticket) => {
                const due = dueOf(ticket);
                return (
                  <tr class={`govuk-table__row${ticket.clock?.overdue ? ' pk-overdue' : ''}`} id={`ticket-${ticket.number}`}>
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={at(lang, `${PATH}/${ticket.number}`)} safe>
                        {String(ticket.number)}
                      </a>
                    </td>
                    <td class="govuk-table__cell" safe>
                      {ticket.subject.label[lang]}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {fromText(ticket, names)}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {institutionName(ticket.queueInstitutionId)}
                    </td>
                    <td class="govuk-table__cell">
                      <StateTag lang={lang} state={ticket.state} overdue={ticket.clock?.overdue} />
                    </td>
                    <td class="govuk-table__cell">
                      {e(due ? formatDate(due, lang) : '')}
                      {ticket.clock?.paused ? (
                        <span class="govuk-body-s" safe>
                          {` (${t(lang, 'desk.paused')})`}
                        </span>
                      ) : (
                        ''
                      )}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {ticket.assignee ? (names.get(ticket.assignee) ?? ticket.assignee) : t(lang, 'desk.nobody')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <Pager lang={lang} page={page} pages={pages} total={total} href={pageHref} />
      </>
    ),
  });
}

const PAGE_SIZE = 50;
const pageOf = (raw: unknown): number => {
  const page = Number.parseInt(queryValue(raw), 10);
  return Number.isFinite(page) && page > 0 && page < 100_000 ? page : 1;
};

/** The queue's pages (50 tickets each), previous and next, as GOV.UK pagination. */
function Pager({ lang, page, pages, total, href }: { lang: Lang; page: number; pages: number; total: number; href: (page: number) => string }): JSX.Element {
  if (pages <= 1) return <></>;
  return (
    <nav class="govuk-pagination" aria-label={t(lang, 'desk.pages')}>
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={href(page - 1)} rel="prev">
            <span class="govuk-pagination__link-title" safe>
              {t(lang, 'desk.previous')}
            </span>
          </a>
        </div>
      ) : (
        ''
      )}
      <p class="govuk-body govuk-!-margin-bottom-0 govuk-!-margin-top-1" safe>
        {t(lang, 'desk.pageOf', { page, pages, total })}
      </p>
      {page < pages ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={href(page + 1)} rel="next">
            <span class="govuk-pagination__link-title" safe>
              {t(lang, 'desk.next')}
            </span>
          </a>
        </div>
      ) : (
        ''
      )}
    </nav>
  );
}

const DONE: Record<string, SupportKey> = {
  assigned: 'desk.done.assigned',
  replied: 'desk.done.replied',
  noted: 'desk.done.noted',
  transferred: 'desk.done.transferred',
  closed: 'desk.done.closed',
  reopened: 'thread.reopenedDone',
  merged: 'desk.done.merged',
};

async function ticketPage(deps: SupportConsoleDeps, context: PageContext, agent: Agent, ticket: TicketWithThread, errors: ShownError[] = []): Promise<string> {
  const { lang, csrf } = context;
  const [institutions, services, application] = await Promise.all([
    deps.catalog.listInstitutions(),
    ticket.serviceId ? deps.catalog.getMany([ticket.serviceId]) : Promise.resolve([]),
    ticket.applicationId ? deps.applications.summaryForSupport(context.staff.principal, ticket.applicationId) : Promise.resolve(undefined),
  ]);
  const names = await namesOf(deps, [ticket.requester, ticket.askedBy, ...ticket.entries.map((entry) => entry.author)]);
  const canned = (await deps.support.cannedAnswers(agent)).filter((answer) => answer.queueInstitutionId === ticket.queueInstitutionId);
  const chosen = canned.find((answer) => answer.id === queryValue(context.query.canned));
  const askerName = ticket.requesterKind === 'visitor' ? (ticket.visitorName ?? '') : ((ticket.askedBy && names.get(ticket.askedBy)) ?? '');
  const prefilled = chosen ? fillCanned(chosen, ticket, askerName) : '';
  const institutionName = (id: string | null): string => (id ? (institutions.find((i) => i.id === id)?.name[lang] ?? '') : t(lang, 'thread.firstLine'));
  const who = (entry: Entry): string =>
    entry.authorKind === 'visitor' ? (ticket.visitorName ?? t(lang, 'thread.visitor')) : entry.author ? (names.get(entry.author) ?? entry.author) : t(lang, 'thread.support');
  const title = t(lang, 'desk.ticket', { number: ticket.number });
  const base = `${PATH}/${ticket.number}`;
  const done = DONE[queryValue(context.query.done)];
  const error = (id: string): string | undefined => errors.find((item) => item.id === id)?.text;
  const open = ticket.state !== 'closed';
  const row = (key: SupportKey, value: JSX.Element | string, id?: string): JSX.Element => (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key" safe>
        {t(lang, key)}
      </dt>
      <dd class="govuk-summary-list__value" id={id}>
        {value}
      </dd>
    </div>
  );
  const service = services[0];
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: at(otherLang(lang), base),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, PATH), text: t(lang, 'desk.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <SuccessBanner lang={lang} text={done ? t(lang, done) : undefined} />
          <span class="govuk-caption-l" safe>
            {ticket.subject.label[lang]}
          </span>
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" id="state">
            <StateTag lang={lang} state={ticket.state} overdue={ticket.clock?.overdue} />
          </p>
          <dl class="govuk-summary-list" id="facts">
            {row('desk.asker', e(fromText(ticket, names)))}
            {row('thread.queue', e(institutionName(ticket.queueInstitutionId)), 'queue')}
            {row('desk.assignee', e(ticket.assignee ? (names.get(ticket.assignee) ?? ticket.assignee) : t(lang, 'desk.nobody')))}
            {service ? row('thread.service', e(service.title[lang])) : ''}
            {ticket.applicationNumber ? row('thread.application', e(ticket.applicationNumber)) : ''}
            {ticket.applicationId
              ? application
                ? row(
                    'desk.appStatus',
                    <>
                      <strong class="govuk-tag" safe>
                        {application.status.label[lang]}
                      </strong>
                      <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0" safe>
                        {application.completedAt ? formatDateTime(application.completedAt, lang) : `${t(lang, 'desk.appExpected')}: ${formatDate(application.expectedCompletionAt, lang)}`}
                      </p>
                      {application.overdue ? (
                        <p class="govuk-body-s govuk-!-margin-bottom-0" safe>
                          {t(lang, 'desk.appOverdue')}
                        </p>
                      ) : (
                        ''
                      )}
                    </>,
                    'application-status',
                  )
                : row('desk.appStatus', e(t(lang, 'desk.appHidden')), 'application-status')
              : ''}
            {ticket.clock
              ? row(
                  'desk.targets',
                  <>
                    <p class="govuk-body govuk-!-margin-bottom-1" safe>
                      {`${t(lang, 'thread.due')}: ${formatDate(ticket.clock.firstReplyDue, lang)} (${t(lang, 'desk.workingDays', { count: ticket.clock.targets.firstReplyDays })})`}
                    </p>
                    <p class="govuk-body govuk-!-margin-bottom-0" safe>
                      {`${t(lang, 'thread.resolutionDue')}: ${formatDate(ticket.clock.resolutionDue, lang)} (${t(lang, 'desk.workingDays', { count: ticket.clock.targets.resolutionDays })})`}
                    </p>
                    {ticket.clock.paused ? (
                      <p class="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0" id="paused" safe>
                        {t(lang, 'desk.paused')}
                      </p>
                    ) : (
                      ''
                    )}
                  </>,
                  'targets',
                )
              : ''}
          </dl>
          {open && ticket.assignee !== agent.personalCode ? (
            <form method="post" action={at(lang, `${base}/assign`)} novalidate>
              <Csrf token={csrf} />
              <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
                {t(lang, 'desk.assign')}
              </button>
            </form>
          ) : (
            ''
          )}
          <h2 class="govuk-heading-m" safe>
            {t(lang, 'thread.thread')}
          </h2>
          {ticket.entries.map((entry) => (
            <ThreadEntry lang={lang} entry={entry} institutionName={institutionName} who={who} fileHref={(file) => at(lang, `${base}/files/${file.id}`)} />
          ))}
          {ticket.serviceId && ticket.queueInstitutionId && ticket.entries.some((entry) => entry.kind === 'reply') ? (
            <p class="govuk-body">
              <a class="govuk-link" href={`${at(lang, FAQ_PATH)}?service=${ticket.serviceId}&ticket=${ticket.number}`} safe>
                {t(lang, 'faq.fromTicket')}
              </a>
            </p>
          ) : (
            ''
          )}
          {open ? (
            <>
              {canned.length > 0 ? (
                <form method="get" action={at(lang, base)}>
                  <Select lang={lang} name="canned" label={t(lang, 'canned.use')} value={chosen?.id ?? ''} options={[{ value: '', text: '' }, ...canned.map((answer) => ({ value: answer.id, text: answer.title }))]} />
                  <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
                    {t(lang, 'canned.fill')}
                  </button>
                </form>
              ) : (
                ''
              )}
              <form method="post" action={at(lang, `${base}/reply`)} enctype="multipart/form-data" novalidate>
                <Csrf token={csrf} />
                <TextArea lang={lang} name="reply" label={t(lang, 'desk.reply')} labelClass="govuk-label--s" hint={t(lang, 'desk.replyHint')} value={prefilled} error={error('reply')} rows={5} contentLang={ticket.language} />
                <FilesField lang={lang} error={error('files')} />
                <button type="submit" class="govuk-button" data-module="govuk-button" safe>
                  {t(lang, 'desk.sendReply')}
                </button>
              </form>
              <form method="post" action={at(lang, `${base}/note`)} novalidate>
                <Csrf token={csrf} />
                <TextArea lang={lang} name="note" label={t(lang, 'desk.note')} labelClass="govuk-label--s" hint={t(lang, 'desk.noteHint')} value="" error={error('note')} rows={3} />
                <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
                  {t(lang, 'desk.addNote')}
                </button>
              </form>
              {ticket.queueInstitutionId === null && agent.firstLine ? (
                <form method="post" action={at(lang, `${base}/transfer`)} novalidate>
                  <Csrf token={csrf} />
                  <h2 class="govuk-heading-m" safe>
                    {t(lang, 'desk.transfer')}
                  </h2>
                  <Select
                    lang={lang}
                    name="institution"
                    label={t(lang, 'desk.transferTo')}
                    value=""
                    error={error('institution')}
                    options={[{ value: '', text: '' }, ...institutions.map((institution) => ({ value: institution.id, text: institution.name[lang] }))]}
                  />
                  <TextArea lang={lang} name="transferNote" label={t(lang, 'desk.transferNote')} value="" rows={2} />
                  <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
                    {t(lang, 'desk.doTransfer')}
                  </button>
                </form>
              ) : (
                ''
              )}
              <form method="post" action={at(lang, `${base}/merge`)} novalidate>
                <Csrf token={csrf} />
                <h2 class="govuk-heading-m" safe>
                  {t(lang, 'desk.merge')}
                </h2>
                <TextInput lang={lang} name="into" label={t(lang, 'desk.mergeInto')} value="" width="10" inputmode="numeric" error={error('into')} />
                <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
                  {t(lang, 'desk.doMerge')}
                </button>
              </form>
              <form method="post" action={at(lang, `${base}/close`)} novalidate>
                <Csrf token={csrf} />
                <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" safe>
                  {t(lang, 'desk.close')}
                </button>
              </form>
            </>
          ) : (
            <form method="post" action={at(lang, `${base}/reopen`)} novalidate>
              <Csrf token={csrf} />
              <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
                {t(lang, 'thread.reopen')}
              </button>
            </form>
          )}
        </div>
      </div>
    ),
  });
}

const numberOf = (context: PageContext): number => (/^\d{1,12}$/.test(context.params.number ?? '') ? Number(context.params.number) : 0);
const bodyText = (context: PageContext, name: string): string => {
  const raw = context.body[name];
  return (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();
};

export function registerSupportConsolePages(shell: ConsoleShell, deps: SupportConsoleDeps): void {
  const { support } = deps;
  shell.tile({ path: PATH, title: (lang) => t(lang, 'desk.title'), text: (lang) => t(lang, 'desk.text'), shows: (staff) => agentOf(staff) !== undefined, order: 25 });

  const asAgent =
    (work: (context: PageContext, agent: Agent) => Promise<FastifyReply | string>) =>
    async (context: PageContext): Promise<FastifyReply | string> => {
      const agent = agentOf(context.staff);
      if (!agent) return context.forbidden({ text: t(context.lang, 'desk.forbidden') });
      return work(context, agent);
    };

  shell.route({ method: 'GET', path: PATH, need: 'staff', handler: asAgent((context, agent) => queuePage(deps, context, agent)) });
  registerSubjectPages(shell, support);
  registerStatisticsPage(shell, deps);
  registerCannedPages(shell, deps, asAgent);
  registerFaqPages(shell, deps);
  shell.route({ method: 'GET', path: `${PATH}/:number`, need: 'staff', handler: asAgent(async (context, agent) => ticketPage(deps, context, agent, await support.ticketForAgent(agent, numberOf(context)))) });

  const action = (path: string, done: string, work: (context: PageContext, agent: Agent, number: number) => Promise<unknown>, field: string): void =>
    shell.route({
      method: 'POST',
      path: `${PATH}/:number/${path}`,
      need: 'staff',
      handler: asAgent(async (context, agent) => {
        const number = numberOf(context);
        try {
          await work(context, agent, number);
        } catch (error) {
          if (error instanceof AppError && error.kind === 'invalid') {
            const text = t(context.lang, field === 'institution' ? 'error.institution' : 'error.reply');
            return sendHtml(context.reply, context.lang, 400, await ticketPage(deps, context, agent, await support.ticketForAgent(agent, number), [{ id: field, text }]));
          }
          if (!(error instanceof AppError && error.kind === 'conflict')) throw error;
        }
        // After a transfer the ticket is another queue's: back to the desk.
        return seeOther(context.reply, context.lang, path === 'transfer' ? `${PATH}?done=${done}` : `${PATH}/${number}?done=${done}`);
      }),
    });

  action('assign', 'assigned', (_context, agent, number) => support.assignToMe(agent, number), 'reply');
  // A reply may carry files: multipart, its token checked once the parts are read.
  shell.route({
    method: 'POST',
    path: `${PATH}/:number/reply`,
    need: 'staff',
    multipart: true,
    handler: asAgent(async (context, agent) => {
      const { lang } = context;
      const number = numberOf(context);
      const posted = await readPostedForm(context.request);
      if (!posted.malformed && !posted.csrfOk) return context.forbidden('csrf');
      const files = uploadsOf(posted);
      const again = async (id: string, text: string): Promise<FastifyReply> =>
        sendHtml(context.reply, lang, 400, await ticketPage(deps, context, agent, await support.ticketForAgent(agent, number), [{ id, text }]));
      const unreadable = uploadProblem(lang, posted);
      if (unreadable) return again('files', unreadable);
      try {
        await support.reply(agent, number, postedText(posted, 'reply'), files);
      } catch (error) {
        const refused = refusedFile(lang, error, files);
        if (refused) return again('files', refused);
        if (error instanceof AppError && error.kind === 'invalid') return again('reply', t(lang, 'error.reply'));
        if (!(error instanceof AppError && error.kind === 'conflict')) throw error;
      }
      return seeOther(context.reply, lang, `${PATH}/${number}?done=replied`);
    }),
  });
  shell.route({
    method: 'GET',
    path: `${PATH}/:number/files/:fileId`,
    need: 'staff',
    download: true,
    handler: asAgent(async (context, agent) => sendDownload(context.reply, await support.fileForAgent(agent, numberOf(context), context.params.fileId ?? ''))),
  });
  action('note', 'noted', (context, agent, number) => support.note(agent, number, bodyText(context, 'note')), 'note');
  action('transfer', 'transferred', (context, agent, number) => support.transfer(agent, number, bodyText(context, 'institution'), bodyText(context, 'transferNote')), 'institution');
  action('close', 'closed', (_context, agent, number) => support.closeByAgent(agent, number), 'reply');
  action('reopen', 'reopened', (_context, agent, number) => support.reopenByAgent(agent, number), 'reply');

  shell.route({
    method: 'POST',
    path: `${PATH}/:number/merge`,
    need: 'staff',
    handler: asAgent(async (context, agent) => {
      const number = numberOf(context);
      const into = bodyText(context, 'into');
      try {
        const merged = await support.merge(agent, number, /^\d{1,12}$/.test(into) ? Number(into) : 0);
        return seeOther(context.reply, context.lang, `${PATH}/${merged.number}?done=merged`);
      } catch (error) {
        if (!(error instanceof AppError && (error.kind === 'invalid' || error.kind === 'not_found' || error.kind === 'conflict'))) throw error;
        return sendHtml(context.reply, context.lang, 400, await ticketPage(deps, context, agent, await support.ticketForAgent(agent, number), [{ id: 'into', text: t(context.lang, 'error.merge') }]));
      }
    }),
  });
  registerTargetsPages(shell, deps, asAgent);
}
