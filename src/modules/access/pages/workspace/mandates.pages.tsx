/**
 * The mandates pages (P15): the mandates given by the party acted for (the
 * person or a company on whose board they sit) and those the person received,
 * each mandate's page with its full history, accepting a pending mandate, and
 * revoking one after a confirmation step. Reads are audit-logged as the API's
 * are (`access.mandates_read`, `access.mandate_read`).
 */
import { TableHead, WarningText } from '../../../../platform/web/fields.js';
import { escapeHtml as e } from '@kitajs/html';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { formatDate, formatDateTime, otherLang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import type { Mandate } from '../../index.js';
import { auditContext } from '../../../audit/index.js';
import { inclusiveEnd, lookups, MandateTable, ScopeList } from './mandates.components.js';
import { t, type MandatesKey } from './mandates.messages.js';
import { ActingBanner, SuccessBanner, workspaceCrumbs } from '../../../../platform/web/workspace.components.js';
import { at, seeOther, type PageContext, type WorkspaceShell } from '../../../../platform/web/workspace.js';
import { t as ui } from '../../../../platform/web/workspace.messages.js';
import { mandatePartyText, partyText, StatusTag } from './parties.components.js';
import { canManageMandates, changeContext, nameParties, type AccessPagesDeps } from './acting.js';
import { textOf } from '../../../../platform/web/form-values.js';

async function listPage(deps: AccessPagesDeps, context: PageContext): Promise<string> {
  const { lang, acting, principal, request } = context;
  const manage = canManageMandates(acting);
  const onBehalfOf = acting.current.basis === 'self' ? undefined : acting.current.party;
  const [given, received] = await Promise.all([manage ? deps.mandates.list(principal, 'given', onBehalfOf) : Promise.resolve(undefined), deps.mandates.list(principal, 'received', undefined)]);
  // Reading who represents whom is a read of personal data, recorded as the API records it.
  if (given) await deps.audit.record({ ...auditContext(request), onBehalfOf: onBehalfOf ?? null, action: 'access.mandates_read', details: { direction: 'given', count: given.length, via: 'workspace' } });
  await deps.audit.record({ ...auditContext(request), action: 'access.mandates_read', details: { direction: 'received', count: received.length, via: 'workspace' } });
  const found = await lookups(deps, context, [...(given ?? []), ...received]);
  const done = textOf(context.query.done);
  const doneText = done === 'granted' ? t(lang, 'mandates.granted') : done === 'granted-pending' ? t(lang, 'mandates.grantedPending') : undefined;
  const title = t(lang, 'mandates.title');
  return renderPage({
    lang,
    title,
    alternateUrl: at(otherLang(lang), '/workspace/mandates'),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang),
    children: (
      <>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <SuccessBanner lang={lang} text={doneText} />
            <ActingBanner lang={lang} acting={acting} />
            <h1 class="govuk-heading-l" safe>
              {title}
            </h1>
            <p class="govuk-body" safe>
              {t(lang, 'mandates.lead')}
            </p>
            {manage ? (
              <a href={at(lang, '/workspace/mandates/new')} role="button" draggable="false" class="govuk-button" data-module="govuk-button" safe>
                {t(lang, 'mandates.new')}
              </a>
            ) : (
              ''
            )}
          </div>
        </div>
        <h2 class="govuk-heading-m" id="given" safe>
          {t(lang, 'mandates.given')}
        </h2>
        {given ? (
          <>
            <p class="govuk-body" safe>
              {t(lang, 'mandates.givenBy', { party: acting.current.text })}
            </p>
            {given.length > 0 ? (
              <MandateTable lang={lang} mandates={given} lookups={found} side="representative" caption={t(lang, 'mandates.given')} />
            ) : (
              <p class="govuk-body" safe>
                {t(lang, 'mandates.givenNone')}
              </p>
            )}
          </>
        ) : (
          <p class="govuk-body" safe>
            {t(lang, 'mandates.givenUnavailable', { party: acting.current.text, basis: acting.current.basisText })}
          </p>
        )}
        <h2 class="govuk-heading-m" id="received" safe>
          {t(lang, 'mandates.received')}
        </h2>
        <p class="govuk-body" safe>
          {t(lang, 'mandates.receivedLead')}
        </p>
        {received.length > 0 ? (
          <MandateTable lang={lang} mandates={received} lookups={found} side="grantor" caption={t(lang, 'mandates.received')} />
        ) : (
          <p class="govuk-body" safe>
            {t(lang, 'mandates.receivedNone')}
          </p>
        )}
      </>
    ),
  });
}

/** The person may revoke: they gave it, or sit on the board of the company that did; and it is still in effect or to come. */
function mayRevoke(context: PageContext, mandate: Mandate): boolean {
  const own = mandate.grantor === context.principal.personalCode || context.acting.options.some((option) => option.basis === 'board_member' && option.party === mandate.grantor);
  return own && ['pending', 'active', 'scheduled'].includes(mandate.status);
}

const mayAccept = (context: PageContext, mandate: Mandate): boolean => mandate.representative === context.principal.personalCode && mandate.status === 'pending';

const DONE: Record<string, MandatesKey> = { accepted: 'mandate.accepted', revoked: 'mandate.revoked', changed: 'mandate.stateChanged' };

async function detailPage(deps: AccessPagesDeps, context: PageContext): Promise<string> {
  const { lang, acting, principal, request, csrf } = context;
  const mandate = await deps.mandates.get(principal, context.params.id ?? '');
  await deps.audit.record({ ...auditContext(request), action: 'access.mandate_read', target: `mandate:${mandate.id}`, details: { via: 'workspace' } });
  const found = await lookups(deps, context, [mandate]);
  const historyActors = await nameParties(deps.persons, mandate.history.map((event) => event.actor.replace(/^person:/, '')), found.names);
  const done = DONE[textOf(context.query.done)];
  const path = `/workspace/mandates/${mandate.id}`;
  const row = (key: MandatesKey, value: JSX.Element | string): JSX.Element => (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key" safe>
        {t(lang, key)}
      </dt>
      <dd class="govuk-summary-list__value">{value}</dd>
    </div>
  );
  return renderPage({
    lang,
    title: t(lang, 'mandate.title'),
    alternateUrl: at(otherLang(lang), path),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang, { href: at(lang, '/workspace/mandates'), text: t(lang, 'mandates.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <SuccessBanner lang={lang} text={done ? t(lang, done) : undefined} important={done === 'mandate.stateChanged'} />
          <ActingBanner lang={lang} acting={acting} />
          <span class="govuk-caption-l" safe>
            {mandatePartyText(lang, mandate.grantor, mandate.grantorKind, found.names)}
          </span>
          <h1 class="govuk-heading-l" safe>
            {t(lang, 'mandate.title')}
          </h1>
          <dl class="govuk-summary-list">
            {row('mandate.status', <StatusTag lang={lang} status={mandate.status} />)}
            {row('mandate.grantor', e(mandatePartyText(lang, mandate.grantor, mandate.grantorKind, found.names)))}
            {row('mandate.representative', e(mandatePartyText(lang, mandate.representative, 'person', found.names)))}
            {row('mandate.scope', <ScopeList lang={lang} mandate={mandate} services={found.services} links />)}
            {row('mandate.validFrom', e(formatDate(mandate.validFrom, lang)))}
            {row('mandate.validUntil', e(mandate.validUntil ? formatDate(inclusiveEnd(mandate.validUntil), lang) : t(lang, 'mandate.noEnd')))}
            {row('mandate.requiresAcceptance', e(t(lang, mandate.requiresAcceptance ? 'common.yes' : 'common.no')))}
          </dl>
          {mayAccept(context, mandate) ? (
            <form method="post" action={at(lang, `${path}/accept`)} novalidate>
              <input type="hidden" name="_csrf" value={csrf} />
              <p class="govuk-body" safe>
                {t(lang, 'mandate.acceptLead')}
              </p>
              <button type="submit" class="govuk-button" data-module="govuk-button" safe>
                {t(lang, 'mandate.accept')}
              </button>
            </form>
          ) : (
            ''
          )}
          {mayRevoke(context, mandate) ? (
            <a href={at(lang, `${path}/revoke`)} role="button" draggable="false" class="govuk-button govuk-button--warning" data-module="govuk-button" safe>
              {t(lang, 'mandate.revoke')}
            </a>
          ) : (
            ''
          )}
          <h2 class="govuk-heading-m" safe>
            {t(lang, 'mandate.history')}
          </h2>
          <table class="govuk-table">
            <TableHead caption={t(lang, 'mandate.history')} headers={(['mandate.colWhen', 'mandate.colEvent', 'mandate.colActor'] as const).map((key) => t(lang, key))} />
            <tbody class="govuk-table__body">
              {mandate.history.map((event) => {
                const code = event.actor.replace(/^person:/, '');
                return (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell" safe>
                      {formatDateTime(event.occurredAt, lang)}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {t(lang, `event.${event.event}`)}
                    </td>
                    <td class="govuk-table__cell" safe>
                      {event.actor.startsWith('person:') ? partyText(lang, { party: code, partyKind: 'person', name: historyActors.get(code) }) : event.actor}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p class="govuk-body">
            <a class="govuk-link" href={at(lang, '/workspace/mandates')} safe>
              {t(lang, 'mandates.title')}
            </a>
          </p>
        </div>
      </div>
    ),
  });
}

async function revokeConfirmPage(deps: AccessPagesDeps, context: PageContext): Promise<FastifyReply | string> {
  const { lang, acting, principal, reply, csrf } = context;
  const mandate = await deps.mandates.get(principal, context.params.id ?? '');
  const path = `/workspace/mandates/${mandate.id}`;
  if (!mayRevoke(context, mandate)) return seeOther(reply, lang, path);
  const found = await lookups(deps, context, [mandate]);
  return renderPage({
    lang,
    title: t(lang, 'revoke.title'),
    alternateUrl: at(otherLang(lang), `${path}/revoke`),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang, { href: at(lang, '/workspace/mandates'), text: t(lang, 'mandates.title') }, { href: at(lang, path), text: t(lang, 'mandate.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ActingBanner lang={lang} acting={acting} />
          <h1 class="govuk-heading-l" safe>
            {t(lang, 'revoke.title')}
          </h1>
          <p class="govuk-body" safe>
            {t(lang, 'revoke.lead', {
              representative: mandatePartyText(lang, mandate.representative, 'person', found.names),
              grantor: mandatePartyText(lang, mandate.grantor, mandate.grantorKind, found.names),
            })}
          </p>
          <WarningText text={t(lang, 'revoke.warning')} important={ui(lang, 'common.important')} />
          <form method="post" action={at(lang, `${path}/revoke`)} novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            <div class="govuk-button-group">
              <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" safe>
                {t(lang, 'revoke.confirm')}
              </button>
              <a class="govuk-link" href={at(lang, path)} safe>
                {t(lang, 'revoke.cancel')}
              </a>
            </div>
          </form>
        </div>
      </div>
    ),
  });
}

/** Another tab (or the other party) may have changed the mandate first: show it as it now is. */
const isStale = (error: unknown): boolean => error instanceof AppError && (error.kind === 'conflict' || error.kind === 'forbidden');

export function registerMandatePages(shell: WorkspaceShell, deps: AccessPagesDeps): void {
  shell.route({ method: 'GET', path: '/workspace/mandates', handler: (context) => listPage(deps, context) });
  shell.route({ method: 'GET', path: '/workspace/mandates/:id', handler: (context) => detailPage(deps, context) });
  shell.route({ method: 'GET', path: '/workspace/mandates/:id/revoke', handler: (context) => revokeConfirmPage(deps, context) });

  shell.route({
    method: 'POST',
    path: '/workspace/mandates/:id/accept',
    handler: async (context) => {
      const { principal, reply, lang, request } = context;
      const mandate = await deps.mandates.get(principal, context.params.id ?? '');
      const path = `/workspace/mandates/${mandate.id}`;
      try {
        await deps.mandates.accept(principal, mandate.id, changeContext(request));
        return seeOther(reply, lang, `${path}?done=accepted`);
      } catch (error) {
        if (isStale(error)) return seeOther(reply, lang, `${path}?done=changed`);
        throw error;
      }
    },
  });

  shell.route({
    method: 'POST',
    path: '/workspace/mandates/:id/revoke',
    handler: async (context) => {
      const { principal, reply, lang, request } = context;
      const mandate = await deps.mandates.get(principal, context.params.id ?? '');
      const path = `/workspace/mandates/${mandate.id}`;
      if (!mayRevoke(context, mandate)) return seeOther(reply, lang, `${path}?done=changed`);
      try {
        await deps.mandates.revoke(principal, mandate.id, mandate.grantorKind === 'company' ? mandate.grantor : undefined, changeContext(request));
        return seeOther(reply, lang, `${path}?done=revoked`);
      } catch (error) {
        if (isStale(error)) return seeOther(reply, lang, `${path}?done=changed`);
        throw error;
      }
    },
  });
}
