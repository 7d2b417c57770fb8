/**
 * Client rights (P9) and staff roles: who may act for which party, on which
 * ground, and who holds which role in which institution. Every change is
 * audited in the same transaction as the change.
 */
import type { Kysely, RawBuilder } from 'kysely';
import { inTransaction } from '../../platform/db/database.js';
import type { Principal, RoleGrant } from '../../platform/http/auth.js';
import type { AuditService } from '../audit/index.js';
import * as errors from './access.errors.js';
import * as repo from './access.repo.js';
import type { AccessTables } from './access.repo.js';
import { ROLES, STAFF_ROLES, type Right, type Role, type RoleGrantRecord } from './access.schemas.js';
import { isMinor, parseParty } from './parties.js';

export interface RightQuery {
  /** the person who wants to act */
  representative: string;
  /** the party acted for: a personal code or a registration number */
  represented: string;
  /** a service the action concerns; mandates limited to other services do not count */
  serviceId?: string;
}

export interface ActingOption {
  party: string;
  partyKind: 'person' | 'company';
  name?: string;
  basis: Right['basis'];
  mandateId?: string;
}

export interface AccessService {
  /**
   * The ground on which `representative` may act for `represented`, or undefined when there is none. `asker`:
   * the request's caller, when it is the representative; what this request already read of its rights (e.g.
   * On-Behalf-Of's check) is not read again.
   */
  findRight(query: RightQuery, asker?: Principal): Promise<Right | undefined>;
  /**
   * The services a person's mandates from the party cover: 'all', or the ones
   * named (empty: no mandate). One question instead of `findRight` per service
   * for a list that a mandate narrows; other rights (parent, board member) cover
   * every service and are `findRight`'s to find.
   */
  mandatedServices(query: Omit<RightQuery, 'serviceId'>): Promise<'all' | string[]>;
  /**
   * `findRight` for no one service, with the services the right covers: 'all'
   * but for a mandate, whose services are those of every mandate in force from
   * the party. One round trip for a list that a mandate narrows.
   */
  findRightWithServices(query: Omit<RightQuery, 'serviceId'>, asker?: Principal): Promise<{ right: Right; services: 'all' | string[] } | undefined>;
  /**
   * The party a request acts for: the caller, or the party named in On-Behalf-Of
   * when a right covers it (403 otherwise). `serviceId` narrows mandates.
   */
  resolveActingFor(principal: Principal, onBehalfOf: string | undefined, serviceId?: string): Promise<Right>;
  /** everyone the person may act for, for the workspace's "whom I act for" switch */
  actingOptions(personalCode: string): Promise<ActingOption[]>;
  rolesOf(personalCode: string): Promise<RoleGrant[]>;
  /** rolesOf as an expression another module's statement brings along (the web session's look-up), and its value read */
  rolesInStatement: { select(personalCode: RawBuilder<string>): RawBuilder<unknown>; read(value: unknown): RoleGrant[] };
  listStaff(actor: Principal, institutionId: string): Promise<RoleGrantRecord[]>;
  grantRole(actor: Principal, grant: { personalCode: string; role: Role; institutionId: string | null }, context?: AuditContext): Promise<RoleGrantRecord>;
  revokeRole(actor: Principal, grantId: string, context?: AuditContext): Promise<void>;
}

export interface AuditContext {
  ip?: string | null;
  userAgent?: string | null;
}

export interface AccessOptions {
  audit: (db: Kysely<AccessTables>) => AuditService;
  now?: () => Date;
}

const day = (at: Date): string => at.toISOString().slice(0, 10);

export function actorOfPrincipal(principal: Principal): string {
  return principal.kind === 'person' && principal.personalCode ? `person:${principal.personalCode}` : principal.subject;
}

/** The services mandates cover together: 'all', or the union of those they name (empty: none). */
function servicesOf(mandates: repo.RightGrounds['mandates']): 'all' | string[] {
  return mandates.some((mandate) => mandate.allServices) ? 'all' : [...new Set(mandates.flatMap((mandate) => mandate.services))];
}

/** Institution admins manage their own institution's staff; platform admins manage every institution's. */
function canManageStaff(actor: Principal, institutionId: string | null): boolean {
  if (actor.roles.some((grant) => grant.role === 'platform_admin')) return true;
  return institutionId !== null && actor.roles.some((grant) => grant.role === 'institution_admin' && grant.institutionId === institutionId);
}

const roleGrant = (role: string, institutionId: string | null): RoleGrant => (institutionId ? { role, institutionId } : { role });

/**
 * The grounds read for a request's caller, by party, kept with the caller's principal: the authenticators make a
 * principal for every request, so it lives as long as the request does. On-Behalf-Of's check (every API request
 * that names a party) and the route's own question about the same party then read them once, not twice.
 */
const groundsOfRequest = new WeakMap<Principal, Map<string, Promise<repo.RightGrounds>>>();

export function createAccessService(root: Kysely<AccessTables>, options: AccessOptions): AccessService {
  const now = options.now ?? (() => new Date());

  const readGrounds = (party: string, representative: string): Promise<repo.RightGrounds> => {
    const at = now();
    return repo.rightGrounds(root, party, representative, at, day(at));
  };

  /** The grounds, read once per request when the asker is the representative. */
  const groundsFor = (party: string, representative: string, asker: Principal | undefined): Promise<repo.RightGrounds> => {
    if (!asker || asker.personalCode === undefined || parseParty(asker.personalCode)?.id !== representative) return readGrounds(party, representative);
    let byParty = groundsOfRequest.get(asker);
    if (!byParty) groundsOfRequest.set(asker, (byParty = new Map()));
    let grounds = byParty.get(party);
    if (!grounds) {
      grounds = readGrounds(party, representative);
      byParty.set(party, grounds);
      // A failed read is not kept: the next question reads again.
      grounds.catch(() => byParty.delete(party));
    }
    return grounds;
  };

  /** The right and the grounds it was found among (undefined grounds: acting for oneself, nothing read). */
  const rightOf = async ({ representative, represented, serviceId }: RightQuery, asker?: Principal): Promise<{ right: Right | undefined; grounds?: repo.RightGrounds }> => {
    const person = parseParty(representative);
    const party = parseParty(represented);
    if (!person || person.kind !== 'person' || !party) return { right: undefined };
    if (party.kind === 'person' && party.id === person.id) return { right: { party: party.id, partyKind: 'person', basis: 'self' } };
    const at = now();
    const grounds = await groundsFor(party.id, person.id, asker);
    if (party.kind === 'company' && grounds.boardMember) return { right: { party: party.id, partyKind: 'company', basis: 'board_member' }, grounds };
    // A parent represents a child by law only until the child comes of age.
    if (party.kind === 'person' && grounds.legalBasis && (grounds.legalBasis === 'guardian' || isMinor(party.id, at))) {
      return { right: { party: party.id, partyKind: 'person', basis: grounds.legalBasis }, grounds };
    }
    const mandate = grounds.mandates.find((candidate) => !serviceId || candidate.allServices || candidate.services.includes(serviceId));
    return { right: mandate ? { party: party.id, partyKind: party.kind, basis: 'mandate', mandateId: mandate.id } : undefined, grounds };
  };

  const findRight = async (query: RightQuery, asker?: Principal): Promise<Right | undefined> => (await rightOf(query, asker)).right;

  return {
    findRight,

    async findRightWithServices(query, asker) {
      const { right, grounds } = await rightOf(query, asker);
      if (!right) return undefined;
      return { right, services: right.basis === 'mandate' && grounds ? servicesOf(grounds.mandates) : 'all' };
    },

    async mandatedServices({ representative, represented }) {
      const person = parseParty(representative);
      const party = parseParty(represented);
      if (!person || person.kind !== 'person' || !party) return [];
      const at = now();
      return servicesOf((await repo.rightGrounds(root, party.id, person.id, at, day(at))).mandates);
    },

    async resolveActingFor(principal, onBehalfOf, serviceId) {
      const self = principal.personalCode;
      if (onBehalfOf === undefined || onBehalfOf === '') {
        if (!self) throw errors.notPermitted('This caller acts for no person; name the party in On-Behalf-Of.');
        return { party: self, partyKind: 'person', basis: 'self' };
      }
      const party = parseParty(onBehalfOf);
      if (!party) throw errors.invalidParty(onBehalfOf);
      if (!self) throw errors.noRight(party.id);
      const right = await findRight({ representative: self, represented: party.id, serviceId }, principal);
      if (!right) throw errors.noRight(party.id);
      return right;
    },

    async actingOptions(personalCode) {
      const at = now();
      const options: ActingOption[] = [{ party: personalCode, partyKind: 'person', basis: 'self' }];
      for (const company of await repo.companiesRepresentedBy(root, personalCode, day(at))) {
        options.push({ party: company.registrationNumber, partyKind: 'company', name: company.name, basis: 'board_member' });
      }
      for (const legal of await repo.legalRepresentations(root, personalCode, day(at))) {
        if (legal.basis === 'guardian' || isMinor(legal.represented, at)) options.push({ party: legal.represented, partyKind: 'person', basis: legal.basis });
      }
      const seen = new Set(options.map((option) => option.party));
      for (const mandate of await repo.listMandates(root, { representative: personalCode }, at)) {
        if (mandate.status !== 'active' || seen.has(mandate.grantor)) continue;
        seen.add(mandate.grantor);
        const company = mandate.grantorKind === 'company' ? await repo.findCompany(root, mandate.grantor) : undefined;
        options.push({ party: mandate.grantor, partyKind: mandate.grantorKind, name: company?.name, basis: 'mandate', mandateId: mandate.id });
      }
      return options;
    },

    async rolesOf(personalCode) {
      const grants = await repo.currentRoles(root, { personalCode });
      return grants.map((grant) => roleGrant(grant.role, grant.institutionId));
    },

    rolesInStatement: {
      select: repo.currentRolesExpression,
      read(value) {
        const pairs = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as [string, string | null][];
        return pairs.map(([role, institutionId]) => roleGrant(role, institutionId));
      },
    },

    async listStaff(actor, institutionId) {
      if (!canManageStaff(actor, institutionId)) throw errors.notPermitted('Only the institution’s administrators may see and manage its staff roles.');
      return repo.currentRoles(root, { institutionId });
    },

    async grantRole(actor, grant, context = {}) {
      if (!(ROLES as readonly string[]).includes(grant.role)) throw errors.notPermitted(`Unknown role ${grant.role}.`);
      const institutionId = grant.role === 'platform_admin' ? null : grant.institutionId;
      if (institutionId === null && (STAFF_ROLES as readonly string[]).includes(grant.role) && grant.role !== 'support_agent') {
        throw errors.invalidMandate('A staff role is held in an institution: give institutionId.', '#/institutionId');
      }
      if (!canManageStaff(actor, institutionId) || (grant.role === 'platform_admin' && !actor.roles.some((r) => r.role === 'platform_admin'))) {
        throw errors.notPermitted('Only the institution’s administrators (or a platform administrator) may grant its roles.');
      }
      const person = parseParty(grant.personalCode);
      if (!person || person.kind !== 'person') throw errors.invalidParty(grant.personalCode, '#/personalCode');
      const actorName = actorOfPrincipal(actor);
      return inTransaction(root, async (trx) => {
        const created = await repo.insertRole(trx, { personalCode: person.id, role: grant.role, institutionId, grantedBy: actorName });
        if (!created) throw errors.roleExists();
        await options.audit(trx).record({
          actor: actorName,
          action: 'access.role_granted',
          target: `person:${person.id}`,
          details: { role: grant.role, institutionId, grantId: created.id },
          ...context,
        });
        return created;
      });
    },

    async revokeRole(actor, grantId, context = {}) {
      const actorName = actorOfPrincipal(actor);
      await inTransaction(root, async (trx) => {
        const grant = await repo.findRole(trx, grantId);
        if (!grant) throw errors.roleNotFound(grantId);
        if (!canManageStaff(actor, grant.institutionId)) throw errors.notPermitted('Only the institution’s administrators may withdraw its roles.');
        await repo.revokeRole(trx, grantId, actorName);
        await options.audit(trx).record({
          actor: actorName,
          action: 'access.role_revoked',
          target: `person:${grant.personalCode}`,
          details: { role: grant.role, institutionId: grant.institutionId, grantId },
          ...context,
        });
      });
    },
  };
}
