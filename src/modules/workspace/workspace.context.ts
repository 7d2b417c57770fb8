/**
 * What every workspace page stands on: who is signed in (a portal session;
 * anyone else is sent to sign in and brought back), whom they act for (P9),
 * the CSRF check of every POST, and failures turned into pages, never 500s.
 *
 * The "whom I act for" choice lives in a cookie signed with the session's own
 * secret, so it dies with the session and cannot be carried into another one.
 * The cookie is only a preference: on every request the right is asked of the
 * access module again, so a revoked mandate or an ended board membership stops
 * working at once and the page falls back to the person themselves.
 */
import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { sessionPrincipal, type Principal } from '../../platform/http/auth.js';
import type { App } from '../../platform/http/server.js';
import { renderNotFoundPage } from '../../platform/web/assets.js';
import { LANGS, otherLang, type Lang } from '../../platform/web/i18n.js';
import { renderMessagePage } from '../../platform/web/layout.js';
import { sendHtml } from '../../platform/web/page.js';
import type { AccessService, ActingOption, Basis, MandateService } from '../access/index.js';
import type { AuditService } from '../audit/index.js';
import type { CatalogService } from '../catalog/index.js';
import { csrfToken, tokensMatch, verifyCsrf } from '../../platform/http/csrf.js';
import { requestIdentity, type IdentityService } from '../identity/index.js';
import { at } from './workspace.components.js';
import { t } from './workspace.messages.js';

export interface WorkspaceDeps {
  access: AccessService;
  mandates: MandateService;
  catalog: CatalogService;
  audit: AuditService;
  identity: IdentityService;
}

/** A party someone may act for, named for people to read. */
export interface ActingParty {
  party: string;
  partyKind: 'person' | 'company';
  basis: Basis;
  /** the person's or company's name; undefined when no register knows it */
  name: string | undefined;
  mandateId?: string;
}

export interface Acting {
  self: ActingParty;
  /** whom the person acts for on this request (re-checked just now) */
  current: ActingParty;
  /** everyone they may act for, themselves first */
  options: ActingParty[];
  /** the party of an earlier choice that no longer holds */
  dropped?: string;
}

export interface PageContext {
  request: FastifyRequest;
  reply: FastifyReply;
  lang: Lang;
  principal: Principal;
  acting: Acting;
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** the form body of a POST (names → value, or values when repeated) */
  body: Record<string, unknown>;
  /** this request's CSRF token, for the page's forms */
  csrf: string;
}

export type PageHandler = (context: PageContext) => Promise<FastifyReply | string>;

export interface WorkspaceRoute {
  method: 'GET' | 'POST';
  /** the Latvian path; the English one is under /en */
  path: string;
  handler: PageHandler;
  /**
   * The form may be multipart (file uploads): the handler reads the body and
   * checks its CSRF token itself, since `verifyCsrf` reads urlencoded bodies.
   */
  multipart?: boolean;
}

// ---- the "whom I act for" cookie ----

const COOKIE = 'pk_acting_for';

function cookieName(request: FastifyRequest): string {
  // __Host- cookies must be Secure and path=/; the browser then refuses any other site's attempt to set them.
  return request.server.identityCookies.secure ? `__Host-${COOKIE}` : COOKIE;
}

function signature(secret: string, party: string): string {
  return createHmac('sha256', secret).update(`workspace.acting-for\u0000${party}`).digest('base64url');
}

/** The party of the request's choice cookie, when its signature matches this session. */
function readChoice(request: FastifyRequest): string | undefined {
  const session = requestIdentity(request)?.session;
  const raw = request.cookies?.[cookieName(request)];
  if (!session || !raw) return undefined;
  const at = raw.lastIndexOf('.');
  const party = raw.slice(0, at);
  return at > 0 && tokensMatch(raw.slice(at + 1), signature(session.csrfSecret, party)) ? party : undefined;
}

/** Keeps `party` as the session's choice; undefined (or oneself) forgets it. */
export function rememberChoice(request: FastifyRequest, reply: FastifyReply, party: string | undefined): void {
  const session = requestIdentity(request)?.session;
  const options = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: request.server.identityCookies.secure };
  if (!session || party === undefined || party === request.principal?.personalCode) {
    if (request.cookies?.[cookieName(request)] !== undefined) reply.clearCookie(cookieName(request), options);
    return;
  }
  reply.setCookie(cookieName(request), `${party}.${signature(session.csrfSecret, party)}`, options);
}

// ---- resolving it ----

/** Person codes are kept `DDMMYY-NNNNN` by access and as 11 digits by identity. */
const digits = (code: string): string => code.replace('-', '');

/** Names of persons (from identity) and companies (as the access module gave them). */
export async function nameParties(deps: Pick<WorkspaceDeps, 'identity'>, codes: string[], known: ReadonlyMap<string, string> = new Map()): Promise<Map<string, string>> {
  const names = new Map(known);
  const persons = await deps.identity.findPersonsByCode([...new Set(codes.filter((code) => !names.has(code)))]);
  const byDigits = new Map(persons.map((person) => [person.personalCode, `${person.givenName} ${person.familyName}`]));
  for (const code of codes) {
    const name = byDigits.get(digits(code));
    if (name && !names.has(code)) names.set(code, name);
  }
  return names;
}

function named(option: ActingOption | (ActingOption & { mandateId?: string }), names: Map<string, string>): ActingParty {
  return {
    party: option.party,
    partyKind: option.partyKind,
    basis: option.basis,
    name: option.name ?? names.get(option.party),
    ...(option.mandateId ? { mandateId: option.mandateId } : {}),
  };
}

/**
 * Whom the signed-in person acts for on this request. A choice whose right has
 * gone (revoked mandate, child come of age, left the board) is forgotten and
 * the person acts for themselves.
 */
export async function resolveActing(deps: WorkspaceDeps, request: FastifyRequest, reply: FastifyReply, principal: Principal): Promise<Acting> {
  const selfCode = principal.personalCode as string;
  const choice = readChoice(request);
  let current: ActingOption = { party: selfCode, partyKind: 'person', basis: 'self' };
  let dropped: string | undefined;
  if (choice && choice !== selfCode) {
    try {
      current = await deps.access.resolveActingFor(principal, choice);
    } catch (error) {
      if (!(error instanceof AppError) || !['forbidden', 'invalid'].includes(error.kind)) throw error;
      dropped = choice;
      rememberChoice(request, reply, undefined);
    }
  }
  const options = await deps.access.actingOptions(selfCode);
  const companies = new Map(options.filter((option) => option.name).map((option) => [option.party, option.name as string]));
  const names = await nameParties(deps, [selfCode, current.party, ...options.map((option) => option.party), ...(dropped ? [dropped] : [])], companies);
  if (principal.displayName) names.set(selfCode, principal.displayName);
  const listed = options.map((option) => named(option, names));
  return {
    self: listed[0] ?? named({ party: selfCode, partyKind: 'person', basis: 'self' }, names),
    current: named(current, names),
    options: listed,
    ...(dropped ? { dropped: names.has(dropped) ? `${names.get(dropped)} (${dropped})` : dropped } : {}),
  };
}

/** The person themselves or a company on whose board they sit: those may give and revoke mandates. */
export const canManageMandates = (acting: Acting): boolean => acting.current.basis === 'self' || acting.current.basis === 'board_member';

// ---- routes ----

export async function sendCsrfRefusal(reply: FastifyReply, lang: Lang, path: string): Promise<FastifyReply> {
  const html = await renderMessagePage({
    lang,
    title: t(lang, 'forbidden.csrfTitle'),
    alternateUrl: at(otherLang(lang), path),
    section: 'workspace',
    paragraphs: [t(lang, 'forbidden.csrf')],
    links: [{ href: at(lang, path), text: t(lang, 'workspace.title') }],
  });
  return sendHtml(reply, lang, 403, html);
}

async function sendFailure(request: FastifyRequest, reply: FastifyReply, lang: Lang, error: unknown): Promise<FastifyReply> {
  if (error instanceof AppError && error.kind === 'not_found') return renderNotFoundPage(request, reply);
  request.log.error({ err: error }, 'workspace page failed');
  const path = request.url.split('?')[0] ?? '/workspace';
  const html = await renderMessagePage({ lang, title: t(lang, 'error.title'), alternateUrl: at(otherLang(lang), path), section: 'workspace', paragraphs: [t(lang, 'error.text')] });
  return sendHtml(reply, lang, 503, html);
}

/** The signed-in person of a portal session, or undefined (bearer tokens do not open pages). */
function sessionPerson(request: FastifyRequest): Principal | undefined {
  const principal = sessionPrincipal(request);
  return principal?.personalCode ? principal : undefined;
}

/** Registers a workspace page in both languages behind the workspace's guards. */
export function workspaceRoute(app: App, deps: WorkspaceDeps, route: WorkspaceRoute): void {
  for (const lang of LANGS) {
    const onRequest = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
      if (sessionPerson(request)) return undefined;
      // After sign-in a GET comes back to itself; a form post to the workspace's front page.
      const back = request.method === 'GET' ? request.url : at(lang, '/workspace');
      return reply.redirect(`${at(lang, '/login')}?returnTo=${encodeURIComponent(back)}`, 303);
    };
    const preHandler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
      try {
        await verifyCsrf(request);
        return undefined;
      } catch {
        return sendCsrfRefusal(reply, lang, route.path.includes(':') ? '/workspace' : route.path);
      }
    };
    app.route({
      method: route.method,
      url: at(lang, route.path),
      schema: { hide: true },
      onRequest,
      ...(route.method === 'POST' && !route.multipart ? { preHandler } : {}),
      handler: async (request, reply) => {
        const principal = sessionPerson(request) as Principal;
        try {
          const acting = await resolveActing(deps, request, reply, principal);
          const result = await route.handler({
            request,
            reply,
            lang,
            principal,
            acting,
            params: (request.params ?? {}) as Record<string, string>,
            query: (request.query ?? {}) as Record<string, unknown>,
            body: request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {},
            csrf: csrfToken(request),
          });
          return typeof result === 'string' ? sendHtml(reply, lang, 200, result) : result;
        } catch (error) {
          return sendFailure(request, reply, lang, error);
        }
      },
    });
  }
}

/** The reply of a successful POST: on to a page (303), which shows what happened. */
export function seeOther(reply: FastifyReply, lang: Lang, path: string): FastifyReply {
  return reply.redirect(at(lang, path), 303);
}

/** A form or query value as a trimmed string (the first, when repeated). */
export function textOf(value: unknown): string {
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** Every value of a repeated form or query field. */
export function listOf(value: unknown): string[] {
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  return values.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim());
}

/** Who did it and from where, for the audit entries of page reads and changes. */
export const changeContext = (request: FastifyRequest): { ip: string; userAgent: string | null } => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
