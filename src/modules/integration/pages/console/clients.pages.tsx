/**
 * The console's API clients (issue #14 item 2; P17): the list of a staff
 * member's requests and their institutions' clients (every request, and the
 * pending ones to decide, for platform administrators), and the request form.
 * Plain forms, no JavaScript; the client's own page is client.page.tsx.
 */
import type { FastifyReply } from 'fastify';
import { at, consoleCrumbs, queryValue, seeOther, type ConsoleShell, type PageContext } from '../../../../platform/web/console.js';
import { Checkboxes, Csrf, ErrorSummary, Radios, Select, SuccessBanner, TableHead, TextArea, TextInput } from '../../../../platform/web/fields.js';
import { value, values, type FormValues } from '../../../../platform/web/form.js';
import { formatDateTime, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import type { ClientRequest } from '../../clients.service.js';
import { checkRequest, GRANT_TYPES, INSTITUTION_SCOPES, PUBLIC_SCOPES, type ClientRequestInput, type RequestProblem } from '../../clients.rules.js';
import { registerClientPage } from './client.page.js';
import { clientActor, CLIENTS_PATH, guarded, statusText, type ClientsConsoleDeps } from './clients.console.js';

export { CLIENTS_PATH, type ClientsConsoleDeps } from './clients.console.js';
import { t, type ClientsKey } from './clients.messages.js';

async function institutionNames(deps: ClientsConsoleDeps, lang: Lang): Promise<Map<string, string>> {
  return new Map((await deps.catalog.listInstitutions()).map((institution) => [institution.id, institution.shortName[lang]]));
}

function RequestsTable({ lang, rows, names, caption }: { lang: Lang; rows: ClientRequest[]; names: Map<string, string>; caption: string }): JSX.Element {
  return (
    <table class="govuk-table">
      <TableHead caption={caption} headers={(['name', 'institution', 'requester', 'status', 'actions'] as const).map((key) => t(lang, key))} />
      <tbody class="govuk-table__body">
        {rows.map((row) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell">
              <span safe>{row.name}</span>
              {row.client_id ? (
                <p class="govuk-body-s govuk-!-margin-bottom-0">
                  <code safe>{row.client_id}</code>
                </p>
              ) : (
                ''
              )}
            </td>
            <td class="govuk-table__cell" safe>
              {row.institution_id ? (names.get(row.institution_id) ?? '') : t(lang, 'thirdParty')}
            </td>
            <td class="govuk-table__cell">
              <span safe>{row.requester_name}</span>
              <p class="govuk-body-s govuk-!-margin-bottom-0" safe>
                {formatDateTime(row.created_at.toISOString(), lang)}
              </p>
            </td>
            <td class="govuk-table__cell">
              <strong class={`govuk-tag ${row.status === 'approved' ? 'govuk-tag--green' : row.status === 'refused' ? 'govuk-tag--red' : 'govuk-tag--yellow'}`} safe>
                {statusText(lang, row.status)}
              </strong>
            </td>
            <td class="govuk-table__cell">
              <a class="govuk-link" href={at(lang, `${CLIENTS_PATH}/${row.id}`)}>
                {t(lang, 'open')}
                <span class="govuk-visually-hidden" safe>{` ${t(lang, 'openFor', { name: row.name })}`}</span>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function listPage(deps: ClientsConsoleDeps, context: PageContext): Promise<string> {
  const { lang, query } = context;
  const actor = clientActor(context);
  const [rows, pending, names] = await Promise.all([deps.clients.list(actor), deps.clients.pending(actor), institutionNames(deps, lang)]);
  const done = queryValue(query.done);
  return renderPage({
    lang,
    title: t(lang, 'title'),
    alternateUrl: at(otherLang(lang), CLIENTS_PATH),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang),
    children: (
      <>
        <SuccessBanner lang={lang} text={done === 'refused' ? t(lang, 'refused') : undefined} />
        <h1 class="govuk-heading-l" safe>
          {t(lang, 'title')}
        </h1>
        <p class="govuk-body" safe>
          {t(lang, 'lead')}
        </p>
        <a href={at(lang, `${CLIENTS_PATH}/new`)} role="button" draggable="false" class="govuk-button" data-module="govuk-button" safe>
          {t(lang, 'new')}
        </a>
        {pending.length > 0 ? (
          <>
            <h2 class="govuk-heading-m" safe>
              {t(lang, 'pendingTitle')}
            </h2>
            <RequestsTable lang={lang} rows={pending} names={names} caption={t(lang, 'pendingTitle')} />
          </>
        ) : (
          ''
        )}
        <h2 class="govuk-heading-m" safe>
          {t(lang, 'mineTitle')}
        </h2>
        {rows.length === 0 ? (
          <p class="govuk-body" safe>
            {t(lang, 'none')}
          </p>
        ) : (
          <RequestsTable lang={lang} rows={rows} names={names} caption={t(lang, 'mineTitle')} />
        )}
      </>
    ),
  });
}

const lines = (form: FormValues, name: string, separators: RegExp): string[] => [
  ...new Set(
    value(form, name)
      .split(separators)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  ),
];

export function parseRequestForm(form: FormValues): ClientRequestInput {
  const institution = value(form, 'institution');
  const jwksUri = value(form, 'jwksUri');
  return {
    institutionId: institution === '' ? null : institution,
    name: value(form, 'name'),
    contacts: lines(form, 'contacts', /[\r\n,;]+/),
    scopes: values(form, 'scopes'),
    grantTypes: values(form, 'grantTypes'),
    redirectUris: lines(form, 'redirectUris', /\r?\n/),
    authMethod: value(form, 'authMethod'),
    jwksUri: jwksUri === '' ? null : jwksUri,
  };
}

async function formPage(deps: ClientsConsoleDeps, context: PageContext, form: FormValues, problems: RequestProblem[]): Promise<FastifyReply> {
  const { lang, csrf, reply } = context;
  const actor = clientActor(context);
  const names = await institutionNames(deps, lang);
  const mine = actor.platformAdmin ? [...names.keys()] : deps.clients.institutionsOf(actor);
  const institutions = mine.map((id) => ({ value: id, text: names.get(id) ?? id })).sort((a, b) => a.text.localeCompare(b.text, lang));
  const errorOf = (field: RequestProblem['field']): string | undefined => {
    const problem = problems.find((item) => item.field === field);
    return problem ? t(lang, `error.${problem.why}` as ClientsKey) : undefined;
  };
  const shown: ShownError[] = problems.map((problem) => ({ id: problem.field, text: t(lang, `error.${problem.why}` as ClientsKey) }));
  const title = t(lang, 'new');
  const html = await renderPage({
    lang,
    title: pageTitle(lang, title, shown),
    alternateUrl: at(otherLang(lang), `${CLIENTS_PATH}/new`),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, CLIENTS_PATH), text: t(lang, 'title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={shown} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <form method="post" action={at(lang, `${CLIENTS_PATH}/new`)} novalidate>
            <Csrf token={csrf} />
            <TextInput lang={lang} name="name" label={t(lang, 'name')} hint={t(lang, 'nameHint')} value={value(form, 'name')} error={errorOf('name')} />
            <Select
              lang={lang}
              name="institution"
              label={t(lang, 'institution')}
              hint={t(lang, 'institutionHint')}
              value={value(form, 'institution') || (institutions[0]?.value ?? '')}
              options={[...institutions, { value: '', text: t(lang, 'thirdParty') }]}
              error={errorOf('institution')}
            />
            <TextArea lang={lang} name="contacts" label={t(lang, 'contacts')} hint={t(lang, 'contactsHint')} value={value(form, 'contacts')} rows={3} error={errorOf('contacts')} />
            <Checkboxes
              lang={lang}
              name="scopes"
              legend={t(lang, 'scopes')}
              hint={`${t(lang, 'scopesHint')} ${t(lang, 'institutionHint')} (${PUBLIC_SCOPES.join(', ')})`}
              options={INSTITUTION_SCOPES.map((scope) => ({ value: scope, text: scope }))}
              checked={values(form, 'scopes')}
              small
              error={errorOf('scopes')}
            />
            <Checkboxes
              lang={lang}
              name="grantTypes"
              legend={t(lang, 'grantTypes')}
              options={GRANT_TYPES.map((grant) => ({ value: grant, text: grant }))}
              checked={values(form, 'grantTypes')}
              small
              error={errorOf('grantTypes')}
            />
            <TextArea lang={lang} name="redirectUris" label={t(lang, 'redirectUris')} hint={t(lang, 'redirectUrisHint')} value={value(form, 'redirectUris')} rows={3} error={errorOf('redirectUris')} />
            <Radios
              lang={lang}
              name="authMethod"
              legend={t(lang, 'authMethod')}
              value={value(form, 'authMethod') || 'client_secret_basic'}
              options={[
                { value: 'client_secret_basic', text: t(lang, 'secretMethod') },
                { value: 'private_key_jwt', text: t(lang, 'keyMethod') },
              ]}
              small
              error={errorOf('authMethod')}
            />
            <TextInput lang={lang} name="jwksUri" type="url" label={t(lang, 'jwksUri')} hint={t(lang, 'jwksUriHint')} value={value(form, 'jwksUri')} spellcheck={false} error={errorOf('jwksUri')} />
            <button type="submit" class="govuk-button" data-module="govuk-button" safe>
              {t(lang, 'submit')}
            </button>
          </form>
        </div>
      </div>
    ),
  });
  return sendHtml(reply, lang, problems.length > 0 ? 400 : 200, html);
}

export function registerClientsConsolePages(shell: ConsoleShell, deps: ClientsConsoleDeps): void {
  // Open to every signed-in person: a third party (no staff role) requests a client with public scopes here too.
  shell.route({ method: 'GET', path: CLIENTS_PATH, need: 'signedIn', handler: (context) => listPage(deps, context) });
  shell.route({ method: 'GET', path: `${CLIENTS_PATH}/new`, need: 'signedIn', handler: (context) => formPage(deps, context, {}, []) });
  shell.route({
    method: 'POST',
    path: `${CLIENTS_PATH}/new`,
    need: 'signedIn',
    handler: (context) =>
      guarded(context, async () => {
        const actor = clientActor(context);
        const input = parseRequestForm(context.body);
        const allowed = actor.platformAdmin ? [...(await institutionNames(deps, context.lang)).keys()] : deps.clients.institutionsOf(actor);
        const problems = checkRequest(input, allowed);
        if (problems.length > 0) return formPage(deps, context, context.body, problems);
        const created = await deps.clients.request(actor, input);
        return seeOther(context.reply, context.lang, `${CLIENTS_PATH}/${created.id}?done=requested`);
      }),
  });
  registerClientPage(shell, deps);
  shell.tile({ path: CLIENTS_PATH, title: (lang) => t(lang, 'title'), text: (lang) => t(lang, 'tileText'), shows: (staff) => staff.roles.length > 0, order: 88 });
}
