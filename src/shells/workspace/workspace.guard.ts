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
import { at, type Acting, type ActingResolver, type PostKeeper, type WorkspaceRoute } from '../../platform/web/workspace.js';
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

// ---- a form posted after the session ended ----

const KEPT_COOKIE = 'pk_kept_post';
const KEPT_COOKIE_S = 60 * 60;

const keptCookieName = (request: FastifyRequest): string => (secureCookies(request) ? `__Host-${KEPT_COOKIE}` : KEPT_COOKIE);

/** Where sign-in brings a POST back: the page of the same address when there is one, else the front page. */
function pageOfPost(app: App, request: FastifyRequest, lang: Lang): string {
  const pattern = request.routeOptions.url;
  return pattern && app.hasRoute({ method: 'GET', url: pattern }) ? (request.url.split('?')[0] ?? at(lang, '/workspace')) : at(lang, '/workspace');
}

const toSignIn = (reply: FastifyReply, lang: Lang, back: string): FastifyReply => reply.redirect(`${at(lang, '/login')}?returnTo=${encodeURIComponent(back)}`, 303);

/** The text fields of a posted form, urlencoded or multipart (files are not kept: they are read and dropped). */
async function postedFields(request: FastifyRequest): Promise<Record<string, unknown>> {
  if (!request.isMultipart()) return request.body && typeof request.body === 'object' ? { ...(request.body as Record<string, unknown>) } : {};
  const fields: Record<string, string | string[]> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        await part.toBuffer().catch(() => undefined);
        continue;
      }
      if (typeof part.value !== 'string') continue;
      const existing = fields[part.fieldname];
      fields[part.fieldname] = existing === undefined ? part.value : [...(Array.isArray(existing) ? existing : [existing]), part.value];
    }
  } catch {
    // A broken body keeps what was read of it.
  }
  return fields;
}

/** Keeps what was posted (the token in a cookie of this browser) and sends the person to sign in, then back to the form's page. */
async function keepAndSignIn(app: App, keeper: PostKeeper, request: FastifyRequest, reply: FastifyReply, lang: Lang): Promise<FastifyReply> {
  const back = pageOfPost(app, request, lang);
  const fields = Object.fromEntries(Object.entries(await postedFields(request)).filter(([name]) => name !== '_csrf'));
  const token = await keeper.keep(back, fields);
  reply.setCookie(keptCookieName(request), token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies(request), maxAge: KEPT_COOKIE_S });
  return toSignIn(reply, lang, back);
}

/** What this browser posted to this page before signing in again, once. */
async function takeKept(keeper: PostKeeper | undefined, request: FastifyRequest, reply: FastifyReply): Promise<Record<string, unknown> | undefined> {
  const token = request.cookies?.[keptCookieName(request)];
  if (!keeper || !token || request.method !== 'GET') return undefined;
  reply.clearCookie(keptCookieName(request), { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies(request) });
  return keeper.take(token, request.url.split('?')[0] ?? '');
}

export interface GuardOptions {
  /** keeps a form posted after the session ended, for after signing in again */
  keeper?: PostKeeper;
  /** how long an idle session lasts, stated in the header */
  idleMinutes?: number;
}

/** Registers a workspace page in both languages behind the workspace's guards. */
export function workspaceRoute(app: App, resolver: ActingResolver, route: WorkspaceRoute, options: GuardOptions = {}): void {
  const { keeper } = options;
  // A form's post outlives an ended session: read, kept, and offered again after sign-in.
  const keepsPosts = keeper !== undefined && route.method === 'POST';
  for (const lang of LANGS) {
    const onRequest = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
      if (sessionPerson(request) || keepsPosts) return undefined;
      // After sign-in a GET comes back to itself; a form post to its page.
      return toSignIn(reply, lang, request.method === 'GET' ? request.url : pageOfPost(app, request, lang));
    };
    const preHandler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
      if (!sessionPerson(request) && keeper) return keepAndSignIn(app, keeper, request, reply, lang);
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
        const principal = sessionPerson(request);
        // Only a post to a page that checks its own token (multipart) gets here without a session.
        if (!principal) return keeper ? keepAndSignIn(app, keeper, request, reply, lang) : toSignIn(reply, lang, at(lang, '/workspace'));
        try {
          const acting = await actingOf(resolver, request, reply, principal, lang);
          const kept = await takeKept(keeper, request, reply);
          const who = {
            name: principal.displayName ?? acting.self.text,
            ...(acting.current.basis === 'self' ? {} : { actingFor: acting.current.text }),
            ...(options.idleMinutes ? { idleMinutes: options.idleMinutes } : {}),
          };
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
            ...(kept ? { kept } : {}),
          }));
          return typeof result === 'string' ? sendHtml(reply, lang, 200, result) : result;
        } catch (error) {
          return sendFailure(request, reply, lang, error);
        }
      },
    });
  }
}
