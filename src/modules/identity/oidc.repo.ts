/**
 * SQL of the OpenID provider's storage (`identity.oidc_store`: sessions,
 * interactions, grants, codes and tokens, one row per model instance) and of
 * the secrets all instances share (`identity.secrets`).
 */
import { sql } from 'kysely';
import { writtenCode, type IdentityDb, type SessionCompanion } from './identity.repo.js';

export interface OidcStoreTable {
  model: string;
  id: string;
  payload: Record<string, unknown>;
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  account_id: string | null;
  expires_at: Date | null;
  consumed_at: Date | null;
}

export interface SecretsTable {
  name: string;
  value: unknown;
  created_at: Date;
}

type Db = IdentityDb;

export interface StoredPayload {
  payload: Record<string, unknown>;
  consumedAt: Date | null;
}

export async function upsertPayload(
  db: Db,
  row: { model: string; id: string; payload: Record<string, unknown>; grantId?: string; uid?: string; userCode?: string; accountId?: string; expiresAt: Date | null },
): Promise<void> {
  const values = {
    model: row.model,
    id: row.id,
    payload: JSON.stringify(row.payload) as unknown as Record<string, unknown>,
    grant_id: row.grantId ?? null,
    uid: row.uid ?? null,
    user_code: row.userCode ?? null,
    account_id: row.accountId ?? null,
    expires_at: row.expiresAt,
  };
  await db
    .insertInto('identity.oidc_store')
    .values(values)
    .onConflict((conflict) =>
      conflict.columns(['model', 'id']).doUpdateSet({
        payload: values.payload,
        grant_id: values.grant_id,
        uid: values.uid,
        user_code: values.user_code,
        account_id: values.account_id,
        expires_at: values.expires_at,
      }),
    )
    .execute();
}

type Lookup = { id: string } | { uid: string } | { userCode: string };

export async function findPayload(db: Db, model: string, lookup: Lookup, now: Date): Promise<StoredPayload | undefined> {
  let query = db
    .selectFrom('identity.oidc_store')
    .select(['payload', 'consumed_at'])
    .where('model', '=', model)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
  if ('id' in lookup) query = query.where('id', '=', lookup.id);
  else if ('uid' in lookup) query = query.where('uid', '=', lookup.uid);
  else query = query.where('user_code', '=', lookup.userCode);
  const row = await query.limit(1).executeTakeFirst();
  return row ? { payload: row.payload, consumedAt: row.consumed_at } : undefined;
}

/**
 * A bearer token's row and, read in the same statement, its owner's row as JSON (the person of an access
 * token, the client of a client-credentials token) and, for an access token bound to its session, that
 * session's row.
 */
export interface BearerRow extends StoredPayload {
  owner: Record<string, unknown> | null;
  session: { uid: string; row: StoredPayload | undefined } | undefined;
  /** for an access token, the values of the companions asked for over its person (the roles), as with a web session */
  alongside: unknown[] | undefined;
}

const UUID_TEXT = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * The rows of `id` as an access token and as a client-credentials token (either or none), each with its owner (and
 * session), and for an access token the values of `alongside` over its person.
 */
export async function findBearer(db: Db, id: string, now: Date, alongside: SessionCompanion[] = []): Promise<Map<string, BearerRow>> {
  const companions =
    alongside.length === 0
      ? sql`null`
      : sql`case when s.model = 'AccessToken' then (select json_build_array(${sql.join(alongside.map((companion) => companion(writtenCode)))}) from identity.persons p
          where p.id = case when s.account_id ~ ${UUID_TEXT} then s.account_id::uuid end) end`;
  const result = await sql<{
    model: string;
    payload: Record<string, unknown>;
    consumed_at: Date | null;
    owner: Record<string, unknown> | null;
    session: { payload: Record<string, unknown>; consumed_at: string | null } | null;
    alongside: unknown[] | null;
  }>`
    select s.model, s.payload, s.consumed_at,
      case s.model
        when 'AccessToken' then (select to_jsonb(p) from identity.persons p
          where p.id = case when s.account_id ~ ${UUID_TEXT} then s.account_id::uuid end)
        when 'ClientCredentials' then (select to_jsonb(c) from identity.clients c where c.client_id = s.payload->>'clientId')
      end as owner,
      case when s.model = 'AccessToken' and s.payload->>'sessionUid' is not null then
        (select jsonb_build_object('payload', x.payload, 'consumed_at', x.consumed_at) from identity.oidc_store x
          where x.model = 'Session' and x.uid = s.payload->>'sessionUid' and (x.expires_at is null or x.expires_at > ${now}) limit 1)
      end as session,
      ${companions} as alongside
    from identity.oidc_store s
    where s.model in ('AccessToken', 'ClientCredentials') and s.id = ${id} and (s.expires_at is null or s.expires_at > ${now})`.execute(db);
  return new Map(
    result.rows.map((row) => {
      const sessionUid = row.payload.sessionUid;
      const session =
        typeof sessionUid === 'string'
          ? { uid: sessionUid, row: row.session ? { payload: row.session.payload, consumedAt: row.session.consumed_at ? new Date(row.session.consumed_at) : null } : undefined }
          : undefined;
      return [row.model, { payload: row.payload, consumedAt: row.consumed_at, owner: row.owner, session, alongside: row.alongside ?? undefined }];
    }),
  );
}

export async function consumePayload(db: Db, model: string, id: string, at: Date): Promise<void> {
  await db.updateTable('identity.oidc_store').set({ consumed_at: at }).where('model', '=', model).where('id', '=', id).execute();
}

export async function destroyPayload(db: Db, model: string, id: string): Promise<void> {
  await db.deleteFrom('identity.oidc_store').where('model', '=', model).where('id', '=', id).execute();
}

export async function revokeByGrant(db: Db, model: string, grantId: string): Promise<void> {
  await db.deleteFrom('identity.oidc_store').where('model', '=', model).where('grant_id', '=', grantId).execute();
}

/** Everything the provider keeps for one account: its sessions, grants, codes and tokens ("sign out everywhere"). */
export async function destroyAccount(db: Db, accountId: string): Promise<number> {
  const rows = await db.deleteFrom('identity.oidc_store').where('account_id', '=', accountId).returning('id').execute();
  return rows.length;
}

/**
 * Ends one provider session: the session row, and every grant given in it
 * together with that grant's codes and tokens (as the provider's own logout does).
 */
export async function destroyProviderSession(db: Db, sessionId: string): Promise<boolean> {
  const session = await db.selectFrom('identity.oidc_store').select('payload').where('model', '=', 'Session').where('id', '=', sessionId).executeTakeFirst();
  if (!session) return false;
  const authorizations = (session.payload.authorizations ?? {}) as Record<string, { grantId?: string; persistsLogout?: boolean }>;
  const grantIds = Object.values(authorizations)
    .filter((authorization) => authorization.grantId && !authorization.persistsLogout)
    .map((authorization) => authorization.grantId as string);
  if (grantIds.length > 0) {
    await db
      .deleteFrom('identity.oidc_store')
      .where((eb) => eb.or([eb('grant_id', 'in', grantIds), eb.and([eb('model', '=', 'Grant'), eb('id', 'in', grantIds)])]))
      .execute();
  }
  await destroyPayload(db, 'Session', sessionId);
  return true;
}

/** Every grant, code and token issued to a client (it was disabled): none of them may be used again. */
export async function destroyClientArtifacts(db: Db, clientId: string): Promise<number> {
  const rows = await db
    .deleteFrom('identity.oidc_store')
    .where('model', 'in', ['AccessToken', 'ClientCredentials', 'RefreshToken', 'AuthorizationCode', 'Grant', 'DeviceCode', 'BackchannelAuthenticationRequest'])
    .where(sql<boolean>`payload->>'clientId' = ${clientId}`)
    .returning('id')
    .execute();
  return rows.length;
}

export async function pruneExpired(db: Db, now: Date): Promise<number> {
  const rows = await db.deleteFrom('identity.oidc_store').where('expires_at', '<', now).returning('id').execute();
  return rows.length;
}

// ---- shared secrets ----

/**
 * The secret named `name`: the stored one, or `create()`'s when none is stored
 * yet. Several instances starting together each offer theirs; the first insert
 * wins and all of them read it back.
 */
export async function loadOrCreateSecret<T>(db: Db, name: string, create: () => Promise<T>): Promise<T> {
  const existing = await db.selectFrom('identity.secrets').select('value').where('name', '=', name).executeTakeFirst();
  if (existing) return existing.value as T;
  const candidate = await create();
  await db
    .insertInto('identity.secrets')
    .values({ name, value: JSON.stringify(candidate), created_at: sql<Date>`now()` })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const stored = await db.selectFrom('identity.secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return stored.value as T;
}

/** Replaces a shared secret's value (key rotation); every instance reads it at its next start. */
export async function replaceSecret<T>(db: Db, name: string, value: T): Promise<void> {
  await db
    .insertInto('identity.secrets')
    .values({ name, value: JSON.stringify(value), created_at: sql<Date>`now()` })
    .onConflict((conflict) => conflict.column('name').doUpdateSet({ value: JSON.stringify(value), created_at: sql<Date>`now()` }))
    .execute();
}
