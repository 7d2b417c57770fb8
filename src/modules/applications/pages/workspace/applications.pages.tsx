/**
 * The applicant's side of the central status register (P7, P8, P11, P12, P2),
 * its routes and changes: my applications (applications.list.tsx), the
 * confirmation after submitting and one application at its direct link
 * (applications.view.tsx); answering the institution's request (message and
 * files), withdrawing after a confirmation page, deleting a draft, and
 * downloading an application's files. Anyone who may not see an application
 * gets the "not found" page.
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import type { FileInput } from '../../index.js';
import { formatSize } from './apply.components.js';
import type { ApplyDeps } from './apply.context.js';
import { currentRight, LIST } from './applications.components.js';
import { listPage } from './applications.list.js';
import { t } from './applications.messages.js';
import { readPostedForm } from './applications.uploads.js';
import { applicationOf, confirmationPage, detailPage, withdrawPage, type DetailState } from './applications.view.js';
import { sendHtml } from '../../../../platform/web/page.js';
import { seeOther, type PageContext, type WorkspaceShell } from '../../../../platform/web/workspace.js';
import { textOf } from '../../../../platform/web/form-values.js';

async function respond(deps: ApplyDeps, context: PageContext): Promise<FastifyReply | string> {
  const { lang, request, reply, principal } = context;
  const view = await applicationOf(deps, context);
  const posted = await readPostedForm(request);
  if (posted.malformed) return sendHtml(reply, lang, 400, await detailPage(deps, context, view, { errors: { files: t(lang, 'apply.malformed') } }));
  if (!posted.csrfOk) return context.refuseCsrf(view.link);
  const message = textOf(posted.fields.message);
  const again = async (errors: DetailState['errors'], important?: string): Promise<FastifyReply> =>
    sendHtml(reply, lang, 400, await detailPage(deps, context, view, { errors, message, ...(important ? { important } : {}) }));
  if (!message) return again({ message: t(lang, 'answer.messageMissing') });
  if (message.length > 5000) return again({ message: t(lang, 'answer.messageTooLong') });
  if (posted.tooLarge.length > 0) return again({ files: t(lang, 'apply.fileTooLargeUnnamed') });
  const files: FileInput[] = posted.files.filter((file) => file.field === 'files').map((file) => ({ filename: file.filename, mediaType: file.mediaType, content: file.content }));
  try {
    await deps.applications.respond(principal, view.number, { message, files });
    return seeOther(reply, lang, `${view.link}?done=answered`);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.kind === 'conflict') return again({}, t(lang, 'answer.notAwaited'));
    if (['too_large', 'unsupported_media_type'].includes(error.kind) || (error.kind === 'invalid' && (error.errors ?? []).some((item) => item.pointer.startsWith('#/files')))) {
      const index = Number(/^#\/files\/(\d+)/.exec(error.errors?.[0]?.pointer ?? '')?.[1] ?? 0);
      const name = files[index]?.filename ?? '';
      return again({ files: error.kind === 'too_large' ? t(lang, 'apply.fileTooLarge', { name, size: formatSize(20 * 1024 * 1024, lang) }) : t(lang, 'apply.fileContent', { name }) });
    }
    if (error.kind === 'invalid') return again({ message: t(lang, 'answer.messageMissing') });
    throw error;
  }
}

async function withdraw(deps: ApplyDeps, context: PageContext): Promise<FastifyReply | string> {
  const { lang, reply, principal, body } = context;
  const view = await applicationOf(deps, context);
  try {
    await deps.applications.withdraw(principal, view.number, { reason: textOf(body.reason).slice(0, 5000) });
    return seeOther(reply, lang, `${view.link}?done=withdrawn`);
  } catch (error) {
    if (!(error instanceof AppError) || error.kind !== 'conflict') throw error;
    return sendHtml(reply, lang, 409, await detailPage(deps, context, await applicationOf(deps, context), { important: t(lang, 'withdraw.notNow') }));
  }
}

/** A file as a download; its type only when it is a plain media type, never sniffed. */
async function download(deps: ApplyDeps, context: PageContext): Promise<FastifyReply> {
  const { reply, principal, params } = context;
  await applicationOf(deps, context);
  const file = await deps.applications.getFile(principal, params.number ?? '', params.fileId ?? '');
  const type = /^[a-z]+\/[a-z0-9.+-]+$/.test(file.mediaType) ? file.mediaType : 'application/octet-stream';
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .code(200)
    .type(type)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('cache-control', 'no-store')
    .send(Buffer.from(file.content));
}

const DETAIL_DONE: Record<string, 'answer.sent' | 'withdraw.done'> = { answered: 'answer.sent', withdrawn: 'withdraw.done' };

export function registerApplicationPages(shell: WorkspaceShell, deps: ApplyDeps): void {
  shell.route({ method: 'GET', path: LIST, handler: (context) => listPage(deps, context) });
  shell.route({
    method: 'POST',
    path: `${LIST}/drafts/:serviceId/delete`,
    handler: async (context) => {
      const right = await currentRight(deps, context);
      if (right) await deps.applications.deleteDraft(context.principal, right, context.params.serviceId ?? '');
      return seeOther(context.reply, context.lang, `${LIST}?done=deleted`);
    },
  });
  shell.route({
    method: 'GET',
    path: `${LIST}/:number`,
    handler: async (context) => {
      const view = await applicationOf(deps, context);
      const done = DETAIL_DONE[textOf(context.query.done)];
      return detailPage(deps, context, view, done ? { done: t(context.lang, done) } : {});
    },
  });
  shell.route({ method: 'GET', path: `${LIST}/:number/submitted`, handler: async (context) => confirmationPage(deps, context, await applicationOf(deps, context)) });
  shell.route({ method: 'GET', path: `${LIST}/:number/files/:fileId`, download: true, handler: (context) => download(deps, context) });
  shell.route({ method: 'POST', path: `${LIST}/:number/respond`, multipart: true, handler: (context) => respond(deps, context) });
  shell.route({ method: 'GET', path: `${LIST}/:number/withdraw`, handler: async (context) => withdrawPage(context, await applicationOf(deps, context)) });
  shell.route({ method: 'POST', path: `${LIST}/:number/withdraw`, handler: (context) => withdraw(deps, context) });
}

