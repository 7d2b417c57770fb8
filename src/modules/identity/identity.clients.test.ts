/**
 * Registered OpenID clients as the console manages them, against a real
 * database without HTTP: listing, registering with a generated secret that is
 * returned once and stored only as a hash, changing, and disabling (the
 * client's tokens go with it) and enabling again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase } from '../../../test/support/database.js';
import { narrow } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { IdentityTables } from './identity.repo.js';
import { createIdentityService, type IdentityService } from './identity.service.js';
import { upsertPayload } from './oidc.repo.js';

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof AppError && error.code === code);
}

const system = {
  client_name: 'Test system',
  redirect_uris: [],
  grant_types: ['client_credentials'],
  response_types: [],
  token_endpoint_auth_method: 'client_secret_basic' as const,
  scope: 'catalog.read',
};

describe('identity: clients managed in the console', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let identity: IdentityService;

  before(async () => {
    database = await openTestDatabase();
    identity = createIdentityService(narrow<IdentityTables>(database.db));
  });
  after(async () => database?.dispose());

  test('a new client gets a generated secret once; only its hash is stored', async () => {
    const { client, secret } = await identity.createClient({ clientId: 'test-system', metadata: system, institutionId: null });
    assert.ok(secret && secret.length >= 43, 'a long random secret');
    assert.equal(client.hasSecret, true);
    assert.equal(client.disabledAt, null);
    assert.equal(await identity.verifyClientSecret('test-system', secret), true);
    const stored = await identity.findClient('test-system');
    assert.notEqual(stored?.secretHash, secret);
    assert.ok(!JSON.stringify(await identity.listClients()).includes(secret), 'the list never carries a secret');
    await rejectsWith(identity.createClient({ clientId: 'test-system', metadata: system }), 'identity.client-exists');
    await rejectsWith(identity.createClient({ clientId: 'pakalpojumi-portal', metadata: system }), 'identity.client-exists');
  });

  test('a private_key_jwt client has no secret; switching it to a secret gives it one, and back removes it', async () => {
    const jwks = { keys: [{ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }] };
    const created = await identity.createClient({ clientId: 'keyed', metadata: { ...system, token_endpoint_auth_method: 'private_key_jwt', jwks } });
    assert.equal(created.secret, undefined);
    assert.equal(created.client.hasSecret, false);
    const switched = await identity.updateClient('keyed', { metadata: { ...system, client_name: 'Keyed, now with a secret' }, institutionId: null });
    assert.ok(switched.secret);
    assert.equal(switched.client.metadata.client_name, 'Keyed, now with a secret');
    assert.equal(await identity.verifyClientSecret('keyed', switched.secret), true);
    const again = await identity.updateClient('keyed', { metadata: { ...system, client_name: 'Same secret' }, institutionId: null });
    assert.equal(again.secret, undefined, 'a client that has a secret keeps it');
    assert.equal(await identity.verifyClientSecret('keyed', switched.secret), true);
    const back = await identity.updateClient('keyed', { metadata: { ...system, token_endpoint_auth_method: 'private_key_jwt', jwks }, institutionId: null });
    assert.equal(back.client.hasSecret, false);
    await rejectsWith(identity.updateClient('nobody', { metadata: system, institutionId: null }), 'identity.client-not-found');
  });

  test('a disabled client is not found by the provider, its tokens are gone, and it can be enabled again', async () => {
    const { secret } = await identity.createClient({ clientId: 'to-disable', metadata: system });
    const db = narrow<IdentityTables>(database.db);
    await upsertPayload(db, { model: 'ClientCredentials', id: 'token-1', payload: { clientId: 'to-disable', kind: 'ClientCredentials' }, expiresAt: null });
    await upsertPayload(db, { model: 'ClientCredentials', id: 'token-2', payload: { clientId: 'test-system', kind: 'ClientCredentials' }, expiresAt: null });

    const disabled = await identity.disableClient('to-disable', 'person:271188-10106');
    assert.ok(disabled.disabledAt);
    assert.equal(disabled.disabledBy, 'person:271188-10106');
    assert.equal(await identity.findClient('to-disable'), undefined, 'the provider no longer finds it');
    const tokens = await sql<{ id: string }>`select id from identity.oidc_store where model = 'ClientCredentials' order by id`.execute(database.db);
    assert.deepEqual(tokens.rows.map((row) => row.id), ['token-2'], 'only its own tokens are revoked');
    assert.equal((await identity.getClient('to-disable')).disabledAt, disabled.disabledAt);
    assert.ok((await identity.listClients()).some((client) => client.clientId === 'to-disable' && client.disabledAt !== null));
    await rejectsWith(identity.disableClient('to-disable', 'x'), 'identity.client-state');
    await rejectsWith(identity.updateClient('to-disable', { metadata: system, institutionId: null }), 'identity.client-state');
    await rejectsWith(identity.createClient({ clientId: 'to-disable', metadata: system }), 'identity.client-exists');

    const enabled = await identity.enableClient('to-disable');
    assert.equal(enabled.disabledAt, null);
    assert.equal(await identity.verifyClientSecret('to-disable', secret as string), true, 'it keeps its secret');
    await rejectsWith(identity.enableClient('to-disable'), 'identity.client-state');
    await rejectsWith(identity.disableClient('nobody', 'x'), 'identity.client-not-found');
    await rejectsWith(identity.getClient('nobody'), 'identity.client-not-found');
  });
});
