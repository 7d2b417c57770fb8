/**
 * The central status register over the API (P8) and results (P2), for
 * institutions: one status change at a time, batches of up to 1,000 events
 * from their own systems (each applied, duplicate or refused by name; a
 * retried batch changes nothing), and delivery of the result.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { toProblem } from '../../platform/http/problem.js';
import { jsonOrMultipart, schemaRef } from '../../platform/http/openapi.js';
import type { App } from '../../platform/http/server.js';
import { eventRefused } from './applications.errors.js';
import type { EventResult, StatusChange } from './applications.schemas.js';
import { MAX_BATCH, StatusBatch, StatusInput } from './applications.schemas.js';
import {
  ApplicationParams,
  Base64File,
  Base64Files,
  BinaryPart,
  caller,
  decodeFiles,
  JSON_UPLOAD_LIMIT,
  jsonField,
  multipartBody,
  problems,
  security,
  tags,
  uploadedFiles,
  WRITE,
  signedIn,
  type ApplicationsRouteDeps,
} from './requests.routes.js';

/**
 * Room for 1,000 events with generous notes (about 16 KB each); a batch of
 * plain status changes is some 300 KB.
 */
const BATCH_BODY_LIMIT = 16 * 1024 * 1024;

const TextInput = Type.Object({ lv: Type.String({ minLength: 1, maxLength: 2000 }), en: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
const ResultJson = Type.Object(
  {
    summary: TextInput,
    data: Type.Optional(Type.Unknown({ description: 'structured data of the result (at most 1 MB of JSON)' })),
    documents: Type.Optional(Base64Files(Base64File)),
    occurredAt: Type.Optional(Type.String({ format: 'date-time', description: 'when the result was issued (default: now)' })),
    eventId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'idempotency key: delivering again with it changes nothing' })),
  },
  { additionalProperties: false },
);
const ResultMultipart = Type.Object(
  {
    summary: TextInput,
    data: Type.Optional(Type.Unknown()),
    occurredAt: Type.Optional(Type.String({ format: 'date-time' })),
    eventId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: BinaryPart, description: 'fields `summary` and `data` as JSON text, `occurredAt`, `eventId`; every file part is a result document' },
);

/** A refused event's problem as problem+json, naming the event by its position and eventId. */
function eventProblem(request: FastifyRequest, result: EventResult) {
  if (!result.problem) return undefined;
  const who = `Event ${result.index}${result.eventId !== null ? ` (eventId "${result.eventId}")` : ''}`;
  const { type, title, status } = toProblem(eventRefused(result.problem.code, result.problem.detail), request);
  return { type, title, status, detail: `${who}: ${result.problem.detail}`, eventIndex: result.index, eventId: result.eventId };
}

const changeStatus = (change: StatusChange): 200 | 201 => (change.result === 'applied' ? 201 : 200);

export function registerStatusRegisterRoutes(app: App, { applications }: ApplicationsRouteDeps): void {
  app.post(
    '/api/v1/applications/:id/status',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Record a status change of one of your institution’s applications (its systems and case handlers)',
        description:
          '201 when applied, 200 when the same eventId was recorded before (nothing changes). An invalid transition is refused with 409 naming it. `awaiting` says what is awaited from the applicant (awaiting_client): the clock pauses until the answer.',
        security,
        params: ApplicationParams,
        body: schemaRef(StatusInput),
        response: { 200: Type.Ref('StatusChange'), 201: Type.Ref('StatusChange'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const change = await applications.recordStatus(caller(request, WRITE), request.params.id, request.body);
      return reply.code(changeStatus(change)).send(change);
    },
  );

  app.post(
    '/api/v1/status-events',
    {
      ...signedIn,
      bodyLimit: BATCH_BODY_LIMIT,
      schema: {
        tags,
        summary: `A batch of up to ${MAX_BATCH} status events from an institution’s own system (client credentials)`,
        description:
          'Each event names its application by `applicationId` (id or number) or by the institution’s `externalId`; an application submitted elsewhere is registered by its first event carrying `applicant` and `serviceId`. Events are idempotent by `eventId` (a retried batch changes nothing) and applied in `occurredAt` order per application. Every event is answered: applied, duplicate, or refused with a problem naming it by index and eventId; the rest of the batch is kept.',
        security,
        body: schemaRef(StatusBatch),
        response: { 200: Type.Ref('StatusBatchResult'), ...problems(400, 401, 403, 413) },
      },
    },
    async (request) => {
      const { events } = request.body;
      const results = await applications.ingestBatch(caller(request, WRITE), events);
      const count = (status: EventResult['status']) => results.filter((result) => result.status === status).length;
      return {
        applied: count('applied'),
        duplicate: count('duplicate'),
        refused: count('refused'),
        results: results.map((result) => {
          const problem = eventProblem(request, result);
          return { ...result, problem };
        }),
      };
    },
  );

  app.post(
    '/api/v1/applications/:id/result',
    {
      ...signedIn,
      bodyLimit: JSON_UPLOAD_LIMIT,
      preValidation: multipartBody((fields) => ({
        summary: jsonField(fields.summary),
        ...(fields.data !== undefined ? { data: jsonField(fields.data) } : {}),
        ...(fields.occurredAt !== undefined ? { occurredAt: fields.occurredAt } : {}),
        ...(fields.eventId !== undefined ? { eventId: fields.eventId } : {}),
      })),
      schema: {
        tags,
        summary: 'Deliver the result of an application into the applicant’s workspace: a summary, structured data and documents (P2)',
        description: 'Records `decided` (when not yet) and `delivered`. Documents go in JSON as base64, or as multipart/form-data file parts. 201 when delivered, 200 when this eventId was delivered before.',
        security,
        params: ApplicationParams,
        body: jsonOrMultipart(ResultJson, ResultMultipart),
        response: { 200: Type.Ref('StatusChange'), 201: Type.Ref('StatusChange'), ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const documents = uploadedFiles(request) ?? decodeFiles(body.documents, '#/documents');
      const change = await applications.deliverResult(caller(request, WRITE), request.params.id, {
        summary: body.summary,
        documents,
        ...(body.data !== undefined ? { data: body.data } : {}),
        ...(body.occurredAt !== undefined ? { occurredAt: body.occurredAt } : {}),
        ...(body.eventId !== undefined ? { eventId: body.eventId } : {}),
      });
      return reply.code(changeStatus(change)).send(change);
    },
  );
}
