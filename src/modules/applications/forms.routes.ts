/**
 * The API of what a service asks and promises: its e-form (public; edited by
 * the service's managers), its lead time, the institution's wording of the
 * status codes, and the signed-in person's draft of an application.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { schemaRef } from '../../platform/http/openapi.js';
import type { App } from '../../platform/http/server.js';
import { draftNotFound } from './applications.errors.js';
import { FormInput, LeadTimeInput, StatusLabelsInput } from './applications.schemas.js';
import { caller, type ApplicationsRouteDeps, OnBehalfOfHeaders, onBehalfOf, person, problems, READ, security, ServiceParams, tags, WRITE, signedIn } from './requests.routes.js';

const ServiceRefParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9-]{1,120}$', description: 'the service’s id or slug' }) });

const IfMatch = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 40, description: 'the form version being edited, e.g. "3": a stale one is refused (409)' })) });

/** The form version in If-Match ("3", W/"3" or 3). */
function versionOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value.trim());
  if (!match) throw new AppError('applications.bad-if-match', 'invalid', 'If-Match must carry the form version being edited, e.g. "3".', [{ pointer: '#', in: 'headers', detail: 'If-Match is not a version number' }]);
  return Number(match[1]);
}

export function registerFormRoutes(app: App, { applications, access }: ApplicationsRouteDeps): void {
  app.get(
    '/api/v1/services/:id/form',
    {
      schema: {
        tags,
        summary: 'A service’s e-form: JSON Schema of its data plus presentation hints (public)',
        description: 'By the service’s id or slug. Version 0 is the platform’s generic form, used until the service’s managers save one. The ETag is the version.',
        params: ServiceRefParams,
        response: { 200: Type.Ref('Form'), ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const form = await applications.getForm(request.params.id);
      reply.header('etag', `"${form.version}"`);
      return form;
    },
  );

  app.put(
    '/api/v1/services/:id/form',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Save a new version of a service’s e-form (its institution’s service managers)',
        description: 'The version being edited goes in If-Match or in `expectedVersion`; a stale one is refused with 409.',
        security,
        params: ServiceParams,
        headers: IfMatch,
        body: schemaRef(FormInput),
        response: { 200: Type.Ref('Form'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const principal = caller(request, WRITE);
      const body = request.body;
      const expected = versionOf(request.headers['if-match']) ?? body.expectedVersion;
      const form = await applications.saveForm(principal, request.params.id, { ...body, ...(expected !== undefined ? { expectedVersion: expected } : {}) });
      reply.header('etag', `"${form.version}"`);
      return form;
    },
  );

  app.get(
    '/api/v1/services/:id/lead-time',
    {
      schema: {
        tags,
        summary: 'A service’s lead time (P12) and when an application made now is expected to be completed (public)',
        params: ServiceParams,
        response: { 200: Type.Ref('ServiceLeadTime'), ...problems(400, 404) },
      },
    },
    async (request) => {
      const { leadTime, expectedCompletionAt } = await applications.expectedFor(request.params.id);
      return { ...leadTime, expectedCompletionAt };
    },
  );

  app.put(
    '/api/v1/services/:id/lead-time',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Declare a service’s lead time: its legal deadline in working or calendar days (service managers)',
        security,
        params: ServiceParams,
        body: schemaRef(LeadTimeInput),
        response: { 200: Type.Ref('ServiceLeadTime'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => applications.setLeadTime(caller(request, WRITE), request.params.id, request.body),
  );

  const InstitutionParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'the institution’s id' }) });

  app.get(
    '/api/v1/institutions/:id/status-labels',
    {
      schema: {
        tags,
        summary: 'How an institution words each status code (its own labels, else the platform’s) (public)',
        params: InstitutionParams,
        response: { 200: Type.Ref('StatusLabels'), ...problems(400) },
      },
    },
    async (request) => applications.statusLabels(request.params.id),
  );

  app.put(
    '/api/v1/institutions/:id/status-labels',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Set an institution’s own wording of status codes (its administrators and service managers)',
        description: 'Codes left out go back to the platform’s wording.',
        security,
        params: InstitutionParams,
        body: schemaRef(StatusLabelsInput),
        response: { 200: Type.Ref('StatusLabels'), ...problems(400, 401, 403) },
      },
    },
    async (request) => applications.setStatusLabels(caller(request, WRITE), request.params.id, request.body),
  );

  // ---- drafts: kept per applicant (the party acted for) and author ----
  const right = async (request: FastifyRequest, scope: string, serviceId: string) => {
    const principal = person(request, scope);
    return { principal, right: await access.resolveActingFor(principal, onBehalfOf(request), serviceId) };
  };

  app.get(
    '/api/v1/services/:id/draft',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Your draft of an application for this service (for the party in On-Behalf-Of, if given)',
        security,
        params: ServiceParams,
        headers: OnBehalfOfHeaders,
        response: { 200: Type.Ref('Draft'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const acting = await right(request, READ, request.params.id);
      const draft = await applications.getDraft(acting.principal, acting.right, request.params.id);
      if (!draft) throw draftNotFound();
      return draft;
    },
  );

  app.put(
    '/api/v1/services/:id/draft',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Keep a draft of an application (not validated against the form until it is submitted)',
        security,
        params: ServiceParams,
        headers: OnBehalfOfHeaders,
        body: Type.Object(
          {
            data: Type.Record(Type.String(), Type.Unknown(), { description: 'the form’s data so far' }),
            step: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()], { description: 'the step the person is on' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Draft'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const acting = await right(request, WRITE, request.params.id);
      return applications.saveDraft(acting.principal, acting.right, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/v1/services/:id/draft',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Discard your draft of an application for this service',
        security,
        params: ServiceParams,
        headers: OnBehalfOfHeaders,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const acting = await right(request, WRITE, request.params.id);
      await applications.deleteDraft(acting.principal, acting.right, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
