/** File stores and the checks of attached files. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import S3rver from 's3rver';
import { openTestDatabase } from '../../../test/support/database.js';
import { AppError } from '../../platform/errors.js';
import { checkFiles, databaseFileStore, fileStoreFor, filesystemFileStore, s3FileStore, safeFilename, sha256Of, type FileStore, type S3Settings } from './attachments.js';
import { GENERIC_ATTACHMENTS } from './forms.defaults.js';

const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n%%EOF\n'));

describe('attachments', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let dir: string;
  // A real S3-compatible server in process (it checks Signature V4 with the keys S3RVER/S3RVER).
  let s3server: S3rver;
  let s3: S3Settings;
  before(async () => {
    db = await openTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), 'pakalpojumi-files-'));
    s3server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(dir, 's3'), configureBuckets: [{ name: 'files', configs: [] }] });
    const { port } = await s3server.run();
    s3 = { bucketUrl: `http://127.0.0.1:${port}/files`, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1' };
  });
  after(async () => {
    await s3server?.close();
    await db.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  for (const [name, store] of [
    ['database', () => databaseFileStore()],
    ['filesystem', () => filesystemFileStore(dir)],
    ['S3', () => s3FileStore(s3)],
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

  // s3rver checks the access key but not the Signature V4 itself, so only the key is tried here.
  test('the S3 store’s refusals are errors, never taken for a missing file: an unknown key, a missing bucket', async () => {
    const forged = s3FileStore({ ...s3, accessKeyId: 'UNKNOWN' });
    await assert.rejects(forged.put(db.db, sha256Of('x'), new Uint8Array([1])), /S3 PUT failed: 403/);
    await assert.rejects(forged.get(db.db, sha256Of(PDF)), /S3 GET failed: 403/);
    await assert.rejects(s3FileStore({ ...s3, bucketUrl: s3.bucketUrl.replace('/files', '/nobucket') }).put(db.db, sha256Of('x'), new Uint8Array([1])), /S3 PUT failed: 404/);
  });

  test('the store follows the deployment: S3 when configured, the database for a server or memory, DATA_DIR for one embedded instance', () => {
    assert.equal(fileStoreFor({ databaseUrl: 'postgres://x/y', dataDir: '/data', s3 }).kind, 's3');
    assert.equal(fileStoreFor({ dataDir: dir, s3 }).kind, 's3');
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
