/**
 * CSRF protection, once for the whole platform. A signed-in person's token is
 * derived from their session's secret (so it dies with the session); an
 * anonymous visitor's is a random double-submit cookie. The identity module
 * says which session a request belongs to through `installCsrf`; pages, shells
 * and API guards only call `csrfToken`, `csrfMatches` and `verifyCsrf` here.
 *
 * Pages are compressed, and a secret that stands in every compressed response
 * beside text an attacker chose can be read off the responses' lengths
 * (BREACH). So a page never carries the token itself: each time it is written
 * it is masked with a fresh random pad (the pad, then the token XOR the pad),
 * and the check takes the pad off again.
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

/** The token as a page carries it: a fresh pad and the token XOR the pad, base64url; never the same twice. */
function masked(token: string): string {
  const bytes = Buffer.from(token);
  const pad = randomBytes(bytes.length);
  return Buffer.concat([pad, Buffer.from(bytes.map((byte, i) => byte ^ (pad[i] ?? 0)))]).toString('base64url');
}

/** The token inside a masked one; undefined when `sent` cannot be one. */
function unmasked(sent: string): string | undefined {
  const raw = Buffer.from(sent, 'base64url');
  if (raw.length === 0 || raw.length % 2 !== 0) return undefined;
  const half = raw.length / 2;
  return Buffer.from(raw.subarray(half).map((byte, i) => byte ^ (raw[i] ?? 0))).toString('latin1');
}

function expectedToken(request: FastifyRequest): string | undefined {
  const settings = request.server.csrfSettings;
  const secret = settings.sessionSecret(request);
  if (secret) return createHmac('sha256', secret).update('csrf').digest('base64url');
  const cookie = request.cookies?.[settings.cookieName] ?? pending.get(request);
  return cookie && ANONYMOUS_TOKEN.test(cookie) ? cookie : undefined;
}

/** The CSRF token for the current request's forms (minting an anonymous one when needed), masked afresh at each call. */
export function csrfToken(request: FastifyRequest): string {
  const existing = expectedToken(request);
  if (existing) return masked(existing);
  const minted = randomBytes(32).toString('base64url');
  pending.set(request, minted);
  return masked(minted);
}

/** A hidden form field carrying the CSRF token; put it in every form that POSTs. */
export function csrfField(request: FastifyRequest): string {
  return `<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken(request)}">`;
}

/** Whether `sent` (a form field read by the caller, e.g. from a multipart body) is this request's token. */
export function csrfMatches(request: FastifyRequest, sent: unknown): boolean {
  const expected = expectedToken(request);
  // A masked token, as pages carry it; or the token itself (an anonymous client may send its cookie's value).
  return tokensMatch(sent, expected) || (typeof sent === 'string' && tokensMatch(unmasked(sent), expected));
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
