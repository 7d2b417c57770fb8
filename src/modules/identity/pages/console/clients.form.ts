/**
 * The OpenID client form without HTML: the fields a platform administrator
 * fills in, checked, as the client metadata the provider reads. Public keys
 * (JWKS) are checked by importing them (jose); private key members are refused.
 */
import { importJWK, type JWK } from 'jose';
import type { ClientMetadata, ClientSummary } from '../../index.js';
import { API_SCOPES } from '../../identity.schemas.js';
import { value, values, type FormValues } from '../../../../platform/web/form.js';
import type { ClientsKey as ConsoleKey } from './clients.messages.js';

export const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export const AUTH_METHODS = ['client_secret_basic', 'private_key_jwt'] as const;
/** Scopes a client may be allowed: the OpenID ones, then the API's (`<module>.<verb>`). */
export const CLIENT_SCOPES: string[] = ['openid', 'profile', 'email', 'personal_code', 'offline_access', ...API_SCOPES];
const CLIENT_ID = /^[A-Za-z0-9._:-]{1,120}$/;
/** Members that only a private (or symmetric) JWK has. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];

export interface ClientFormError {
  field: string;
  key: Extract<ConsoleKey, `clients.error.${string}`>;
  values?: Record<string, string>;
}

export interface ParsedClient {
  clientId: string;
  metadata: ClientMetadata;
  institutionId: string | null;
  errors: ClientFormError[];
}

function isRedirectUri(text: string): boolean {
  try {
    const url = new URL(text);
    if (url.hash !== '' || text.includes('#') || text.length > 2000) return false;
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

async function checkJwks(text: string): Promise<{ jwks?: { keys: Record<string, unknown>[] }; error?: ClientFormError['key'] }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: 'clients.error.jwks' };
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > 20 || !keys.every((key) => key && typeof key === 'object' && !Array.isArray(key))) return { error: 'clients.error.jwks' };
  const records = keys as Record<string, unknown>[];
  if (records.some((key) => PRIVATE_MEMBERS.some((member) => member in key))) return { error: 'clients.error.jwksPrivate' };
  for (const key of records) {
    try {
      await importJWK(key as JWK, typeof key.alg === 'string' ? key.alg : key.kty === 'EC' ? 'ES256' : 'RS256');
    } catch {
      return { error: 'clients.error.jwks' };
    }
  }
  return { jwks: { keys: records } };
}

/** Reads the client form; `institutionIds` are the register's institutions. `withId`: a new client names its id. */
export async function parseClientForm(form: FormValues, institutionIds: string[], withId: boolean): Promise<ParsedClient> {
  const errors: ClientFormError[] = [];
  const clientId = value(form, 'clientId');
  if (withId && !CLIENT_ID.test(clientId)) errors.push({ field: 'clientId', key: 'clients.error.id' });
  const name = value(form, 'name');
  if (name === '' || name.length > 200) errors.push({ field: 'name', key: 'clients.error.name' });

  const grantTypes = GRANT_TYPES.filter((grant) => values(form, 'grantTypes').includes(grant));
  if (grantTypes.length === 0) errors.push({ field: 'grantTypes', key: 'clients.error.grantTypes' });
  const signsIn = grantTypes.includes('authorization_code');
  if (grantTypes.includes('refresh_token') && !signsIn) errors.push({ field: 'grantTypes', key: 'clients.error.refreshNeedsCode' });

  const redirectUris = [
    ...new Set(
      value(form, 'redirectUris')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    ),
  ];
  const badUri = redirectUris.find((uri) => !isRedirectUri(uri));
  if (badUri !== undefined) errors.push({ field: 'redirectUris', key: 'clients.error.redirectUri', values: { uri: badUri.slice(0, 200) } });
  else if (signsIn && redirectUris.length === 0) errors.push({ field: 'redirectUris', key: 'clients.error.redirectUris' });

  const scopes = CLIENT_SCOPES.filter((scope) => values(form, 'scopes').includes(scope));
  if (scopes.length === 0) errors.push({ field: 'scopes', key: 'clients.error.scopes' });

  const authMethod = value(form, 'authMethod');
  const metadata: ClientMetadata = {
    client_name: name,
    redirect_uris: signsIn ? redirectUris : [],
    grant_types: grantTypes,
    response_types: signsIn ? ['code'] : [],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: scopes.join(' '),
  };
  if (authMethod === 'private_key_jwt') {
    metadata.token_endpoint_auth_method = 'private_key_jwt';
    const checked = await checkJwks(value(form, 'jwks'));
    if (checked.error) errors.push({ field: 'jwks', key: checked.error });
    else if (checked.jwks) metadata.jwks = checked.jwks;
  } else if (authMethod !== 'client_secret_basic') {
    errors.push({ field: 'authMethod', key: 'clients.error.authMethod' });
  }

  const institution = value(form, 'institution');
  const institutionId = institutionIds.includes(institution) ? institution : null;
  if (grantTypes.includes('client_credentials') && institutionId === null) errors.push({ field: 'institution', key: 'clients.error.institution' });
  return { clientId, metadata, institutionId, errors };
}

/** A registered client as the form shows it. */
export function clientToForm(client: ClientSummary): FormValues {
  const metadata = client.metadata;
  return {
    clientId: client.clientId,
    name: typeof metadata.client_name === 'string' ? metadata.client_name : '',
    grantTypes: metadata.grant_types ?? [],
    redirectUris: (metadata.redirect_uris ?? []).join('\n'),
    scopes: (metadata.scope ?? '').split(' ').filter(Boolean),
    authMethod: metadata.token_endpoint_auth_method === 'private_key_jwt' ? 'private_key_jwt' : 'client_secret_basic',
    jwks: metadata.jwks ? JSON.stringify(metadata.jwks, null, 2) : '',
    institution: client.institutionId ?? '',
  };
}
