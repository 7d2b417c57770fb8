/**
 * Signing in through the national eID (EID_ISSUER, EID_CLIENT_ID,
 * EID_CLIENT_SECRET): the platform is an OpenID relying party of the national
 * eID service (openid-client, code flow with PKCE), finds or creates the
 * person by personal code, maps the upstream level of assurance to ours and
 * completes the waiting interaction of its own provider.
 */
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import type Provider from 'oidc-provider';
import * as client from 'openid-client';
import type { App } from '../../platform/http/server.js';
import type { Lang } from '../../platform/web/i18n.js';
import type { AuditService } from '../audit/index.js';
import { cookieOptions } from './identity.auth.js';
import { t } from './identity.messages.js';
import { ACR, ACR_VALUES } from './identity.schemas.js';
import { formatPersonalCode, isValidPersonalCode, normalisePersonalCode, type IdentityService } from './identity.service.js';
import { renderSignInFailedPage, renderUnavailablePage } from './identity.views.js';
import { pageLang } from './identity.pages.js';
import { INTERACTION_PREFIX } from './oidc.provider.js';

export interface EidSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export const EID_CALLBACK = `${INTERACTION_PREFIX}/eid/callback`;
const EID_COOKIE = 'pk_eid';

interface PendingEid {
  uid: string;
  state: string;
  nonce: string;
  verifier: string;
  lang: Lang;
}

/** The upstream level of assurance in our terms; anything unknown counts as low. */
export function mapUpstreamAcr(value: unknown): string {
  if (typeof value !== 'string') return ACR.low;
  if (ACR_VALUES.includes(value)) return value;
  const lower = value.toLowerCase();
  if (lower.includes('high')) return ACR.high;
  if (lower.includes('substantial')) return ACR.substantial;
  return ACR.low;
}

/**
 * The personal code in the upstream claims: `personal_code`, or an eIDAS
 * person identifier (`LV/LV/150685-12347`, `PNOLV-150685-12347`), or the subject itself.
 */
export function personalCodeFromClaims(claims: Record<string, unknown>): string | undefined {
  for (const key of ['personal_code', 'personalCode', 'person_identifier', 'serialNumber', 'sub']) {
    const value = claims[key];
    if (typeof value !== 'string') continue;
    const candidate = value.replace(/^(PNOLV-|[A-Z]{2}\/[A-Z]{2}\/)/i, '');
    if (isValidPersonalCode(candidate)) return normalisePersonalCode(candidate);
  }
  return undefined;
}

function namesFromClaims(claims: Record<string, unknown>): { givenName: string; familyName: string } {
  const given = typeof claims.given_name === 'string' ? claims.given_name : undefined;
  const family = typeof claims.family_name === 'string' ? claims.family_name : undefined;
  if (given && family) return { givenName: given, familyName: family };
  const name = typeof claims.name === 'string' ? claims.name.trim() : '';
  const at = name.lastIndexOf(' ');
  return at > 0 ? { givenName: name.slice(0, at), familyName: name.slice(at + 1) } : { givenName: given ?? name, familyName: family ?? '' };
}

export interface EidPagesOptions {
  provider: Provider;
  identity: IdentityService;
  audit?: AuditService;
  settings: EidSettings;
  publicUrl: string;
  log?: { warn: (object: object, message: string) => void };
}

export function registerEidPages(app: App, options: EidPagesOptions): void {
  const { provider, identity, audit, settings, publicUrl, log } = options;
  const redirectUri = `${publicUrl}${EID_CALLBACK}`;
  const names = app.identityCookies;

  let upstream: Promise<client.Configuration> | undefined;
  const rp = (): Promise<client.Configuration> => {
    const issuer = new URL(settings.issuer);
    upstream ??= client
      // Plain http is accepted only for an upstream on this machine's development setups and tests.
      .discovery(issuer, settings.clientId, { redirect_uris: [redirectUri] }, client.ClientSecretBasic(settings.clientSecret), issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        upstream = undefined;
        throw error;
      });
    return upstream;
  };

  const failed = async (reply: FastifyReply, lang: Lang, status = 400): Promise<FastifyReply> =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(status === 503 ? await renderUnavailablePage(lang, lang === 'lv' ? '/en/' : '/') : await renderSignInFailedPage(lang, lang === 'lv' ? '/en/' : '/', t(lang, 'eid.failed')));

  app.get(
    `${INTERACTION_PREFIX}/:uid/eid`,
    { schema: { hide: true, params: Type.Object({ uid: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) }), querystring: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 5 })) }, { additionalProperties: true }) } },
    async (request, reply) => {
      let details;
      try {
        details = await provider.interactionDetails(request.raw, reply.raw);
      } catch {
        details = undefined;
      }
      const lang = pageLang(request, details);
      if (!details || details.uid !== request.params.uid || details.prompt.name !== 'login') return failed(reply, lang);
      let config: client.Configuration;
      try {
        config = await rp();
      } catch (error) {
        log?.warn({ err: error }, 'national eID: discovery failed');
        return failed(reply, lang, 503);
      }
      const pending: PendingEid = { uid: details.uid, state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), lang };
      const supported = config.serverMetadata().scopes_supported ?? [];
      const scope = ['openid', 'profile', ...(supported.includes('personal_code') ? ['personal_code'] : [])].join(' ');
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        acr_values: ACR.substantial,
        ui_locales: lang,
      });
      reply.setCookie(EID_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), { ...cookieOptions(names, 10 * 60), path: EID_CALLBACK });
      return reply.redirect(url.href, 303);
    },
  );

  app.get(EID_CALLBACK, { schema: { hide: true } }, async (request, reply) => {
    const raw = request.cookies[EID_COOKIE];
    reply.clearCookie(EID_COOKIE, { path: EID_CALLBACK });
    let pending: PendingEid | undefined;
    try {
      pending = raw ? (JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as PendingEid) : undefined;
    } catch {
      pending = undefined;
    }
    const lang: Lang = pending?.lang === 'en' ? 'en' : 'lv';
    if (!pending) return failed(reply, lang);
    const interaction = await provider.Interaction.find(pending.uid);
    if (!interaction) return failed(reply, lang);
    let claims: Record<string, unknown>;
    try {
      const config = await rp();
      const tokens = await client.authorizationCodeGrant(config, new URL(request.url, publicUrl), {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error('no ID token');
      claims = { ...idToken };
      if (!personalCodeFromClaims(claims)) claims = { ...claims, ...(await client.fetchUserInfo(config, tokens.access_token, idToken.sub)) };
    } catch (error) {
      log?.warn({ err: error }, 'national eID: the sign-in could not be completed');
      return failed(reply, lang);
    }
    const personalCode = personalCodeFromClaims(claims);
    if (!personalCode) return failed(reply, lang);
    const person = await identity.savePerson({ personalCode, ...namesFromClaims(claims) });
    const acr = mapUpstreamAcr(claims.acr);
    await audit?.record({
      actor: `person:${formatPersonalCode(personalCode)}`,
      action: 'identity.signed_in',
      target: `person:${formatPersonalCode(personalCode)}`,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      details: { method: 'eid', acr, client: typeof interaction.params.client_id === 'string' ? interaction.params.client_id : null },
    });
    interaction.result = { ...interaction.lastSubmission, login: { accountId: person.id, acr, remember: false } };
    await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
    return reply.redirect(interaction.returnTo, 303);
  });
}
