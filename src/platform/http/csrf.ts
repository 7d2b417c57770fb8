/**
 * CSRF protection, once for the whole platform. A signed-in person's token is
 * derived from their session's secret (so it dies with the session); an
 * anonymous visitor's is a random double-submit cookie. The identity module
 * says which session a request belongs to through `installCsrf`; pages, shells
 * and API guards only call `csrfToken`, `csrfMatches` and `verifyCsrf` here.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { requirePrincipal } from './auth.js';

/** The hidden form field that carries the token (the `X-CSRF-Token` header may carry it instead). */
export const CSRF_FIELD = '_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ANONYMOUS_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface CsrfSettings {
  /** the anonymous double-submit cookie */
  cookieName: string;
  cookieOptions: { path: string; httpOnly: boolean; sameSite: 'lax'; secure: boolean };
  /** the secret of the request's web session, when it has one */
  sessionSecret(request: FastifyRequest): string | undefined;
  /** true when the request was authenticated by a bearer token (no ambient credential: the API needs no CSRF token) */
  viaToken(request: FastifyRequest): boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    csrfSettings: CsrfSettings;
  }
}

/** anonymous visitors' tokens minted during this request, set as a cookie on the way out */
const pending = new WeakMap<FastifyRequest, string>();

export const csrfFailed = (): AppError =>
  new AppError('auth.csrf', 'forbidden', 'The form’s security token is missing or does not match your session. Reload the page and try again.');

export function installCsrf(app: FastifyInstance, settings: CsrfSettings): void {
  app.decorate('csrfSettings', settings);
  app.addHook('onSend', async (request, reply) => {
    const token = pending.get(request);
    if (token) reply.setCookie(settings.cookieName, token, settings.cookieOptions);
  });
}

/** Constant-time comparison of a sent token with the expected one; anything but two equal strings is false. */
export function tokensMatch(sent: unknown, expected: string | undefined): boolean {
  if (typeof sent !== 'string' || !expected) return false;
  const left = Buffer.from(sent);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}

function expectedToken(request: FastifyRequest): string | undefined {
  const settings = request.server.csrfSettings;
  const secret = settings.sessionSecret(request);
  if (secret) return createHmac('sha256', secret).update('csrf').digest('base64url');
  const cookie = request.cookies?.[settings.cookieName] ?? pending.get(request);
  return cookie && ANONYMOUS_TOKEN.test(cookie) ? cookie : undefined;
}

/** The CSRF token for the current request's forms (minting an anonymous one when needed). */
export function csrfToken(request: FastifyRequest): string {
  const existing = expectedToken(request);
  if (existing) return existing;
  const minted = randomBytes(32).toString('base64url');
  pending.set(request, minted);
  return minted;
}

/** A hidden form field carrying the CSRF token; put it in every form that POSTs. */
export function csrfField(request: FastifyRequest): string {
  return `<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken(request)}">`;
}

/** Whether `sent` (a form field read by the caller, e.g. from a multipart body) is this request's token. */
export function csrfMatches(request: FastifyRequest, sent: unknown): boolean {
  return tokensMatch(sent, expectedToken(request));
}

/**
 * preHandler for state-changing requests: refuses (403 `auth.csrf`) one whose
 * `_csrf` field or `X-CSRF-Token` header is not the request's token. An API
 * call made with a bearer token carries no ambient credential and is not
 * checked; a page never accepts a bearer token at all. An API request from
 * nobody is refused as unauthenticated (401) first: without a credential there
 * is nothing a forged request could borrow.
 */
export async function verifyCsrf(request: FastifyRequest): Promise<void> {
  if (SAFE_METHODS.has(request.method)) return;
  // (The session authenticator asks while it is still authenticating: a session counts as signed in.)
  if (request.url.startsWith('/api/') && !request.server.csrfSettings.sessionSecret(request)) requirePrincipal(request);
  if (request.server.csrfSettings.viaToken(request) && request.url.startsWith('/api/')) return;
  const body = request.body;
  const field = body && typeof body === 'object' ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined;
  const sent = typeof field === 'string' ? field : request.headers['x-csrf-token'];
  if (!csrfMatches(request, sent)) throw csrfFailed();
}
