/** What the console's API client pages share: the acting staff member, the refusal page, paths. */
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { at, type PageContext } from '../../../../platform/web/console.js';
import { otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderMessagePage } from '../../../../platform/web/layout.js';
import { sendHtml } from '../../../../platform/web/page.js';
import { auditContext } from '../../../audit/index.js';
import type { Institution } from '../../../catalog/index.js';
import type { ClientActor, ClientRequest, ClientsService } from '../../clients.service.js';
import { t } from './clients.messages.js';

export const CLIENTS_PATH = '/console/api-clients';

export interface ClientsConsoleDeps {
  clients: ClientsService;
  catalog: { listInstitutions(): Promise<Institution[]> };
  /** PUBLIC_URL: the token endpoint shown to an approved client's owner */
  publicUrl: string;
  /** how long the old secret stays valid after a rotation, as the page tells */
  overlapHours: number;
}

/** The acting staff member, as the clients service knows them. */
export function clientActor({ staff, request }: PageContext): ClientActor {
  return { who: auditContext(request), personalCode: staff.principal.personalCode ?? staff.principal.subject, name: staff.name, roles: staff.roles, platformAdmin: staff.platformAdmin };
}

/** Runs a page; the service's refusal becomes the console's 403 page with this module's explanation. */
export async function guarded(context: PageContext, page: () => Promise<string | FastifyReply>): Promise<string | FastifyReply> {
  try {
    return await page();
  } catch (error) {
    if (error instanceof AppError && error.kind === 'forbidden') return context.forbidden({ text: t(context.lang, 'forbidden') });
    // Decided meanwhile, a secret already shown, a value the form could not check: a page saying so, never a failure.
    if (error instanceof AppError && (error.kind === 'conflict' || error.kind === 'invalid')) {
      const { lang } = context;
      const path = context.request.url.split('?')[0] ?? CLIENTS_PATH;
      const html = await renderMessagePage({ lang, title: t(lang, 'title'), alternateUrl: at(otherLang(lang), path), section: 'console', paragraphs: [error.message], links: [{ href: at(lang, CLIENTS_PATH), text: t(lang, 'title') }] });
      return sendHtml(context.reply, lang, error.kind === 'conflict' ? 409 : 400, html);
    }
    throw error;
  }
}

export const statusText = (lang: Lang, status: ClientRequest['status']): string => t(lang, `status.${status}`);

