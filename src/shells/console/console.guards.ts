/**
 * Who may open which console page, and the plumbing every console route
 * shares: each page exists in Latvian and English; an anonymous visitor is
 * sent to sign in and comes back; a signed-in person without a staff role, or
 * without the role a page needs, gets a 403 page; every POST must carry the
 * form's CSRF token (403 page otherwise); a failure is a page, never a 500.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { sessionPrincipal, type Principal } from '../../platform/http/auth.js';
import { csrfToken, verifyCsrf } from '../../platform/http/csrf.js';
import type { App } from '../../platform/http/server.js';
import { renderNotFoundPage } from '../../platform/web/assets.js';
import { allows, at, institutionsWithRole, type ConsoleRoute, type Need, type PageContext, type Refusal, type Staff } from '../../platform/web/console.js';
import { formBody } from '../../platform/web/form.js';
import { LANGS, otherLang, type Lang } from '../../platform/web/i18n.js';
import { renderMessagePage } from '../../platform/web/layout.js';
import { sendHtml } from '../../platform/web/page.js';
import { withSignedIn } from '../../platform/web/signed-in.js';
import { t } from './console.messages.js';

/** The platform's staff roles: any one of them opens the console. */
const STAFF_ROLES = new Set(['service_manager', 'case_handler', 'support_agent', 'institution_admin', 'integration_manager', 'platform_admin']);

export function staffOf(principal: Principal): Staff {
  const roles = principal.roles.filter((grant) => STAFF_ROLES.has(grant.role));
  const staff: Staff = { principal, name: principal.displayName ?? principal.personalCode ?? principal.subject, roles, managerOf: [], adminOf: [], platformAdmin: false };
  return {
    ...staff,
    managerOf: institutionsWithRole(staff, 'service_manager'),
    adminOf: institutionsWithRole(staff, 'institution_admin'),
    platformAdmin: roles.some((grant) => grant.role === 'platform_admin'),
  };
}

const FORBIDDEN_TEXT: Record<Exclude<Need, 'staff' | 'signedIn'>, Parameters<typeof t>[1]> = {
  services: 'forbidden.services',
  staffRoles: 'forbidden.staff',
  platform: 'forbidden.platform',
};

const pathOf = (request: FastifyRequest): string => request.url.split('?')[0] ?? '/console';

export async function sendForbidden(reply: FastifyReply, lang: Lang, staff: Staff | undefined, refusal: Refusal, path: string): Promise<FastifyReply> {
  const isStaff = staff !== undefined && staff.roles.length > 0;
  const paragraphs =
    typeof refusal === 'object'
      ? [refusal.text]
      : refusal === 'csrf'
        ? [t(lang, 'forbidden.csrf')]
        : refusal === 'staff' || refusal === 'signedIn' || !isStaff
          ? [t(lang, 'forbidden.noStaff', { name: staff?.name ?? '' }), t(lang, 'forbidden.askAdmin')]
          : [t(lang, FORBIDDEN_TEXT[refusal])];
  const html = await renderMessagePage({
    lang,
    title: t(lang, refusal === 'csrf' ? 'forbidden.csrfTitle' : 'forbidden.title'),
    alternateUrl: at(otherLang(lang), path),
    section: 'console',
    paragraphs,
    links: isStaff ? [{ href: at(lang, '/console'), text: t(lang, 'forbidden.back') }] : [{ href: at(lang, '/'), text: t(lang, 'forbidden.home') }],
  });
  return sendHtml(reply, lang, 403, html);
}

async function sendFailure(request: FastifyRequest, reply: FastifyReply, lang: Lang, staff: Staff, error: unknown, need: Need): Promise<FastifyReply> {
  const path = pathOf(request);
  if (error instanceof AppError && error.kind === 'not_found') return renderNotFoundPage(request, reply);
  // A module refused (e.g. another institution's service): the page's own explanation of who may.
  if (error instanceof AppError && error.kind === 'forbidden') return sendForbidden(reply, lang, staff, need, path);
  request.log.error({ err: error }, 'console page failed');
  const html = await renderMessagePage({ lang, title: t(lang, 'error.title'), alternateUrl: at(otherLang(lang), path), section: 'console', paragraphs: [t(lang, 'error.text')] });
  return sendHtml(reply, lang, 503, html);
}

/** Registers a console page in both languages behind the console's guards. */
export function consoleRoute(app: App, route: ConsoleRoute): void {
  for (const lang of LANGS) {
    const onRequest = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
      // A web session only: a bearer token (of any scope) opens no console page and so never reaches the CSRF check's exemption.
      const principal = sessionPrincipal(request);
      if (!principal) {
        const back = route.returnTo ? route.returnTo(pathOf(request)) : request.method === 'GET' ? request.url : at(lang, '/console');
        return reply.redirect(`${at(lang, '/login')}?returnTo=${encodeURIComponent(back)}`, 303);
      }
      const staff = staffOf(principal);
      if (route.need !== 'signedIn' && !allows(staff, 'staff')) return sendForbidden(reply, lang, staff, 'staff', pathOf(request));
      if (!allows(staff, route.need)) return sendForbidden(reply, lang, staff, route.need, pathOf(request));
      return undefined;
    };
    const preHandler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
      try {
        await verifyCsrf(request);
        return undefined;
      } catch {
        return sendForbidden(reply, lang, staffOf(request.principal as Principal), 'csrf', pathOf(request));
      }
    };
    app.route({
      method: route.method,
      url: at(lang, route.path),
      schema: { hide: true },
      onRequest,
      ...(route.download ? { compress: false as const } : {}),
      // A multipart page checks the token itself once its parts are read (see ConsoleRoute.multipart).
      ...(route.method === 'POST' && !route.multipart ? { preHandler } : {}),
      handler: async (request, reply) => {
        const staff = staffOf(request.principal as Principal);
        const context: PageContext = {
          request,
          reply,
          lang,
          staff,
          params: (request.params ?? {}) as Record<string, string>,
          query: (request.query ?? {}) as Record<string, string | undefined>,
          body: route.multipart ? {} : formBody(request.body),
          csrf: csrfToken(request),
          forbidden: (refusal) => sendForbidden(reply, lang, staff, refusal, pathOf(request)),
        };
        try {
          const result = await withSignedIn({ name: staff.name }, () => route.handler(context));
          return typeof result === 'string' ? sendHtml(reply, lang, 200, result) : result;
        } catch (error) {
          return sendFailure(request, reply, lang, staff, error, route.need);
        }
      },
    });
  }
}
