/**
 * `GET /api/v1/me/data-access`: the data-access log of the person, or of the
 * party named in On-Behalf-Of (the platform has checked the right to act for
 * it): who other than the person read or received its data, newest first.
 */
import { Type } from '@sinclair/typebox';
import { onBehalfOf, requirePrincipal } from '../../platform/http/auth.js';
import { AppError } from '../../platform/errors.js';
import { bearerSecurity as security, problems } from '../../platform/http/openapi.js';
import type { App } from '../../platform/http/server.js';
import { dataAccessLog, describeActor, type DataAccessDeps } from './data-access.js';

const DataAccessEntry = Type.Object(
  {
    occurredAt: Type.String({ format: 'date-time' }),
    actor: Type.Object({
      kind: Type.Union([Type.Literal('client'), Type.Literal('staff'), Type.Literal('person'), Type.Literal('platform')], { description: 'an institution’s system, institution staff, another person (a representative), the platform' }),
      id: Type.String({ description: 'the system’s client id, or a masked personal code' }),
    }),
    action: Type.String({ examples: ['applications.read'] }),
    target: Type.Union([Type.String(), Type.Null()]),
    onBehalfOf: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'DataAccessEntry' },
);

export function registerAuditRoutes(app: App, deps: DataAccessDeps): void {
  app.addSchema(DataAccessEntry);
  app.get(
    '/api/v1/me/data-access',
    {
      schema: {
        tags: ['identity'],
        summary: 'Who looked at my data: the audit trail’s reads of your (or the represented party’s) data by anyone else',
        security,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('DataAccessEntry')) }), ...problems(401, 403) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      if (principal.kind !== 'person' || !principal.personalCode) throw new AppError('audit.not-a-person', 'forbidden', 'The data-access log is a person’s: sign in as one.');
      const self = principal.personalCode;
      const party = onBehalfOf(request) ?? self;
      const entries = await dataAccessLog(deps, { self, party, ip: request.ip, via: 'api', limit: request.query.limit ?? 100 });
      return { items: entries.map((entry) => ({ occurredAt: entry.occurredAt, actor: describeActor(entry), action: entry.action, target: entry.target, onBehalfOf: entry.onBehalfOf })) };
    },
  );
}
