/**
 * Files on questions and replies (P13): a person's or a visitor's message and
 * an agent's reply may carry files. They meet the same rules as application
 * attachments (the applications module's `fileProblems`: count, emptiness,
 * size, declared type and the content's signature) and are kept in the same
 * file store (database, filesystem or S3 by settings), addressed by SHA-256.
 * A file hangs on its thread entry; who may download it is decided by who may
 * see the ticket (threads.service.ts, desk.service.ts), and every download is
 * audited there.
 */
import { fileProblems, GENERAL_SLOT, safeFilename, sha256Of, type FileProblem, type FileStore } from '../applications/index.js';
import * as errors from './support.errors.js';
import * as repo from './support.repo.js';
import type { Db, FileRow } from './support.repo.js';

/** at most this many files on one message or reply */
export const MAX_FILES = 10;
const SLOT = { ...GENERAL_SLOT, maxFiles: MAX_FILES };

/** A file as it arrives (a page's upload, the API's base64). */
export interface Upload {
  filename: string;
  mediaType: string;
  content: Uint8Array;
}

/** A file of a thread's entry, as the thread shows it. */
export interface EntryFile {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
}

export interface Download {
  filename: string;
  mediaType: string;
  content: Uint8Array;
}

/** A checked file, its digest computed, ready to be attached to an entry. */
export interface PreparedFile {
  filename: string;
  mediaType: string;
  sha256: string;
  content: Uint8Array;
}

const DETAIL: Record<FileProblem, string> = {
  count: `at most ${MAX_FILES} files`,
  empty: 'the file is empty',
  too_large: `larger than ${GENERAL_SLOT.maxBytes} bytes`,
  type: `not one of ${GENERAL_SLOT.mediaTypes.join(', ')}`,
  content: 'the content is not of the declared type',
};

/** Throws for the first file that breaks a rule, naming it by position (`#/files/<index>`). */
export function checkUploads(files: readonly Upload[]): void {
  files.forEach((file, index) => {
    const [problem] = fileProblems(SLOT, file, index);
    if (problem) throw errors.fileRejected(index, DETAIL[problem]);
  });
}

export const toEntryFile = (row: FileRow): EntryFile => ({ id: row.id, filename: row.filename, mediaType: row.media_type, size: row.size_bytes });

export interface SupportFiles {
  /** checks the files; a store outside the database gets them now, before the transaction that references them (a rollback may leave an unreferenced file, never a reference without its file) */
  prepare(files: readonly Upload[] | undefined): Promise<PreparedFile[]>;
  /** hangs prepared files on an entry, in the entry's transaction */
  attach(trx: Db, entryId: string, files: PreparedFile[], at: Date): Promise<void>;
  /** the files of entries, by entry id */
  ofEntries(entryIds: string[]): Promise<Map<string, EntryFile[]>>;
  /** the file's bytes */
  content(row: FileRow): Promise<Download>;
}

export function createSupportFiles(root: Db, store: FileStore): SupportFiles {
  return {
    async prepare(files) {
      if (!files || files.length === 0) return [];
      checkUploads(files);
      const prepared = files.map((file) => ({ filename: safeFilename(file.filename), mediaType: file.mediaType, sha256: sha256Of(file.content), content: file.content }));
      if (!store.transactional) for (const file of prepared) await store.put(root, file.sha256, file.content);
      return prepared;
    },

    async attach(trx, entryId, files, at) {
      if (files.length === 0) return;
      if (store.transactional) for (const file of files) await store.put(trx, file.sha256, file.content);
      await repo.insertFiles(
        trx,
        files.map((file) => ({ entry_id: entryId, filename: file.filename, media_type: file.mediaType, size_bytes: file.content.byteLength, sha256: file.sha256, created_at: at })),
      );
    },

    async ofEntries(entryIds) {
      const map = new Map<string, EntryFile[]>();
      for (const row of await repo.filesOfEntries(root, entryIds)) {
        const key = String(row.entry_id);
        map.set(key, [...(map.get(key) ?? []), toEntryFile(row)]);
      }
      return map;
    },

    async content(row) {
      const content = await store.get(root, row.sha256);
      if (!content) throw errors.fileNotFound();
      return { filename: row.filename, mediaType: row.media_type, content };
    },
  };
}
