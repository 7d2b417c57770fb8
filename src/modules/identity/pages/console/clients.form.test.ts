/**
 * The OpenID client form without HTTP: it builds the metadata the provider
 * reads, and each problem names its field.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateKeyPair, exportJWK } from 'jose';
import { parseClientForm } from './clients.form.js';

describe('the OpenID client form', () => {
  const institution = '00000000-0000-4000-8000-000000000001';

  test('a system client: client_credentials, a secret, an institution', async () => {
    const parsed = await parseClientForm({ clientId: 'vid-sistema', name: 'VID', grantTypes: 'client_credentials', scopes: ['catalog.read', 'nope'], authMethod: 'client_secret_basic', institution }, [institution], true);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.metadata, {
      client_name: 'VID',
      redirect_uris: [],
      grant_types: ['client_credentials'],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'catalog.read',
    });
    assert.equal(parsed.institutionId, institution);
  });

  test('a portal: code flow needs redirect URIs; refresh tokens need the code flow; keys must be public', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwks = JSON.stringify({ keys: [await exportJWK(publicKey)] });
    const ok = await parseClientForm(
      { clientId: 'portals', name: 'Portāls', grantTypes: ['authorization_code', 'refresh_token'], redirectUris: 'https://portals.example.lv/cb\nhttp://localhost:3001/cb', scopes: ['openid', 'profile'], authMethod: 'private_key_jwt', jwks },
      [],
      true,
    );
    assert.deepEqual(ok.errors, []);
    assert.deepEqual(ok.metadata.response_types, ['code']);
    assert.equal(ok.metadata.jwks?.keys.length, 1);

    const bad = await parseClientForm(
      { clientId: 'bad id!', name: '', grantTypes: ['refresh_token', 'client_credentials'], redirectUris: 'http://example.lv/cb', scopes: [], authMethod: 'private_key_jwt', jwks: JSON.stringify({ keys: [await exportJWK(privateKey)] }) },
      [],
      true,
    );
    assert.deepEqual(
      bad.errors.map((error) => [error.field, error.key]),
      [
        ['clientId', 'clients.error.id'],
        ['name', 'clients.error.name'],
        ['grantTypes', 'clients.error.refreshNeedsCode'],
        ['redirectUris', 'clients.error.redirectUri'],
        ['scopes', 'clients.error.scopes'],
        ['jwks', 'clients.error.jwksPrivate'],
        ['institution', 'clients.error.institution'],
      ],
    );
    const noUris = await parseClientForm({ clientId: 'x', name: 'X', grantTypes: 'authorization_code', scopes: 'openid', authMethod: 'client_secret_basic', jwks: 'ignored' }, [], true);
    assert.deepEqual(noUris.errors.map((error) => error.key), ['clients.error.redirectUris']);
    const garbage = await parseClientForm({ clientId: 'x', name: 'X', grantTypes: 'client_credentials', scopes: 'openid', authMethod: 'private_key_jwt', jwks: '{"keys":[{"kty":"EC"}]}', institution }, [institution], true);
    assert.deepEqual(garbage.errors.map((error) => error.key), ['clients.error.jwks']);
  });
});
