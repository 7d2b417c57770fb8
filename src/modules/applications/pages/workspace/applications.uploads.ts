/**
 * Reading the body of a workspace form that may carry files (the e-form's
 * attachment steps, the answer to an institution's request): multipart or
 * urlencoded, with the CSRF token checked here because `verifyCsrf` only sees
 * urlencoded bodies. Files arrive whole in memory, bounded by the multipart
 * plugin's limits; an oversized one is reported, never a failure.
 */
import type { FastifyRequest } from 'fastify';
import { csrfMatches } from '../../../../platform/http/csrf.js';

export interface UploadedFile {
  /** the form field the file came in */
  field: string;
  filename: string;
  mediaType: string;
  content: Uint8Array;
}

export interface PostedForm {
  fields: Record<string, string | string[]>;
  files: UploadedFile[];
  /** fields whose file was over the server's limit */
  tooLarge: string[];
  csrfOk: boolean;
  /** the body broke the multipart plugin's bounds (too many parts or files) or was cut short */
  malformed: boolean;
}

function addField(fields: Record<string, string | string[]>, name: string, value: string): void {
  const existing = fields[name];
  if (existing === undefined) fields[name] = value;
  else fields[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
}

/** Every part of a multipart body: fields, and files read whole (an oversized one is named in `tooLarge`). */
async function readParts(request: FastifyRequest, posted: Pick<PostedForm, 'fields' | 'files' | 'tooLarge'>): Promise<void> {
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (typeof part.value === 'string') addField(posted.fields, part.fieldname, part.value);
      continue;
    }
    // A file input left empty still sends a part: no name, no bytes.
    if (!part.filename) {
      await part.toBuffer();
      continue;
    }
    try {
      const content = await part.toBuffer();
      posted.files.push({ field: part.fieldname, filename: part.filename, mediaType: part.mimetype, content: new Uint8Array(content) });
    } catch (error) {
      if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
      posted.tooLarge.push(part.fieldname);
    }
  }
}

export async function readPostedForm(request: FastifyRequest): Promise<PostedForm> {
  const posted: Pick<PostedForm, 'fields' | 'files' | 'tooLarge'> = { fields: {}, files: [], tooLarge: [] };
  let malformed = false;
  if (request.isMultipart()) {
    try {
      await readParts(request, posted);
    } catch (error) {
      if (!String((error as { code?: string }).code ?? '').startsWith('FST_')) throw error;
      malformed = true;
    }
  } else if (request.body && typeof request.body === 'object') {
    for (const [name, value] of Object.entries(request.body as Record<string, unknown>)) {
      for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string') addField(posted.fields, name, item);
    }
  }
  const sent = Array.isArray(posted.fields._csrf) ? posted.fields._csrf[0] : posted.fields._csrf;
  return { ...posted, malformed, csrfOk: csrfMatches(request, sent) };
}
