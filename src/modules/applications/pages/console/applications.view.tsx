/**
 * One application as its institution sees it (P11, P12): the data as
 * submitted (labelled from the service's form), the attachments, the whole
 * timeline with internal notes, the expected completion and the service's
 * statistics, and the case handler's actions (applications.forms.tsx). A
 * refused action comes back on this page with the input kept.
 */
import type { FastifyReply } from 'fastify';
import { formatDate, formatDateTime, formatDuration, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml } from '../../../../platform/web/page.js';
import type { ApplicationView, FileInfo, Form, StatusCode, Text } from '../../index.js';
import { FINAL_CODES } from '../../statuses.js';
import { handles, namesOf, StatusTag, type CaseDeps } from './applications.context.js';
import { RequestForm, ResultForm, StatusForm, type ActionState } from './applications.forms.js';
import { tc, type CaseKey } from './applications.messages.js';
import { at, consoleCrumbs, type PageContext, queryValue } from '../../../../platform/web/console.js';
import { ErrorSummary, SuccessBanner } from '../../../../platform/web/fields.js';
import { NotFoundError } from '../../../../platform/errors.js';

/** The application for the institution's eyes; anyone else (and a handler who is the applicant) is told it does not exist. */
export async function loadForInstitution(deps: CaseDeps, context: PageContext, ref: string): Promise<ApplicationView> {
  const view = await deps.applications.getApplication(context.staff.principal, ref);
  if (view.viewer !== 'institution' || !handles(context.staff, view.institutionId)) throw new NotFoundError('console.application-not-found', `No application "${ref}" in your queue.`);
  return view;
}

// ---- the submitted data ----

function valueAt(data: Record<string, unknown>, name: string): unknown {
  let current: unknown = data;
  for (const part of name.split('/')) {
    if (!current || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function shownValue(lang: Lang, value: unknown, options: { value: unknown; label: Text }[] | undefined): string {
  const one = (item: unknown): string => {
    const option = options?.find((candidate) => candidate.value === item);
    if (option) return option.label[lang];
    if (typeof item === 'boolean') return tc(lang, item ? 'app.yes' : 'app.no');
    if (typeof item === 'string' || typeof item === 'number') return String(item);
    return JSON.stringify(item);
  };
  return Array.isArray(value) ? value.map(one).join(', ') : one(value);
}

interface DataGroup {
  title: string | undefined;
  rows: { label: string; value: string }[];
}

/** The data in the form's order and words; fields the form no longer knows come last under their own names. */
export function dataGroups(lang: Lang, form: Form | undefined, data: Record<string, unknown>): DataGroup[] {
  const groups: DataGroup[] = [];
  const shown = new Set<string>();
  for (const step of form?.presentation.steps ?? []) {
    const rows: DataGroup['rows'] = [];
    for (const name of step.fields) {
      const value = valueAt(data, name);
      shown.add(name.split('/')[0] ?? name);
      if (value === undefined || value === '') continue;
      const hint = form?.presentation.fields[name];
      rows.push({ label: hint?.label[lang] ?? name, value: shownValue(lang, value, hint?.options) });
    }
    if (rows.length > 0) groups.push({ title: step.title[lang], rows });
  }
  const rest = Object.entries(data).filter(([name, value]) => !shown.has(name) && value !== undefined && value !== '');
  if (rest.length > 0) groups.push({ title: undefined, rows: rest.map(([name, value]) => ({ label: name, value: shownValue(lang, value, undefined) })) });
  return groups;
}

// ---- pieces ----

const fileHref = (lang: Lang, number: string, file: FileInfo): string => at(lang, `/console/applications/${number}/files/${file.id}`);
const kilobytes = (size: number): string => `${Math.max(1, Math.round(size / 1024))} KB`;

function FileList({ lang, number, files }: { lang: Lang; number: string; files: FileInfo[] }): JSX.Element {
  return (
    <ul class="govuk-list">
      {files.map((file) => (
        <li>
          <a class="govuk-link" href={fileHref(lang, number, file)} safe>
            {file.filename}
          </a>{' '}
          <span class="govuk-hint govuk-!-display-inline" safe>
            ({file.mediaType}, {kilobytes(file.size)})
          </span>
        </li>
      ))}
    </ul>
  );
}

function Row({ label, children }: { label: string; children: JSX.Element | JSX.Element[] | string }): JSX.Element {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key" safe>
        {label}
      </dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

function Summary({ lang, view, names }: { lang: Lang; view: ApplicationView; names: Map<string, string> }): JSX.Element {
  const p = view.predictability;
  const person = (code: string): string => (names.has(code) ? `${names.get(code)} (${code})` : code);
  return (
    <dl class="govuk-summary-list">
      <Row label={tc(lang, 'app.status')}>
        <StatusTag code={view.status.code} text={view.status.label[lang]} /> <span safe>{tc(lang, 'app.since', { date: formatDateTime(view.status.since, lang) })}</span>
      </Row>
      <Row label={tc(lang, 'app.applicant')}>
        <span safe>{person(view.applicant)}</span>
      </Row>
      {view.submittedBy && view.submittedBy !== view.applicant ? (
        <Row label={tc(lang, 'app.submittedBy')}>
          <span safe>{`${person(view.submittedBy)}${view.basis ? `, ${tc(lang, `app.basis.${view.basis}` as CaseKey)}` : ''}`}</span>
        </Row>
      ) : (
        ''
      )}
      <Row label={tc(lang, 'app.submittedAt')}>
        <span safe>{`${formatDateTime(view.submittedAt, lang)}, ${view.origin === 'external' ? tc(lang, 'app.origin.external', { externalId: view.externalId ?? '' }) : tc(lang, 'app.origin.platform')}`}</span>
      </Row>
      <Row label={tc(lang, 'app.expected')}>
        <span safe>{formatDate(p.expectedCompletionAt, lang)}</span>{' '}
        {p.overdue ? (
          <strong class="govuk-tag govuk-tag--red" safe>
            {tc(lang, 'queue.overdue')}
          </strong>
        ) : (
          ''
        )}
        {p.clockPaused ? (
          <p class="govuk-body-s govuk-!-margin-bottom-0" safe>
            {tc(lang, 'app.pausedNote')}
          </p>
        ) : (
          ''
        )}
      </Row>
      {p.completedAt ? (
        <Row label={tc(lang, 'app.completedAt')}>
          <span safe>{formatDateTime(p.completedAt, lang)}</span>
        </Row>
      ) : (
        ''
      )}
      <Row label={tc(lang, 'app.leadTime')}>
        <span safe>{`${formatDuration(p.leadTime.duration, lang) ?? p.leadTime.duration} (${tc(lang, `app.dayKind.${p.leadTime.dayKind}`)})`}</span>
        {p.leadTime.legalBasis ? (
          <p class="govuk-body-s govuk-!-margin-bottom-0" safe>
            {p.leadTime.legalBasis[lang]}
          </p>
        ) : (
          ''
        )}
      </Row>
      <Row label={tc(lang, 'app.statistics')}>
        <span safe>
          {p.statistics
            ? tc(lang, 'app.statisticsText', { median: p.statistics.medianDays, p90: p.statistics.p90Days, count: p.statistics.sampleSize })
            : tc(lang, 'app.statisticsNone')}
        </span>
      </Row>
    </dl>
  );
}

function Timeline({ lang, view }: { lang: Lang; view: ApplicationView }): JSX.Element {
  return (
    <ol class="govuk-list" id="timeline">
      {view.timeline.map((entry) => (
        <li class="govuk-!-margin-bottom-4" data-code={entry.code}>
          <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
            <StatusTag code={entry.code} text={entry.label[lang]} />
          </h3>
          <p class="govuk-body-s govuk-!-margin-bottom-1" safe>
            {`${formatDateTime(entry.occurredAt, lang)} · ${tc(lang, `app.by.${entry.role}`)}`}
          </p>
          {entry.awaiting ? (
            <p class="govuk-body govuk-!-margin-bottom-1">
              <strong safe>{tc(lang, 'app.awaiting')}:</strong> <span safe>{entry.awaiting}</span>
            </p>
          ) : (
            ''
          )}
          {entry.noteForApplicant ? (
            <p class="govuk-body govuk-!-margin-bottom-1">
              <strong safe>{tc(lang, 'app.noteForApplicant')}:</strong> <span safe>{entry.noteForApplicant}</span>
            </p>
          ) : (
            ''
          )}
          {entry.note ? (
            <div class="govuk-inset-text govuk-!-margin-top-1 govuk-!-margin-bottom-1">
              <strong safe>{tc(lang, 'app.noteInternal')}:</strong> <span safe>{entry.note}</span>
            </div>
          ) : (
            ''
          )}
          {entry.response ? (
            <>
              <p class="govuk-body govuk-!-margin-bottom-1">
                <strong safe>{tc(lang, 'app.response')}:</strong> <span safe>{entry.response.message}</span>
              </p>
              {entry.response.files.length > 0 ? <FileList lang={lang} number={view.number} files={entry.response.files} /> : ''}
            </>
          ) : (
            ''
          )}
        </li>
      ))}
    </ol>
  );
}

// ---- the page ----

const DONE: Record<string, CaseKey> = { status: 'status.done', request: 'request.done', result: 'result.done' };

export async function applicationPage(deps: CaseDeps, context: PageContext, ref: string, options: { state?: ActionState; status?: number } = {}): Promise<FastifyReply> {
  const { lang, reply, csrf } = context;
  const view = await loadForInstitution(deps, context, ref);
  const form = await deps.applications.getForm(view.serviceId).catch(() => undefined);
  const labels = await deps.applications.statusLabels(view.institutionId);
  const names = await namesOf(deps, [view.applicant, ...(view.submittedBy ? [view.submittedBy] : [])]);
  const groups = dataGroups(lang, form, view.data);
  const title = tc(lang, 'app.title', { number: view.number });
  const state = options.state;
  const done = state ? undefined : DONE[queryValue(context.query.done)];
  const final = (FINAL_CODES as readonly StatusCode[]).includes(view.status.code);
  const formProps = { lang, view, csrf, state, labels };
  const html = await renderPage({
    lang,
    title: pageTitle(lang, title, state?.errors ?? []),
    alternateUrl: at(otherLang(lang), `/console/applications/${view.number}`),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, '/console/applications'), text: tc(lang, 'queue.title') }),
    children: (
      <>
        <SuccessBanner lang={lang} text={done ? tc(lang, done) : undefined} />
        <ErrorSummary lang={lang} errors={state?.errors ?? []} />
        <span class="govuk-caption-l" safe>
          {view.serviceTitle[lang]}
        </span>
        <h1 class="govuk-heading-l" safe>
          {title}
        </h1>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <Summary lang={lang} view={view} names={names} />

            {view.result ? (
              <>
                <h2 class="govuk-heading-m" safe>
                  {tc(lang, 'app.result')}
                </h2>
                <p class="govuk-body" safe>
                  {view.result.summary[lang]}
                </p>
                <p class="govuk-body-s" safe>
                  {tc(lang, 'app.deliveredAt', { date: formatDateTime(view.result.deliveredAt, lang) })}
                </p>
                {view.result.documents.length > 0 ? <FileList lang={lang} number={view.number} files={view.result.documents} /> : ''}
              </>
            ) : (
              ''
            )}

            <h2 class="govuk-heading-m" safe>
              {tc(lang, 'app.data')}
            </h2>
            {view.formVersion !== null ? (
              <p class="govuk-hint" safe>
                {tc(lang, 'app.formVersion', { version: view.formVersion })}
              </p>
            ) : (
              ''
            )}
            {groups.length === 0 ? (
              <p class="govuk-body" safe>
                {tc(lang, 'app.dataNone')}
              </p>
            ) : (
              groups.map((group) => (
                <>
                  {group.title ? (
                    <h3 class="govuk-heading-s" safe>
                      {group.title}
                    </h3>
                  ) : (
                    ''
                  )}
                  <dl class="govuk-summary-list govuk-!-margin-bottom-6">
                    {group.rows.map((row) => (
                      <Row label={row.label}>
                        <span safe>{row.value}</span>
                      </Row>
                    ))}
                  </dl>
                </>
              ))
            )}

            <h2 class="govuk-heading-m" safe>
              {tc(lang, 'app.attachments')}
            </h2>
            {view.attachments.length > 0 ? (
              <FileList lang={lang} number={view.number} files={view.attachments} />
            ) : (
              <p class="govuk-body" safe>
                {tc(lang, 'app.attachmentsNone')}
              </p>
            )}

            {(deps.casePanels ?? []).map((panel) => panel(context, { id: view.id, number: view.number, institutionId: view.institutionId }))}

            <h2 class="govuk-heading-m" safe>
              {tc(lang, 'app.timeline')}
            </h2>
            <Timeline lang={lang} view={view} />

            {final ? (
              <div class="govuk-inset-text" safe>
                {tc(lang, 'app.final')}
              </div>
            ) : (
              <>
                <StatusForm {...formProps} />
                <RequestForm {...formProps} />
                <ResultForm {...formProps} />
              </>
            )}
          </div>
        </div>
      </>
    ),
  });
  return sendHtml(reply, lang, options.status ?? 200, html);
}
