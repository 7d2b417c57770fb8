/**
 * Mandates (P15): a person, or a company through its board member, authorises
 * a person to act for them — for all services or listed ones, for a period,
 * optionally only once the representative accepts; revocable at any time by the
 * grantor, with the full history kept. Every change is audited with it.
 */
import type { Kysely } from 'kysely';
import { inTransaction, type RootDb } from '../../platform/db/database.js';
import { publish } from '../../platform/jobs/outbox.js';
import { MANDATE_GRANTED, MANDATE_REVOKED, mandateEvent } from './access.events.js';
import type { Principal } from '../../platform/http/auth.js';
import * as errors from './access.errors.js';
import * as repo from './access.repo.js';
import type { AccessTables } from './access.repo.js';
import type { Mandate, MandateInput } from './access.schemas.js';
import { actorOfPrincipal, type AccessOptions, type AuditContext } from './access.service.js';
import { parseParty } from './parties.js';

export interface MandateService {
  grant(actor: Principal, onBehalfOf: string | undefined, input: MandateInput, context?: AuditContext): Promise<Mandate>;
  list(actor: Principal, direction: 'given' | 'received', onBehalfOf: string | undefined): Promise<Mandate[]>;
  get(actor: Principal, id: string): Promise<Mandate>;
  accept(actor: Principal, id: string, context?: AuditContext): Promise<Mandate>;
  revoke(actor: Principal, id: string, onBehalfOf: string | undefined, context?: AuditContext): Promise<Mandate>;
}

export interface MandateOptions extends AccessOptions {
  /** the ids among `ids` that name published services (asked of the catalog) */
  knownServices: (ids: string[]) => Promise<string[]>;
}

export function createMandateService(root: Kysely<AccessTables>, options: MandateOptions): MandateService {
  const now = options.now ?? (() => new Date());

  const personOf = (actor: Principal): string => {
    if (actor.kind !== 'person' || !actor.personalCode) throw errors.notPermitted('Mandates are given and received by persons.');
    return actor.personalCode;
  };

  /** The grantor the actor speaks for: themselves, or a company they sit on the board of. */
  const grantorFor = async (actor: Principal, onBehalfOf: string | undefined): Promise<{ id: string; kind: 'person' | 'company' }> => {
    const self = personOf(actor);
    if (onBehalfOf === undefined || onBehalfOf === '' || onBehalfOf === self) return { id: self, kind: 'person' };
    const party = parseParty(onBehalfOf);
    if (!party) throw errors.invalidParty(onBehalfOf);
    // Only those who represent a company by law may pass its powers on; a representative cannot sub-delegate.
    if (party.kind === 'company' && (await repo.isBoardMember(root, party.id, self, now().toISOString().slice(0, 10)))) return party;
    throw errors.notPermitted(`Only the party itself (or a company's board member) may manage the mandates of ${party.id}.`);
  };

  const audit = async (trx: Kysely<AccessTables>, actor: Principal, action: string, mandate: Mandate, context: AuditContext): Promise<void> => {
    await options.audit(trx).record({
      actor: actorOfPrincipal(actor),
      onBehalfOf: mandate.grantorKind === 'company' || mandate.grantor !== actor.personalCode ? mandate.grantor : null,
      action,
      target: `mandate:${mandate.id}`,
      details: { grantor: mandate.grantor, representative: mandate.representative, scope: mandate.scope },
      ...context,
    });
  };

  /** Announced on the platform outbox in the change's own transaction (the notifications module tells the representative). */
  const announce = async (trx: Kysely<AccessTables>, type: typeof MANDATE_GRANTED | typeof MANDATE_REVOKED, mandate: Mandate, actor: Principal): Promise<void> => {
    await publish(trx as unknown as RootDb, mandateEvent(type, mandate, actor));
  };

  const concerns = (actor: Principal, mandate: Mandate, companies: string[]): boolean =>
    mandate.representative === actor.personalCode || mandate.grantor === actor.personalCode || companies.includes(mandate.grantor);

  const find = async (actor: Principal, id: string): Promise<Mandate> => {
    const mandate = /^[0-9a-f-]{36}$/i.test(id) ? await repo.findMandate(root, id, now()) : undefined;
    const self = personOf(actor);
    const companies = mandate?.grantorKind === 'company' && (await repo.isBoardMember(root, mandate.grantor, self, now().toISOString().slice(0, 10))) ? [mandate.grantor] : [];
    // Someone else's mandate is not even confirmed to exist.
    if (!mandate || !concerns(actor, mandate, companies)) throw errors.mandateNotFound(id);
    return mandate;
  };

  return {
    async grant(actor, onBehalfOf, input, context = {}) {
      const grantor = await grantorFor(actor, onBehalfOf);
      const representative = parseParty(input.representative.personalCode);
      if (!representative || representative.kind !== 'person') {
        throw errors.invalidMandate('The representative must be a person with a valid personal code.', '#/representative/personalCode');
      }
      if (representative.id === grantor.id) throw errors.invalidMandate('Nobody needs a mandate to act for themselves.', '#/representative/personalCode');
      const validFrom = input.validFrom ? new Date(input.validFrom) : now();
      const validUntil = input.validUntil ? new Date(input.validUntil) : null;
      if (validUntil && validUntil <= validFrom) throw errors.invalidMandate('validUntil must be later than validFrom.', '#/validUntil');
      if (validUntil && validUntil <= now()) throw errors.invalidMandate('validUntil must be in the future.', '#/validUntil');
      let services: string[] = [];
      if ('services' in input.scope) {
        services = input.scope.services.map((id) => id.toLowerCase());
        const known = new Set(await options.knownServices(services));
        const unknown = services.filter((id) => !known.has(id));
        if (unknown.length > 0) throw errors.invalidMandate(`No published service ${unknown.join(', ')}.`, '#/scope/services');
      }
      return inTransaction(root, async (trx) => {
        const mandate = await repo.insertMandate(
          trx,
          {
            grantor: grantor.id,
            grantor_kind: grantor.kind,
            representative: representative.id,
            all_services: !('services' in input.scope),
            services,
            valid_from: validFrom,
            valid_until: validUntil,
            requires_acceptance: input.requiresAcceptance ?? false,
            created_by: actorOfPrincipal(actor),
          },
          now(),
        );
        await audit(trx, actor, 'access.mandate_granted', mandate, context);
        await announce(trx, MANDATE_GRANTED, mandate, actor);
        return mandate;
      });
    },

    async list(actor, direction, onBehalfOf) {
      if (direction === 'received') return repo.listMandates(root, { representative: personOf(actor) }, now());
      const grantor = await grantorFor(actor, onBehalfOf);
      return repo.listMandates(root, { grantors: [grantor.id] }, now());
    },

    get: find,

    async accept(actor, id, context = {}) {
      const mandate = await find(actor, id);
      if (mandate.representative !== actor.personalCode) throw errors.notPermitted('Only the representative may accept a mandate.');
      if (mandate.status !== 'pending') throw errors.mandateState(`A ${mandate.status} mandate cannot be accepted.`);
      return inTransaction(root, async (trx) => {
        await repo.markAccepted(trx, mandate.id);
        await repo.addMandateEvent(trx, mandate.id, 'accepted', actorOfPrincipal(actor));
        const accepted = (await repo.findMandate(trx, mandate.id, now())) as Mandate;
        await audit(trx, actor, 'access.mandate_accepted', accepted, context);
        return accepted;
      });
    },

    async revoke(actor, id, onBehalfOf, context = {}) {
      const mandate = await find(actor, id);
      const grantor = await grantorFor(actor, mandate.grantorKind === 'company' ? (onBehalfOf ?? mandate.grantor) : onBehalfOf);
      if (grantor.id !== mandate.grantor) throw errors.notPermitted('Only the grantor may revoke a mandate.');
      if (mandate.status === 'revoked') throw errors.mandateState('The mandate is already revoked.');
      return inTransaction(root, async (trx) => {
        await repo.markRevoked(trx, mandate.id, actorOfPrincipal(actor));
        await repo.addMandateEvent(trx, mandate.id, 'revoked', actorOfPrincipal(actor));
        const revoked = (await repo.findMandate(trx, mandate.id, now())) as Mandate;
        await audit(trx, actor, 'access.mandate_revoked', revoked, context);
        await announce(trx, MANDATE_REVOKED, revoked, actor);
        return revoked;
      });
    },
  };
}
