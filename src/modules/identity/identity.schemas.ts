/**
 * The identity module's nouns (persons, web sessions, clients), its vocabulary
 * (levels of assurance, scopes) and the API's request/response schemas.
 */
import { Type, type Static } from '@sinclair/typebox';

/** eIDAS levels of assurance, used as OpenID `acr` values. */
export const ACR = {
  low: 'http://eidas.europa.eu/LoA/low',
  substantial: 'http://eidas.europa.eu/LoA/substantial',
  high: 'http://eidas.europa.eu/LoA/high',
} as const;
export type AcrLevel = keyof typeof ACR;
export const ACR_VALUES: string[] = [ACR.low, ACR.substantial, ACR.high];

/**
 * OAuth scopes of the platform's API, `<module>.<verb>`. Declared here because
 * the provider must know them; each module checks its own on its routes.
 */
export const API_SCOPES = [
  'catalog.read',
  'catalog.write',
  'mandates.read',
  'mandates.write',
  'applications.read',
  'applications.write',
  'notifications.send',
  'roles.manage',
  'integration.manage',
  'support.read',
  'support.write',
  'payments.read',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** OpenID scopes and the claims each one releases. */
export const OIDC_SCOPE_CLAIMS = {
  openid: ['sub', 'acr', 'auth_time'],
  profile: ['given_name', 'family_name', 'name'],
  email: ['email', 'email_verified'],
  personal_code: ['personal_code'],
} as const;

export interface Person {
  id: string;
  /** 11 digits, no hyphen */
  personalCode: string;
  givenName: string;
  familyName: string;
  email: string | null;
  emailVerified: boolean;
  createdAt: Date;
}

export interface PersonInput {
  personalCode: string;
  givenName: string;
  familyName: string;
  email?: string | null;
  emailVerified?: boolean;
}

export interface WebSession {
  idHash: string;
  personId: string;
  acr: string;
  csrfSecret: string;
  opSessionId: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** OpenID client metadata as oidc-provider reads it (snake_case, open-ended). */
export interface ClientMetadata {
  redirect_uris?: string[];
  post_logout_redirect_uris?: string[];
  grant_types?: string[];
  response_types?: string[];
  scope?: string;
  token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'none';
  token_endpoint_auth_signing_alg?: string;
  jwks?: { keys: Record<string, unknown>[] };
  client_name?: string;
  application_type?: 'web' | 'native';
  [key: string]: unknown;
}

export interface ClientInput {
  clientId: string;
  /** the plain secret, hashed before it is stored; none for private_key_jwt and public clients */
  secret?: string;
  metadata: ClientMetadata;
  institutionId?: string | null;
  skipConsent?: boolean;
}

export interface ClientRecord {
  clientId: string;
  secretHash: string | null;
  metadata: ClientMetadata;
  institutionId: string | null;
  skipConsent: boolean;
}

/** A registered client as the console lists it: no secret hash, only whether it has one. */
export interface ClientSummary {
  clientId: string;
  metadata: ClientMetadata;
  institutionId: string | null;
  hasSecret: boolean;
  skipConsent: boolean;
  createdAt: string;
  updatedAt: string;
  /** set while the client is disabled */
  disabledAt: string | null;
  disabledBy: string | null;
}

/** A client just registered or changed; `secret` is its newly generated secret, shown once and never stored in plain. */
export interface ClientRegistration {
  client: ClientSummary;
  secret?: string;
}

export const MeResponse = Type.Object(
  {
    subject: Type.String({ description: 'a person’s id, or `client:<client_id>` for a system' }),
    kind: Type.Union([Type.Literal('person'), Type.Literal('system')]),
    displayName: Type.Optional(Type.String()),
    givenName: Type.Optional(Type.String()),
    familyName: Type.Optional(Type.String()),
    personalCode: Type.Optional(Type.String({ description: 'Latvian personal code, `DDMMYY-NNNNN`' })),
    email: Type.Optional(Type.String()),
    acr: Type.Optional(Type.String({ description: 'level of assurance of the sign-in (eIDAS LoA URI)' })),
    clientId: Type.Optional(Type.String({ description: 'the OAuth client the token was issued to' })),
    institutionId: Type.Optional(Type.String({ description: 'systems: the institution whose information system the client is' })),
    scopes: Type.Array(Type.String()),
    roles: Type.Array(Type.Object({ role: Type.String(), institutionId: Type.Optional(Type.String()) })),
    via: Type.Union([Type.Literal('session'), Type.Literal('token')], { description: 'how the caller authenticated' }),
  },
  { $id: 'Me', description: 'Who is calling' },
);
export type MeResponse = Static<typeof MeResponse>;
