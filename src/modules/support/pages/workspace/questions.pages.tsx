/**
 * The person's side of customer support (P13) in the workspace: "My
 * questions" (of the party they act for), asking — about a service, an
 * application or in general —, one question's thread (without the agents'
 * internal notes), answering, closing, and reopening within 14 days. Plain
 * forms, POST-redirect-GET, no JavaScript.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { Csrf, Select, TextArea } from '../../../../platform/web/fields.js';
import { RatingPart, StateTag, ThreadEntry } from '../support.components.js';
import { formatDate, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import { at, seeOther, type PageContext, type WorkspaceShell } from '../../../../platform/web/workspace.js';
import { ActingBanner, ErrorSummary, SuccessBanner, workspaceCrumbs } from '../../../../platform/web/workspace.components.js';
import { textOf } from '../../../../platform/web/form-values.js';
import type { Entry, SupportService, TicketWithThread } from '../../support.service.js';
import { t, type SupportKey } from '../support.messages.js';
import { readPostedForm } from '../../../applications/index.js';
import { sendDownload } from '../../files.download.js';
import { FilesField, postedText, refusedFile, uploadProblem, uploadsOf } from '../support.uploads.js';

const PATH = '/workspace/support';

export interface SupportWorkspaceDeps {
  support: SupportService;
  catalog: {
    lookup(ref: string): Promise<{ kind: string; service?: { id: string; slug: string; title: { lv: string; en: string } } }>;
    getMany(ids: string[]): Promise<{ id: string; slug: string; title: { lv: string; en: string } }[]>;
    listInstitutions(): Promise<{ id: string; name: { lv: string; en: string } }[]>;
  };
}

/** The "Ask a question" link on the person's page of an application (the applications module shows the panels app.ts hands it). */
export function askAboutApplication({ lang }: { lang: Lang }, view: { number: string }): JSX.Element {
  return (
    <p class="govuk-body govuk-!-margin-top-6">
      <a class="govuk-link" href={`${at(lang, `${PATH}/new`)}?application=${encodeURIComponent(view.number)}`} safe>
        {t(lang, 'panel.askApplication')}
      </a>
    </p>
  );
}

async function listPage(deps: SupportWorkspaceDeps, context: PageContext): Promise<string> {
  const { lang, acting } = context;
  const tickets = await deps.support.ticketsOf(acting.current.party);
  const title = t(lang, 'list.title');
  return renderPage({
    lang,
    title,
    alternateUrl: at(otherLang(lang), PATH),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-full">
          <ActingBanner lang={lang} acting={acting} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body">
            <a class="govuk-button" role="button" draggable="false" data-module="govuk-button" href={at(lang, `${PATH}/new`)} safe>
              {t(lang, 'list.ask')}
            </a>
          </p>
          {tickets.length === 0 ? (
            <p class="govuk-body" safe>
              {t(lang, 'list.none')}
            </p>
          ) : (
            <table class="govuk-table">
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  {(['list.number', 'list.subject', 'list.state', 'list.asked'] as const).map((key) => (
                    <th scope="col" class="govuk-table__header" safe>
                      {t(lang, key)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {tickets.map((ticket) => (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={at(lang, `${PATH}/${ticket.number}`)} safe>
                        {String(ticket.number)}
                      </a>
                    </td>
                    <td class="govuk-table__cell" safe>
                      {ticket.subject.label[lang]}
                    </td>
                    <td class="govuk-table__cell">
                      <StateTag lang={lang} state={ticket.state} />
                    </td>
                    <td class="govuk-table__cell" safe>
                      {formatDate(ticket.createdAt, lang)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    ),
  });
}

interface NewForm {
  subject: string;
  message: string;
}

type About = { service?: { id: string; slug: string; title: { lv: string; en: string } }; application?: string; query: string };

async function aboutOf(deps: SupportWorkspaceDeps, context: PageContext): Promise<About | undefined> {
  const slug = textOf(context.query.service);
  const application = textOf(context.query.application);
  if (application) {
    if (application.length > 64 || !/^[A-Za-z0-9-]+$/.test(application)) return undefined;
    return { application, query: `?application=${encodeURIComponent(application)}` };
  }
  if (slug) {
    if (slug.length > 200 || !/^[a-z0-9-]+$/.test(slug)) return undefined;
    const found = await deps.catalog.lookup(slug).catch(() => undefined);
    if (!found?.service || found.kind === 'missing') return undefined;
    return { service: found.service, query: `?service=${encodeURIComponent(found.service.slug)}` };
  }
  return { query: '' };
}

async function newPage(deps: SupportWorkspaceDeps, context: PageContext, about: About, form: NewForm, errors: ShownError[]): Promise<string> {
  const { lang, acting, csrf } = context;
  const subjects = await deps.support.subjects();
  const title = t(lang, 'ask.title');
  const fieldError = (id: string): string | undefined => errors.find((error) => error.id === id)?.text;
  const aboutText = about.application
    ? t(lang, 'ask.aboutApplication', { number: about.application })
    : about.service
      ? t(lang, 'ask.aboutService', { title: about.service.title[lang] })
      : t(lang, 'ask.aboutGeneral');
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: `${at(otherLang(lang), `${PATH}/new`)}${about.query}`,
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang, { href: at(lang, PATH), text: t(lang, 'list.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <ActingBanner lang={lang} acting={acting} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'ask.lead')}
          </p>
          <div class="govuk-inset-text">
            <strong safe>{t(lang, 'ask.about')}</strong>: {e(aboutText)}
          </div>
          <form method="post" action={`${at(lang, `${PATH}/new`)}${about.query}`} enctype="multipart/form-data" novalidate>
            <Csrf token={csrf} />
            <Select
              lang={lang}
              name="subject"
              label={t(lang, 'ask.subject')}
              value={form.subject || (about.application ? 'status' : '')}
              error={fieldError('subject')}
              options={[{ value: '', text: t(lang, 'ask.choose') }, ...subjects.map((subject) => ({ value: subject.code, text: subject.label[lang] }))]}
            />
            <TextArea lang={lang} name="message" label={t(lang, 'ask.message')} hint={t(lang, 'ask.messageHint')} value={form.message} error={fieldError('message')} rows={6} />
            <FilesField lang={lang} error={fieldError('files')} />
            <button type="submit" class="govuk-button" data-module="govuk-button" safe>
              {t(lang, 'ask.send')}
            </button>
          </form>
        </div>
      </div>
    ),
  });
}

const DONE: Record<string, SupportKey> = { sent: 'thread.sent', replied: 'thread.replied', closed: 'thread.closedDone', reopened: 'thread.reopenedDone', rated: 'rating.thanks' };

async function threadPage(deps: SupportWorkspaceDeps, context: PageContext, ticket: TicketWithThread, error?: ShownError): Promise<string> {
  const { lang, acting, csrf } = context;
  const [institutions, services] = await Promise.all([deps.catalog.listInstitutions(), ticket.serviceId ? deps.catalog.getMany([ticket.serviceId]) : Promise.resolve([])]);
  const institutionName = (id: string | null): string => (id ? (institutions.find((institution) => institution.id === id)?.name[lang] ?? '') : t(lang, 'thread.firstLine'));
  const service = services[0];
  const self = context.principal.personalCode;
  const who = (entry: Entry): string => (entry.authorKind === 'agent' ? t(lang, 'thread.support') : entry.author === self ? t(lang, 'thread.you') : (entry.author ?? t(lang, 'thread.visitor')));
  const title = t(lang, 'thread.title', { number: ticket.number });
  const done = DONE[textOf(context.query.done)];
  const errors = error ? [error] : [];
  const base = `${PATH}/${ticket.number}`;
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: at(otherLang(lang), base),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang, { href: at(lang, PATH), text: t(lang, 'list.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <SuccessBanner lang={lang} text={done ? t(lang, done) : undefined} />
          <ActingBanner lang={lang} acting={acting} />
          <span class="govuk-caption-l" safe>
            {ticket.subject.label[lang]}
          </span>
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" id="state">
            <StateTag lang={lang} state={ticket.state} />
          </p>
          <dl class="govuk-summary-list" id="facts">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key" safe>
                {t(lang, 'thread.queue')}
              </dt>
              <dd class="govuk-summary-list__value" id="queue" safe>
                {institutionName(ticket.queueInstitutionId)}
              </dd>
            </div>
            {service ? (
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key" safe>
                  {t(lang, 'thread.service')}
                </dt>
                <dd class="govuk-summary-list__value">
                  <a class="govuk-link" href={at(lang, `/services/${service.slug}`)} safe>
                    {service.title[lang]}
                  </a>
                </dd>
              </div>
            ) : (
              ''
            )}
            {ticket.applicationNumber ? (
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key" safe>
                  {t(lang, 'thread.application')}
                </dt>
                <dd class="govuk-summary-list__value">
                  <a class="govuk-link" href={at(lang, `/workspace/applications/${ticket.applicationNumber}`)} safe>
                    {ticket.applicationNumber}
                  </a>
                </dd>
              </div>
            ) : (
              ''
            )}
            {ticket.clock && ticket.state !== 'closed' ? (
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key" safe>
                  {t(lang, ticket.firstReplyAt ? 'thread.resolutionDue' : 'thread.due')}
                </dt>
                <dd class="govuk-summary-list__value">
                  <span id="due" safe>
                    {formatDate(ticket.firstReplyAt ? ticket.clock.resolutionDue : ticket.clock.firstReplyDue, lang)}
                  </span>
                  {ticket.clock.paused ? (
                    <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0" id="paused" safe>
                      {t(lang, 'thread.paused')}
                    </p>
                  ) : (
                    ''
                  )}
                </dd>
              </div>
            ) : (
              ''
            )}
          </dl>
          <h2 class="govuk-heading-m" id="thread" safe>
            {t(lang, 'thread.thread')}
          </h2>
          {ticket.entries.map((entry) => (
            <ThreadEntry lang={lang} entry={entry} institutionName={institutionName} who={who} fileHref={(file) => at(lang, `${base}/files/${file.id}`)} />
          ))}
          {ticket.state !== 'closed' ? (
            <>
              <form method="post" action={at(lang, `${base}/reply`)} enctype="multipart/form-data" novalidate>
                <Csrf token={csrf} />
                <TextArea lang={lang} name="message" label={t(lang, 'thread.answer')} labelClass="govuk-label--s" value="" error={error?.id === 'message' ? error.text : undefined} rows={4} />
                <FilesField lang={lang} error={error?.id === 'files' ? error.text : undefined} />
                <button type="submit" class="govuk-button" data-module="govuk-button" safe>
                  {t(lang, 'thread.send')}
                </button>
              </form>
              <form method="post" action={at(lang, `${base}/close`)} novalidate>
                <Csrf token={csrf} />
                <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
                  {t(lang, 'thread.close')}
                </button>
              </form>
            </>
          ) : (
            <RatingPart lang={lang} csrf={csrf} ticket={ticket} base={base} error={error?.id === 'rating' ? error.text : undefined} />
          )}
          {ticket.state === 'closed' && ticket.reopenable ? (
            <form method="post" action={at(lang, `${base}/reopen`)} novalidate>
              <Csrf token={csrf} />
              <p class="govuk-body" safe>
                {t(lang, 'thread.reopenHint')}
              </p>
              <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
                {t(lang, 'thread.reopen')}
              </button>
            </form>
          ) : (
            ''
          )}
        </div>
      </div>
    ),
  });
}

const numberOf = (context: PageContext): number => (/^\d{1,12}$/.test(context.params.number ?? '') ? Number(context.params.number) : 0);
const isKind = (error: unknown, kind: string): boolean => error instanceof AppError && error.kind === kind;

export function registerSupportWorkspacePages(shell: WorkspaceShell, deps: SupportWorkspaceDeps): void {
  const { support } = deps;
  shell.tile(({ lang }) => ({ href: at(lang, PATH), title: t(lang, 'home.title'), text: t(lang, 'home.text') }));
  const route = (method: 'GET' | 'POST', path: string, handler: (context: PageContext) => Promise<FastifyReply | string>): void => shell.route({ method, path, handler });
  const personal = (context: PageContext): string => context.principal.personalCode as string;

  route('GET', PATH, (context) => listPage(deps, context));

  route('GET', `${PATH}/new`, async (context) => {
    const about = await aboutOf(deps, context);
    if (!about) throw new AppError('support.not-found', 'not_found', 'No such service or application.');
    return newPage(deps, context, about, { subject: '', message: '' }, []);
  });

  // Multipart (optional files): the handler reads the parts and checks the CSRF token itself.
  shell.route({ method: 'POST', path: `${PATH}/new`, multipart: true, handler: async (context) => {
    const { lang } = context;
    const about = await aboutOf(deps, context);
    if (!about) throw new AppError('support.not-found', 'not_found', 'No such service or application.');
    const posted = await readPostedForm(context.request);
    if (!posted.malformed && !posted.csrfOk) return context.refuseCsrf(`${PATH}/new${about.query}`);
    const form: NewForm = { subject: postedText(posted, 'subject'), message: postedText(posted, 'message') };
    const files = uploadsOf(posted);
    const errors: ShownError[] = [];
    if (!form.subject) errors.push({ id: 'subject', text: t(lang, 'error.subject') });
    if (!form.message || form.message.length > 5000) errors.push({ id: 'message', text: t(lang, 'error.message') });
    const unreadable = uploadProblem(lang, posted);
    if (unreadable) errors.push({ id: 'files', text: unreadable });
    if (errors.length === 0) {
      try {
        const current = context.acting.current;
        const ticket = await support.ask({
          askedBy: personal(context),
          principal: context.principal,
          requester: current.party,
          requesterKind: current.partyKind,
          subject: form.subject,
          message: form.message,
          about: { serviceId: about.service?.id, application: about.application },
          channel: 'workspace',
          language: lang,
          files,
        });
        return seeOther(context.reply, lang, `${PATH}/${ticket.number}?done=sent`);
      } catch (error) {
        if (!isKind(error, 'invalid')) throw error;
        const refused = refusedFile(lang, error, files);
        const pointer = (error as AppError).errors?.[0]?.pointer ?? '';
        if (pointer === '#/application' || pointer === '#/service') throw new AppError('support.not-found', 'not_found', 'No such service or application.');
        errors.push(refused ? { id: 'files', text: refused } : pointer === '#/subject' ? { id: 'subject', text: t(lang, 'error.subject') } : { id: 'message', text: t(lang, 'error.message') });
      }
    }
    return sendHtml(context.reply, lang, 400, await newPage(deps, context, about, form, errors));
  } });

  route('GET', `${PATH}/:number`, async (context) => threadPage(deps, context, await support.ticketOf(context.acting.current.party, numberOf(context), personal(context))));

  const action = (path: string, done: string, work: (context: PageContext, number: number) => Promise<unknown>): void =>
    route('POST', `${PATH}/:number/${path}`, async (context) => {
      const number = numberOf(context);
      try {
        await work(context, number);
      } catch (error) {
        if (isKind(error, 'invalid')) {
          const ticket = await support.ticketOf(context.acting.current.party, number, personal(context));
          return sendHtml(context.reply, context.lang, 400, await threadPage(deps, context, ticket, { id: 'message', text: t(context.lang, 'error.reply') }));
        }
        // Closed meanwhile, or too late to reopen: the thread shows how things stand.
        if (!isKind(error, 'conflict')) throw error;
      }
      return seeOther(context.reply, context.lang, `${PATH}/${number}?done=${done}`);
    });

  // The answer may carry files: multipart, its token checked once the parts are read.
  shell.route({
    method: 'POST',
    path: `${PATH}/:number/reply`,
    multipart: true,
    handler: async (context) => {
      const { lang } = context;
      const number = numberOf(context);
      const party = context.acting.current.party;
      const posted = await readPostedForm(context.request);
      if (!posted.malformed && !posted.csrfOk) return context.refuseCsrf(`${PATH}/${number}`);
      const files = uploadsOf(posted);
      const again = async (id: string, text: string): Promise<FastifyReply> =>
        sendHtml(context.reply, lang, 400, await threadPage(deps, context, await support.ticketOf(party, number, personal(context)), { id, text }));
      const unreadable = uploadProblem(lang, posted);
      if (unreadable) return again('files', unreadable);
      try {
        await support.answer(party, personal(context), number, postedText(posted, 'message'), files);
      } catch (error) {
        const refused = refusedFile(lang, error, files);
        if (refused) return again('files', refused);
        if (isKind(error, 'invalid')) return again('message', t(lang, 'error.reply'));
        if (!isKind(error, 'conflict')) throw error;
      }
      return seeOther(context.reply, lang, `${PATH}/${number}?done=replied`);
    },
  });
  shell.route({
    method: 'GET',
    path: `${PATH}/:number/files/:fileId`,
    download: true,
    handler: async (context) => sendDownload(context.reply, await support.fileOf(context.acting.current.party, numberOf(context), context.params.fileId ?? '', personal(context))),
  });
  action('close', 'closed', (context, number) => support.closeByPerson(context.acting.current.party, personal(context), number));
  action('reopen', 'reopened', (context, number) => support.reopen(context.acting.current.party, personal(context), number));

  route('POST', `${PATH}/:number/rate`, async (context) => {
    const number = numberOf(context);
    const rating = textOf(context.body.rating);
    try {
      await support.rate(context.acting.current.party, number, /^[1-5]$/.test(rating) ? Number(rating) : 0, textOf(context.body.comment));
    } catch (error) {
      if (isKind(error, 'invalid')) {
        const ticket = await support.ticketOf(context.acting.current.party, number, personal(context));
        return sendHtml(context.reply, context.lang, 400, await threadPage(deps, context, ticket, { id: 'rating', text: t(context.lang, 'rating.error') }));
      }
      if (!isKind(error, 'conflict')) throw error;
    }
    return seeOther(context.reply, context.lang, `${PATH}/${number}?done=rated`);
  });
}
