/**
 * What a client request may ask for (issue #14 item 2): an institution's
 * systems may have the API scopes of institution data; a third party (no
 * institution) only the public ones. Pure rules, shared by the service and the
 * console form, which shows each failure beside its field.
 */
import { isEmail } from '../../platform/web/form.js';

export const GRANT_TYPES = ['client_credentials', 'authorization_code', 'refresh_token'] as const;
export const AUTH_METHODS = ['client_secret_basic', 'private_key_jwt'] as const;
/** Sign-in scopes (single sign-on for the system's users). */
const SIGN_IN_SCOPES = ['openid', 'profile', 'email'];
/** What anyone may read: the service register, and webhooks about it. */
export const PUBLIC_SCOPES: string[] = [...SIGN_IN_SCOPES, 'catalog.read', 'integration.manage'];
/**
 * An institution's system: its own applications, services, notifications and
 * support desk; the API answers each within the client's institution. Roles
 * and others' mandates are the platform's to manage, not a system's.
 */
export const INSTITUTION_SCOPES: string[] = [
  ...SIGN_IN_SCOPES,
  'personal_code',
  'offline_access',
  'catalog.read',
  'catalog.write',
  'applications.read',
  'applications.write',
  'mandates.read',
  'notifications.send',
  'support.read',
  'support.write',
  'integration.manage',
];

export type GrantType = (typeof GRANT_TYPES)[number];
export type AuthMethod = (typeof AUTH_METHODS)[number];

export interface ClientRequestInput {
  /** the institution whose systems use it; null: a third party */
  institutionId: string | null;
  name: string;
  contacts: string[];
  scopes: string[];
  grantTypes: string[];
  redirectUris: string[];
  authMethod: string;
  jwksUri: string | null;
}

/** A field that failed and why (the console's message key suffix). */
export interface RequestProblem {
  field: 'institution' | 'name' | 'contacts' | 'scopes' | 'grantTypes' | 'redirectUris' | 'authMethod' | 'jwksUri';
  why: 'institution' | 'name' | 'contacts' | 'scopes' | 'publicScopes' | 'grantTypes' | 'refreshNeedsCode' | 'redirectUris' | 'redirectUri' | 'authMethod' | 'jwksUri';
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

const isHttpsUrl = (text: string): boolean => {
  try {
    return new URL(text).protocol === 'https:' && text.length <= 2000;
  } catch {
    return false;
  }
};

/** The scopes a request for `institutionId` may ask for. */
export const scopesFor = (institutionId: string | null): string[] => (institutionId ? INSTITUTION_SCOPES : PUBLIC_SCOPES);

/** Everything wrong with a request (empty: it may be made). `institutions`: those the requester may ask for. */
export function checkRequest(input: ClientRequestInput, institutions: string[]): RequestProblem[] {
  const problems: RequestProblem[] = [];
  if (input.institutionId !== null && !institutions.includes(input.institutionId)) problems.push({ field: 'institution', why: 'institution' });
  if (input.name.trim() === '' || input.name.length > 200) problems.push({ field: 'name', why: 'name' });
  if (input.contacts.length === 0 || input.contacts.length > 10 || !input.contacts.every(isEmail)) problems.push({ field: 'contacts', why: 'contacts' });
  const allowed = scopesFor(input.institutionId);
  if (input.scopes.length === 0) problems.push({ field: 'scopes', why: 'scopes' });
  else if (!input.scopes.every((scope) => allowed.includes(scope))) problems.push({ field: 'scopes', why: input.institutionId ? 'scopes' : 'publicScopes' });
  const grants = input.grantTypes;
  if (grants.length === 0 || !grants.every((grant) => (GRANT_TYPES as readonly string[]).includes(grant))) problems.push({ field: 'grantTypes', why: 'grantTypes' });
  else if (grants.includes('refresh_token') && !grants.includes('authorization_code')) problems.push({ field: 'grantTypes', why: 'refreshNeedsCode' });
  if (input.redirectUris.some((uri) => !isRedirectUri(uri)) || input.redirectUris.length > 20) problems.push({ field: 'redirectUris', why: 'redirectUri' });
  else if (grants.includes('authorization_code') && input.redirectUris.length === 0) problems.push({ field: 'redirectUris', why: 'redirectUris' });
  if (!(AUTH_METHODS as readonly string[]).includes(input.authMethod)) problems.push({ field: 'authMethod', why: 'authMethod' });
  else if (input.authMethod === 'private_key_jwt' && !(input.jwksUri && isHttpsUrl(input.jwksUri))) problems.push({ field: 'jwksUri', why: 'jwksUri' });
  return problems;
}

/** A client id from the request's name: readable, unique by its random tail (`pmlp-sistema-3f9a1c`). */
export function clientIdFor(name: string, random: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'client'}-${random}`;
}
