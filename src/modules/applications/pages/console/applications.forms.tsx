/**
 * The case handler's three forms on an application — change the status (only
 * to codes that may follow the current one), ask the applicant for
 * information, deliver the result (multipart, with files) — and the rules of
 * which of them an application offers. The POST side is applications.actions.ts.
 */
import type { Lang } from '../../../../platform/web/i18n.js';
import type { ShownError } from '../../../../platform/web/page.js';
import type { ApplicationView, StatusCode, Text } from '../../index.js';
import { nextCodes } from '../../statuses.js';
import { tc } from './applications.messages.js';
import { at } from '../../../../platform/web/console.js';
import { Csrf, FileUpload, Radios, TextArea } from '../../../../platform/web/fields.js';

/** What a refused action brings back: which form, what was typed, what is wrong. */
export interface ActionState {
  form: 'status' | 'request' | 'result';
  values: Record<string, string>;
  errors: ShownError[];
}

/** Codes a case handler picks in "change status": what may follow, less those with their own form. */
export function offeredCodes(view: Pick<ApplicationView, 'status' | 'origin'>): StatusCode[] {
  // awaiting_client is asked with what is awaited; delivered comes with the result itself;
  // the applicant withdraws what they submitted on the platform.
  const own: StatusCode[] = ['awaiting_client', 'delivered', 'submitted', ...(view.origin === 'platform' ? (['withdrawn'] as StatusCode[]) : [])];
  return nextCodes(view.status.code).filter((code) => !own.includes(code));
}

export const canRequest = (view: Pick<ApplicationView, 'status'>): boolean => nextCodes(view.status.code).includes('awaiting_client');
export const canDeliver = (view: Pick<ApplicationView, 'status' | 'result'>): boolean =>
  view.result === null && (['submitted', 'received', 'in_progress', 'awaiting_client', 'decided'] as StatusCode[]).includes(view.status.code);

interface FormProps {
  lang: Lang;
  view: ApplicationView;
  csrf: string;
  state: ActionState | undefined;
  labels: Record<StatusCode, Text>;
}

const fieldError = (state: ActionState | undefined, form: ActionState['form'], id: string): string | undefined =>
  state?.form === form ? state.errors.find((error) => error.id === id)?.text : undefined;
const typed = (state: ActionState | undefined, form: ActionState['form'], name: string): string => (state?.form === form ? (state.values[name] ?? '') : '');

export function StatusForm({ lang, view, csrf, state, labels }: FormProps): JSX.Element {
  const codes = offeredCodes(view);
  if (codes.length === 0) return <></>;
  return (
    <form method="post" action={at(lang, `/console/applications/${view.number}/status`)} novalidate>
      <Csrf token={csrf} />
      <h2 class="govuk-heading-m" id="status-heading" safe>
        {tc(lang, 'status.title')}
      </h2>
      <Radios
        lang={lang}
        name="code"
        legend={tc(lang, 'status.code')}
        hint={tc(lang, 'status.codeHint')}
        small
        value={typed(state, 'status', 'code')}
        error={fieldError(state, 'status', 'code')}
        options={codes.map((code) => ({ value: code, text: labels[code][lang] }))}
      />
      <TextArea lang={lang} name="statusNote" label={tc(lang, 'status.note')} hint={tc(lang, 'status.noteHint')} rows={3} value={typed(state, 'status', 'statusNote')} error={fieldError(state, 'status', 'statusNote')} />
      <TextArea
        lang={lang}
        name="noteForApplicant"
        label={tc(lang, 'status.noteForApplicant')}
        hint={tc(lang, 'status.noteForApplicantHint')}
        rows={3}
        value={typed(state, 'status', 'noteForApplicant')}
        error={fieldError(state, 'status', 'noteForApplicant')}
      />
      <button type="submit" class="govuk-button" data-module="govuk-button" safe>
        {tc(lang, 'status.submit')}
      </button>
    </form>
  );
}

export function RequestForm({ lang, view, csrf, state, labels }: FormProps): JSX.Element {
  if (!canRequest(view)) return <></>;
  return (
    <form method="post" action={at(lang, `/console/applications/${view.number}/request`)} novalidate>
      <Csrf token={csrf} />
      <h2 class="govuk-heading-m" safe>
        {tc(lang, 'request.title')}
      </h2>
      <p class="govuk-body" safe>
        {tc(lang, 'request.lead', { status: labels.awaiting_client[lang] })}
      </p>
      <TextArea lang={lang} name="awaiting" label={tc(lang, 'request.awaiting')} hint={tc(lang, 'request.awaitingHint')} rows={4} value={typed(state, 'request', 'awaiting')} error={fieldError(state, 'request', 'awaiting')} />
      <TextArea lang={lang} name="requestNote" label={tc(lang, 'request.note')} rows={2} value={typed(state, 'request', 'requestNote')} error={fieldError(state, 'request', 'requestNote')} />
      <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
        {tc(lang, 'request.submit')}
      </button>
    </form>
  );
}

export function ResultForm({ lang, view, csrf, state, labels }: FormProps): JSX.Element {
  if (!canDeliver(view)) return <></>;
  return (
    <form method="post" action={at(lang, `/console/applications/${view.number}/result`)} enctype="multipart/form-data" novalidate>
      <Csrf token={csrf} />
      <h2 class="govuk-heading-m" safe>
        {tc(lang, 'result.title')}
      </h2>
      <p class="govuk-body" safe>
        {tc(lang, 'result.lead', { status: labels.delivered[lang] })}
      </p>
      <TextArea lang={lang} name="summaryLv" label={tc(lang, 'result.summaryLv')} contentLang="lv" rows={3} value={typed(state, 'result', 'summaryLv')} error={fieldError(state, 'result', 'summaryLv')} />
      <TextArea lang={lang} name="summaryEn" label={tc(lang, 'result.summaryEn')} contentLang="en" rows={3} value={typed(state, 'result', 'summaryEn')} error={fieldError(state, 'result', 'summaryEn')} />
      <FileUpload lang={lang} name="documents" label={tc(lang, 'result.files')} hint={tc(lang, 'result.filesHint')} multiple error={fieldError(state, 'result', 'documents')} />
      <button type="submit" class="govuk-button" data-module="govuk-button" safe>
        {tc(lang, 'result.submit')}
      </button>
    </form>
  );
}

