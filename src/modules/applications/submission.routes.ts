/**
 * The applicant's side of the API (P2, P7, P15): submitting an application as
 * oneself or for the party in On-Behalf-Of, answering the institution's request
 * for information, and withdrawing. Files come as base64 in JSON or as the
 * parts of a multipart/form-data body.
 */
import { Type } from '@sinclair/typebox';
import { jsonOrMultipart } from '../../platform/http/openapi.js';
import type { App } from '../../platform/http/server.js';
import {
  ApplicationParams,
  Base64File,
  Base64Files,
  BinaryPart,
  decodeFiles,
  JSON_UPLOAD_LIMIT,
  jsonField,
  multipartBody,
  OnBehalfOfHeaders,
  onBehalfOf,
  person,
  problems,
  security,
  SlottedBase64File,
  tags,
  uploadedFiles,
  WRITE,
  signedIn,
  type ApplicationsRouteDeps,
} from './requests.routes.js';

const ServiceId = Type.String({ format: 'uuid', description: 'the service applied for' });
const FormData = Type.Record(Type.String(), Type.Unknown(), { description: 'the form’s data: valid against the schema of GET /api/v1/services/{id}/form' });

const SubmissionJson = Type.Object(
  {
    serviceId: ServiceId,
    data: FormData,
    attachments: Type.Optional(Base64Files(SlottedBase64File)),
  },
  { additionalProperties: false, $id: 'ApplicationInput' },
);
const SubmissionMultipart = Type.Object(
  { serviceId: ServiceId, data: FormData },
  { additionalProperties: BinaryPart, description: 'fields `serviceId` and `data` (JSON text); each file part is named after its attachment slot' },
);

const ResponseJson = Type.Object(
  {
    message: Type.String({ minLength: 1, maxLength: 5000, description: 'the answer to what the institution asked' }),
    files: Type.Optional(Base64Files(Base64File)),
  },
  { additionalProperties: false },
);
const ResponseMultipart = Type.Object(
  { message: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: BinaryPart, description: 'field `message`; every file part is an attached file' },
);

export function registerSubmissionRoutes(app: App, { applications, access }: ApplicationsRouteDeps): void {
  app.post(
    '/api/v1/applications',
    {
      ...signedIn,
      bodyLimit: JSON_UPLOAD_LIMIT,
      preValidation: multipartBody((fields) => ({ serviceId: fields.serviceId, data: jsonField(fields.data) })),
      schema: {
        tags,
        summary: 'Submit an application, as yourself or for the party in On-Behalf-Of (P2, P15)',
        description:
          'The data is validated against the service’s form: a 400 names every offending field (with `messages.lv` and `messages.en`). Attachments go in JSON as base64, or as multipart/form-data file parts named after their slots. Answers the receipt; `link` is the application’s direct link in the workspace (P7).',
        security,
        headers: OnBehalfOfHeaders,
        body: jsonOrMultipart(SubmissionJson, SubmissionMultipart),
        response: { 201: Type.Ref('Receipt'), ...problems(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const principal = person(request, WRITE);
      const body = request.body;
      const attachments = uploadedFiles(request) ?? decodeFiles(body.attachments, '#/attachments');
      const right = await access.resolveActingFor(principal, onBehalfOf(request), body.serviceId);
      const receipt = await applications.submit(principal, right, { serviceId: body.serviceId, data: body.data, attachments });
      return reply.code(201).header('location', `/api/v1/applications/${receipt.applicationId}`).send(receipt);
    },
  );

  app.post(
    '/api/v1/applications/:id/responses',
    {
      ...signedIn,
      bodyLimit: JSON_UPLOAD_LIMIT,
      preValidation: multipartBody((fields) => ({ message: fields.message })),
      schema: {
        tags,
        summary: 'Answer the institution’s request for information (while the application is awaiting_client): a message and files',
        description: 'The clock resumes from the answer. Files go in JSON as base64, or as multipart/form-data file parts.',
        security,
        params: ApplicationParams,
        body: jsonOrMultipart(ResponseJson, ResponseMultipart),
        response: { 201: Type.Ref('StatusChange'), ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const principal = person(request, WRITE);
      const body = request.body;
      const files = uploadedFiles(request) ?? decodeFiles(body.files, '#/files');
      return reply.code(201).send(await applications.respond(principal, request.params.id, { message: body.message, files }));
    },
  );

  app.post(
    '/api/v1/applications/:id/withdrawal',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Withdraw an application (before it is decided)',
        security,
        params: ApplicationParams,
        body: Type.Union([Type.Object({ reason: Type.Optional(Type.String({ maxLength: 5000 })) }, { additionalProperties: false }), Type.Null()], { description: 'optional' }),
        response: { 200: Type.Ref('StatusChange'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const principal = person(request, WRITE);
      const reason = request.body?.reason;
      return applications.withdraw(principal, request.params.id, reason !== undefined ? { reason } : {});
    },
  );
}
