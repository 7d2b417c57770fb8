/**
 * What every workspace page stands on: who is signed in (a web session;
 * anyone else is sent to sign in and brought back), whom they act for, the
 * CSRF check of every POST, and failures turned into pages, never 500s.
 *
 * The "whom I act for" choice lives in a cookie signed with the session's own
 * secret, so it dies with the session and cannot be carried into another one.
 * The cookie only says what was chosen: on every request the resolver the shell
 * was handed decides again, so a right that has gone stops working at once and
 * the page falls back to the person themselves.
 */
import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { sessionPrincipal, type Principal } from '../../platform/http/auth.js';
import { csrfToken, tokensMatch, verifyCsrf } from '../../platform/http/csrf.js';
import type { App } from '../../platform/http/server.js';
import { renderNotFoundPage } from '../../platform/web/assets.js';
import { LANGS, otherLang, type Lang } from '../../platform/web/i18n.js';
import { renderMessagePage } from '../../platform/web/layout.js';
import { sendHtml } from '../../platform/web/page.js';
import { withSignedIn } from '../../platform/web/signed-in.js';
import { at, type Acting, type ActingResolver, type WorkspaceRoute } from '../../platform/web/workspace.js';
import { t as ui } from '../../platform/web/workspace.messages.js';
import { t } from './shell.messages.js';

// ---- the "whom I act for" cookie ----

const COOKIE = 'pk_acting_for';

function secureCookies(request: FastifyRequest): boolean {
  return request.server.csrfSettings.cookieOptions.secure;
}

function cookieName(request: FastifyRequest): string {
  // __Host- cookies must be Secure and path=/; the browser then refuses any other site's attempt to set them.
  return secureCookies(request) ? `__Host-${COOKIE}` : COOKIE;
}

function signature(secret: string, party: string): string {
  return createHmac('sha256', secret).update(`workspace.acting-for\u0000${party}`).digest('base64url');
}

/** The party of the request's choice cookie, when its signature matches this session. */
function readChoice(request: FastifyRequest): string | undefined {
  const secret = request.server.csrfSettings.sessionSecret(request);
  const raw = request.cookies?.[cookieName(request)];
  if (!secret || !raw) return undefined;
  const dot = raw.lastIndexOf('.');
  const party = raw.slice(0, dot);
  return dot > 0 && tokensMatch(raw.slice(dot + 1), signature(secret, party)) ? party : undefined;
}

/** Keeps `party` as the session's choice; undefined (or oneself) forgets it. */
export function rememberChoice(request: FastifyRequest, reply: FastifyReply, party: string | undefined): void {
  const secret = request.server.csrfSettings.sessionSecret(request);
  const options = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: secureCookies(request) };
  if (!secret || party === undefined || party === request.principal?.personalCode) {
    if (request.cookies?.[cookieName(request)] !== undefined) reply.clearCookie(cookieName(request), options);
    return;
  }
  reply.setCookie(cookieName(request), `${party}.${signature(secret, party)}`, options);
}

/** Whom the signed-in person acts for on this request; a choice that no longer holds is forgotten. */
export async function actingOf(resolver: ActingResolver, request: FastifyRequest, reply: FastifyReply, principal: Principal, lang: Lang): Promise<Acting> {
  const acting = await resolver.resolve(principal, readChoice(request), lang);
  if (acting.dropped) rememberChoice(request, reply, undefined);
  return acting;
}

// ---- refusals and failures ----

export async function sendCsrfRefusal(reply: FastifyReply, lang: Lang, path: string): Promise<FastifyReply> {
  const html = await renderMessagePage({
    lang,
    title: t(lang, 'forbidden.csrfTitle'),
    alternateUrl: at(otherLang(lang), path),
    section: 'workspace',
    paragraphs: [t(lang, 'forbidden.csrf')],
    links: [{ href: at(lang, path), text: ui(lang, 'workspace.title') }],
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

// ---- routes ----

/** The signed-in person of a web session, or undefined (bearer tokens do not open pages). */
function sessionPerson(request: FastifyRequest): Principal | undefined {
  const principal = sessionPrincipal(request);
  return principal?.personalCode ? principal : undefined;
}

/** Registers a workspace page in both languages behind the workspace's guards. */
export function workspaceRoute(app: App, resolver: ActingResolver, route: WorkspaceRoute): void {
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
      ...(route.download ? { compress: false as const } : {}),
      ...(route.method === 'POST' && !route.multipart ? { preHandler } : {}),
      handler: async (request, reply) => {
        const principal = sessionPerson(request) as Principal;
        try {
          const acting = await actingOf(resolver, request, reply, principal, lang);
          const who = { name: principal.displayName ?? acting.self.text, ...(acting.current.basis === 'self' ? {} : { actingFor: acting.current.text }) };
          const result = await withSignedIn(who, () => route.handler({
            request,
            reply,
            lang,
            principal,
            acting,
            params: (request.params ?? {}) as Record<string, string>,
            query: (request.query ?? {}) as Record<string, unknown>,
            body: request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {},
            csrf: csrfToken(request),
            refuseCsrf: (path) => sendCsrfRefusal(reply, lang, path),
          }));
          return typeof result === 'string' ? sendHtml(reply, lang, 200, result) : result;
        } catch (error) {
          return sendFailure(request, reply, lang, error);
        }
      },
    });
  }
}
