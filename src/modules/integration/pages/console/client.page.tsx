/**
 * One API client request in the console: what was asked; for a platform
 * administrator, approving or refusing it (with a reason) and the client's own
 * rate limit; for the client's owners, its secret — the first one shown once
 * to the requester, then rotated with an overlap — and what is left of its
 * request budget, read from the buckets every instance shares.
 */
import type { FastifyReply } from 'fastify';
import { at, consoleCrumbs, queryValue, seeOther, type ConsoleShell, type PageContext } from '../../../../platform/web/console.js';
import { Csrf, ErrorSummary, SuccessBanner, SummaryList, TableHead, TextArea, TextInput, WarningText } from '../../../../platform/web/fields.js';
import { value } from '../../../../platform/web/form.js';
import { formatDateTime, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import type { ClientActor, ClientBudget, ClientRequest } from '../../clients.service.js';
import { clientActor, CLIENTS_PATH, guarded, statusText, type ClientsConsoleDeps } from './clients.console.js';
import { t, type ClientsKey } from './clients.messages.js';

interface Shown {
  /** a problem with the refusal's reason or the limit */
  errors?: ShownError[];
  /** what was just done */
  done?: string | undefined;
}

/** Plain text for a summary row (kitajs elements are strings too, so text is wrapped where it is made). */
const text = (value: string): JSX.Element => <span safe>{value}</span>;

function PostButton({ lang, csrf, action, text, secondary }: { lang: Lang; csrf: string; action: string; text: string; secondary?: boolean }): JSX.Element {
  return (
    <form method="post" action={at(lang, action)}>
      <Csrf token={csrf} />
      <button type="submit" class={`govuk-button${secondary ? ' govuk-button--secondary' : ''}`} data-module="govuk-button" safe>
        {text}
      </button>
    </form>
  );
}

function Budget({ lang, budget }: { lang: Lang; budget: ClientBudget }): JSX.Element {
  return (
    <>
      <h2 class="govuk-heading-m" safe>
        {t(lang, 'budgetTitle')}
      </h2>
      <p class="govuk-body" safe>
        {`${t(lang, 'budgetPolicy', { perMinute: budget.policy.perMinute, burst: budget.policy.burst })}. ${t(lang, budget.own ? 'budgetOwn' : 'budgetDefault')}`}
      </p>
      {budget.families.length === 0 ? (
        <p class="govuk-body" id="budget-none" safe>
          {t(lang, 'budgetNone')}
        </p>
      ) : (
        <table class="govuk-table" id="budget">
          <TableHead caption={t(lang, 'budgetTitle')} headers={[t(lang, 'family'), t(lang, 'remaining'), t(lang, 'reset')]} />
          <tbody class="govuk-table__body">
            {budget.families.map(({ family, decision }) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <code safe>{family}</code>
                </td>
                <td class="govuk-table__cell" data-family={family} safe>
                  {String(decision.remaining)}
                </td>
                <td class="govuk-table__cell" safe>
                  {String(decision.resetSeconds)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Decide({ lang, csrf, request, errors }: { lang: Lang; csrf: string; request: ClientRequest; errors: ShownError[] }): JSX.Element {
  return (
    <>
      <PostButton lang={lang} csrf={csrf} action={`${CLIENTS_PATH}/${request.id}/approve`} text={t(lang, 'approve')} />
      <form method="post" action={at(lang, `${CLIENTS_PATH}/${request.id}/refuse`)} novalidate>
        <Csrf token={csrf} />
        <TextArea lang={lang} name="reason" label={t(lang, 'reason')} value="" rows={3} error={errors.find((error) => error.id === 'reason')?.text} />
        <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" safe>
          {t(lang, 'refuse')}
        </button>
      </form>
    </>
  );
}

function LimitForm({ lang, csrf, request, budget, errors }: { lang: Lang; csrf: string; request: ClientRequest; budget: ClientBudget; errors: ShownError[] }): JSX.Element {
  const error = errors.find((item) => item.id === 'perMinute')?.text;
  return (
    <>
      <h2 class="govuk-heading-m" safe>
        {t(lang, 'limitTitle')}
      </h2>
      <form method="post" action={at(lang, `${CLIENTS_PATH}/${request.id}/limit`)} novalidate>
        <Csrf token={csrf} />
        <TextInput lang={lang} name="perMinute" label={t(lang, 'perMinute')} value={String(budget.policy.perMinute)} width="10" inputmode="numeric" error={error} />
        <TextInput lang={lang} name="burst" label={t(lang, 'burst')} value={String(budget.policy.burst)} width="10" inputmode="numeric" />
        <div class="govuk-button-group">
          <button type="submit" name="action" value="save" class="govuk-button" data-module="govuk-button" safe>
            {t(lang, 'saveLimit')}
          </button>
          <button type="submit" name="action" value="clear" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
            {t(lang, 'clearLimit')}
          </button>
        </div>
      </form>
    </>
  );
}

/** The owner's secret controls: the first secret (to the requester, once), else rotation. */
function Secret({ lang, csrf, request, actor, overlapHours }: { lang: Lang; csrf: string; request: ClientRequest; actor: ClientActor; overlapHours: number }): JSX.Element {
  if (request.auth_method !== 'client_secret_basic') return <></>;
  const first = request.secret_issued_at === null;
  if (first && request.requested_by !== actor.personalCode) return <></>;
  return (
    <>
      <h2 class="govuk-heading-m" safe>
        {t(lang, 'secretTitle')}
      </h2>
      <p class="govuk-body" safe>
        {first ? t(lang, 'secretGetLead') : t(lang, 'rotateLeadShort', { hours: overlapHours })}
      </p>
      <PostButton lang={lang} csrf={csrf} action={`${CLIENTS_PATH}/${request.id}/${first ? 'secret' : 'rotate'}`} text={t(lang, first ? 'secretGet' : 'rotate')} secondary={!first} />
    </>
  );
}

const DONE: Record<string, ClientsKey> = { requested: 'requested', approved: 'approved', limit: 'limitSaved' };

async function clientPage(deps: ClientsConsoleDeps & { overlapHours: number }, context: PageContext, shown: Shown = {}): Promise<FastifyReply> {
  const { lang, csrf, params, reply } = context;
  const actor = clientActor(context);
  const request = await deps.clients.get(actor, params.id ?? '');
  const institutions = await deps.catalog.listInstitutions();
  const institution = institutions.find((item) => item.id === request.institution_id);
  const owner = deps.clients.owns(actor, request);
  const approved = request.status === 'approved' && request.client_id !== null;
  const budget = approved ? await deps.clients.budget(actor, request.id) : undefined;
  const errors = shown.errors ?? [];
  const rows: [string, JSX.Element][] = [
    [t(lang, 'status'), text(statusText(lang, request.status))],
    [t(lang, 'institution'), text(institution ? institution.name[lang] : t(lang, 'thirdParty'))],
    [t(lang, 'requester'), text(`${request.requester_name}, ${formatDateTime(request.created_at.toISOString(), lang)}`)],
    [t(lang, 'contacts'), text(request.contacts.join(', '))],
    [t(lang, 'scopes'), <code safe>{request.scopes.join(' ')}</code>],
    [t(lang, 'grantTypes'), text(request.grant_types.join(', '))],
    [t(lang, 'authMethod'), text(request.auth_method === 'private_key_jwt' ? `${t(lang, 'keyMethod')}: ${request.jwks_uri ?? ''}` : t(lang, 'secretMethod'))],
  ];
  if (request.redirect_uris.length > 0) rows.push([t(lang, 'redirectUris'), text(request.redirect_uris.join(' '))]);
  if (request.reason) rows.push([t(lang, 'reason'), text(request.reason)]);
  if (approved) {
    rows.push([t(lang, 'clientId'), <code id="client-id" safe>{request.client_id ?? ''}</code>]);
    rows.push([t(lang, 'tokenEndpoint'), <code safe>{`${deps.publicUrl}/oidc/token`}</code>]);
  }
  const done = DONE[shown.done ?? ''];
  const html = await renderPage({
    lang,
    title: pageTitle(lang, request.name, errors),
    alternateUrl: at(otherLang(lang), `${CLIENTS_PATH}/${request.id}`),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, CLIENTS_PATH), text: t(lang, 'title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <SuccessBanner lang={lang} text={done ? t(lang, done) : undefined} />
          <h1 class="govuk-heading-l" safe>
            {request.name}
          </h1>
          <SummaryList rows={rows} />
          {actor.platformAdmin && request.status === 'pending' ? <Decide lang={lang} csrf={csrf} request={request} errors={errors} /> : ''}
          {approved && owner ? <Secret lang={lang} csrf={csrf} request={request} actor={actor} overlapHours={deps.overlapHours} /> : ''}
          {budget ? <Budget lang={lang} budget={budget} /> : ''}
          {budget && actor.platformAdmin ? <LimitForm lang={lang} csrf={csrf} request={request} budget={budget} errors={errors} /> : ''}
        </div>
      </div>
    ),
  });
  return sendHtml(reply, lang, errors.length > 0 ? 400 : 200, html);
}

/** The page showing a secret this once (never cached: sendHtml says no-store). */
async function secretPage(deps: ClientsConsoleDeps, context: PageContext, request: ClientRequest, secret: string, previousValidUntil: Date | null): Promise<FastifyReply> {
  const { lang, reply } = context;
  const title = t(lang, previousValidUntil ? 'rotatedTitle' : 'secretTitle');
  const html = await renderPage({
    lang,
    title,
    alternateUrl: at(otherLang(lang), `${CLIENTS_PATH}/${request.id}`),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang, { href: at(lang, CLIENTS_PATH), text: t(lang, 'title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <SummaryList
            rows={[
              [t(lang, 'clientId'), <code safe>{request.client_id ?? ''}</code>],
              [t(lang, 'tokenEndpoint'), <code safe>{`${deps.publicUrl}/oidc/token`}</code>],
              [t(lang, 'secretTitle'), <code id="client-secret" safe>{secret}</code>],
            ]}
          />
          {previousValidUntil ? (
            <p class="govuk-body" safe>
              {t(lang, 'rotateLead', { until: formatDateTime(previousValidUntil.toISOString(), lang) })}
            </p>
          ) : (
            ''
          )}
          <WarningText text={t(lang, 'secretWarning')} />
          <p class="govuk-body">
            <a class="govuk-link" href={at(lang, `${CLIENTS_PATH}/${request.id}`)} safe>
              {t(lang, 'back')}
            </a>
          </p>
        </div>
      </div>
    ),
  });
  return sendHtml(reply, lang, 200, html);
}

const LIMIT = /^\d{1,8}$/;

export function registerClientPage(shell: ConsoleShell, deps: ClientsConsoleDeps & { overlapHours: number }): void {
  const path = `${CLIENTS_PATH}/:id`;
  // Deciding and limits are the platform administrators'; the rest is checked against the client's owners by the service.
  const post = (suffix: string, handler: (context: PageContext, actor: ClientActor, id: string) => Promise<FastifyReply>): void =>
    shell.route({
      method: 'POST',
      path: `${path}/${suffix}`,
      need: ['approve', 'refuse', 'limit'].includes(suffix) ? 'platform' : 'signedIn',
      handler: (context) => guarded(context, () => handler(context, clientActor(context), context.params.id ?? '')),
    });

  shell.route({ method: 'GET', path, need: 'signedIn', handler: (context) => guarded(context, () => clientPage(deps, context, { done: queryValue(context.query.done) })) });
  post('approve', async (context, actor, id) => {
    await deps.clients.approve(actor, id);
    return seeOther(context.reply, context.lang, `${CLIENTS_PATH}/${id}?done=approved`);
  });
  post('refuse', async (context, actor, id) => {
    const reason = value(context.body, 'reason');
    if (reason.trim() === '') return clientPage(deps, context, { errors: [{ id: 'reason', text: t(context.lang, 'error.reason') }] });
    await deps.clients.refuse(actor, id, reason);
    return seeOther(context.reply, context.lang, `${CLIENTS_PATH}?done=refused`);
  });
  post('secret', async (context, actor, id) => {
    const { request, secret } = await deps.clients.firstSecret(actor, id);
    return secretPage(deps, context, request, secret, null);
  });
  post('rotate', async (context, actor, id) => {
    const { request, secret, previousValidUntil } = await deps.clients.rotateSecret(actor, id);
    return secretPage(deps, context, request, secret, previousValidUntil);
  });
  post('limit', async (context, actor, id) => {
    const [perMinute, burst] = [value(context.body, 'perMinute'), value(context.body, 'burst')];
    if (value(context.body, 'action') === 'clear') await deps.clients.setLimit(actor, id, null);
    else if (!LIMIT.test(perMinute) || !LIMIT.test(burst) || Number(perMinute) < 1 || Number(burst) < 1) {
      return clientPage(deps, context, { errors: [{ id: 'perMinute', text: t(context.lang, 'error.limit') }] });
    } else await deps.clients.setLimit(actor, id, { perMinute: Number(perMinute), burst: Number(burst) });
    return seeOther(context.reply, context.lang, `${CLIENTS_PATH}/${id}?done=limit`);
  });
}
