/**
 * The API of rights, mandates and roles. Every route resolves who asks (401
 * without a principal) and on whose behalf (the On-Behalf-Of header, 403 without
 * a right); reads of personal data are audit-logged.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { onBehalfOf, registerActingForCheck, requirePrincipal, requireScope, requireSignIn, type Principal } from '../../platform/http/auth.js';
import { problems, schemaRef } from '../../platform/http/openapi.js';
import type { App } from '../../platform/http/server.js';
import { auditContext, type AuditService } from '../audit/index.js';
import { noRight } from './access.errors.js';
import { CheckResult, MandateInput, MandateSchema, ROLES } from './access.schemas.js';
import type { AccessService } from './access.service.js';
import type { MandateService } from './mandates.service.js';
import { parseParty } from './parties.js';

const security = [{ bearer: [] }];
const OnBehalfOf = Type.Object({
  'on-behalf-of': Type.Optional(Type.String({ maxLength: 20, description: 'personal code or registration number of the party acted for' })),
});
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

function person(request: FastifyRequest, scope: string): Principal {
  const principal = requirePrincipal(request);
  requireScope(principal, scope);
  if (principal.kind !== 'person') throw new AppError('access.persons-only', 'forbidden', 'Only a signed-in person can use this endpoint.');
  return principal;
}

export function registerAccessRoutes(app: App, deps: { access: AccessService; mandates: MandateService; audit: AuditService }): void {
  app.addSchema(MandateInput);
  app.addSchema(MandateSchema);
  app.addSchema(CheckResult);
  const { access, mandates, audit } = deps;
  // Every API request naming a party in On-Behalf-Of is checked here (platform/http/auth.ts runs it before any route).
  registerActingForCheck(app, (principal, party) => access.resolveActingFor(principal, party));
  const guard = { onRequest: requireSignIn };
  const context = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

  app.post(
    '/api/v1/mandates',
    {
      ...guard,
      schema: {
        tags: ['access'],
        summary: 'Grant a mandate: you (or the company in On-Behalf-Of, as its board member) authorise a person to act for you',
        security,
        headers: OnBehalfOf,
        body: schemaRef(MandateInput),
        response: { 201: Type.Ref('Mandate'), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const mandate = await mandates.grant(person(request, 'mandates.write'), onBehalfOf(request), request.body, context(request));
      return reply.code(201).header('location', `/api/v1/mandates/${mandate.id}`).send(mandate);
    },
  );

  app.get(
    '/api/v1/mandates',
    {
      ...guard,
      schema: {
        tags: ['access'],
        summary: 'Mandates you (or the company in On-Behalf-Of) gave, or that you received',
        security,
        headers: OnBehalfOf,
        querystring: Type.Object({ direction: Type.Union([Type.Literal('given'), Type.Literal('received')], { default: 'given' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Mandate')) }), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const principal = person(request, 'mandates.read');
      const items = await mandates.list(principal, request.query.direction ?? 'given', onBehalfOf(request));
      await audit.record({ ...auditContext(request), onBehalfOf: onBehalfOf(request) ?? null, action: 'access.mandates_read', details: { direction: request.query.direction ?? 'given', count: items.length } });
      return { items };
    },
  );

  app.get(
    '/api/v1/mandates/check',
    {
      ...guard,
      schema: {
        tags: ['access'],
        summary: 'May a person act for a party (for a service)? For institution systems',
        description: 'Answers on which ground: the party itself, board membership, parenthood, guardianship or a mandate covering the service.',
        security,
        querystring: Type.Object(
          {
            representative: Type.String({ maxLength: 20, description: 'personal code of the person who wants to act' }),
            represented: Type.String({ maxLength: 20, description: 'personal code or registration number of the party' }),
            service: Type.Optional(Type.String({ format: 'uuid' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('RightCheck'), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      requireScope(principal, 'mandates.read');
      const { representative, represented, service } = request.query;
      for (const [field, value] of [['representative', representative], ['represented', represented]] as const) {
        if (!parseParty(value)) {
          throw new AppError('access.invalid-party', 'invalid', `${field} is not a valid personal code or registration number.`, [{ pointer: `#/${field}`, in: 'query', detail: 'not a valid personal code or registration number' }]);
        }
      }
      // Persons may ask about themselves; institution systems about anyone.
      const self = principal.personalCode;
      if (principal.kind === 'person' && parseParty(representative)?.id !== self && parseParty(represented)?.id !== self) throw noRight(represented);
      const right = await access.findRight({ representative, represented, ...(service ? { serviceId: service } : {}) });
      await audit.record({ ...auditContext(request), action: 'access.right_checked', target: `person:${parseParty(representative)?.id}`, onBehalfOf: parseParty(represented)?.id ?? null, details: { service: service ?? null, allowed: right !== undefined } });
      return right ? { allowed: true, basis: right.basis, ...(right.mandateId ? { mandateId: right.mandateId } : {}) } : { allowed: false };
    },
  );

  app.get(
    '/api/v1/mandates/:id',
    {
      ...guard,
      schema: { tags: ['access'], summary: 'One mandate you gave or received, with its history', security, params: IdParams, response: { 200: Type.Ref('Mandate'), ...problems(401, 403, 404) } },
    },
    async (request) => {
      const mandate = await mandates.get(person(request, 'mandates.read'), request.params.id);
      await audit.record({ ...auditContext(request), action: 'access.mandate_read', target: `mandate:${mandate.id}` });
      return mandate;
    },
  );

  app.post(
    '/api/v1/mandates/:id/accept',
    {
      ...guard,
      schema: { tags: ['access'], summary: 'Accept a mandate given to you', security, params: IdParams, response: { 200: Type.Ref('Mandate'), ...problems(401, 403, 404, 409) } },
    },
    async (request) => mandates.accept(person(request, 'mandates.write'), request.params.id, context(request)),
  );

  app.post(
    '/api/v1/mandates/:id/revoke',
    {
      ...guard,
      schema: {
        tags: ['access'],
        summary: 'Revoke a mandate you (or the company in On-Behalf-Of) gave',
        security,
        headers: OnBehalfOf,
        params: IdParams,
        response: { 200: Type.Ref('Mandate'), ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => mandates.revoke(person(request, 'mandates.write'), request.params.id, onBehalfOf(request), context(request)),
  );

  app.get(
    '/api/v1/me/on-behalf-of',
    {
      ...guard,
      schema: {
        tags: ['access'],
        summary: 'On whose behalf this request acts, and on which ground (403 without one)',
        description: 'Resolves the On-Behalf-Of header (absent: yourself); with `service`, a mandate must cover that service.',
        security,
        headers: OnBehalfOf,
        querystring: Type.Object({ service: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            party: Type.String(),
            partyKind: Type.Union([Type.Literal('person'), Type.Literal('company')]),
            basis: Type.String(),
            mandateId: Type.Optional(Type.String()),
          }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => access.resolveActingFor(person(request, 'mandates.read'), onBehalfOf(request), request.query.service),
  );

  app.get(
    '/api/v1/me/acting-for',
    {
      ...guard,
      schema: {
        tags: ['access'],
        summary: 'Everyone you may act for, and on which ground',
        security,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                party: Type.String(),
                partyKind: Type.Union([Type.Literal('person'), Type.Literal('company')]),
                name: Type.Optional(Type.String()),
                basis: Type.String(),
                mandateId: Type.Optional(Type.String()),
              }),
            ),
          }),
          ...problems(401, 403),
        },
      },
    },
    async (request) => ({ items: await access.actingOptions(person(request, 'mandates.read').personalCode as string) }),
  );

  // ---- staff roles (P9) ----
  const RoleGrant = Type.Object({
    id: Type.String({ format: 'uuid' }),
    personalCode: Type.String(),
    role: Type.String(),
    institutionId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    grantedBy: Type.String(),
    grantedAt: Type.String({ format: 'date-time' }),
  });

  app.get(
    '/api/v1/roles',
    {
      ...guard,
      schema: {
        tags: ['access'],
        summary: 'Current staff roles of an institution (its administrators and platform administrators)',
        security,
        querystring: Type.Object({ institution: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(RoleGrant) }), ...problems(400, 401, 403) },
      },
    },
    async (request) => ({ items: await access.listStaff(person(request, 'roles.manage'), request.query.institution) }),
  );

  const RoleGrantInput = Type.Object(
    {
      personalCode: Type.String({ maxLength: 20 }),
      role: Type.Union(ROLES.map((role) => Type.Literal(role))),
      institutionId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    },
    { additionalProperties: false },
  );

  app.post(
    '/api/v1/roles',
    {
      ...guard,
      schema: {
        tags: ['access'],
        summary: 'Grant a staff role',
        security,
        body: RoleGrantInput,
        response: { 201: RoleGrant, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await access.grantRole(person(request, 'roles.manage'), request.body, context(request))),
  );

  app.delete(
    '/api/v1/roles/:id',
    {
      ...guard,
      schema: { tags: ['access'], summary: 'Withdraw a staff role', security, params: IdParams, response: { 204: Type.Null(), ...problems(401, 403, 404) } },
    },
    async (request, reply) => {
      await access.revokeRole(person(request, 'roles.manage'), request.params.id, context(request));
      return reply.code(204).send(null);
    },
  );
}
