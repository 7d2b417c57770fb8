/**
 * The OpenID provider's interaction pages: where a person signs in (the demo
 * identity provider's list of people when DEMO is on, the national eID
 * otherwise) and, for clients that are neither first-party nor demo, says
 * whether the client may have what it asks for. Plain HTML forms, each POST
 * carrying a token bound to the interaction.
 */
import { createHmac } from 'node:crypto';
import { csrfFailed, tokensMatch } from '../../platform/http/csrf.js';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { App } from '../../platform/http/server.js';
import { isLang, type Lang } from '../../platform/web/i18n.js';
import type { AuditService } from '../audit/index.js';
import { ACR } from './identity.schemas.js';
import { formatPersonalCode, type IdentityService } from './identity.service.js';
import { t } from './identity.messages.js';
import { CSRF_FIELD, renderConsentPage, renderDemoPage, renderSignInFailedPage, renderUnavailablePage, withFormTargets } from './identity.views.js';
import { INTERACTION_PREFIX, langOfLocales } from './oidc.provider.js';

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

export interface InteractionPagesOptions {
  provider: Provider;
  identity: IdentityService;
  audit?: AuditService;
  /** the demo identity provider's people (personal codes); undefined when DEMO is off */
  demoPersonCodes: string[] | undefined;
  /** true when sign-in through the national eID is configured */
  eid: boolean;
  /** key for the interaction forms' tokens (shared by every instance) */
  formKey: string;
}

const UidParams = Type.Object({ uid: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });
const LangQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 5 })) }, { additionalProperties: true });
const FormBody = Type.Object({ [CSRF_FIELD]: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: true });


/** The token in the interaction's forms: bound to the interaction, valid on every instance. */
export function interactionFormToken(formKey: string, uid: string): string {
  return createHmac('sha256', formKey).update(`interaction:${uid}`).digest('base64url');
}

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

/** The form's answer redirects (through the provider) to the client: the page's CSP must allow that. */
function allowRedirectTo(reply: FastifyReply, redirectUri: unknown): void {
  const csp = reply.getHeader('content-security-policy') ?? reply.raw.getHeader('content-security-policy');
  if (typeof csp !== 'string' || typeof redirectUri !== 'string') return;
  try {
    reply.header('content-security-policy', withFormTargets(csp, [new URL(redirectUri).origin]));
  } catch {
    // not a URL: the provider refuses it anyway
  }
}

const uidOf = (request: FastifyRequest): string => (request.params as { uid: string }).uid;

export function pageLang(request: FastifyRequest, details?: Details): Lang {
  const asked = (request.query as { lang?: string } | undefined)?.lang;
  if (isLang(asked)) return asked;
  return langOfLocales(details?.params.ui_locales);
}

export function registerInteractionPages(app: App, options: InteractionPagesOptions): void {
  const { provider, identity, audit, demoPersonCodes, eid, formKey } = options;
  const base = (uid: string): string => `${INTERACTION_PREFIX}/${encodeURIComponent(uid)}`;
  const otherLangUrl = (path: string, lang: Lang): string => `${path}?lang=${lang === 'lv' ? 'en' : 'lv'}`;

  /** The interaction of this browser (its cookie) with that uid, or a page saying it has expired. */
  async function load(request: FastifyRequest, reply: FastifyReply): Promise<Details | undefined> {
    try {
      const details = await provider.interactionDetails(request.raw, reply.raw);
      if (details.uid === uidOf(request)) return details;
    } catch {
      // no interaction cookie, or the interaction expired
    }
    const lang = pageLang(request);
    html(reply, 400, await renderSignInFailedPage(lang, otherLangUrl(request.url.split('?')[0] ?? '/', lang), t(lang, 'error.lead')));
    return undefined;
  }

  async function clientName(clientId: unknown): Promise<string | undefined> {
    if (typeof clientId !== 'string') return undefined;
    const client = await provider.Client.find(clientId);
    return client?.clientName ?? clientId;
  }

  function checkFormToken(request: FastifyRequest): void {
    const sent = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    if (!tokensMatch(sent, interactionFormToken(formKey, uidOf(request)))) throw csrfFailed();
  }

  async function finish(request: FastifyRequest, reply: FastifyReply, result: InteractionResults): Promise<FastifyReply> {
    const returnTo = await provider.interactionResult(request.raw, reply.raw, result);
    return reply.redirect(returnTo, 303);
  }

  // The entry: the provider sends the browser here whenever it needs the person to sign in or consent.
  app.get(`${INTERACTION_PREFIX}/:uid`, { schema: { hide: true, params: UidParams, querystring: LangQuery } }, async (request, reply) => {
    const details = await load(request, reply);
    if (!details) return reply;
    const lang = pageLang(request, details);
    const query = request.query.lang ? `?lang=${lang}` : '';
    if (details.prompt.name === 'login') {
      if (demoPersonCodes) return reply.redirect(`${base(details.uid)}/demo${query}`, 303);
      if (eid) return reply.redirect(`${base(details.uid)}/eid${query}`, 303);
      return html(reply, 503, await renderUnavailablePage(lang, otherLangUrl(request.url.split('?')[0] ?? '/', lang)));
    }
    // consent: only clients that are neither first-party nor demo get here
    const missing = details.prompt.details as { missingOIDCScope?: string[] };
    const path = base(details.uid);
    allowRedirectTo(reply, details.params.redirect_uri);
    return html(
      reply,
      200,
      await renderConsentPage({
        lang,
        action: `${path}/consent`,
        alternateUrl: otherLangUrl(path, lang),
        csrf: interactionFormToken(formKey, details.uid),
        client: (await clientName(details.params.client_id)) ?? '',
        scopes: missing.missingOIDCScope ?? String(details.params.scope ?? '').split(' ').filter(Boolean),
      }),
    );
  });

  app.post(`${INTERACTION_PREFIX}/:uid/consent`, { schema: { hide: true, params: UidParams, body: FormBody } }, async (request, reply) => {
    checkFormToken(request);
    const details = await load(request, reply);
    if (!details) return reply;
    if ((request.body as { decision?: string }).decision !== 'allow') {
      return finish(request, reply, { error: 'access_denied', error_description: 'The person did not allow the access asked for.' });
    }
    const accountId = details.session?.accountId;
    const clientId = String(details.params.client_id);
    if (!accountId) return reply.redirect(base(details.uid), 303);
    const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    return finish(request, reply, { consent: { grantId: await grant.save() } });
  });

  app.post(`${INTERACTION_PREFIX}/:uid/abort`, { schema: { hide: true, params: UidParams, body: FormBody } }, async (request, reply) => {
    checkFormToken(request);
    const details = await load(request, reply);
    if (!details) return reply;
    return finish(request, reply, { error: 'access_denied', error_description: 'The person cancelled signing in.' });
  });

  if (!demoPersonCodes) return;

  // ---- the demo identity provider (DEMO on only: these routes do not exist otherwise) ----

  const demoPersons = async (): Promise<{ id: string; name: string; personalCode: string }[]> => {
    const persons = await identity.findPersonsByCode(demoPersonCodes);
    const order = new Map(demoPersonCodes.map((code, index) => [code.replace('-', ''), index]));
    return persons
      .sort((a, b) => (order.get(a.personalCode) ?? 0) - (order.get(b.personalCode) ?? 0))
      .map((person) => ({ id: person.id, name: `${person.givenName} ${person.familyName}`, personalCode: formatPersonalCode(person.personalCode) }));
  };

  app.get(`${INTERACTION_PREFIX}/:uid/demo`, { schema: { hide: true, params: UidParams, querystring: LangQuery } }, async (request, reply) => {
    const details = await load(request, reply);
    if (!details) return reply;
    if (details.prompt.name !== 'login') return reply.redirect(base(details.uid), 303);
    const lang = pageLang(request, details);
    const path = `${base(details.uid)}/demo`;
    allowRedirectTo(reply, details.params.redirect_uri);
    return html(
      reply,
      200,
      await renderDemoPage({
        lang,
        action: path,
        abortAction: `${base(details.uid)}/abort`,
        alternateUrl: otherLangUrl(path, lang),
        csrf: interactionFormToken(formKey, details.uid),
        client: await clientName(details.params.client_id),
        persons: await demoPersons(),
        eidUrl: eid ? `${base(details.uid)}/eid${request.query.lang ? `?lang=${lang}` : ''}` : undefined,
      }),
    );
  });

  app.post(`${INTERACTION_PREFIX}/:uid/demo`, { schema: { hide: true, params: UidParams, body: FormBody } }, async (request, reply) => {
    checkFormToken(request);
    const details = await load(request, reply);
    if (!details) return reply;
    const chosen = (request.body as { person?: string }).person;
    const person = (await demoPersons()).find((candidate) => candidate.id === chosen);
    if (!person) return reply.redirect(`${base(details.uid)}/demo`, 303);
    await audit?.record({
      actor: `person:${person.personalCode}`,
      action: 'identity.signed_in',
      target: `person:${person.personalCode}`,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      details: { method: 'demo', acr: ACR.substantial, client: typeof details.params.client_id === 'string' ? details.params.client_id : null },
    });
    return finish(request, reply, { login: { accountId: person.id, acr: ACR.substantial, remember: false } });
  });
}
