/**
 * The identity API: the OpenID provider's endpoints (under /oidc, discovery at
 * /.well-known/openid-configuration) handed to oidc-provider untouched, and
 * `GET /api/v1/me`: who is calling.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { requirePrincipal } from '../../platform/http/auth.js';
import { problems } from '../../platform/http/openapi.js';
import { sendProblem, makeProblem } from '../../platform/http/problem.js';
import { setRateLimitHeaders, type RateDecision, type RatePolicy, type RateLimiter } from '../../platform/http/rate-limit.js';
import type { App } from '../../platform/http/server.js';
import { requestIdentity } from './identity.auth.js';
import { MeResponse } from './identity.schemas.js';
import { OIDC_PREFIX } from './oidc.provider.js';


/**
 * Failed client authentications at the token endpoint allowed per client id
 * and per source address: a guessed secret is refused (429) long before it can
 * be found. Only failures count; a client that authenticates is never slowed.
 */
export const TOKEN_FAILURES_PER_CLIENT: RatePolicy = { name: 'token-failures-client', perMinute: 10, burst: 20 };
export const TOKEN_FAILURES_PER_SOURCE: RatePolicy = { name: 'token-failures-source', perMinute: 30, burst: 60 };

/** The client id of client_secret_basic (RFC 6749 2.3.1: form-urlencoded, then Basic). */
function basicClientId(header: string | undefined): string | undefined {
  const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  try {
    return decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')).slice(0, 200);
  } catch {
    return undefined;
  }
}

/** The keys a token request's failures count against: its client (when it names one) and its source address. */
function failureKeys(request: FastifyRequest): [string, RatePolicy][] {
  const client = basicClientId(request.headers.authorization);
  return [...(client ? [[`token-failures:client:${client}`, TOKEN_FAILURES_PER_CLIENT] as [string, RatePolicy]] : []), [`token-failures:source:${request.ip}`, TOKEN_FAILURES_PER_SOURCE]];
}

async function refusedTokenRequest(limiter: RateLimiter, request: FastifyRequest): Promise<RateDecision | undefined> {
  for (const [key, policy] of failureKeys(request)) {
    const state = await limiter.peek(key, policy);
    if (!state.allowed) return state;
  }
  return undefined;
}

export async function registerIdentityRoutes(app: App, provider: Provider, limiter: RateLimiter): Promise<void> {
  const callback = provider.callback();
  const handOver = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const tokenRequest = request.method === 'POST' && request.url.split('?')[0] === `${OIDC_PREFIX}/token`;
    if (tokenRequest) {
      const refused = await refusedTokenRequest(limiter, request);
      if (refused) {
        setRateLimitHeaders(reply, refused);
        // A problem that OAuth clients also read: `error` as RFC 6749 names it.
        const problem = { ...makeProblem(429, 'rate-limit.token-failures', `Too many failed client authentications: try again in ${refused.retryAfterSeconds} s.`), error: 'invalid_client', error_description: 'too many failed client authentications' };
        return sendProblem(reply, problem);
      }
    }
    // oidc-provider (a Koa app) answers on the raw request and response.
    reply.hijack();
    await callback(request.raw, reply.raw);
    // Only a failed client authentication counts (invalid_client is 401).
    if (tokenRequest && reply.raw.statusCode === 401) for (const [key, policy] of failureKeys(request)) await limiter.take(key, policy);
    return undefined;
  };
  // Its own body parsing needs the untouched request stream: no Fastify parser may read it first.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.all(`${OIDC_PREFIX}/*`, { schema: { hide: true } }, handOver);
    scope.get('/.well-known/openid-configuration', { schema: { hide: true } }, handOver);
  });

  app.addSchema(MeResponse);
  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['identity'],
        summary: 'Who is calling',
        description:
          'The signed-in person (portal session or an access token issued to a person) or the calling system (client credentials): subject, names, personal code, level of assurance, scopes.',
        security: [{ bearer: [] }],
        response: { 200: Type.Ref('Me'), ...problems(401) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const identity = requestIdentity(request);
      const person = identity?.person;
      const me: MeResponse = {
        subject: principal.subject,
        kind: principal.kind,
        scopes: principal.scopes,
        roles: principal.roles,
        via: identity?.via ?? 'token',
      };
      if (principal.displayName) me.displayName = principal.displayName;
      if (person) {
        me.givenName = person.givenName;
        me.familyName = person.familyName;
        if (principal.personalCode) me.personalCode = principal.personalCode;
        if (person.email) me.email = person.email;
      }
      if (identity?.acr) me.acr = identity.acr;
      if (identity?.clientId) me.clientId = identity.clientId;
      if (principal.institutionId) me.institutionId = principal.institutionId;
      return me;
    },
  );
}
