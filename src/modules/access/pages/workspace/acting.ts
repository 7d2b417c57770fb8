/**
 * Whom a signed-in person may act for (P9), as the workspace shell asks it on
 * every request: the person themselves, companies on whose board they sit,
 * minors they represent as parent, and everyone who gave them a mandate —
 * each named from the registers. A remembered choice whose right has gone
 * (revoked mandate, child come of age, left the board) is dropped and the
 * person acts for themselves.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import type { Principal } from '../../../../platform/http/auth.js';
import type { Lang } from '../../../../platform/web/i18n.js';
import type { Acting, ActingParty, ActingResolver } from '../../../../platform/web/workspace.js';
import { auditContext, type AuditService } from '../../../audit/index.js';
import type { CatalogService } from '../../../catalog/index.js';
import type { AccessService, ActingOption } from '../../access.service.js';
import type { MandateService } from '../../mandates.service.js';
import { t } from './mandates.messages.js';
import { basisText, partyText } from './parties.components.js';

/**
 * Names of persons by their codes (the identity module's register, handed in
 * by app.ts: identity itself asks access about personal codes, so access does
 * not import it).
 */
export interface PersonNames {
  findPersonsByCode(personalCodes: string[]): Promise<Array<{ personalCode: string; givenName: string; familyName: string }>>;
}

export interface AccessPagesDeps {
  access: AccessService;
  mandates: MandateService;
  catalog: CatalogService;
  audit: AuditService;
  persons: PersonNames;
}

/** Person codes are kept `DDMMYY-NNNNN` by access and as 11 digits by identity. */
const digits = (code: string): string => code.replace('-', '');

/** Names of persons (from the person register) and companies (as the access module gave them). */
export async function nameParties(persons: PersonNames, codes: string[], known: ReadonlyMap<string, string> = new Map()): Promise<Map<string, string>> {
  const names = new Map(known);
  const found = await persons.findPersonsByCode([...new Set(codes.filter((code) => !names.has(code)))]);
  const byDigits = new Map(found.map((person) => [person.personalCode, `${person.givenName} ${person.familyName}`]));
  for (const code of codes) {
    const name = byDigits.get(digits(code));
    if (name && !names.has(code)) names.set(code, name);
  }
  return names;
}

function named(lang: Lang, option: ActingOption & { mandateId?: string }, names: Map<string, string>): ActingParty {
  const party = { party: option.party, partyKind: option.partyKind, basis: option.basis, name: option.name ?? names.get(option.party) };
  return { ...party, ...(option.mandateId ? { grantId: option.mandateId } : {}), text: partyText(lang, party), basisText: basisText(lang, option.basis) };
}

/** Refusals that mean "no such right" (as opposed to a failure to find out). */
const isNoRight = (error: unknown): boolean => error instanceof AppError && ['forbidden', 'invalid'].includes(error.kind);

export function createActingResolver(deps: Pick<AccessPagesDeps, 'access' | 'audit' | 'persons'>): ActingResolver {
  return {
    async resolve(principal: Principal, choice: string | undefined, lang: Lang): Promise<Acting> {
      const selfCode = principal.personalCode as string;
      let current: ActingOption = { party: selfCode, partyKind: 'person', basis: 'self' };
      let dropped: string | undefined;
      if (choice && choice !== selfCode) {
        try {
          current = await deps.access.resolveActingFor(principal, choice);
        } catch (error) {
          if (!isNoRight(error)) throw error;
          dropped = choice;
        }
      }
      const options = await deps.access.actingOptions(selfCode);
      const companies = new Map(options.filter((option) => option.name).map((option) => [option.party, option.name as string]));
      const names = await nameParties(deps.persons, [selfCode, current.party, ...options.map((option) => option.party), ...(dropped ? [dropped] : [])], companies);
      if (principal.displayName) names.set(selfCode, principal.displayName);
      const listed = options.map((option) => named(lang, option, names));
      return {
        self: listed[0] ?? named(lang, { party: selfCode, partyKind: 'person', basis: 'self' }, names),
        current: named(lang, current, names),
        options: listed,
        ...(dropped ? { dropped: names.has(dropped) ? `${names.get(dropped)} (${dropped})` : dropped } : {}),
      };
    },
    async choose(request: FastifyRequest, principal: Principal, party: string, lang: Lang): Promise<ActingParty | undefined> {
      try {
        const right = await deps.access.resolveActingFor(principal, party);
        // Who acts for whom is personal data in itself: the choice is on the record.
        await deps.audit.record({ ...auditContext(request), onBehalfOf: right.party === principal.personalCode ? null : right.party, action: 'workspace.acting_for_chosen', details: { basis: right.basis } });
        const names = await nameParties(deps.persons, [right.party]);
        return named(lang, { party: right.party, partyKind: right.partyKind, basis: right.basis }, names);
      } catch (error) {
        if (!isNoRight(error)) throw error;
        return undefined;
      }
    },
    texts: (lang: Lang) => ({ lead: t(lang, 'home.lead'), onlySelf: t(lang, 'switch.onlySelf') }),
  };
}

/** The person themselves or a company on whose board they sit: those may give and revoke mandates. */
export const canManageMandates = (acting: Acting): boolean => acting.current.basis === 'self' || acting.current.basis === 'board_member';

/** Who did it and from where, for the audit entries of page reads and changes. */
export const changeContext = (request: FastifyRequest): { ip: string; userAgent: string | null } => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
