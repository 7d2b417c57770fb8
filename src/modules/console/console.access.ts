/**
 * Who may open which console page, and the plumbing every console route
 * shares: each page exists in Latvian and English; an anonymous visitor is
 * sent to sign in and comes back; a signed-in person without a staff role, or
 * without the role a page needs, gets a 403 page; every POST must carry the
 * form's CSRF token (403 page otherwise); a failure is a page, never a 500.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { sessionPrincipal, type Principal, type RoleGrant } from '../../platform/http/auth.js';
import type { App } from '../../platform/http/server.js';
import { renderNotFoundPage } from '../../platform/web/assets.js';
import { LANGS, otherLang, type Lang } from '../../platform/web/i18n.js';
import { renderMessagePage } from '../../platform/web/layout.js';
import { sendHtml } from '../../platform/web/page.js';
import type { AccessService } from '../access/index.js';
import type { AuditService } from '../audit/index.js';
import type { CatalogService } from '../catalog/index.js';
import { csrfToken, verifyCsrf } from '../../platform/http/csrf.js';
import type { IdentityService } from '../identity/index.js';
import type { RootDb } from '../../platform/db/database.js';
import { at } from './console.components.js';
import { t } from './console.messages.js';

export interface ConsoleDeps {
  /** the root handle: administrators' changes and their audit entries commit together */
  db: RootDb;
  catalog: CatalogService;
  access: AccessService;
  identity: IdentityService;
  audit: AuditService;
  /** PUBLIC_URL: the token endpoint shown to a newly registered client */
  publicUrl: string;
}

/** A signed-in staff member and what their roles let them do. */
export interface Staff {
  principal: Principal;
  name: string;
  roles: RoleGrant[];
  /** institutions whose services they manage */
  managerOf: string[];
  /** institutions whose staff roles they manage */
  adminOf: string[];
  platformAdmin: boolean;
}

/** What a page needs: any staff role, or the right to manage services, staff roles, or the platform. */
export type Need = 'staff' | 'services' | 'staffRoles' | 'platform';

const STAFF_ROLES = new Set(['service_manager', 'case_handler', 'support_agent', 'institution_admin', 'platform_admin']);

export function staffOf(principal: Principal): Staff {
  const roles = principal.roles.filter((grant) => STAFF_ROLES.has(grant.role));
  const where = (role: string): string[] => [...new Set(roles.filter((grant) => grant.role === role && grant.institutionId).map((grant) => grant.institutionId as string))];
  return {
    principal,
    name: principal.displayName ?? principal.personalCode ?? principal.subject,
    roles,
    managerOf: where('service_manager'),
    adminOf: where('institution_admin'),
    platformAdmin: roles.some((grant) => grant.role === 'platform_admin'),
  };
}

export function allows(staff: Staff, need: Need): boolean {
  switch (need) {
    case 'staff':
      return staff.roles.length > 0;
    case 'services':
      return staff.platformAdmin || staff.managerOf.length > 0;
    case 'staffRoles':
      return staff.platformAdmin || staff.adminOf.length > 0;
    case 'platform':
      return staff.platformAdmin;
  }
}

/** Everything a console page handler gets. */
export interface PageContext<Params = Record<string, string>, Query = Record<string, string | undefined>> {
  request: FastifyRequest;
  reply: FastifyReply;
  lang: Lang;
  staff: Staff;
  params: Params;
  query: Query;
  /** the form body of a POST (names → value, or values when repeated) */
  body: Record<string, string | string[] | undefined>;
  /** this request's CSRF token, for the page's forms */
  csrf: string;
}

export type PageHandler = (context: PageContext) => Promise<FastifyReply | string>;

export interface ConsoleRoute {
  method: 'GET' | 'POST';
  /** the Latvian path; the English one is under /en */
  path: string;
  need: Need;
  handler: PageHandler;
}

const FORBIDDEN_TEXT: Record<Exclude<Need, 'staff'>, Parameters<typeof t>[1]> = {
  services: 'forbidden.services',
  staffRoles: 'forbidden.staff',
  platform: 'forbidden.platform',
};

export async function sendForbidden(reply: FastifyReply, lang: Lang, staff: Staff | undefined, need: Need | 'csrf', path: string): Promise<FastifyReply> {
  const isStaff = staff !== undefined && staff.roles.length > 0;
  const paragraphs =
    need === 'csrf'
      ? [t(lang, 'forbidden.csrf')]
      : need === 'staff' || !isStaff
        ? [t(lang, 'forbidden.noStaff', { name: staff?.name ?? '' }), t(lang, 'forbidden.askAdmin')]
        : [t(lang, FORBIDDEN_TEXT[need])];
  const html = await renderMessagePage({
    lang,
    title: t(lang, need === 'csrf' ? 'forbidden.csrfTitle' : 'forbidden.title'),
    alternateUrl: at(otherLang(lang), path),
    section: 'console',
    paragraphs,
    links: isStaff ? [{ href: at(lang, '/console'), text: t(lang, 'forbidden.back') }] : [{ href: at(lang, '/'), text: t(lang, 'forbidden.home') }],
  });
  return sendHtml(reply, lang, 403, html);
}

async function sendFailure(request: FastifyRequest, reply: FastifyReply, lang: Lang, staff: Staff, error: unknown, need: Need): Promise<FastifyReply> {
  const path = request.url.split('?')[0] ?? '/console';
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
        const back = request.method === 'GET' ? request.url : at(lang, '/console');
        return reply.redirect(`${at(lang, '/login')}?returnTo=${encodeURIComponent(back)}`, 303);
      }
      const staff = staffOf(principal);
      if (!allows(staff, 'staff')) return sendForbidden(reply, lang, staff, 'staff', request.url.split('?')[0] ?? '/console');
      if (!allows(staff, route.need)) return sendForbidden(reply, lang, staff, route.need, request.url.split('?')[0] ?? '/console');
      return undefined;
    };
    const preHandler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
      try {
        await verifyCsrf(request);
        return undefined;
      } catch {
        return sendForbidden(reply, lang, staffOf(request.principal as Principal), 'csrf', request.url.split('?')[0] ?? '/console');
      }
    };
    app.route({
      method: route.method,
      url: at(lang, route.path),
      schema: { hide: true },
      onRequest,
      ...(route.method === 'POST' ? { preHandler } : {}),
      handler: async (request, reply) => {
        const staff = staffOf(request.principal as Principal);
        const body = request.body && typeof request.body === 'object' ? (request.body as PageContext['body']) : {};
        try {
          const result = await route.handler({
            request,
            reply,
            lang,
            staff,
            params: (request.params ?? {}) as Record<string, string>,
            query: (request.query ?? {}) as Record<string, string | undefined>,
            body,
            csrf: csrfToken(request),
          });
          return typeof result === 'string' ? sendHtml(reply, lang, 200, result) : result;
        } catch (error) {
          return sendFailure(request, reply, lang, staff, error, route.need);
        }
      },
    });
  }
}

/** The reply of a successful POST: back to a page (303), which shows what happened. */
export function seeOther(reply: FastifyReply, lang: Lang, path: string): FastifyReply {
  return reply.redirect(at(lang, path), 303);
}

/** A query value as a string (the first, when repeated). */
export function queryValue(value: unknown): string {
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' ? first.trim() : '';
}
