/**
 * Parties and mandates in words, for the access module's workspace pages and
 * for other modules' pages that name a party (through access's index.ts):
 * "Anna Kalniņa (230390-11113)", 'SIA "Demo Būve" (reģ. nr. 40003012340)',
 * the ground one acts on, and a mandate's status tag.
 */
import type { Lang } from '../../../../platform/web/i18n.js';
import type { Acting } from '../../../../platform/web/workspace.js';
import type { Basis, Mandate } from '../../access.schemas.js';
import { t } from './mandates.messages.js';

/** "Anna Kalniņa (230390-11113)", 'SIA "Demo Būve" (reģ. nr. 40003012340)'; the code alone when no register names the party. */
export function partyText(lang: Lang, party: { party: string; partyKind: 'person' | 'company'; name?: string | undefined }): string {
  if (!party.name) return t(lang, party.partyKind === 'company' ? 'common.unknownCompany' : 'common.unknownPerson', { code: party.party });
  return party.partyKind === 'company' ? `${party.name} (${t(lang, 'common.regNo', { code: party.party })})` : `${party.name} (${party.party})`;
}

export const basisText = (lang: Lang, basis: Basis): string => t(lang, `basis.${basis}`);

/** A party of a mandate (grantor or representative) in words. */
export function mandatePartyText(lang: Lang, code: string, kind: 'person' | 'company', names: Map<string, string>): string {
  return partyText(lang, { party: code, partyKind: kind, name: names.get(code) });
}

const STATUS_CLASS: Record<Mandate['status'], string> = {
  pending: 'govuk-tag--yellow',
  active: 'govuk-tag--green',
  scheduled: 'govuk-tag--blue',
  expired: 'govuk-tag--grey',
  revoked: 'govuk-tag--red',
};

export function StatusTag({ lang, status }: { lang: Lang; status: Mandate['status'] }): JSX.Element {
  return (
    <strong class={`govuk-tag ${STATUS_CLASS[status]}`} safe>
      {t(lang, `status.${status}`)}
    </strong>
  );
}

/** The parties of `acting` by code, for naming other parties without asking the registers again. */
export function knownNames(acting: Acting): Map<string, string> {
  const names = new Map<string, string>();
  for (const party of [acting.self, acting.current, ...acting.options]) if (party.name) names.set(party.party, party.name);
  return names;
}
