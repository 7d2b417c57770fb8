/**
 * Where the contents of attachments and result documents live. Files are
 * addressed by their SHA-256, so storing one twice is harmless and a row in
 * `applications.files` always names exactly the bytes it was given.
 *
 * Three stores behind one interface: the filesystem under DATA_DIR (one
 * instance), the database (several instances over one PostgreSQL server,
 * PITFALLS.md: everything they share lives in the database), and an
 * S3-compatible object store when S3_URL is set (any number of instances,
 * files kept out of the database).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AwsClient } from 'aws4fetch';
import { sql, type Kysely } from 'kysely';
import type { FieldError } from '../../platform/errors.js';
import * as errors from './applications.errors.js';
import type { AttachmentSlot, FileInput } from './applications.schemas.js';
import type { S3Settings } from '../../config.js';

/** Any executor: the store writes with the caller's transaction when it has one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the store touches only its own table, through raw SQL
type AnyDb = Kysely<any>;

export interface FileStore {
  kind: 'filesystem' | 'database' | 's3';
  /** true: put writes with the caller's transaction; false: put before the transaction (a rollback may leave an unreferenced file, never a reference without its file) */
  transactional: boolean;
  put(db: AnyDb, sha256: string, content: Uint8Array): Promise<void>;
  get(db: AnyDb, sha256: string): Promise<Uint8Array | undefined>;
}

export function sha256Of(content: Uint8Array | string): string {
  return createHash('sha256').update(content).digest('hex');
}

export function databaseFileStore(): FileStore {
  return {
    kind: 'database',
    transactional: true,
    async put(db, sha256, content) {
      await sql`insert into applications.blobs (sha256, content) values (${sha256}, ${Buffer.from(content)}) on conflict (sha256) do nothing`.execute(db);
    },
    async get(db, sha256) {
      const result = await sql<{ content: Buffer }>`select content from applications.blobs where sha256 = ${sha256}`.execute(db);
      const row = result.rows[0];
      return row ? new Uint8Array(row.content) : undefined;
    },
  };
}

/**
 * Files under `<dataDir>/files/applications/ab/abcdef…`. Written before the
 * transaction commits: a rolled-back submission may leave an unreferenced
 * file, never a reference without its file.
 */
export function filesystemFileStore(dataDir: string): FileStore {
  const root = path.join(dataDir, 'files', 'applications');
  const where = (sha256: string): string => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256 hex digest');
    return path.join(root, sha256.slice(0, 2), sha256);
  };
  return {
    kind: 'filesystem',
    transactional: false,
    async put(_db, sha256, content) {
      const file = where(sha256);
      await mkdir(path.dirname(file), { recursive: true });
      const partial = `${file}.${process.pid}.${Date.now()}.part`;
      await writeFile(partial, content);
      await rename(partial, file);
    },
    async get(_db, sha256) {
      try {
        return new Uint8Array(await readFile(where(sha256)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}

// The settings are declared with the others in config.ts (which imports no module); re-exported for the module's users.
export type { S3Settings };

/**
 * Objects `applications/ab/abcdef…` in one bucket, signed with AWS Signature
 * V4 (aws4fetch): AWS S3, MinIO, Ceph and the like. The object is written
 * before the transaction that references it commits, as on the filesystem.
 */
export function s3FileStore(settings: S3Settings): FileStore {
  const client = new AwsClient({ accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey, service: 's3', region: settings.region, retries: 3 });
  const where = (sha256: string): string => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256 hex digest');
    return `${settings.bucketUrl}/applications/${sha256.slice(0, 2)}/${sha256}`;
  };
  const failed = async (response: Response, action: string): Promise<Error> => new Error(`S3 ${action} failed: ${response.status} ${(await response.text()).slice(0, 300)}`);
  return {
    kind: 's3',
    transactional: false,
    async put(_db, sha256, content) {
      const response = await client.fetch(where(sha256), { method: 'PUT', body: new Uint8Array(content), headers: { 'content-type': 'application/octet-stream' } });
      if (!response.ok) throw await failed(response, 'PUT');
      await response.arrayBuffer();
    },
    async get(_db, sha256) {
      const response = await client.fetch(where(sha256));
      if (response.status === 404) {
        await response.arrayBuffer();
        return undefined;
      }
      if (!response.ok) throw await failed(response, 'GET');
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}

/**
 * An S3-compatible store when one is configured; else the filesystem under
 * DATA_DIR for one embedded instance, the database when DATA_DIR is in memory
 * or a server is shared.
 */
export function fileStoreFor(settings: { databaseUrl?: string | undefined; dataDir: string; s3?: S3Settings | undefined }): FileStore {
  if (settings.s3) return s3FileStore(settings.s3);
  if (settings.databaseUrl || settings.dataDir.startsWith('memory://')) return databaseFileStore();
  return filesystemFileStore(settings.dataDir);
}

// Signatures of the types whose content we can recognise; other types are taken as declared.
const SIGNATURES: Record<string, (bytes: Uint8Array) => boolean> = {
  'application/pdf': (b) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46,
  'image/png': (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
};

export function contentMatchesType(mediaType: string, content: Uint8Array): boolean {
  const check = SIGNATURES[mediaType];
  return check ? check(content) : true;
}

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
const GENERAL_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.oasis.opendocument.text', 'application/xml', 'application/json'];

/** Files outside a form's slots (an answer to the institution, a result document): general limits. */
export const GENERAL_SLOT: AttachmentSlot = {
  name: 'file',
  title: { lv: 'Datne', en: 'File' },
  required: false,
  maxBytes: MAX_FILE_BYTES,
  mediaTypes: GENERAL_TYPES,
  maxFiles: 20,
};

export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return cleaned || 'file';
}

/** A rule one file breaks in its slot, in the order they are checked. */
export type FileProblem = 'count' | 'empty' | 'too_large' | 'type' | 'content';

/**
 * The rules one file breaks in `slot`, given how many files the slot holds
 * before it: count, emptiness, size, media type (the declared one, and the
 * content's signature where we know it). The API (`checkFiles`) and the
 * workspace's e-form pages check files by this one rule.
 */
export function fileProblems(slot: AttachmentSlot, file: { mediaType: string; content: Uint8Array }, before: number): FileProblem[] {
  const problems: FileProblem[] = [];
  if (before + 1 > slot.maxFiles) problems.push('count');
  if (file.content.byteLength === 0) problems.push('empty');
  if (file.content.byteLength > slot.maxBytes) problems.push('too_large');
  if (!slot.mediaTypes.includes(file.mediaType)) problems.push('type');
  else if (!contentMatchesType(file.mediaType, file.content)) problems.push('content');
  return problems;
}

/**
 * Checks files against their slots: known slot, count, size, media type (the
 * declared one, and the content's signature where we know it). Throws the
 * most specific error, naming each offending file by its position.
 */
export function checkFiles(files: readonly FileInput[], slots: readonly AttachmentSlot[] | null, base: string): void {
  const sizeErrors: FieldError[] = [];
  const typeErrors: FieldError[] = [];
  const otherErrors: FieldError[] = [];
  const counts = new Map<string, number>();
  files.forEach((file, index) => {
    const pointer = `${base}/${index}`;
    const slot = slots === null ? GENERAL_SLOT : slots.find((candidate) => candidate.name === file.slot);
    if (!slot) {
      otherErrors.push({ pointer: `${pointer}/slot`, in: 'body', detail: `the form has no attachment slot "${file.slot ?? ''}"` });
      return;
    }
    const before = counts.get(slot.name) ?? 0;
    counts.set(slot.name, before + 1);
    for (const problem of fileProblems(slot, file, before)) {
      if (problem === 'count') otherErrors.push({ pointer, in: 'body', detail: `the slot "${slot.name}" takes at most ${slot.maxFiles} file(s)` });
      if (problem === 'empty') otherErrors.push({ pointer, in: 'body', detail: 'the file is empty' });
      if (problem === 'too_large') sizeErrors.push({ pointer, in: 'body', detail: `larger than ${slot.maxBytes} bytes` });
      if (problem === 'type') typeErrors.push({ pointer, in: 'body', detail: `${file.mediaType} is not one of ${slot.mediaTypes.join(', ')}` });
      if (problem === 'content') typeErrors.push({ pointer, in: 'body', detail: `the content is not ${file.mediaType}` });
    }
  });
  if (otherErrors.length > 0) throw errors.invalidAttachments(otherErrors);
  if (sizeErrors.length > 0) throw errors.attachmentTooLarge(sizeErrors);
  if (typeErrors.length > 0) throw errors.attachmentType(typeErrors);
}
