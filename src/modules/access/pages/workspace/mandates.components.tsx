/**
 * How mandates read on the workspace's pages: their parties by name, their
 * services by title, their validity in words, and the tables of mandates
 * given and received.
 *
 * @kitajs/html does not escape children: every dynamic text goes through
 * `safe` (leaf elements) or `e()`.
 */
import { escapeHtml as e } from '@kitajs/html';
import type { Lang } from '../../../../platform/web/i18n.js';
import { formatDate } from '../../../../platform/web/i18n.js';
import type { Mandate } from '../../index.js';
import { portalPath, type Service } from '../../../catalog/index.js';
import { t } from './mandates.messages.js';
import { at, type PageContext } from '../../../../platform/web/workspace.js';
import { knownNames, mandatePartyText, StatusTag } from './parties.components.js';
import { nameParties, type AccessPagesDeps } from './acting.js';

/** What a page needs to show mandates in words: parties' names and services' titles. */
export interface Lookups {
  names: Map<string, string>;
  services: Map<string, Service>;
}

export async function lookups(deps: AccessPagesDeps, context: PageContext, mandates: Mandate[]): Promise<Lookups> {
  const codes = mandates.flatMap((mandate) => [mandate.grantor, mandate.representative]);
  const ids = [...new Set(mandates.flatMap((mandate) => ('services' in mandate.scope ? mandate.scope.services : [])))];
  const [names, services] = await Promise.all([nameParties(deps.persons, codes, knownNames(context.acting)), ids.length > 0 ? deps.catalog.getMany(ids) : Promise.resolve([])]);
  return { names, services: new Map(services.map((service) => [service.id, service])) };
}

export function ScopeList({ lang, mandate, services, links }: { lang: Lang; mandate: Mandate; services: Map<string, Service>; links?: boolean }): JSX.Element {
  if (!('services' in mandate.scope)) return <>{e(t(lang, 'scope.all'))}</>;
  return (
    <ul class="govuk-list govuk-!-margin-bottom-0">
      {mandate.scope.services.map((id) => {
        const service = services.get(id);
        if (!service) return <li safe>{t(lang, 'scope.unpublished')}</li>;
        return links ? (
          <li>
            <a class="govuk-link" href={portalPath(service, lang)} safe>
              {service.title[lang]}
            </a>
          </li>
        ) : (
          <li safe>{service.title[lang]}</li>
        );
      })}
    </ul>
  );
}

export function Validity({ lang, mandate }: { lang: Lang; mandate: Mandate }): JSX.Element {
  return (
    <>
      {e(t(lang, 'validity.from', { date: formatDate(mandate.validFrom, lang) }))}
      <br />
      {e(mandate.validUntil ? t(lang, 'validity.until', { date: formatDate(inclusiveEnd(mandate.validUntil), lang) }) : t(lang, 'validity.open'))}
    </>
  );
}

/** A mandate "until 31 December" ends at the start of 1 January: people read the last day it holds. */
export function inclusiveEnd(iso: string): string {
  return new Date(new Date(iso).getTime() - 1).toISOString();
}

export function MandateTable({ lang, mandates, lookups, side, caption }: { lang: Lang; mandates: Mandate[]; lookups: Lookups; side: 'representative' | 'grantor'; caption: string }): JSX.Element {
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-visually-hidden" safe>
        {caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header" safe>
            {t(lang, side === 'representative' ? 'mandates.colRepresentative' : 'mandates.colGrantor')}
          </th>
          <th scope="col" class="govuk-table__header" safe>
            {t(lang, 'mandates.colScope')}
          </th>
          <th scope="col" class="govuk-table__header" safe>
            {t(lang, 'mandates.colValidity')}
          </th>
          <th scope="col" class="govuk-table__header" safe>
            {t(lang, 'mandates.colStatus')}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {mandates.map((mandate) => {
          const party = side === 'representative' ? mandatePartyText(lang, mandate.representative, 'person', lookups.names) : mandatePartyText(lang, mandate.grantor, mandate.grantorKind, lookups.names);
          return (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={at(lang, `/workspace/mandates/${mandate.id}`)} safe>
                  {party}
                </a>
              </td>
              <td class="govuk-table__cell">
                <ScopeList lang={lang} mandate={mandate} services={lookups.services} />
              </td>
              <td class="govuk-table__cell">
                <Validity lang={lang} mandate={mandate} />
              </td>
              <td class="govuk-table__cell">
                <StatusTag lang={lang} status={mandate.status} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
