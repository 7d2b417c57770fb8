/**
 * The platform's OpenID provider (oidc-provider), configured for single
 * sign-on across the portals and the institutions' platforms (P6): code flow
 * with PKCE (S256) for every client, client_secret_basic and private_key_jwt,
 * client credentials for institution systems, refresh tokens, userinfo,
 * RP-initiated logout, and eIDAS levels of assurance as `acr`.
 *
 * Everything it keeps lives in our database (oidc.adapter.ts), its signing and
 * cookie keys too (oidc.keys.ts): any instance may answer any request.
 */
import Provider, { type Configuration, type KoaContextWithOIDC, type Grant, type ClientMetadata as OidcClientMetadata } from 'oidc-provider';
import type { Logger } from 'pino';
import { ACR, ACR_VALUES, API_SCOPES, OIDC_SCOPE_CLAIMS } from './identity.schemas.js';
import { formatPersonalCode, verifySecret, type IdentityService } from './identity.service.js';
import type { IdentityDb } from './identity.repo.js';
import { createAdapterFactory } from './oidc.adapter.js';
import type { ProviderKeys } from './oidc.keys.js';
import { renderLoggedOutPage, renderLogoutConfirmPage, renderProviderErrorPage, withFormTargets } from './identity.views.js';
import { isLang, type Lang } from '../../platform/web/i18n.js';

/** Where the provider's endpoints live; discovery stays at the root (/.well-known/openid-configuration). */
export const OIDC_PREFIX = '/oidc';
export const INTERACTION_PREFIX = '/interaction';
/** The portal's own client: first party, public (PKCE), tokens redeemed in process. */
export const PORTAL_CLIENT_ID = 'pakalpojumi-portal';
export const PORTAL_CALLBACK = '/login/callback';

export const SUPPORTED_SCOPES = ['openid', 'offline_access', 'profile', 'email', 'personal_code', ...API_SCOPES];

export interface ProviderOptions {
  db: IdentityDb;
  identity: IdentityService;
  keys: ProviderKeys;
  publicUrl: string;
  log?: Pick<Logger, 'error' | 'warn'> | undefined;
}

/** The language a provider page is shown in: the request's ui_locales, else Latvian. */
export function langOfLocales(value: unknown): Lang {
  if (typeof value !== 'string') return 'lv';
  const first = value.split(/\s+/).map((tag) => tag.slice(0, 2).toLowerCase()).find(isLang);
  return first ?? 'lv';
}

function originOf(url: unknown): string | undefined {
  try {
    return typeof url === 'string' ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

export function portalClient(publicUrl: string): OidcClientMetadata {
  return {
    client_id: PORTAL_CLIENT_ID,
    client_name: 'Pakalpojumi',
    token_endpoint_auth_method: 'none',
    redirect_uris: [`${publicUrl}${PORTAL_CALLBACK}`],
    post_logout_redirect_uris: [`${publicUrl}/`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    scope: 'openid profile email personal_code',
    skip_consent: true,
  };
}

/** First-party and demo clients are trusted: their grants are given without asking. */
function skipsConsent(ctx: KoaContextWithOIDC): boolean {
  const metadata = ctx.oidc.client?.metadata() as { skip_consent?: boolean } | undefined;
  return metadata?.skip_consent === true;
}

async function loadExistingGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { oidc } = ctx;
  const client = oidc.client;
  const accountId = oidc.session?.accountId;
  if (!client || !accountId) return undefined;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(client.clientId);
  let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  if (!skipsConsent(ctx)) return grant;
  // Trusted clients get what they ask for (within their registered scope), so the consent prompt never shows.
  grant ??= new oidc.provider.Grant({ clientId: client.clientId, accountId });
  grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
  if (oidc.requestParamClaims.size > 0) grant.addOIDCClaims([...oidc.requestParamClaims]);
  await grant.save();
  return grant;
}

export function createProvider(options: ProviderOptions): Provider {
  const { db, identity, keys, publicUrl, log } = options;

  const configuration: Configuration = {
    adapter: createAdapterFactory(db),
    clients: [portalClient(publicUrl)],
    jwks: keys.jwks as Configuration['jwks'],
    cookies: {
      keys: keys.cookieKeys,
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },

    async findAccount(_ctx, sub) {
      const person = await identity.findPerson(sub);
      if (!person) return undefined;
      return {
        accountId: person.id,
        claims: () => ({
          sub: person.id,
          given_name: person.givenName,
          family_name: person.familyName,
          name: `${person.givenName} ${person.familyName}`,
          personal_code: formatPersonalCode(person.personalCode),
          ...(person.email ? { email: person.email, email_verified: person.emailVerified } : {}),
        }),
      };
    },
    claims: { ...Object.fromEntries(Object.entries(OIDC_SCOPE_CLAIMS).map(([scope, claims]) => [scope, [...claims]])), acr: null, auth_time: null, sid: null, iss: null },
    scopes: SUPPORTED_SCOPES,
    acrValues: ACR_VALUES,
    // ID tokens carry the claims of the granted scopes (personal_code, names), not only sub.
    conformIdTokenClaims: false,
    extraClientMetadata: { properties: ['institution_id', 'skip_consent'] },
    discovery: { ui_locales_supported: ['lv', 'en'], service_documentation: `${publicUrl}/docs` },

    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      userinfo: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: true },
      // Tokens are for the userinfo endpoint and our own API; no other resource servers.
      resourceIndicators: { enabled: false },
      // Our API checks plain bearer tokens; proof-of-possession is not offered yet.
      dPoP: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          const lang = langOfLocales(ctx.oidc.params?.ui_locales);
          const target = originOf(ctx.oidc.params?.post_logout_redirect_uri);
          const csp = ctx.response.get('content-security-policy');
          if (csp && target) ctx.set('content-security-policy', withFormTargets(csp, [target]));
          ctx.type = 'html';
          ctx.body = await renderLogoutConfirmPage(lang, form);
        },
        async postLogoutSuccessSource(ctx) {
          ctx.type = 'html';
          ctx.body = await renderLoggedOutPage(langOfLocales(ctx.oidc.params?.ui_locales));
        },
      },
    },
    clientAuthMethods: ['client_secret_basic', 'private_key_jwt', 'none'],
    enabledJWA: {
      clientAuthSigningAlgValues: ['RS256', 'PS256', 'ES256'],
      idTokenSigningAlgValues: ['RS256', 'ES256'],
      userinfoSigningAlgValues: ['RS256', 'ES256'],
      introspectionSigningAlgValues: ['RS256', 'ES256'],
      authorizationSigningAlgValues: ['RS256', 'ES256'],
      requestObjectSigningAlgValues: ['RS256', 'PS256', 'ES256'],
    },
    pkce: { required: () => true },
    responseTypes: ['code'],

    routes: {
      authorization: `${OIDC_PREFIX}/auth`,
      backchannel_authentication: `${OIDC_PREFIX}/backchannel`,
      challenge: `${OIDC_PREFIX}/challenge`,
      code_verification: `${OIDC_PREFIX}/device`,
      device_authorization: `${OIDC_PREFIX}/device/auth`,
      end_session: `${OIDC_PREFIX}/session/end`,
      introspection: `${OIDC_PREFIX}/token/introspection`,
      jwks: `${OIDC_PREFIX}/jwks`,
      pushed_authorization_request: `${OIDC_PREFIX}/request`,
      registration: `${OIDC_PREFIX}/reg`,
      revocation: `${OIDC_PREFIX}/token/revocation`,
      token: `${OIDC_PREFIX}/token`,
      userinfo: `${OIDC_PREFIX}/me`,
    },
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PREFIX}/${interaction.uid}` },
    loadExistingGrant,

    // A refresh token for every client allowed the grant (not only with offline_access);
    // without offline_access it still ends with the sign-in session.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    async extraTokenClaims(ctx, token) {
      if (token.kind !== 'AccessToken') return undefined;
      const entities = (ctx?.oidc?.entities ?? {}) as Record<string, { acr?: string } | undefined>;
      const acr = entities.AuthorizationCode?.acr ?? entities.RefreshToken?.acr;
      return acr ? { acr } : undefined;
    },

    ttl: {
      AccessToken: 10 * 60,
      AuthorizationCode: 60,
      ClientCredentials: 10 * 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      RefreshToken: 24 * 60 * 60,
      Session: 12 * 60 * 60,
      Grant: 30 * 24 * 60 * 60,
    },

    clientBasedCORS(_ctx, origin, client) {
      const allowed = (client.metadata().redirect_uris ?? []).map(originOf);
      return allowed.includes(origin);
    },

    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = await renderProviderErrorPage(langOfLocales(ctx.oidc?.params?.ui_locales), out.error, out.error_description);
    },
  };

  const provider = new Provider(publicUrl, configuration);
  // Behind a TLS-terminating proxy the original scheme and host come in X-Forwarded-* headers.
  provider.proxy = true;
  // Secrets are stored as scrypt hashes (identity.clients.secret_hash): compare against the hash.
  // Within a rotation's overlap the secret it replaced is valid too (identity.clients.previous_secret_hash).
  provider.Client.prototype.compareClientSecret = async function compareClientSecret(this: { clientId: string; clientSecret?: string }, actual: string) {
    return (await verifySecret(actual, this.clientSecret)) || identity.verifyPreviousClientSecret(this.clientId, actual);
  };
  provider.on('server_error', (_ctx: unknown, error: Error) => log?.error({ err: error }, 'OpenID provider error'));
  return provider;
}

export { ACR };
