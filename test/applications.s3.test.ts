/**
 * With S3_URL set, attachments and result documents live in an S3-compatible
 * store (here s3rver, a real S3 server in process), not in the database: an
 * application's file goes in through the API and comes back out unchanged.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import S3rver from 's3rver';
import { s3FileStore } from '../src/modules/applications/index.js';
import { callApi, expectJson } from './support/http.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';
import { accessTokenFor, demoRp, institutionToken } from './support/sso.js';

const PDF = Buffer.from('%PDF-1.4\n% kept in S3\n%%EOF\n');
const sha256 = createHash('sha256').update(PDF).digest('hex');

let dir: string;
let s3server: S3rver;
let bucketUrl: string;
let platform: TestPlatform;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pakalpojumi-s3-'));
  s3server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'pakalpojumi', configs: [] }] });
  const { port } = await s3server.run();
  bucketUrl = `http://127.0.0.1:${port}/pakalpojumi`;
  platform = await startTestPlatform({ env: { S3_URL: `http://S3RVER:S3RVER@127.0.0.1:${port}/pakalpojumi?region=eu-north-1` } });
});

after(async () => {
  await platform?.close();
  await s3server?.close();
  await rm(dir, { recursive: true, force: true });
});

test('an attachment submitted through the API is kept in the S3 bucket and downloads unchanged', async () => {
  assert.equal(platform.config.s3?.bucketUrl, bucketUrl);
  const janis = await accessTokenFor(platform, await demoRp(platform), 'Jānis Bērziņš');
  const institution = await institutionToken(platform);
  const service = await expectJson<{ id: string }>(await callApi(platform.url, 'GET', '/api/v1/services/dzivesvietas-deklaresana', null));
  const data = { fullName: 'Jānis Bērziņš', email: 'janis.berzins@example.com', address: 'Brīvības iela 1-2, Rīga, LV-1010', movedInOn: '2026-01-05', basis: 'tenant', consent: true };
  const attachments = [{ slot: 'lease_contract', filename: 'līgums.pdf', mediaType: 'application/pdf', content: PDF.toString('base64') }];
  const receipt = await expectJson<{ number: string }>(await callApi(platform.url, 'POST', '/api/v1/applications', janis, { json: { serviceId: service.id, data, attachments } }), 201);

  // In the bucket, under its hash; not in the database.
  const stored = await s3FileStore({ bucketUrl, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'eu-north-1' }).get(platform.database.db, sha256);
  assert.deepEqual(Buffer.from(stored ?? []), PDF);
  const inDatabase = await sql<{ count: number }>`select count(*)::int as count from applications.blobs where sha256 = ${sha256}`.execute(platform.database.db);
  assert.equal(inDatabase.rows[0]?.count, 0);

  // The institution reads the application and downloads the file through the platform.
  const view = await expectJson<{ attachments: { id: string }[] }>(await callApi(platform.url, 'GET', `/api/v1/applications/${receipt.number}`, institution));
  const download = await callApi(platform.url, 'GET', `/api/v1/applications/${receipt.number}/files/${view.attachments[0]?.id}`, institution);
  assert.equal(download.status, 200);
  assert.deepEqual(Buffer.from(await download.arrayBuffer()), PDF);
});
