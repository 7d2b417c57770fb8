/**
 * API clients, self-service (issue #14 items 2 and 3; P17). Institution staff
 * with an integration role ask for a client for their institution, anyone on
 * the console for a third-party client with public scopes only; a platform
 * administrator approves (identity registers the client) or refuses with a
 * reason. The requester is shown the first secret once, on their own page;
 * afterwards the client's owners rotate it, the old one valid for an overlap.
 * Administrators set a client's own rate limit; its owners see what is left of
 * it. Every change is audited in the transaction that makes it.
 */
import { randomBytes } from 'node:crypto';
import { inTransaction, narrow, type RootDb } from '../../platform/db/database.js';
import { isUuid } from '../../platform/db/ids.js';
import type { RoleGrant } from '../../platform/http/auth.js';
import type { RateDecision, RateLimiter, RatePolicy } from '../../platform/http/rate-limit.js';
import { createAudit, type AuditEntry } from '../audit/index.js';
import { createClientAdministration, type ClientMetadata } from '../identity/index.js';
import * as repo from './clients.repo.js';
import type { ClientRequestRow, ClientTables } from './clients.repo.js';
import { checkRequest, clientIdFor, type ClientRequestInput } from './clients.rules.js';
import * as errors from './integration.errors.js';

/** Roles that let a staff member ask for, and look after, their institution's clients. */
export const INTEGRATION_ROLES = ['integration_manager', 'institution_admin'];

/** Who acts, as the console knows them. */
export interface ClientActor {
  /** the audit trail's actor and where from (audit's `auditContext`) */
  who: Pick<AuditEntry, 'actor' | 'ip' | 'userAgent'>;
  personalCode: string;
  name: string;
  roles: RoleGrant[];
  platformAdmin: boolean;
}

export type ClientRequest = ClientRequestRow;

export interface ClientBudget {
  policy: RatePolicy;
  /** whether an administrator set this client's own limit */
  own: boolean;
  /** each family of calls the client used lately, and what is left of it now (families not listed are full) */
  families: { family: string; decision: RateDecision }[];
}

export interface ClientsSettings {
  /** seconds the old secret stays valid after a rotation */
  rotationOverlapSeconds: number;
  /** the default API policy (API_RATE_LIMIT, API_RATE_BURST) */
  defaultPolicy: RatePolicy;
  /** seconds an instance keeps a client's limit before reading it again */
  limitCacheSeconds: number;
}

export interface ClientsService {
  /** the institutions the actor may ask for clients for */
  institutionsOf(actor: ClientActor): string[];
  request(actor: ClientActor, input: ClientRequestInput): Promise<ClientRequest>;
  /** the actor's own requests and their institutions' (every request for a platform administrator) */
  list(actor: ClientActor): Promise<ClientRequest[]>;
  pending(actor: ClientActor): Promise<ClientRequest[]>;
  /** one request the actor may see */
  get(actor: ClientActor, id: string): Promise<ClientRequest>;
  approve(actor: ClientActor, id: string): Promise<ClientRequest>;
  refuse(actor: ClientActor, id: string, reason: string): Promise<ClientRequest>;
  /** the approved client's first secret, to its requester, once */
  firstSecret(actor: ClientActor, id: string): Promise<{ request: ClientRequest; secret: string }>;
  rotateSecret(actor: ClientActor, id: string): Promise<{ request: ClientRequest; secret: string; previousValidUntil: Date | null }>;
  /** sets (or with null, removes) a client's own limit: platform administrators only */
  setLimit(actor: ClientActor, id: string, limit: { perMinute: number; burst: number } | null): Promise<void>;
  /** the policy the rate limiter applies to a client (its own, else the default) */
  policyOf(clientId: string): Promise<RatePolicy>;
  budget(actor: ClientActor, id: string): Promise<ClientBudget>;
  /** whether the actor may look after the request's client (rotate, see its budget) */
  owns(actor: ClientActor, request: ClientRequest): boolean;
  /** e-mail addresses of a client's contacts (none for clients not requested here) */
  contactsOf(clientId: string): Promise<string[]>;
}

const holds = (actor: ClientActor, institutionId: string): boolean =>
  actor.roles.some((grant) => INTEGRATION_ROLES.includes(grant.role) && grant.institutionId === institutionId);

function metadataOf(request: ClientRequest): ClientMetadata {
  const signsIn = request.grant_types.includes('authorization_code');
  return {
    client_name: request.name,
    grant_types: request.grant_types,
    redirect_uris: signsIn ? request.redirect_uris : [],
    response_types: signsIn ? ['code'] : [],
    scope: request.scopes.join(' '),
    token_endpoint_auth_method: request.auth_method,
    ...(request.auth_method === 'private_key_jwt' && request.jwks_uri ? { jwks_uri: request.jwks_uri } : {}),
  };
}

export function createClientsService(deps: { db: RootDb; limiter: RateLimiter; settings: ClientsSettings }): ClientsService {
  const db = narrow<ClientTables>(deps.db);
  const { settings } = deps;
  const audit = (trx: RootDb) => createAudit(trx);
  /** Each instance keeps a client's limit a few seconds; the database is the one place it is set. */
  const limits = new Map<string, { policy: RatePolicy; until: number }>();

  function institutionsOf(actor: ClientActor): string[] {
    return [...new Set(actor.roles.filter((grant) => INTEGRATION_ROLES.includes(grant.role) && grant.institutionId).map((grant) => grant.institutionId as string))];
  }
  const owns = (actor: ClientActor, request: ClientRequest): boolean =>
    request.requested_by === actor.personalCode || (request.institution_id !== null && holds(actor, request.institution_id));
  const mayView = (actor: ClientActor, request: ClientRequest): boolean => actor.platformAdmin || owns(actor, request);

  async function get(actor: ClientActor, id: string): Promise<ClientRequest> {
    const request = isUuid(id) ? await repo.findRequest(db, id) : undefined;
    if (!request || !mayView(actor, request)) throw errors.clientRequestNotFound(id);
    return request;
  }

  function requireAdmin(actor: ClientActor): void {
    if (!actor.platformAdmin) throw errors.notClientOwner();
  }

  async function approvedOwned(actor: ClientActor, id: string): Promise<ClientRequest & { client_id: string }> {
    const request = await get(actor, id);
    if (!owns(actor, request)) throw errors.notClientOwner();
    if (request.status !== 'approved' || !request.client_id) throw errors.requestDecided();
    return request as ClientRequest & { client_id: string };
  }

  async function policyOf(clientId: string): Promise<RatePolicy> {
    const cached = limits.get(clientId);
    if (cached && cached.until > Date.now()) return cached.policy;
    const row = await repo.findLimit(db, clientId);
    const policy = row ? { name: settings.defaultPolicy.name, perMinute: row.per_minute, burst: row.burst } : settings.defaultPolicy;
    if (limits.size > 10_000) limits.clear();
    limits.set(clientId, { policy, until: Date.now() + settings.limitCacheSeconds * 1000 });
    return policy;
  }

  return {
    institutionsOf,
    owns,
    get,
    policyOf,

    async request(actor, input) {
      const problems = checkRequest(input, actor.platformAdmin && input.institutionId && isUuid(input.institutionId) ? [input.institutionId] : institutionsOf(actor));
      if (input.institutionId !== null && !actor.platformAdmin && !holds(actor, input.institutionId)) throw errors.notForInstitution();
      if (problems.length > 0) throw errors.invalidClientRequest(problems.map((problem) => problem.field));
      return inTransaction(db, async (trx) => {
        const created = await repo.insertRequest(trx, {
          institution_id: input.institutionId,
          requested_by: actor.personalCode,
          requester_name: actor.name,
          name: input.name.trim(),
          contacts: input.contacts,
          scopes: input.scopes,
          grant_types: input.grantTypes,
          redirect_uris: input.grantTypes.includes('authorization_code') ? input.redirectUris : [],
          auth_method: input.authMethod as ClientRequest['auth_method'],
          jwks_uri: input.authMethod === 'private_key_jwt' ? input.jwksUri : null,
        });
        await audit(trx as unknown as RootDb).record({
          ...actor.who,
          action: 'integration.client_requested',
          target: `client-request:${created.id}`,
          details: { institutionId: created.institution_id, name: created.name, scopes: created.scopes, grantTypes: created.grant_types, authMethod: created.auth_method },
        });
        return created;
      });
    },

    async list(actor) {
      if (actor.platformAdmin) return repo.listRequests(db, {});
      return repo.listRequests(db, { requestedBy: actor.personalCode, institutionIds: institutionsOf(actor) });
    },

    async pending(actor) {
      return actor.platformAdmin ? repo.listRequests(db, { status: 'pending' }) : [];
    },

    async approve(actor, id) {
      requireAdmin(actor);
      const request = await get(actor, id);
      const clientId = clientIdFor(request.name, randomBytes(3).toString('hex'));
      return inTransaction(db, async (trx) => {
        const approved = await repo.decideRequest(trx, id, { status: 'approved', decidedBy: actor.personalCode, reason: null, clientId });
        if (!approved) throw errors.requestDecided();
        const root = trx as unknown as RootDb;
        // Identity registers it; the secret it generates is known to no one: the requester gets a fresh one, once (firstSecret).
        await createClientAdministration(root).registerClient(actor.who, clientId, { metadata: metadataOf(approved), institutionId: approved.institution_id });
        await audit(root).record({ ...actor.who, action: 'integration.client_request_approved', target: `client-request:${id}`, details: { clientId } });
        return approved;
      });
    },

    async refuse(actor, id, reason) {
      requireAdmin(actor);
      await get(actor, id);
      const text = reason.trim();
      if (text === '' || text.length > 2000) throw errors.invalidClientRequest(['reason']);
      return inTransaction(db, async (trx) => {
        const refused = await repo.decideRequest(trx, id, { status: 'refused', decidedBy: actor.personalCode, reason: text, clientId: null });
        if (!refused) throw errors.requestDecided();
        await audit(trx as unknown as RootDb).record({ ...actor.who, action: 'integration.client_request_refused', target: `client-request:${id}`, details: { reason: text } });
        return refused;
      });
    },

    async firstSecret(actor, id) {
      const request = await approvedOwned(actor, id);
      // Only the one who asked sees the first secret; the other owners rotate.
      if (request.requested_by !== actor.personalCode) throw errors.notClientOwner();
      if (request.auth_method !== 'client_secret_basic') throw errors.requestDecided();
      return inTransaction(db, async (trx) => {
        if (!(await repo.markSecretIssued(trx, id))) throw errors.secretAlreadyShown();
        const { secret } = await createClientAdministration(trx as unknown as RootDb).rotateClientSecret(actor.who, request.client_id, 0);
        return { request, secret };
      });
    },

    async rotateSecret(actor, id) {
      const request = await approvedOwned(actor, id);
      return inTransaction(db, async (trx) => {
        // A rotation hands out a secret too: the first one can no longer be asked for.
        await repo.markSecretIssued(trx, id);
        const rotated = await createClientAdministration(trx as unknown as RootDb).rotateClientSecret(actor.who, request.client_id, settings.rotationOverlapSeconds);
        return { request, ...rotated };
      });
    },

    async setLimit(actor, id, limit) {
      requireAdmin(actor);
      const request = await get(actor, id);
      if (!request.client_id) throw errors.requestDecided();
      const clientId = request.client_id;
      if (limit && (!Number.isInteger(limit.perMinute) || !Number.isInteger(limit.burst) || limit.perMinute < 1 || limit.burst < 1 || limit.perMinute > 10_000_000 || limit.burst > 10_000_000)) {
        throw errors.invalidClientRequest(['perMinute', 'burst']);
      }
      await inTransaction(db, async (trx) => {
        if (limit) await repo.saveLimit(trx, { client_id: clientId, per_minute: limit.perMinute, burst: limit.burst, set_by: actor.personalCode });
        else await repo.deleteLimit(trx, clientId);
        await audit(trx as unknown as RootDb).record({ ...actor.who, action: 'integration.client_limit_set', target: `client:${clientId}`, details: { perMinute: limit?.perMinute ?? null, burst: limit?.burst ?? null } });
      });
      limits.delete(clientId);
    },

    async budget(actor, id) {
      const request = await get(actor, id);
      if (!request.client_id) throw errors.requestDecided();
      limits.delete(request.client_id);
      const policy = await policyOf(request.client_id);
      const prefix = `api:${request.client_id}:`;
      const buckets = await deps.limiter.peekAll(prefix, policy);
      return {
        policy,
        own: policy !== settings.defaultPolicy,
        families: buckets.map((bucket) => ({ family: bucket.key.slice(prefix.length), decision: bucket.decision })).filter((bucket) => /^[a-z-]+$/.test(bucket.family)),
      };
    },

    async contactsOf(clientId) {
      return (await repo.findRequestByClient(db, clientId))?.contacts ?? [];
    },
  };
}
