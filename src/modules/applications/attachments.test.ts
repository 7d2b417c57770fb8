/** File stores and the checks of attached files. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openTestDatabase } from '../../../test/support/database.js';
import { AppError } from '../../platform/errors.js';
import { checkFiles, databaseFileStore, fileStoreFor, filesystemFileStore, safeFilename, sha256Of, type FileStore } from './attachments.js';
import { GENERIC_ATTACHMENTS } from './forms.defaults.js';

const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n%%EOF\n'));

describe('attachments', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let dir: string;
  before(async () => {
    db = await openTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), 'pakalpojumi-files-'));
  });
  after(async () => {
    await db.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  for (const [name, store] of [
    ['database', () => databaseFileStore()],
    ['filesystem', () => filesystemFileStore(dir)],
  ] as const) {
    test(`the ${name} store keeps contents by their SHA-256, and storing twice is harmless`, async () => {
      const files: FileStore = store();
      const sha256 = sha256Of(PDF);
      await files.put(db.db, sha256, PDF);
      await files.put(db.db, sha256, PDF);
      assert.deepEqual(Buffer.from((await files.get(db.db, sha256))!), Buffer.from(PDF));
      assert.equal(await files.get(db.db, sha256Of('nothing')), undefined);
    });
  }

  test('the store follows the deployment: the database for a server or memory, DATA_DIR for one embedded instance', () => {
    assert.equal(fileStoreFor({ databaseUrl: 'postgres://x/y', dataDir: '/data' }).kind, 'database');
    assert.equal(fileStoreFor({ dataDir: 'memory://' }).kind, 'database');
    assert.equal(fileStoreFor({ dataDir: dir }).kind, 'filesystem');
  });

  test('files are checked against their slot, naming each offending file', () => {
    const ok = { slot: 'documents', filename: 'a.pdf', mediaType: 'application/pdf', content: PDF };
    checkFiles([ok], GENERIC_ATTACHMENTS, '#/attachments');
    const codeOf = (run: () => void): string => {
      try {
        run();
      } catch (error) {
        assert.ok(error instanceof AppError);
        return `${error.code} ${error.errors?.map((e) => e.pointer).join(',')}`;
      }
      return 'accepted';
    };
    assert.equal(codeOf(() => checkFiles([ok, { ...ok, mediaType: 'image/gif' }], GENERIC_ATTACHMENTS, '#/attachments')), 'applications.attachment-type #/attachments/1');
    assert.equal(codeOf(() => checkFiles([{ ...ok, mediaType: 'image/png' }], GENERIC_ATTACHMENTS, '#/attachments')), 'applications.attachment-type #/attachments/0');
    assert.equal(codeOf(() => checkFiles(Array.from({ length: 6 }, () => ok), GENERIC_ATTACHMENTS, '#/attachments')), 'applications.invalid-attachments #/attachments/5');
    assert.equal(codeOf(() => checkFiles([{ ...ok, content: new Uint8Array(0) }], GENERIC_ATTACHMENTS, '#/attachments')), 'applications.invalid-attachments #/attachments/0');
    assert.equal(codeOf(() => checkFiles([{ ...ok, slot: 'other' }], GENERIC_ATTACHMENTS, '#/attachments')), 'applications.invalid-attachments #/attachments/0/slot');
    assert.equal(codeOf(() => checkFiles([{ ...ok, content: new Uint8Array(30 * 1024 * 1024).fill(0x25) }], null, '#/files')), 'applications.attachment-too-large #/files/0');
    assert.equal(safeFilename('..\\..\\etc/passwd'), 'passwd');
    assert.equal(safeFilename('"\u0000"'), 'file');
  });
});
