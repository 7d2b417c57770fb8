/**
 * "Who looked at my data" (as Estonia's data tracker shows it): the audit
 * trail's entries about the party the person acts for — its applications,
 * its lists, anything done on its behalf — by anyone but the person. Staff
 * are shown by a masked personal code, systems by their client id. Reading
 * the log is itself on the record. No JavaScript.
 */
import { formatDateTime, otherLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { TableHead } from '../../../../platform/web/fields.js';
import { at, type WorkspaceShell } from '../../../../platform/web/workspace.js';
import { workspaceCrumbs } from '../../../../platform/web/workspace.components.js';
import { dataAccessLog, describeActor, type DataAccessDeps } from '../../data-access.js';
import { t, type DataAccessKey } from './data-access.messages.js';

export const DATA_ACCESS_PATH = '/workspace/data-access';

const KNOWN: DataAccessKey[] = [
  'applications.read',
  'applications.listed',
  'integration.event_delivered',
  'audit.data_access_read',
  'registers.population_read',
  'registers.companies_read',
  'registers.vehicles_read',
  'registers.property_read',
];
const whatText = (lang: Lang, action: string): string => (KNOWN.includes(action as DataAccessKey) ? t(lang, action as DataAccessKey) : t(lang, 'other', { action }));

export function registerDataAccessWorkspacePages(shell: WorkspaceShell, deps: DataAccessDeps): void {
  shell.tile(({ lang }) => ({ href: at(lang, DATA_ACCESS_PATH), title: t(lang, 'title'), text: t(lang, 'tileText') }));
  shell.route({
    method: 'GET',
    path: DATA_ACCESS_PATH,
    handler: async ({ lang, principal, acting, request }) => {
      const self = principal.personalCode as string;
      const party = acting.current.party;
      const entries = await dataAccessLog(deps, { self, party, ip: request.ip, via: 'workspace' });
      return renderPage({
        lang,
        title: t(lang, 'title'),
        alternateUrl: at(otherLang(lang), DATA_ACCESS_PATH),
        section: 'workspace',
        breadcrumbs: workspaceCrumbs(lang),
        children: (
          <>
            <h1 class="govuk-heading-l" safe>
              {t(lang, 'title')}
            </h1>
            <p class="govuk-body" safe>
              {t(lang, 'lead', { party: acting.current.text })}
            </p>
            {entries.length === 0 ? (
              <p class="govuk-body" safe>
                {t(lang, 'none')}
              </p>
            ) : (
              <table class="govuk-table">
                <TableHead caption={t(lang, 'title')} headers={[t(lang, 'when'), t(lang, 'who'), t(lang, 'what')]} />
                <tbody class="govuk-table__body">
                  {entries.map((entry) => {
                    const actor = describeActor(entry);
                    return (
                      <tr class="govuk-table__row">
                        <td class="govuk-table__cell">
                          <time datetime={entry.occurredAt} safe>
                            {formatDateTime(entry.occurredAt, lang)}
                          </time>
                        </td>
                        <td class="govuk-table__cell" safe>
                          {actor.kind === 'platform' ? t(lang, 'platform') : t(lang, actor.kind, { id: actor.id, code: actor.id })}
                        </td>
                        <td class="govuk-table__cell" safe>
                          {`${whatText(lang, entry.action)}${entry.onBehalfOf === party ? ` (${t(lang, 'onBehalf')})` : ''}`}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </>
        ),
      });
    },
  });
}
