/**
 * oidc-provider's storage over our database instead of its in-memory default,
 * so every instance sees the same sessions, interactions, grants, codes and
 * tokens. Registered clients come from `identity.clients` through the same
 * interface (the provider's `Client` model).
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { IdentityDb } from './identity.repo.js';
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
  client?: ClientRecord;
}

/**
 * A bearer token is looked up as an AccessToken and, when it is none, as a
 * ClientCredentials token, and then its person or client (identity.auth.ts):
 * three round trips for every request of a system, two for a person's. The
 * first find fetches the token under either model with its owner in one
 * statement, and keeps the rest — the other model's row for the provider's
 * second find of the same id, the owner for the authenticator — until the
 * current turn of the event loop ends (setImmediate). So whatever is taken from
 * here was read in this same turn, as part of the request's own look-up, and
 * nothing outlives it: a revoked token or a changed client is seen by the next
 * request on every instance, as before.
 */
export class BearerLookup {
  private readonly kept = new Map<string, store.BearerRow | undefined>();
  private readonly owners = new Map<string, BearerOwner>();

  constructor(private readonly db: IdentityDb) {}

  async find(model: string, id: string): Promise<store.StoredPayload | undefined> {
    const key = `${model} ${id}`;
    if (this.kept.has(key)) {
      const kept = this.kept.get(key);
      this.kept.delete(key);
      return kept;
    }
    const rows = await store.findBearer(this.db, id, new Date());
    const otherModel = BEARER_MODELS.find((name) => name !== model) as string;
    const otherKey = `${otherModel} ${id}`;
    this.kept.set(otherKey, rows.get(otherModel));
    const owner = ownerOf(rows);
    if (owner) this.owners.set(id, owner);
    setImmediate(() => {
      this.kept.delete(otherKey);
      this.owners.delete(id);
    });
    return rows.get(model);
  }

  /** The owner of token `id` if this turn's look-up read it (once); else undefined, and the caller reads it itself. */
  takeOwner(id: string): BearerOwner | undefined {
    const owner = this.owners.get(id);
    this.owners.delete(id);
    return owner;
  }
}

function ownerOf(rows: Map<string, store.BearerRow>): BearerOwner | undefined {
  const person = rows.get('AccessToken')?.owner;
  const client = rows.get('ClientCredentials')?.owner;
  if (!person && !client) return undefined;
  return { ...(person ? { person: personFromJson(person) } : {}), ...(client ? { client: clientFromJson(client) } : {}) };
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
  return (model) => (model === 'Client' ? new ClientAdapter(db) : new DatabaseAdapter(db, model, BEARER_MODELS.includes(model) ? bearer : undefined));
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
    if (this.bearer) return this.found(await this.bearer.find(this.model, id));
    return this.found(await store.findPayload(this.db, this.model, { id }, new Date()));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
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
