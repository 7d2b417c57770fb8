/**
 * What every applications route reads from a request: who asks (and with which
 * scope), on whose behalf, and the files it carries — either base64 inside a
 * JSON body or the parts of a multipart/form-data body. Both arrive at the
 * service as the same FileInput list, so the limits are checked in one place.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { AppError } from '../../platform/errors.js';
import { requirePrincipal, requireScope, requireSignIn, type Principal } from '../../platform/http/auth.js';
import type { AccessService } from '../access/index.js';
import type { AuditService } from '../audit/index.js';
import * as errors from './applications.errors.js';
import type { FileInput } from './applications.schemas.js';
import type { ApplicationsService } from './index.js';

export interface ApplicationsRouteDeps {
  applications: ApplicationsService;
  access: AccessService;
  audit: AuditService;
}

export const READ = 'applications.read';
export const WRITE = 'applications.write';

export { problems } from '../../platform/http/openapi.js';
export const security = [{ bearer: [] }];
export const tags = ['applications'];

export const OnBehalfOfHeaders = Type.Object({
  'on-behalf-of': Type.Optional(Type.String({ maxLength: 20, description: 'personal code or registration number of the party acted for (absent: yourself)' })),
});
export const ServiceParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'the service’s id' }) });
export const ApplicationParams = Type.Object({
  id: Type.String({ pattern: '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\\d{4}-\\d{6,9})$', description: 'the application’s id or number (YYYY-NNNNNN)' }),
});

/** Any signed-in caller whose token carries `scope`. */
export function caller(request: FastifyRequest, scope: string): Principal {
  return requireScope(requirePrincipal(request), scope);
}

/** A signed-in person (drafts and submissions are made by people, for themselves or for whom they represent). */
export function person(request: FastifyRequest, scope: string): Principal {
  const principal = caller(request, scope);
  if (principal.kind !== 'person' || !principal.personalCode) throw errors.notAPerson();
  return principal;
}

/** On-Behalf-Of, already checked by the platform for every API request (platform/http/auth.ts). */
export { onBehalfOf } from '../../platform/http/auth.js';

/** For routes that need a caller: 401 before the body is read (multipart bodies can be large). */
export const signedIn = { onRequest: requireSignIn };

// ---- files in JSON: base64 ----

/** JSON bodies that carry files in base64 may be this large; bigger files go as multipart. */
export const JSON_UPLOAD_LIMIT = 32 * 1024 * 1024;
/** One multipart file part at most (the largest slot a form may declare), and all of them together. */
const PART_LIMIT = 50 * 1024 * 1024;
const TOTAL_LIMIT = 100 * 1024 * 1024;
const MAX_FILES = 20;

export const Base64File = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 255 }),
    mediaType: Type.String({ pattern: '^[a-z]+/[a-z0-9.+-]+$', maxLength: 100, examples: ['application/pdf'] }),
    content: Type.String({ contentEncoding: 'base64', description: 'the file’s bytes, base64 (RFC 4648, padded)' }),
  },
  { additionalProperties: false },
);
export const SlottedBase64File = Type.Object(
  { slot: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 60, description: 'the form’s attachment slot' }), ...Base64File.properties },
  { additionalProperties: false },
);
export const Base64Files = <T extends TSchema>(item: T) => Type.Array(item, { maxItems: MAX_FILES });

/** A file in a JSON body: with its attachment slot (applications) or without (answers, results). */
type Base64Input = Static<typeof Base64File> | Static<typeof SlottedBase64File>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes base64 files strictly: a string that is not base64 is named, never silently truncated. */
export function decodeFiles(files: readonly Base64Input[] | undefined, base: string): FileInput[] {
  if (!files) return [];
  const bad: number[] = [];
  const decoded = files.map((file, index) => {
    const text = file.content.replace(/[\r\n]/g, '');
    if (text.length % 4 !== 0 || !BASE64.test(text)) bad.push(index);
    return { ...('slot' in file ? { slot: file.slot } : {}), filename: file.filename, mediaType: file.mediaType, content: new Uint8Array(Buffer.from(text, 'base64')) };
  });
  if (bad.length > 0) throw errors.invalidAttachments(bad.map((index) => ({ pointer: `${base}/${index}/content`, in: 'body', detail: 'not base64' })));
  return decoded;
}

// ---- files in multipart/form-data ----

const uploads = new WeakMap<FastifyRequest, FileInput[]>();

/** The files of a multipart request, read by `multipartBody`; undefined for JSON requests. */
export const uploadedFiles = (request: FastifyRequest): FileInput[] | undefined => uploads.get(request);

/**
 * Whatever goes wrong while reading the parts is the body's fault (a missing
 * boundary, a truncated part, too many parts): a 4xx, never a 500. The parser's
 * own words describe the input, so they are safe to show.
 */
function multipartProblem(error: unknown): AppError {
  const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT') return errors.attachmentTooLarge([{ pointer: '#', in: 'body', detail: code === 'FST_FILES_LIMIT' ? `at most ${MAX_FILES} files` : `a file is larger than ${PART_LIMIT} bytes` }]);
  const message = error instanceof Error ? error.message : 'unreadable';
  return errors.invalidInput(`The multipart body cannot be read: ${message.slice(0, 200)}.`, '#');
}

/**
 * A preValidation hook for routes that also take multipart/form-data: reads
 * every part, keeps the files for the handler, and turns the text fields into
 * the body the route's schema validates (`toBody` parses what is JSON text).
 */
export function multipartBody(toBody: (fields: Record<string, string>) => unknown) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!request.isMultipart()) {
      // Only JSON has a schema besides multipart: any other body (text, a urlencoded form, none) would skip validation.
      const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (mediaType !== 'application/json') throw new AppError('applications.unsupported-media-type', 'unsupported_media_type', 'Send the body as application/json or multipart/form-data.');
      return;
    }
    const fields: Record<string, string> = {};
    const files: FileInput[] = [];
    let total = 0;
    try {
      for await (const part of request.parts({ limits: { fileSize: PART_LIMIT, files: MAX_FILES } }) as AsyncIterableIterator<Multipart>) {
        if (part.type === 'file') {
          const content = await part.toBuffer();
          total += content.byteLength;
          if (total > TOTAL_LIMIT) throw errors.attachmentTooLarge([{ pointer: '#', in: 'body', detail: `the files together are larger than ${TOTAL_LIMIT} bytes` }]);
          files.push({ slot: part.fieldname, filename: part.filename || 'file', mediaType: part.mimetype.split(';')[0]?.trim().toLowerCase() ?? '', content: new Uint8Array(content) });
        } else {
          fields[part.fieldname] = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
        }
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw multipartProblem(error);
    }
    uploads.set(request, files);
    request.body = toBody(fields);
  };
}

/** A multipart field that holds JSON text; left as the text when it is not JSON, so the schema names the field. */
export function jsonField(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** OpenAPI: a binary file part of a multipart body. */
export const BinaryPart = Type.String({ contentMediaType: 'application/octet-stream', description: 'a file' });
