/** Key rotation: new keys sign after a restart, the previous ones still verify tokens issued before. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { rotateIdentityKeys } from '../src/modules/identity/index.js';
import { scratchDatabase } from './support/database.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';
import { accessTokenFor, demoRp } from './support/sso.js';

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function jwksKids(platform: TestPlatform): Promise<string[]> {
  const discovery = (await (await fetch(`${platform.url}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
  const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: { kid: string }[] };
  return jwks.keys.map((key) => key.kid);
}

test('rotated keys sign after a restart while the previous ones stay published', { skip: !process.env.DATABASE_URL && 'a restart over the same embedded database needs DATA_DIR on disk; covered on the server run' }, async () => {
  const scratch = await scratchDatabase();
  cleanups.push(scratch.drop);
  const first = await startTestPlatform({ demo: true, databaseUrl: scratch.url });
  const before = await jwksKids(first);
  const rp = await demoRp(first);
  const token = await accessTokenFor(first, rp, 'Anna Kalniņa');
  const rotated = await rotateIdentityKeys(first.database.db);
  await first.close();
  assert.deepEqual(rotated.retired, []);

  const second = await startTestPlatform({ demo: true, databaseUrl: scratch.url });
  cleanups.push(() => second.close());
  const kids = await jwksKids(second);
  assert.deepEqual(kids.slice(0, 2), rotated.signing);
  assert.deepEqual(kids.slice(2), before.slice(0, 2));
  // A token issued before the rotation still works; a new sign-in gets an ID token signed with a new key.
  assert.equal((await fetch(`${second.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
  // openid-client verifies the new ID token's signature against the published keys.
  const rp2 = await demoRp(second);
  const fresh = await accessTokenFor(second, rp2, 'Jānis Bērziņš');
  assert.equal((await fetch(`${second.url}/api/v1/me`, { headers: { authorization: `Bearer ${fresh}` } })).status, 200);
});
