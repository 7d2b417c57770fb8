/**
 * One application as its applicant's side sees it (P7, P11, P12, P2): status,
 * the whole timeline, the expected completion date (paused while awaiting the
 * applicant) beside how long recent applications took, what the institution
 * awaits with the form to answer, the result and its documents, what was sent
 * with its receipt; the confirmation after submitting; the withdrawal's
 * confirmation page.
 */
import { escapeHtml as e } from '@kitajs/html';
import { AppError } from '../../../../platform/errors.js';
import { formatDate, formatDateTime, formatDuration, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, type ShownError } from '../../../../platform/web/page.js';
import type { ApplicationView, Form } from '../../index.js';
import type { Institution } from '../../../catalog/index.js';
import { answerText, formatSize } from './apply.components.js';
import { valueAt } from './apply.form.js';
import type { ApplyDeps } from './apply.context.js';
import { FileLinks, LIST, OPEN, StatusTag } from './applications.components.js';
import { t } from './applications.messages.js';
import { givesValue } from '../../forms.registers.js';
import { ActingBanner, ErrorSummary, FieldError, SuccessBanner, workspaceCrumbs } from '../../../../platform/web/workspace.components.js';
import { at, type PageContext } from '../../../../platform/web/workspace.js';
import { knownNames, partyText, nameParties } from '../../../access/index.js';
import { WarningText } from '../../../../platform/web/fields.js';

/** The application as its applicant's side sees it; anyone else (institutions included: they have the console) is told it does not exist. */
export async function applicationOf(deps: ApplyDeps, context: PageContext): Promise<ApplicationView> {
  const number = context.params.number ?? '';
  const view = await deps.applications.getApplication(context.principal, number);
  if (view.viewer !== 'applicant' || view.number !== number) throw new AppError('applications.not-found', 'not_found', `No application "${number}" that you may see.`);
  return view;
}

function Row({ name, children }: { name: string; children: JSX.Element | string }): JSX.Element {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key" safe>
        {name}
      </dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** The site's own address, for links that leave the page (printed, kept, pasted): PUBLIC_URL, else this request's origin. */
export const originOf = (deps: ApplyDeps, context: PageContext): string => (deps.publicUrl ?? `${context.request.protocol}://${context.request.host}`).replace(/\/+$/, '');

function ReceiptList({ lang, view, origin }: { lang: Lang; view: ApplicationView; origin: string }): JSX.Element {
  const receipt = view.receipt;
  if (!receipt) return <></>;
  const link = `${origin}${at(lang, receipt.link)}`;
  return (
    <>
      <h2 class="govuk-heading-m" id="receipt" safe>
        {t(lang, 'receipt.title')}
      </h2>
      <p class="govuk-body" safe>
        {t(lang, 'receipt.lead')}
      </p>
      <dl class="govuk-summary-list">
        <Row name={t(lang, 'receipt.number')}>{e(receipt.number)}</Row>
        <Row name={t(lang, 'receipt.submittedAt')}>{e(formatDateTime(receipt.submittedAt, lang))}</Row>
        <Row name={t(lang, 'receipt.link')}>
          <a class="govuk-link pk-permalink" href={link} id="receipt-link" safe>
            {link}
          </a>
        </Row>
        <Row name={t(lang, 'receipt.data')}>
          <code class="pk-hash" safe>
            {receipt.dataSha256}
          </code>
        </Row>
        {receipt.attachments.map((file) => (
          <Row name={t(lang, 'receipt.file', { name: file.filename, size: formatSize(file.size, lang) })}>
            <code class="pk-hash" safe>
              {file.sha256}
            </code>
          </Row>
        ))}
      </dl>
    </>
  );
}

export async function confirmationPage(deps: ApplyDeps, context: PageContext, view: ApplicationView): Promise<string> {
  const { lang, acting } = context;
  const institution = await deps.catalog.getInstitution(view.institutionId).catch(() => undefined);
  const title = t(lang, 'done.title');
  return renderPage({
    lang,
    title: `${title} — ${view.number}`,
    alternateUrl: at(otherLang(lang), `${LIST}/${view.number}/submitted`),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang, { href: at(lang, LIST), text: t(lang, 'list.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <div class="govuk-panel govuk-panel--confirmation">
            <h1 class="govuk-panel__title" safe>
              {title}
            </h1>
            <div class="govuk-panel__body">
              {e(t(lang, 'done.number'))}
              <br />
              <strong id="application-number" safe>
                {view.number}
              </strong>
            </div>
          </div>
          <ActingBanner lang={lang} acting={acting} />
          <h2 class="govuk-heading-m" safe>
            {t(lang, 'done.next')}
          </h2>
          <p class="govuk-body" safe>
            {t(lang, 'done.nextText', { institution: institution?.name[lang] ?? '', date: formatDate(view.expectedCompletionAt, lang) })}
          </p>
          <p class="govuk-body" id="confirmation-email" safe>
            {typeof view.data.email === 'string' && view.data.email ? t(lang, 'done.email', { email: view.data.email }) : t(lang, 'done.emailSettings')}
          </p>
          <p class="govuk-body" safe>
            {t(lang, 'done.follow')}
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href={at(lang, view.link)} id="open-application" safe>
              {t(lang, 'done.open', { number: view.number })}
            </a>
          </p>
          <ReceiptList lang={lang} view={view} origin={originOf(deps, context)} />
          <p class="govuk-body">
            <a class="govuk-link" href={at(lang, LIST)} safe>
              {t(lang, 'done.list')}
            </a>
          </p>
        </div>
      </div>
    ),
  });
}

export interface DetailState {
  done?: string;
  important?: string;
  errors?: { message?: string; files?: string };
  message?: string;
}

/** What was sent, in the form's words (fields the current form no longer has keep their own names). */
function SentData({ lang, view, form }: { lang: Lang; view: ApplicationView; form: Form | undefined }): JSX.Element {
  const steps = form?.presentation.steps ?? [];
  const named = new Set(steps.flatMap((step) => step.fields));
  const rows: { label: string; text: string }[] = [];
  // Values the platform took from a state register say so (once only: the person did not type them).
  const fromRegister = new Set((view.receipt?.registerData ?? []).map((datum) => datum.field));
  for (const step of steps) {
    for (const name of step.fields) {
      const hint = form?.presentation.fields[name];
      const value = valueAt(view.data, name);
      if (!hint || value === undefined) continue;
      const text = answerText(lang, { hint }, value);
      rows.push({ label: hint.label[lang], text: fromRegister.has(name) && hint.source && givesValue(hint.source) ? `${text} (${t(lang, 'data.fromRegister')})` : text });
    }
  }
  const tops = new Set([...named].map((name) => name.split('/')[0]));
  for (const [name, value] of Object.entries(view.data)) {
    if (!tops.has(name)) rows.push({ label: name, text: typeof value === 'string' ? value : JSON.stringify(value) });
  }
  return (
    <>
      <h2 class="govuk-heading-m" id="sent" safe>
        {t(lang, 'data.title')}
      </h2>
      <dl class="govuk-summary-list">
        {rows.map((row) => (
          <Row name={row.label}>{e(row.text)}</Row>
        ))}
        {view.attachments.length > 0 ? (
          <Row name={t(lang, 'data.files')}>
            <FileLinks lang={lang} number={view.number} files={view.attachments} />
          </Row>
        ) : (
          ''
        )}
      </dl>
    </>
  );
}

function AnswerForm({ lang, view, csrf, state }: { lang: Lang; view: ApplicationView; csrf: string; state: DetailState }): JSX.Element {
  const errors = state.errors ?? {};
  return (
    <form method="post" action={at(lang, `${LIST}/${view.number}/respond`)} enctype="multipart/form-data" novalidate>
      <input type="hidden" name="_csrf" value={csrf} />
      <h3 class="govuk-heading-s" safe>
        {t(lang, 'answer.title')}
      </h3>
      <div class={errors.message ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
        <label class="govuk-label govuk-label--s" for="message" safe>
          {t(lang, 'answer.message')}
        </label>
        <FieldError lang={lang} id="message" text={errors.message} />
        <textarea class={errors.message ? 'govuk-textarea govuk-textarea--error' : 'govuk-textarea'} id="message" name="message" rows="5" {...(errors.message ? { 'aria-describedby': 'message-error' } : {})} safe>
          {state.message ?? ''}
        </textarea>
      </div>
      <div class={errors.files ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
        <label class="govuk-label govuk-label--s" for="files" safe>
          {t(lang, 'answer.files')}
        </label>
        <FieldError lang={lang} id="files" text={errors.files} />
        <input class="govuk-file-upload" id="files" name="files" type="file" multiple {...(errors.files ? { 'aria-describedby': 'files-error' } : {})} />
      </div>
      <button type="submit" class="govuk-button" data-module="govuk-button" safe>
        {t(lang, 'answer.submit')}
      </button>
    </form>
  );
}

export async function detailPage(deps: ApplyDeps, context: PageContext, view: ApplicationView, state: DetailState = {}): Promise<string> {
  const { lang, acting, csrf } = context;
  const [institutions, form, names] = await Promise.all([
    deps.catalog.listInstitutions(),
    deps.applications.getForm(view.serviceId).catch(() => undefined),
    nameParties(deps.persons, [view.applicant, ...(view.submittedBy ? [view.submittedBy] : [])], knownNames(acting)),
  ]);
  const institutionName = (id: string | null): string => (id ? (institutions.find((institution: Institution) => institution.id === id)?.name[lang] ?? '') : '');
  const errors: ShownError[] = [
    ...(state.errors?.message ? [{ id: 'message', text: state.errors.message }] : []),
    ...(state.errors?.files ? [{ id: 'files', text: state.errors.files }] : []),
  ];
  const predict = view.predictability;
  const stats = predict.statistics;
  const days = (value: number, iso: string): string => (value >= 1 ? (formatDuration(`P${Math.round(value)}D`, lang) ?? iso) : (formatDuration(iso, lang) ?? iso));
  const leadTime = formatDuration(predict.leadTime.duration, lang) ?? predict.leadTime.duration;
  const title = t(lang, 'app.title', { number: view.number });
  const withdrawable = OPEN.includes(view.status.code);
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: at(otherLang(lang), view.link),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang, { href: at(lang, LIST), text: t(lang, 'list.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <SuccessBanner lang={lang} text={state.done ?? state.important} important={!state.done && !!state.important} />
          <ActingBanner lang={lang} acting={acting} />
          <span class="govuk-caption-l" safe>
            {view.serviceTitle[lang]}
          </span>
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" id="status">
            <StatusTag lang={lang} status={view.status} />
          </p>
          {view.overdue ? (
            <WarningText id="overdue" text={t(lang, 'app.overdue', { date: formatDate(view.expectedCompletionAt, lang) })} important={t(lang, 'common.important')} />
          ) : (
            ''
          )}
          {view.status.code === 'awaiting_client' ? (
            <div class="govuk-notification-banner" role="region" aria-labelledby="awaiting-title" data-module="govuk-notification-banner" id="awaiting">
              <div class="govuk-notification-banner__header">
                <h2 class="govuk-notification-banner__title" id="awaiting-title" safe>
                  {t(lang, 'app.awaitingTitle')}
                </h2>
              </div>
              <div class="govuk-notification-banner__content">
                {view.awaiting ? (
                  <p class="govuk-notification-banner__heading" safe>
                    {t(lang, 'app.awaiting', { what: view.awaiting })}
                  </p>
                ) : (
                  ''
                )}
                <AnswerForm lang={lang} view={view} csrf={csrf} state={state} />
              </div>
            </div>
          ) : (
            ''
          )}
          {view.result ? (
            <section aria-labelledby="result">
              <h2 class="govuk-heading-m" id="result" safe>
                {t(lang, 'result.title')}
              </h2>
              <p class="govuk-body" safe>
                {view.result.summary[lang]}
              </p>
              <p class="govuk-body-s" safe>
                {t(lang, 'result.delivered', { date: formatDateTime(view.result.deliveredAt, lang) })}
              </p>
              {view.result.documents.length > 0 ? (
                <>
                  <h3 class="govuk-heading-s" safe>
                    {t(lang, 'result.documents')}
                  </h3>
                  <FileLinks lang={lang} number={view.number} files={view.result.documents} />
                </>
              ) : (
                ''
              )}
            </section>
          ) : (
            ''
          )}
          {(deps.applicationPanels ?? []).map((panel) => panel(context, { id: view.id, number: view.number, statusCode: view.status.code, serviceId: view.serviceId, institutionId: view.institutionId }))}
          <dl class="govuk-summary-list" id="facts">
            <Row name={t(lang, 'app.service')}>{e(view.serviceTitle[lang])}</Row>
            <Row name={t(lang, 'app.institution')}>{e(institutionName(view.institutionId))}</Row>
            <Row name={t(lang, 'app.applicant')}>{e(partyText(lang, { party: view.applicant, partyKind: view.applicantKind, name: names.get(view.applicant) }))}</Row>
            {view.submittedBy && view.submittedBy !== view.applicant ? (
              <Row name={t(lang, 'app.submittedBy')}>{e(partyText(lang, { party: view.submittedBy, partyKind: 'person', name: names.get(view.submittedBy) }))}</Row>
            ) : (
              ''
            )}
            <Row name={t(lang, 'app.submitted')}>{e(formatDateTime(view.submittedAt, lang))}</Row>
            <Row name={t(lang, 'app.leadTime')}>{e(t(lang, predict.leadTime.dayKind === 'working' ? 'app.workingDays' : 'app.calendarDays', { duration: leadTime }))}</Row>
            {predict.completedAt ? (
              <Row name={t(lang, 'app.completed')}>{e(formatDateTime(predict.completedAt, lang))}</Row>
            ) : (
              <Row name={t(lang, 'app.expected')}>
                <>
                  <span id="expected" safe>
                    {formatDate(predict.expectedCompletionAt, lang)}
                  </span>
                  {predict.clockPaused ? (
                    <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0" id="paused" safe>
                      {t(lang, 'app.paused')}
                    </p>
                  ) : (
                    ''
                  )}
                  {stats ? (
                    <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0" id="statistics" safe>
                      {t(lang, 'app.statistics', { count: stats.sampleSize, median: days(stats.medianDays, stats.median), p90: days(stats.p90Days, stats.p90) })}
                    </p>
                  ) : (
                    ''
                  )}
                </>
              </Row>
            )}
          </dl>

          <h2 class="govuk-heading-m" id="timeline" safe>
            {t(lang, 'timeline.title')}
          </h2>
          <table class="govuk-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                {(['timeline.when', 'timeline.what', 'timeline.who'] as const).map((key) => (
                  <th scope="col" class="govuk-table__header" safe>
                    {t(lang, key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {view.timeline.map((entry) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell" safe>
                    {formatDateTime(entry.occurredAt, lang)}
                  </td>
                  <td class="govuk-table__cell">
                    <strong safe>{entry.label[lang]}</strong>
                    {entry.awaiting ? (
                      <p class="govuk-body-s govuk-!-margin-bottom-0" safe>
                        {t(lang, 'timeline.awaiting', { what: entry.awaiting })}
                      </p>
                    ) : (
                      ''
                    )}
                    {entry.noteForApplicant ? (
                      <p class="govuk-body-s govuk-!-margin-bottom-0" safe>
                        {t(lang, 'timeline.note', { note: entry.noteForApplicant })}
                      </p>
                    ) : (
                      ''
                    )}
                    {entry.response ? (
                      <>
                        <p class="govuk-body-s govuk-!-margin-bottom-0" safe>
                          {t(lang, 'timeline.response', { message: entry.response.message })}
                        </p>
                        {entry.response.files.length > 0 ? <FileLinks lang={lang} number={view.number} files={entry.response.files} /> : ''}
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {entry.role === 'applicant' ? t(lang, 'timeline.you') : entry.role === 'platform' ? t(lang, 'timeline.platform') : institutionName(entry.institutionId ?? view.institutionId)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <SentData lang={lang} view={view} form={form} />
          <ReceiptList lang={lang} view={view} origin={originOf(deps, context)} />

          {withdrawable ? (
            <p class="govuk-body govuk-!-margin-top-6">
              <a class="govuk-button govuk-button--warning" role="button" draggable="false" data-module="govuk-button" href={at(lang, `${LIST}/${view.number}/withdraw`)} safe>
                {t(lang, 'withdraw.link')}
              </a>
            </p>
          ) : (
            ''
          )}
        </div>
      </div>
    ),
  });
}

export async function withdrawPage(context: PageContext, view: ApplicationView): Promise<string> {
  const { lang, acting, csrf } = context;
  const title = t(lang, 'withdraw.title', { number: view.number });
  return renderPage({
    lang,
    title,
    alternateUrl: at(otherLang(lang), `${view.link}/withdraw`),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang, { href: at(lang, LIST), text: t(lang, 'list.title') }, { href: at(lang, view.link), text: view.number }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ActingBanner lang={lang} acting={acting} />
          <span class="govuk-caption-l" safe>
            {view.serviceTitle[lang]}
          </span>
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'withdraw.lead')}
          </p>
          <WarningText text={t(lang, 'withdraw.warning')} important={t(lang, 'common.important')} />
          <form method="post" action={at(lang, `${view.link}/withdraw`)} novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <div class="govuk-form-group">
              <label class="govuk-label govuk-label--s" for="reason" safe>
                {t(lang, 'withdraw.reason')}
              </label>
              <textarea class="govuk-textarea" id="reason" name="reason" rows="3"></textarea>
            </div>
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" safe>
                {t(lang, 'withdraw.confirm')}
              </button>
              <a class="govuk-link" href={at(lang, view.link)} safe>
                {t(lang, 'withdraw.cancel')}
              </a>
            </div>
          </form>
        </div>
      </div>
    ),
  });
}

