/**
 * oidc-provider's storage over our database instead of its in-memory default,
 * so every instance sees the same sessions, interactions, grants, codes and
 * tokens. Registered clients come from `identity.clients` through the same
 * interface (the provider's `Client` model).
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { IdentityDb, SessionCompanion } from './identity.repo.js';
import { clientFromJson, findClient, personFromJson } from './identity.repo.js';
import type { ClientRecord, Person } from './identity.schemas.js';
import * as store from './oidc.repo.js';

/** Models whose rows are tied to a grant and go when it is revoked. */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode']);

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The two kinds of bearer token the API accepts: a person's access token and a system's client-credentials token. */
const BEARER_MODELS = ['AccessToken', 'ClientCredentials'];

/** Who holds a bearer token, read in the same statement as the token: its person's or its client's row. */
export interface BearerOwner {
  person?: Person;
  /** with `person`: the values of BearerLookup's companions over that person, read in the same statement */
  alongside?: unknown[];
  client?: ClientRecord;
}

/** How long a token's owner, read with the token, waits for the authenticator (a person's token is checked against its session first: one more round trip). */
const OWNER_KEPT_MS = 1000;

/**
 * A bearer token is looked up as an AccessToken and, when it is none, as a
 * ClientCredentials token, and then its person or client (identity.auth.ts):
 * three round trips for every request of a system, three for a person's (the
 * provider checks the session the token is bound to). The
 * first find fetches the token under either model with its owner in one
 * statement. The other model's row is kept for the provider's second find of
 * the same id, and the session a person's token is bound to for the provider's
 * check of it, until the current turn of the event loop ends (setImmediate); the
 * owner for the authenticator, which takes it once the provider has checked the
 * token (for a person's token, after the check of its session), at most
 * OWNER_KEPT_MS. Every request's own look-up reads the token and its owner
 * afresh and replaces what is kept, so a request never uses an owner read
 * before its own token was: a revoked token, a removed person or a changed
 * client is seen by the next request on every instance, as before.
 */
export class BearerLookup {
  private readonly kept = new Map<string, store.BearerRow | undefined>();
  private readonly owners = new Map<string, { owner: BearerOwner; at: number }>();
  private readonly sessions = new Map<string, store.StoredPayload | undefined>();
  /** Expressions read over a person's token's person in the look-up's statement (the roles: identity.auth.ts sets them). */
  companions: () => SessionCompanion[] = () => [];

  constructor(private readonly db: IdentityDb) {}

  async find(model: string, id: string): Promise<store.StoredPayload | undefined> {
    const key = `${model} ${id}`;
    if (this.kept.has(key)) {
      const kept = this.kept.get(key);
      this.kept.delete(key);
      return kept;
    }
    const rows = await store.findBearer(this.db, id, new Date(), this.companions());
    const otherModel = BEARER_MODELS.find((name) => name !== model) as string;
    const otherKey = `${otherModel} ${id}`;
    this.kept.set(otherKey, rows.get(otherModel));
    // The provider checks an access token bound to a session against that session at once, in this same turn.
    const session = rows.get('AccessToken')?.session;
    if (session) this.sessions.set(session.uid, session.row);
    setImmediate(() => {
      this.kept.delete(otherKey);
      if (session) this.sessions.delete(session.uid);
    });
    const owner = ownerOf(rows);
    if (owner) this.keepOwner(id, owner);
    return rows.get(model);
  }

  /** The session `uid` as this turn's token look-up read it, once: `{ row }` (row undefined: there is none), or undefined when it read none. */
  takeSession(uid: string): { row: store.StoredPayload | undefined } | undefined {
    if (!this.sessions.has(uid)) return undefined;
    const row = this.sessions.get(uid);
    this.sessions.delete(uid);
    return { row };
  }

  /** The owner of token `id` read by a look-up of it at most OWNER_KEPT_MS ago (once); else undefined, and the caller reads it itself. */
  takeOwner(id: string): BearerOwner | undefined {
    const kept = this.owners.get(id);
    this.owners.delete(id);
    return kept && Date.now() - kept.at <= OWNER_KEPT_MS ? kept.owner : undefined;
  }

  private keepOwner(id: string, owner: BearerOwner): void {
    const now = Date.now();
    // Owners nobody took (the provider's own look-ups: userinfo, introspection) go once there are many.
    if (this.owners.size >= 1000) {
      for (const [key, kept] of this.owners) if (now - kept.at > OWNER_KEPT_MS) this.owners.delete(key);
    }
    this.owners.set(id, { owner, at: now });
  }
}

function ownerOf(rows: Map<string, store.BearerRow>): BearerOwner | undefined {
  const token = rows.get('AccessToken');
  const person = token?.owner;
  const client = rows.get('ClientCredentials')?.owner;
  if (!person && !client) return undefined;
  return {
    ...(person ? { person: personFromJson(person), ...(token?.alongside ? { alongside: token.alongside } : {}) } : {}),
    ...(client ? { client: clientFromJson(client) } : {}),
  };
}

const lookups = new WeakMap<IdentityDb, BearerLookup>();

/** The one bearer look-up over `db`: the provider's adapters and the authenticator share it. */
export function bearerLookupFor(db: IdentityDb): BearerLookup {
  let lookup = lookups.get(db);
  if (!lookup) lookups.set(db, (lookup = new BearerLookup(db)));
  return lookup;
}

export function createAdapterFactory(db: IdentityDb): (model: string) => Adapter {
  const bearer = bearerLookupFor(db);
  return (model) => (model === 'Client' ? new ClientAdapter(db) : new DatabaseAdapter(db, model, BEARER_MODELS.includes(model) || model === 'Session' ? bearer : undefined));
}

class DatabaseAdapter implements Adapter {
  constructor(
    private readonly db: IdentityDb,
    private readonly model: string,
    private readonly bearer?: BearerLookup,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    await store.upsertPayload(this.db, {
      model: this.model,
      id,
      payload: payload as Record<string, unknown>,
      grantId: GRANTABLE.has(this.model) || this.model === 'Grant' ? asString(payload.grantId) : undefined,
      uid: asString(payload.uid),
      userCode: asString(payload.userCode),
      accountId: asString(payload.accountId),
      expiresAt: typeof expiresIn === 'number' ? new Date(Date.now() + expiresIn * 1000) : null,
    });
  }

  private async found(row: store.StoredPayload | undefined): Promise<AdapterPayload | undefined> {
    if (!row) return undefined;
    const payload = row.payload as AdapterPayload;
    if (row.consumedAt) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
    return payload;
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.bearer && this.model !== 'Session') return this.found(await this.bearer.find(this.model, id));
    return this.found(await store.findPayload(this.db, this.model, { id }, new Date()));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const kept = this.model === 'Session' ? this.bearer?.takeSession(uid) : undefined;
    if (kept) return this.found(kept.row);
    return this.found(await store.findPayload(this.db, this.model, { uid }, new Date()));
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.found(await store.findPayload(this.db, this.model, { userCode }, new Date()));
  }

  async consume(id: string): Promise<void> {
    await store.consumePayload(this.db, this.model, id, new Date());
  }

  async destroy(id: string): Promise<void> {
    await store.destroyPayload(this.db, this.model, id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await store.revokeByGrant(this.db, this.model, grantId);
  }
}

/** Clients are registered by the platform (demo data, the console), never through the provider. */
class ClientAdapter implements Adapter {
  constructor(private readonly db: IdentityDb) {}

  async find(id: string): Promise<AdapterPayload | undefined> {
    const client = await findClient(this.db, id);
    if (!client) return undefined;
    const payload: Record<string, unknown> = { ...client.metadata, client_id: client.clientId };
    // The provider checks the presence of a secret for secret-based methods; the
    // value it sees is the hash, and its comparison is replaced by a hash check
    // (see oidc.provider.ts).
    if (client.secretHash) payload.client_secret = client.secretHash;
    if (client.institutionId) payload.institution_id = client.institutionId;
    payload.skip_consent = client.skipConsent;
    return payload as AdapterPayload;
  }

  async upsert(): Promise<void> {
    throw new Error('clients are registered through the identity service');
  }

  async findByUid(): Promise<undefined> {
    return undefined;
  }

  async findByUserCode(): Promise<undefined> {
    return undefined;
  }

  async consume(): Promise<void> {}

  async destroy(): Promise<void> {}

  async revokeByGrantId(): Promise<void> {}
}
