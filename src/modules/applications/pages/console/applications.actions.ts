/**
 * What a case handler does to an application: change its status, ask the
 * applicant for information, deliver the result (a multipart form with files),
 * and download its files. Every action is checked again here — a code the page
 * did not offer is refused with the page's own message, never passed on — and
 * then by the applications module, which has the last word.
 *
 * The result form is multipart, which the console's CSRF check (urlencoded
 * bodies) cannot read, so its route is a multipart one that checks the token
 * itself once the parts are read.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../../../platform/errors.js';
import { otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderMessagePage } from '../../../../platform/web/layout.js';
import { sendHtml, type ShownError } from '../../../../platform/web/page.js';
import type { FileInput, StatusCode } from '../../index.js';
import { STATUS_CODES } from '../../statuses.js';
import { csrfMatches } from '../../../../platform/http/csrf.js';
import type { CaseDeps } from './applications.context.js';
import { tc } from './applications.messages.js';
import { canDeliver, canRequest, offeredCodes, type ActionState } from './applications.forms.js';
import { applicationPage, loadForInstitution } from './applications.view.js';
import { at, type PageContext, seeOther } from '../../../../platform/web/console.js';

const MAX_TEXT = 4000;
/** The result documents' limits (the applications module's general slot: 20 files of 20 MB). */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const MAX_FILES = 20;

const text = (raw: string | string[] | undefined): string => (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();
const isRefusedTransition = (error: unknown): boolean => error instanceof AppError && error.kind === 'conflict';

function tooLong(lang: Lang, values: Record<string, string>, names: string[]): ShownError[] {
  return names.filter((name) => (values[name] ?? '').length > MAX_TEXT).map((name) => ({ id: name, text: tc(lang, 'status.error.long') }));
}

const codeLabel = async (deps: CaseDeps, institutionId: string, code: string, lang: Lang): Promise<string> =>
  (STATUS_CODES as readonly string[]).includes(code) ? (await deps.applications.statusLabels(institutionId))[code as StatusCode][lang] : code;

// ---- change the status ----

export async function changeStatus(deps: CaseDeps, context: PageContext): Promise<FastifyReply> {
  const { lang, staff, reply, params, body } = context;
  const view = await loadForInstitution(deps, context, params.number ?? '');
  const values = { code: text(body.code), statusNote: text(body.statusNote), noteForApplicant: text(body.noteForApplicant) };
  const back = (errors: ShownError[], status: number) => applicationPage(deps, context, view.number, { state: { form: 'status', values, errors }, status });
  if (!values.code) return back([{ id: 'code', text: tc(lang, 'status.error.code') }], 400);
  const transition = [{ id: 'code', text: tc(lang, 'status.error.transition', { status: await codeLabel(deps, view.institutionId, values.code, lang) }) }];
  // A code the page did not offer (an old page, or a forged form) is refused before it reaches the register.
  if (!(offeredCodes(view) as string[]).includes(values.code)) return back(transition, 409);
  const long = tooLong(lang, values, ['statusNote', 'noteForApplicant']);
  if (long.length > 0) return back(long, 400);
  try {
    await deps.applications.recordStatus(staff.principal, view.id, {
      code: values.code,
      ...(values.statusNote ? { note: values.statusNote } : {}),
      ...(values.noteForApplicant ? { noteForApplicant: values.noteForApplicant } : {}),
    });
  } catch (error) {
    if (isRefusedTransition(error)) return back(transition, 409);
    throw error;
  }
  return seeOther(reply, lang, `/console/applications/${view.number}?done=status#timeline`);
}

// ---- ask the applicant ----

export async function requestInformation(deps: CaseDeps, context: PageContext): Promise<FastifyReply> {
  const { lang, staff, reply, params, body } = context;
  const view = await loadForInstitution(deps, context, params.number ?? '');
  const values = { awaiting: text(body.awaiting), requestNote: text(body.requestNote) };
  const back = (errors: ShownError[], status: number) => applicationPage(deps, context, view.number, { state: { form: 'request', values, errors }, status });
  const refused = [{ id: 'awaiting', text: tc(lang, 'status.error.transition', { status: await codeLabel(deps, view.institutionId, 'awaiting_client', lang) }) }];
  if (!canRequest(view)) return back(refused, 409);
  if (!values.awaiting) return back([{ id: 'awaiting', text: tc(lang, 'request.error.awaiting') }], 400);
  const long = tooLong(lang, values, ['awaiting', 'requestNote']);
  if (long.length > 0) return back(long, 400);
  try {
    await deps.applications.recordStatus(staff.principal, view.id, { code: 'awaiting_client', awaiting: values.awaiting, ...(values.requestNote ? { note: values.requestNote } : {}) });
  } catch (error) {
    if (isRefusedTransition(error)) return back(refused, 409);
    throw error;
  }
  return seeOther(reply, lang, `/console/applications/${view.number}?done=request#timeline`);
}

// ---- files ----

export async function downloadFile(deps: CaseDeps, context: PageContext): Promise<FastifyReply> {
  const { staff, reply, params } = context;
  const view = await loadForInstitution(deps, context, params.number ?? '');
  const file = await deps.applications.getFile(staff.principal, view.id, params.fileId ?? '');
  // Always a download, never rendered here: an uploaded file must not run as part of the console.
  return reply
    .code(200)
    .header('content-type', file.mediaType)
    .header('content-disposition', `attachment; filename="${file.filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(Buffer.from(file.content));
}

// ---- deliver the result (multipart) ----

type Parsed = { fields: Record<string, string>; files: FileInput[] } | { problem: 'too-large'; filename: string } | { problem: 'unreadable' };

async function readMultipart(request: FastifyRequest): Promise<Parsed> {
  if (!request.isMultipart()) return { problem: 'unreadable' };
  const fields: Record<string, string> = {};
  const files: FileInput[] = [];
  let current = '';
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES, fields: 20, fieldSize: 64 * 1024 } })) {
      if (part.type === 'file') {
        current = part.filename;
        const content = await part.toBuffer();
        // A file input left empty still sends a part: no name, no bytes.
        if (!part.filename && content.byteLength === 0) continue;
        files.push({ filename: part.filename, mediaType: part.mimetype, content: new Uint8Array(content) });
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return { problem: 'too-large', filename: current };
    return { problem: 'unreadable' };
  }
  return { fields, files };
}

/** The module's refusal of a document, said per file. */
function fileErrors(lang: Lang, error: AppError, files: FileInput[]): ShownError[] {
  const named = (fieldError: FieldError): string => {
    const index = Number(/^#\/documents\/(\d+)/.exec(fieldError.pointer)?.[1] ?? -1);
    return files[index]?.filename ?? '';
  };
  return (error.errors ?? []).map((fieldError) => ({
    id: 'documents',
    text:
      error.kind === 'too_large'
        ? tc(lang, 'result.error.tooLarge', { filename: named(fieldError) })
        : error.kind === 'unsupported_media_type'
          ? tc(lang, 'result.error.type', { filename: named(fieldError) })
          : tc(lang, 'result.error.files', { filename: named(fieldError), detail: fieldError.detail }),
  }));
}

async function deliverResult(deps: CaseDeps, context: PageContext, parsed: { fields: Record<string, string>; files: FileInput[] }): Promise<FastifyReply> {
  const { lang, staff, reply, params } = context;
  const view = await loadForInstitution(deps, context, params.number ?? '');
  const values = { summaryLv: (parsed.fields.summaryLv ?? '').trim(), summaryEn: (parsed.fields.summaryEn ?? '').trim() };
  const back = (errors: ShownError[], status: number) => applicationPage(deps, context, view.number, { state: { form: 'result', values, errors } satisfies ActionState, status });
  if (!canDeliver(view)) return back([{ id: 'summaryLv', text: tc(lang, 'result.error.state') }], 409);
  const errors: ShownError[] = [
    ...(values.summaryLv ? [] : [{ id: 'summaryLv', text: tc(lang, 'result.error.summaryLv') }]),
    ...(values.summaryEn ? [] : [{ id: 'summaryEn', text: tc(lang, 'result.error.summaryEn') }]),
    ...tooLong(lang, values, ['summaryLv', 'summaryEn']),
  ];
  if (errors.length > 0) return back(errors, 400);
  try {
    await deps.applications.deliverResult(staff.principal, view.id, { summary: { lv: values.summaryLv, en: values.summaryEn }, documents: parsed.files });
  } catch (error) {
    if (error instanceof AppError && (error.kind === 'too_large' || error.kind === 'unsupported_media_type' || error.code === 'applications.invalid-attachments')) {
      return back(fileErrors(lang, error, parsed.files), error.kind === 'too_large' ? 413 : error.kind === 'unsupported_media_type' ? 415 : 400);
    }
    if (isRefusedTransition(error)) return back([{ id: 'summaryLv', text: tc(lang, 'result.error.state') }], 409);
    throw error;
  }
  return seeOther(reply, lang, `/console/applications/${view.number}?done=result`);
}

/** `POST /console/applications/:number/result`: multipart, so the token is checked here once the parts are read. */
export async function resultPage(deps: CaseDeps, context: PageContext): Promise<FastifyReply> {
  const { request, reply, lang } = context;
  const path = request.url.split('?')[0] ?? '/console';
  try {
    const parsed = await readMultipart(request);
    if ('problem' in parsed && parsed.problem === 'unreadable') {
      const html = await renderMessagePage({ lang, title: tc(lang, 'result.title'), alternateUrl: at(otherLang(lang), path), section: 'console', paragraphs: [tc(lang, 'result.error.form')] });
      return sendHtml(reply, lang, 400, html);
    }
    if ('problem' in parsed) {
      // Too large to read to the end: the token is unread too, so nothing is done; the page says why.
      const state: ActionState = { form: 'result', values: {}, errors: [{ id: 'documents', text: tc(lang, 'result.error.tooLarge', { filename: parsed.filename }) }] };
      return await applicationPage(deps, context, context.params.number ?? '', { state, status: 413 });
    }
    if (!csrfMatches(context.request, parsed.fields._csrf)) return await context.forbidden('csrf');
    return await deliverResult(deps, context, parsed);
  } catch (error) {
    // The applications module refused: the case handlers' explanation (the console's 404 and failure pages cover the rest).
    if (error instanceof AppError && error.kind === 'forbidden') return context.forbidden({ text: tc(lang, 'queue.forbidden') });
    throw error;
  }
}
