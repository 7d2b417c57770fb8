/**
 * The portal's own sign-in (P4, P6): the portal is a relying party of the
 * platform's OpenID provider like any institution's portal (code flow with
 * PKCE), so there is one single sign-on session; its tokens are redeemed in
 * process (no network hop to PUBLIC_URL). A successful sign-in starts a web
 * session (new id every time), `POST /logout` ends it together with the
 * provider's session, and `everywhere=1` ends all of the person's sessions and
 * revokes their grants.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import * as client from 'openid-client';
import type { App } from '../../platform/http/server.js';
import { langOfPath, pathInLang, type Lang } from '../../platform/web/i18n.js';
import { csrfToken, verifyCsrf } from '../../platform/http/csrf.js';
import { cookieOptions, requestIdentity } from './identity.auth.js';
import type { IdentityService } from './identity.service.js';
import { renderSignInFailedPage, renderSignOutPage } from './identity.views.js';
import { t } from './identity.messages.js';
import { PORTAL_CALLBACK, PORTAL_CLIENT_ID } from './oidc.provider.js';

const LOGIN_COOKIE = 'pk_login';
const LOGIN_TTL_S = 10 * 60;
/** The provider's own session cookie (oidc-provider's default name) and its signature. */
export const PROVIDER_SESSION_COOKIE = '_session';

interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  lang: Lang;
}

/** Only paths of this site: no scheme, no host, no `//` tricks. */
export function safeReturnTo(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\') || [...value].some((char) => char.charCodeAt(0) < 0x20)) return fallback;
  return value.length > 1000 ? fallback : value;
}

export interface SessionPagesOptions {
  identity: IdentityService;
  publicUrl: string;
  log?: { warn: (object: object, message: string) => void };
}

export function registerSessionPages(app: App, options: SessionPagesOptions): void {
  const { identity, publicUrl } = options;
  const names = app.identityCookies;
  const issuer = new URL(publicUrl);

  // The portal's relying party talks to its own provider through app.inject: same code path as any client, no network.
  const inProcessFetch = async (url: string, init: { method: string; headers: Record<string, string>; body?: unknown }): Promise<Response> => {
    const target = new URL(url);
    const payload = init.body instanceof URLSearchParams ? init.body.toString() : typeof init.body === 'string' ? init.body : undefined;
    const reply = await app.inject({
      method: init.method as 'GET' | 'POST',
      url: `${target.pathname}${target.search}`,
      headers: { ...init.headers, host: issuer.host, 'x-forwarded-proto': issuer.protocol.replace(':', '') },
      ...(payload !== undefined ? { payload } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(reply.headers)) {
      if (Array.isArray(value)) value.forEach((item) => headers.append(name, item));
      else if (value !== undefined) headers.set(name, String(value));
    }
    const empty = [204, 205, 304].includes(reply.statusCode);
    return new Response(empty ? null : new Uint8Array(reply.rawPayload), { status: reply.statusCode, headers });
  };

  let relyingParty: Promise<client.Configuration> | undefined;
  const rp = (): Promise<client.Configuration> => {
    relyingParty ??= client
      .discovery(issuer, PORTAL_CLIENT_ID, { redirect_uris: [`${publicUrl}${PORTAL_CALLBACK}`] }, client.None(), {
        [client.customFetch]: inProcessFetch,
        ...(issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .then((config) => {
        config[client.customFetch] = inProcessFetch;
        return config;
      })
      .catch((error: unknown) => {
        relyingParty = undefined;
        throw error;
      });
    return relyingParty;
  };

  const LoginQuery = Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: true });

  const startLogin = async (request: FastifyRequest<{ Querystring: { returnTo?: string } }>, reply: FastifyReply): Promise<FastifyReply> => {
    const lang = langOfPath(request.url);
    const config = await rp();
    const pending: PendingLogin = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      returnTo: safeReturnTo(request.query.returnTo, pathInLang('/workspace', lang)),
      lang,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: `${publicUrl}${PORTAL_CALLBACK}`,
      scope: 'openid profile email personal_code',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      ui_locales: lang,
    });
    reply.setCookie(LOGIN_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), { ...cookieOptions(names, LOGIN_TTL_S), path: PORTAL_CALLBACK });
    // The path and query are ours; the browser stays on this site.
    return reply.redirect(`${url.pathname}${url.search}`, 303);
  };
  app.get('/login', { schema: { hide: true, querystring: LoginQuery } }, startLogin);
  app.get('/en/login', { schema: { hide: true, querystring: LoginQuery } }, startLogin);

  app.get(PORTAL_CALLBACK, { schema: { hide: true } }, async (request, reply) => {
    const raw = request.cookies[LOGIN_COOKIE];
    let pending: PendingLogin | undefined;
    try {
      pending = raw ? (JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as PendingLogin) : undefined;
    } catch {
      pending = undefined;
    }
    reply.clearCookie(LOGIN_COOKIE, { path: PORTAL_CALLBACK });
    const lang = pending?.lang === 'en' ? 'en' : 'lv';
    const failed = async (detail: string): Promise<FastifyReply> =>
      reply.code(400).type('text/html; charset=utf-8').send(await renderSignInFailedPage(lang, pathInLang('/', lang === 'lv' ? 'en' : 'lv'), detail));
    if (!pending) return failed(t(lang, 'error.lead'));
    const query = request.query as Record<string, string | undefined>;
    if (query.error) return failed(t(lang, 'error.lead'));
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(await rp(), new URL(request.url, publicUrl), {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      options.log?.warn({ err: error }, 'portal sign-in: the code could not be redeemed');
      return failed(t(lang, 'error.lead'));
    }
    if (!claims) return failed(t(lang, 'error.lead'));
    const started = await identity.startSession({
      personId: claims.sub,
      acr: typeof claims.acr === 'string' ? claims.acr : 'unknown',
      opSessionId: request.cookies[PROVIDER_SESSION_COOKIE] ?? null,
      previousId: request.cookies[names.session],
    });
    reply.setCookie(names.session, started.id, cookieOptions(names));
    return reply.redirect(pending.returnTo, 303);
  });

  const LogoutBody = Type.Object(
    { _csrf: Type.Optional(Type.String({ maxLength: 200 })), everywhere: Type.Optional(Type.String({ maxLength: 10 })), returnTo: Type.Optional(Type.String({ maxLength: 1000 })) },
    { additionalProperties: true },
  );
  const signOutPage = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const lang = langOfPath(request.url);
    const person = requestIdentity(request)?.person;
    if (!person || requestIdentity(request)?.via !== 'session') return reply.redirect(pathInLang('/', lang), 303);
    const html = await renderSignOutPage({ lang, name: `${person.givenName} ${person.familyName}`, csrf: csrfToken(request), returnTo: pathInLang('/', lang) });
    return reply.type('text/html; charset=utf-8').send(html);
  };
  app.get('/logout', { schema: { hide: true } }, signOutPage);
  app.get('/en/logout', { schema: { hide: true } }, signOutPage);

  // Signing out of a session that has already ended needs no token: there is nothing left to protect.
  const csrfWhenSignedIn = async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (requestIdentity(request)?.session) await verifyCsrf(request);
  };
  app.post('/logout', { schema: { hide: true, body: LogoutBody }, preHandler: csrfWhenSignedIn }, async (request, reply) => {
    const body = (request.body ?? {}) as { everywhere?: string; returnTo?: string };
    const current = requestIdentity(request);
    if (current?.sessionId) {
      const session = await identity.endSession(current.sessionId);
      if (session && body.everywhere && ['1', 'true', 'yes', 'on'].includes(body.everywhere)) await identity.signOutEverywhere(session.personId);
    }
    // The provider's own session cookie goes too: the single sign-on session has ended.
    reply.clearCookie(names.session, cookieOptions(names));
    for (const name of [PROVIDER_SESSION_COOKIE, `${PROVIDER_SESSION_COOKIE}.sig`]) reply.clearCookie(name, { path: '/' });
    // Nothing of the person stays on this device: the app's offline copies of their pages (and its worker) are wiped.
    reply.header('clear-site-data', '"cache", "storage"');
    return reply.redirect(safeReturnTo(body.returnTo, '/'), 303);
  });
}
