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
import type { App } from '../../platform/http/server.js';
import { requestIdentity } from './identity.auth.js';
import { MeResponse } from './identity.schemas.js';
import { OIDC_PREFIX } from './oidc.provider.js';


export async function registerIdentityRoutes(app: App, provider: Provider): Promise<void> {
  const callback = provider.callback();
  const handOver = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    // oidc-provider (a Koa app) answers on the raw request and response.
    reply.hijack();
    await callback(request.raw, reply.raw);
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
