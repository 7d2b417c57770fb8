/**
 * Traceability over the API (P8, P11, P12): a person's applications (or those
 * of the party in On-Behalf-Of), an institution's queue, one application with
 * its timeline, expected completion and result, and its files. Whoever may not
 * see an application is told it does not exist (404), never that it is
 * forbidden. The service writes every read to the audit trail.
 */
import { Type } from '@sinclair/typebox';
import type { App } from '../../platform/http/server.js';
import { STATUS_CODES } from './statuses.js';
import { notInstitution } from './applications.errors.js';
import { ApplicationParams, caller, OnBehalfOfHeaders, onBehalfOf, problems, READ, security, tags, type ApplicationsRouteDeps, signedIn } from './requests.routes.js';

const ListQuery = Type.Object(
  {
    status: Type.Optional(Type.Array(Type.Union(STATUS_CODES.map((code) => Type.Literal(code))), { maxItems: STATUS_CODES.length, description: 'only these statuses (repeat the parameter for several)' })),
    overdue: Type.Optional(Type.Boolean({ description: 'only overdue (true) or only on time (false)' })),
    service: Type.Optional(Type.String({ format: 'uuid', description: 'queue: only this service' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'queue: an application number, an external id or an applicant’s identifier' })),
    institution: Type.Optional(Type.String({ format: 'uuid', description: 'a case handler’s queue of this institution (persons; systems always get their own institution’s)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

/** Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266, RFC 5987). */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export function registerTrackingRoutes(app: App, { applications }: ApplicationsRouteDeps): void {
  app.get(
    '/api/v1/applications',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Applications: a person’s own (or the party’s in On-Behalf-Of); an institution’s queue for its systems and case handlers',
        description:
          'A person sees the applications of the party acted for, newest first (`status`, `overdue`, paging). An institution’s system (client credentials) — or a case handler naming `institution` — gets the institution’s queue: open applications, overdue first (`service`, `status`, `overdue`, `q`).',
        security,
        headers: OnBehalfOfHeaders,
        querystring: ListQuery,
        response: { 200: Type.Ref('ApplicationPage'), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const principal = caller(request, READ);
      const { status, overdue, service, q, institution, limit, offset } = request.query;
      const statuses = status;
      const paging = { ...(limit !== undefined ? { limit } : {}), ...(offset !== undefined ? { offset } : {}) };
      const queueOf = principal.kind === 'system' ? principal.institutionId : institution;
      if (principal.kind === 'system' && !queueOf) throw notInstitution();
      if (queueOf) {
        return applications.queue(principal, queueOf, { ...(statuses ? { status: statuses } : {}), ...(overdue !== undefined ? { overdue } : {}), ...(service ? { serviceId: service } : {}), ...(q ? { q } : {}), ...paging });
      }
      const party = onBehalfOf(request);
      return applications.listApplications(principal, { ...(party ? { party } : {}), ...(statuses ? { status: statuses } : {}), ...(overdue !== undefined ? { overdue } : {}), ...paging });
    },
  );

  app.get(
    '/api/v1/applications/:id',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'One application with its timeline, expected completion and result (P11, P12)',
        description: 'By id or number. Visible to the applicant, whoever may act for them, and the institution; for anyone else it does not exist (404).',
        security,
        params: ApplicationParams,
        response: { 200: Type.Ref('ApplicationView'), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => applications.getApplication(caller(request, READ), request.params.id),
  );

  app.get(
    '/api/v1/applications/:id/files/:fileId',
    {
      ...signedIn,
      // Sent as stored: uploads are often compressed already, and their length is declared below.
      compress: false,
      schema: {
        tags,
        summary: 'Download an attachment, an answer’s file or a result document of an application',
        description: 'Same visibility as the application (404 for anyone else). Sent as an attachment with its media type.',
        security,
        params: Type.Object({ ...ApplicationParams.properties, fileId: Type.String({ format: 'uuid' }) }),
        response: {
          200: { description: 'the file’s bytes', content: { 'application/octet-stream': { schema: Type.String({ contentMediaType: 'application/octet-stream' }) } } },
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const file = await applications.getFile(caller(request, READ), request.params.id, request.params.fileId);
      return reply
        .type(file.mediaType)
        .header('content-disposition', attachmentDisposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-length', String(file.content.byteLength))
        // The reply is bytes, not the string the OpenAPI schema describes them as.
        .send(Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength) as unknown as string);
    },
  );
}
