/**
 * The console's webhooks (P5, P17): each institution's staff see their
 * institution's webhooks, platform administrators all, with what is waiting,
 * failing or failed and the last attempt; a hand-over that keeps failing is
 * restarted here (audited). Plain forms, no JavaScript.
 */
import { formatDateTime, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { at, consoleCrumbs, queryValue, type ConsoleShell, type PageContext, type Staff } from '../../../../platform/web/console.js';
import { Csrf, SuccessBanner, TableHead } from '../../../../platform/web/fields.js';
import type { WebhookHealth, WebhooksService } from '../../webhooks.service.js';
import { t } from './webhooks.messages.js';

const PATH = '/console/webhooks';

/** The institutions whose webhooks a staff member sees: every one for platform administrators (null). */
function scopeOf(staff: Staff): string[] | null {
  if (staff.platformAdmin) return null;
  return [...new Set(staff.roles.map((grant) => grant.institutionId).filter((id): id is string => typeof id === 'string'))];
}

function State({ lang, webhook }: { lang: Lang; webhook: WebhookHealth }): JSX.Element {
  const [tag, text] = webhook.status === 'disabled' ? ['govuk-tag--red', t(lang, 'disabled')] : webhook.failing > 0 ? ['govuk-tag--orange', t(lang, 'failing')] : ['govuk-tag--green', t(lang, 'active')];
  return (
    <>
      <strong class={`govuk-tag ${tag}`} safe>
        {text}
      </strong>
      <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0" safe>
        {t(lang, 'counts', { pending: webhook.pending, failed: webhook.failed })}
      </p>
      {webhook.disabledReason ? (
        <p class="govuk-body-s govuk-!-margin-bottom-0" safe>
          {webhook.disabledReason}
        </p>
      ) : (
        ''
      )}
    </>
  );
}

async function listPage(webhooks: WebhooksService, { lang, staff, query, csrf }: PageContext): Promise<string> {
  const rows = await webhooks.health(scopeOf(staff));
  const restarted = queryValue(query.restarted);
  return renderPage({
    lang,
    title: t(lang, 'title'),
    alternateUrl: at(otherLang(lang), PATH),
    section: 'console',
    breadcrumbs: consoleCrumbs(lang),
    children: (
      <>
        <SuccessBanner lang={lang} text={/^\d+$/.test(restarted) ? t(lang, 'restarted', { count: Number(restarted) }) : undefined} />
        <h1 class="govuk-heading-l" safe>
          {t(lang, 'title')}
        </h1>
        <p class="govuk-body" safe>
          {t(lang, 'lead')}
        </p>
        {rows.length === 0 ? (
          <p class="govuk-body" safe>
            {t(lang, 'none')}
          </p>
        ) : (
          <table class="govuk-table">
            <TableHead caption={t(lang, 'title')} headers={(['client', 'url', 'state', 'last', 'action'] as const).map((key) => t(lang, key))} />
            <tbody class="govuk-table__body">
              {rows.map((webhook) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <code safe>{webhook.client}</code>
                  </td>
                  <td class="govuk-table__cell">
                    <span class="pk-permalink" safe>
                      {webhook.url}
                    </span>
                    <p class="govuk-body-s govuk-!-margin-bottom-0" safe>
                      {webhook.eventTypes.join(', ')}
                    </p>
                  </td>
                  <td class="govuk-table__cell">
                    <State lang={lang} webhook={webhook} />
                  </td>
                  <td class="govuk-table__cell" safe>
                    {webhook.lastAttempt ? `${formatDateTime(webhook.lastAttempt.at, lang)}: ${webhook.lastAttempt.statusCode ?? webhook.lastAttempt.error ?? ''}` : t(lang, 'never')}
                  </td>
                  <td class="govuk-table__cell">
                    {webhook.status === 'disabled' || webhook.failing > 0 || webhook.failed > 0 ? (
                      <form method="post" action={at(lang, `${PATH}/${webhook.id}/restart`)}>
                        <Csrf token={csrf} />
                        <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                          {t(lang, 'restart')}
                          <span class="govuk-visually-hidden" safe>{` ${t(lang, 'restartFor', { url: webhook.url })}`}</span>
                        </button>
                      </form>
                    ) : (
                      ''
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

export function registerIntegrationConsolePages(shell: ConsoleShell, webhooks: WebhooksService): void {
  shell.route({ method: 'GET', path: PATH, need: 'staff', handler: (context) => listPage(webhooks, context) });
  shell.route({
    method: 'POST',
    path: `${PATH}/:id/restart`,
    need: 'staff',
    handler: async ({ lang, staff, params, reply }) => {
      const { resent } = await webhooks.restart(staff.principal, params.id ?? '', scopeOf(staff));
      return reply.redirect(`${at(lang, PATH)}?restarted=${resent}`, 303);
    },
  });
  shell.tile({ path: PATH, title: (lang) => t(lang, 'title'), text: (lang) => t(lang, 'tileText'), shows: (staff) => staff.roles.length > 0, order: 90 });
}
