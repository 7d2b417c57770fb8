/**
 * Platform administrators' OpenID clients (P6, P17): the institutions'
 * portals and systems registered with the platform's provider. Registering one
 * shows its generated secret once (only a hash is kept); a client can be
 * changed, disabled (its tokens are revoked at once) and enabled again. Every
 * change and its audit entry commit together; secrets never reach the trail.
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import { auditContext } from '../../../audit/index.js';
import type { Institution } from '../../../catalog/index.js';
import type { ClientAdministration } from '../../clients.service.js';
import type { IdentityService } from '../../identity.service.js';
import type { ClientRegistration, ClientSummary } from '../../index.js';
import { allows, at, consoleCrumbs, type ConsoleShell, type PageContext, queryValue, seeOther } from '../../../../platform/web/console.js';
import { Checkboxes, Csrf, ErrorSummary, Select, SuccessBanner, SummaryList, TableHead, TextArea, TextInput, WarningText } from '../../../../platform/web/fields.js';
import { t, type ClientsKey as ConsoleKey } from './clients.messages.js';
import { AUTH_METHODS, CLIENT_SCOPES, clientToForm, GRANT_TYPES, parseClientForm, type ClientFormError } from './clients.form.js';
import { value, values, type FormValues } from '../../../../platform/web/form.js';

export interface IdentityConsoleDeps {
  identity: Pick<IdentityService, 'listClients' | 'getClient'>;
  /** registering, changing, disabling and enabling, each audited in the same transaction */
  clients: ClientAdministration;
  catalog: { listInstitutions(): Promise<Institution[]> };
  /** PUBLIC_URL: the token endpoint shown to a newly registered client */
  publicUrl: string;
}
type ConsoleDeps = IdentityConsoleDeps;

const show = (lang: Lang, errors: ClientFormError[]): ShownError[] => errors.map((error) => ({ id: error.field, text: t(lang, error.key, error.values) }));

async function institutionNames(deps: ConsoleDeps, lang: Lang): Promise<Institution[]> {
  return [...(await deps.catalog.listInstitutions())].sort((a, b) => a.name[lang].localeCompare(b.name[lang], lang));
}

// ---- the list ----

async function listPage(deps: ConsoleDeps, { lang, query, csrf }: PageContext): Promise<string> {
  const [clients, institutions] = await Promise.all([deps.identity.listClients(), institutionNames(deps, lang)]);
  const names = new Map(institutions.map((institution) => [institution.id, institution.shortName[lang]]));
  const done = queryValue(query.done);
  const doneText: Record<string, ConsoleKey> = { updated: 'clients.updated', disabled: 'clients.disabledDone', enabled: 'clients.enabledDone' };
  return renderPage({
    lang,
    title: t(lang, 'clients.title'),
    alternateUrl: at(otherLang(lang), '/console/clients'),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang),
    children: (
      <>
        <SuccessBanner lang={lang} text={doneText[done] ? t(lang, doneText[done] as ConsoleKey) : undefined} />
        <h1 class="govuk-heading-l" safe>
          {t(lang, 'clients.title')}
        </h1>
        <p class="govuk-body" safe>
          {t(lang, 'clients.lead')}
        </p>
        <a href={at(lang, '/console/clients/new')} role="button" draggable="false" class="govuk-button" data-module="govuk-button" safe>
          {t(lang, 'clients.new')}
        </a>
        {clients.length === 0 ? (
          <p class="govuk-body" safe>
            {t(lang, 'clients.none')}
          </p>
        ) : (
          <table class="govuk-table">
            <TableHead caption={t(lang, 'clients.title')} headers={(['clients.id', 'clients.name', 'clients.grantTypes', 'clients.institution', 'clients.status', 'clients.actions'] as ConsoleKey[]).map((key) => t(lang, key))} />
            <tbody class="govuk-table__body">
              {clients.map((client) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <code safe>{client.clientId}</code>
                  </td>
                  <td class="govuk-table__cell" safe>
                    {typeof client.metadata.client_name === 'string' ? client.metadata.client_name : ''}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {(client.metadata.grant_types ?? []).join(', ')}
                  </td>
                  <td class="govuk-table__cell" safe>
                    {client.institutionId ? (names.get(client.institutionId) ?? '') : ''}
                  </td>
                  <td class="govuk-table__cell">
                    {client.disabledAt ? (
                      <strong class="govuk-tag govuk-tag--grey" safe>
                        {t(lang, 'clients.disabled')}
                      </strong>
                    ) : (
                      <strong class="govuk-tag govuk-tag--green" safe>
                        {t(lang, 'clients.enabled')}
                      </strong>
                    )}
                  </td>
                  <td class="govuk-table__cell">
                    {client.disabledAt ? (
                      <form method="post" action={at(lang, `/console/clients/${encodeURIComponent(client.clientId)}/enable`)}>
                        <Csrf token={csrf} />
                        <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                          {t(lang, 'clients.enable')}
                          <span class="govuk-visually-hidden" safe>{` ${t(lang, 'clients.forHidden', { id: client.clientId })}`}</span>
                        </button>
                      </form>
                    ) : (
                      <ul class="govuk-list govuk-!-margin-bottom-0">
                        <li>
                          <a class="govuk-link" href={at(lang, `/console/clients/${encodeURIComponent(client.clientId)}`)}>
                            {t(lang, 'common.edit')}
                            <span class="govuk-visually-hidden" safe>{` ${t(lang, 'clients.forHidden', { id: client.clientId })}`}</span>
                          </a>
                        </li>
                        <li>
                          <a class="govuk-link" href={at(lang, `/console/clients/${encodeURIComponent(client.clientId)}/disable`)}>
                            {t(lang, 'clients.disable')}
                            <span class="govuk-visually-hidden" safe>{` ${t(lang, 'clients.forHidden', { id: client.clientId })}`}</span>
                          </a>
                        </li>
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    ),
  });
}

// ---- the form ----

async function formPage(deps: ConsoleDeps, context: PageContext, options: { client?: ClientSummary; form: FormValues; errors?: ShownError[]; status?: number }): Promise<FastifyReply> {
  const { lang, reply, csrf } = context;
  const { client, form } = options;
  const errors = options.errors ?? [];
  const errorOf = (id: string): string | undefined => errors.find((error) => error.id === id)?.text;
  const institutions = await institutionNames(deps, lang);
  const title = client ? t(lang, 'clients.editTitle', { id: client.clientId }) : t(lang, 'clients.newTitle');
  const path = client ? `/console/clients/${encodeURIComponent(client.clientId)}` : '/console/clients/new';
  const html = await renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: at(otherLang(lang), path),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, '/console/clients'), text: t(lang, 'clients.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <form method="post" action={at(lang, client ? path : '/console/clients')} novalidate>
            <Csrf token={csrf} />
            {client ? (
              <TextInput lang={lang} name="clientId" label={t(lang, 'clients.id')} value={client.clientId} readonly width="20" />
            ) : (
              <TextInput lang={lang} name="clientId" label={t(lang, 'clients.id')} hint={t(lang, 'clients.idHint')} value={value(form, 'clientId')} error={errorOf('clientId')} width="20" spellcheck={false} autocomplete="off" />
            )}
            <TextInput lang={lang} name="name" label={t(lang, 'clients.name')} value={value(form, 'name')} error={errorOf('name')} />
            <Checkboxes
              lang={lang}
              name="grantTypes"
              legend={t(lang, 'clients.grantTypes')}
              hint={t(lang, 'clients.grantTypesHint')}
              options={GRANT_TYPES.map((grant) => ({ value: grant, text: t(lang, `clients.grant.${grant}`) }))}
              checked={values(form, 'grantTypes')}
              error={errorOf('grantTypes')}
            />
            <TextArea lang={lang} name="redirectUris" label={t(lang, 'clients.redirectUris')} hint={t(lang, 'clients.redirectUrisHint')} value={value(form, 'redirectUris')} error={errorOf('redirectUris')} rows={3} />
            <Checkboxes
              lang={lang}
              name="scopes"
              legend={t(lang, 'clients.scopes')}
              options={CLIENT_SCOPES.map((scope) => ({ value: scope, text: scope }))}
              checked={values(form, 'scopes')}
              error={errorOf('scopes')}
              small
            />
            <Select
              lang={lang}
              name="authMethod"
              label={t(lang, 'clients.authMethod')}
              value={value(form, 'authMethod') || 'client_secret_basic'}
              error={errorOf('authMethod')}
              options={AUTH_METHODS.map((method) => ({ value: method, text: t(lang, `clients.auth.${method}`) }))}
            />
            <TextArea lang={lang} name="jwks" label={t(lang, 'clients.jwks')} hint={t(lang, 'clients.jwksHint')} value={value(form, 'jwks')} error={errorOf('jwks')} rows={5} />
            <Select
              lang={lang}
              name="institution"
              label={t(lang, 'clients.institution')}
              hint={t(lang, 'clients.institutionHint')}
              value={value(form, 'institution')}
              error={errorOf('institution')}
              options={[{ value: '', text: t(lang, 'clients.institutionNone') }, ...institutions.map((institution) => ({ value: institution.id, text: institution.name[lang] }))]}
            />
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button" data-module="govuk-button" safe>
                {client ? t(lang, 'common.save') : t(lang, 'clients.register')}
              </button>
              <a class="govuk-link" href={at(lang, '/console/clients')} safe>
                {t(lang, 'common.cancel')}
              </a>
            </div>
          </form>
        </div>
      </div>
    ),
  });
  return sendHtml(reply, lang, options.status ?? 200, html);
}

/** After registering (or a change that needed a new secret): the secret, shown this once. */
async function secretPage(context: PageContext, registration: ClientRegistration, created: boolean, publicUrl: string): Promise<FastifyReply> {
  const { lang, reply } = context;
  const title = t(lang, created ? 'clients.secretTitle' : 'clients.secretUpdatedTitle');
  const rows: [string, JSX.Element][] = [
    [t(lang, 'clients.id'), <code safe>{registration.client.clientId}</code>],
    [t(lang, 'clients.tokenEndpoint'), <code safe>{`${publicUrl}/oidc/token`}</code>],
  ];
  if (registration.secret) rows.push([t(lang, 'clients.secretLead'), <code id="client-secret" safe>{registration.secret}</code>]);
  const html = await renderPage({
    lang,
    title,
    alternateUrl: at(otherLang(lang), '/console/clients'),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, '/console/clients'), text: t(lang, 'clients.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <SummaryList rows={rows} />
          {registration.secret ? (
            <WarningText text={t(lang, 'clients.secretWarning')} />
          ) : (
            <p class="govuk-body" safe>
              {t(lang, 'clients.secretNone')}
            </p>
          )}
          <p class="govuk-body">
            <a class="govuk-link" href={at(lang, '/console/clients')} safe>
              {t(lang, 'clients.backToList')}
            </a>
          </p>
        </div>
      </div>
    ),
  });
  // The secret must not outlive this page: no-store (sendHtml) and no referrer.
  return sendHtml(reply.header('referrer-policy', 'no-referrer'), lang, created ? 201 : 200, html);
}

async function save(deps: ConsoleDeps, context: PageContext, publicUrl: string, existing?: ClientSummary): Promise<FastifyReply> {
  const { lang, body, reply, request } = context;
  if (existing?.disabledAt) return seeOther(reply, lang, '/console/clients');
  const institutions = await deps.catalog.listInstitutions();
  const parsed = await parseClientForm(body, institutions.map((institution) => institution.id), existing === undefined);
  const again = existing ? { client: existing } : {};
  if (parsed.errors.length > 0) return formPage(deps, context, { ...again, form: body, errors: show(lang, parsed.errors), status: 400 });
  const clientId = existing?.clientId ?? parsed.clientId;
  try {
    const settings = { metadata: parsed.metadata, institutionId: parsed.institutionId };
    const registration = existing ? await deps.clients.changeClient(auditContext(request), clientId, settings) : await deps.clients.registerClient(auditContext(request), clientId, settings);
    if (!existing || registration.secret) return secretPage(context, registration, !existing, publicUrl);
    return seeOther(reply, lang, '/console/clients?done=updated');
  } catch (error) {
    if (error instanceof AppError && error.code === 'identity.client-exists') {
      return formPage(deps, context, { form: body, errors: [{ id: 'clientId', text: t(lang, 'clients.error.idTaken') }], status: 409 });
    }
    throw error;
  }
}

async function confirmDisable(deps: ConsoleDeps, context: PageContext): Promise<string> {
  const { lang, csrf, params } = context;
  const client = await deps.identity.getClient(params.clientId ?? '');
  const title = t(lang, 'clients.confirmTitle', { id: client.clientId });
  const back = at(lang, '/console/clients');
  return renderPage({
    lang,
    title,
    alternateUrl: at(otherLang(lang), `/console/clients/${encodeURIComponent(client.clientId)}/disable`),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: back, text: t(lang, 'clients.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'clients.confirmLead')}
          </p>
          <form method="post" action={at(lang, `/console/clients/${encodeURIComponent(client.clientId)}/disable`)}>
            <Csrf token={csrf} />
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" safe>
                {t(lang, 'clients.confirmButton')}
              </button>
              <a class="govuk-link" href={back} safe>
                {t(lang, 'common.cancel')}
              </a>
            </div>
          </form>
        </div>
      </div>
    ),
  });
}

async function setEnabled(deps: ConsoleDeps, context: PageContext, enabled: boolean): Promise<FastifyReply> {
  const { lang, reply, request, params, staff } = context;
  const clientId = params.clientId ?? '';
  try {
    await deps.clients.setClientEnabled(auditContext(request), clientId, enabled, auditContext(request).actor ?? staff.name);
  } catch (error) {
    // Already in the wanted state (a second press): the list shows how it is.
    if (!(error instanceof AppError && error.code === 'identity.client-state')) throw error;
  }
  return seeOther(reply, lang, `/console/clients?done=${enabled ? 'enabled' : 'disabled'}`);
}

/** The OpenID clients pages, and their tile on the console's home page. */
export function registerIdentityConsolePages(shell: ConsoleShell, deps: IdentityConsoleDeps): void {
  shell.tile({ order: 60, path: '/console/clients', title: (lang) => t(lang, 'clients.tile'), text: (lang) => t(lang, 'clients.tileText'), shows: (staff) => allows(staff, 'platform') });
  const { publicUrl } = deps;
  shell.route({ method: 'GET', path: '/console/clients', need: 'platform', handler: (context) => listPage(deps, context) });
  shell.route({
    method: 'GET',
    path: '/console/clients/new',
    need: 'platform',
    handler: (context) => formPage(deps, context, { form: { grantTypes: ['client_credentials'], authMethod: 'client_secret_basic' } }),
  });
  shell.route({ method: 'POST', path: '/console/clients', need: 'platform', handler: (context) => save(deps, context, publicUrl) });
  shell.route({
    method: 'GET',
    path: '/console/clients/:clientId',
    need: 'platform',
    handler: async (context) => {
      const client = await deps.identity.getClient(context.params.clientId ?? '');
      if (client.disabledAt) return seeOther(context.reply, context.lang, '/console/clients');
      return formPage(deps, context, { client, form: clientToForm(client) });
    },
  });
  shell.route({
    method: 'POST',
    path: '/console/clients/:clientId',
    need: 'platform',
    handler: async (context) => save(deps, context, publicUrl, await deps.identity.getClient(context.params.clientId ?? '')),
  });
  shell.route({ method: 'GET', path: '/console/clients/:clientId/disable', need: 'platform', handler: (context) => confirmDisable(deps, context) });
  shell.route({ method: 'POST', path: '/console/clients/:clientId/disable', need: 'platform', handler: (context) => setEnabled(deps, context, false) });
  shell.route({ method: 'POST', path: '/console/clients/:clientId/enable', need: 'platform', handler: (context) => setEnabled(deps, context, true) });
}
