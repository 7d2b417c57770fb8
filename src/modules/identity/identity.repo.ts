/**
 * SQL of persons, web sessions and clients, and nothing else. Every function
 * takes the executor to use, so a caller inside a transaction passes its
 * transaction (in embedded mode the pool has one connection: using the pool
 * from inside a transaction would wait forever).
 */
import { sql, type Generated, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { ClientInput, ClientMetadata, ClientRecord, ClientSummary, Person, PersonInput, WebSession } from './identity.schemas.js';
import type { OidcStoreTable, SecretsTable } from './oidc.repo.js';
import { isUuid } from '../../platform/db/ids.js';

interface PersonsTable {
  id: Generated<string>;
  personal_code: string;
  given_name: string;
  family_name: string;
  email: string | null;
  email_verified: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A person's columns by name: a statement kept prepared names its columns (see platform/db `prepared`). */
const PERSON_COLUMNS = ['id', 'personal_code', 'given_name', 'family_name', 'email', 'email_verified', 'created_at', 'updated_at'] as const;

interface ClientsTable {
  client_id: string;
  secret_hash: string | null;
  /** the secret before the last rotation, valid until previous_secret_expires_at (migration 003) */
  previous_secret_hash: Generated<string | null>;
  previous_secret_expires_at: Generated<Date | null>;
  metadata: ClientMetadata;
  institution_id: string | null;
  skip_consent: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** identity.clients' columns, plus who disabled the client and when (migration 002). */
interface DisabledClientsTable {
  client_id: string;
  secret_hash: string | null;
  metadata: ClientMetadata;
  institution_id: string | null;
  skip_consent: boolean;
  created_at: Date;
  updated_at: Date;
  disabled_at: Generated<Date>;
  disabled_by: string;
}

interface SessionsTable {
  id_hash: string;
  person_id: string;
  acr: string;
  csrf_secret: string;
  op_session_id: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

export interface IdentityTables {
  'identity.oidc_store': OidcStoreTable;
  'identity.secrets': SecretsTable;
  'identity.persons': PersonsTable;
  'identity.clients': ClientsTable;
  'identity.disabled_clients': DisabledClientsTable;
  'identity.sessions': SessionsTable;
}

export type IdentityDb = Kysely<IdentityTables>;

// ---- persons ----

function toPerson(row: Selectable<PersonsTable>): Person {
  return {
    id: row.id,
    personalCode: row.personal_code,
    givenName: row.given_name,
    familyName: row.family_name,
    email: row.email,
    emailVerified: row.email_verified,
    createdAt: row.created_at,
  };
}

/** A person's row as PostgreSQL's to_jsonb gives it (timestamps as text). */
export function personFromJson(row: Record<string, unknown>): Person {
  const json = row as unknown as Omit<Selectable<PersonsTable>, 'created_at' | 'updated_at'> & { created_at: string; updated_at: string };
  return toPerson({ ...json, created_at: new Date(json.created_at), updated_at: new Date(json.updated_at) });
}

export async function findPersonById(db: IdentityDb, id: string): Promise<Person | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db.selectFrom('identity.persons').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPerson(row) : undefined;
}

export async function findPersonByCode(db: IdentityDb, personalCode: string): Promise<Person | undefined> {
  const row = await db.selectFrom('identity.persons').selectAll().where('personal_code', '=', personalCode).executeTakeFirst();
  return row ? toPerson(row) : undefined;
}

/** Inserts the person, or refreshes the names (and e-mail, when given) of the one with that code. */
export async function upsertPerson(db: IdentityDb, input: PersonInput): Promise<Person> {
  const row = await db
    .insertInto('identity.persons')
    .values({
      personal_code: input.personalCode,
      given_name: input.givenName,
      family_name: input.familyName,
      email: input.email ?? null,
      email_verified: input.emailVerified ?? false,
    })
    .onConflict((conflict) =>
      conflict.column('personal_code').doUpdateSet((eb) => ({
        given_name: eb.ref('excluded.given_name'),
        family_name: eb.ref('excluded.family_name'),
        ...(input.email ? { email: eb.ref('excluded.email'), email_verified: eb.ref('excluded.email_verified') } : {}),
        updated_at: new Date(),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPerson(row);
}

export async function listPersons(db: IdentityDb, personalCodes: string[]): Promise<Person[]> {
  if (personalCodes.length === 0) return [];
  // One text for any number of codes, so it is kept prepared (platform/db/prepared.ts): a queue page asks for up to a hundred names on every request.
  const rows = await db
    .selectFrom('identity.persons')
    .select(PERSON_COLUMNS)
    .where('personal_code', '=', sql<string>`any(${personalCodes}::text[])`)
    .execute();
  return rows.map(toPerson);
}

// ---- clients ----

function toClient(row: Selectable<ClientsTable>): ClientRecord {
  return { clientId: row.client_id, secretHash: row.secret_hash, metadata: row.metadata, institutionId: row.institution_id, skipConsent: row.skip_consent };
}

/** A client's row as PostgreSQL's to_jsonb gives it. */
export function clientFromJson(row: Record<string, unknown>): ClientRecord {
  return toClient(row as unknown as Selectable<ClientsTable>);
}

export async function findClient(db: IdentityDb, clientId: string): Promise<ClientRecord | undefined> {
  const row = await db.selectFrom('identity.clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  return row ? toClient(row) : undefined;
}

export async function upsertClient(db: IdentityDb, input: Omit<ClientInput, 'secret'>, secretHash: string | null): Promise<ClientRecord> {
  const values = {
    client_id: input.clientId,
    secret_hash: secretHash,
    metadata: JSON.stringify(input.metadata) as unknown as ClientMetadata,
    institution_id: input.institutionId ?? null,
    skip_consent: input.skipConsent ?? false,
  };
  const row = await db
    .insertInto('identity.clients')
    .values(values)
    .onConflict((conflict) =>
      conflict.column('client_id').doUpdateSet({
        secret_hash: values.secret_hash,
        metadata: values.metadata,
        institution_id: values.institution_id,
        skip_consent: values.skip_consent,
        updated_at: new Date(),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toClient(row);
}

/**
 * Replaces an enabled client's secret hash; the hash it had stays valid until
 * `previousUntil` (null: the old secret is invalid at once). False when no enabled client has that id.
 */
export async function replaceClientSecret(db: IdentityDb, clientId: string, secretHash: string, previousUntil: Date | null): Promise<boolean> {
  const row = await db
    .updateTable('identity.clients')
    .set((eb) => ({
      secret_hash: secretHash,
      previous_secret_hash: previousUntil ? eb.ref('secret_hash') : null,
      previous_secret_expires_at: previousUntil,
      updated_at: new Date(),
    }))
    .where('client_id', '=', clientId)
    .returning('client_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The hash of the client's secret before its last rotation, while it is still valid at `at`. */
export async function findPreviousSecretHash(db: IdentityDb, clientId: string, at: Date): Promise<string | undefined> {
  const row = await db
    .selectFrom('identity.clients')
    .select('previous_secret_hash')
    .where('client_id', '=', clientId)
    .where('previous_secret_expires_at', '>', at)
    .executeTakeFirst();
  return row?.previous_secret_hash ?? undefined;
}

// ---- clients, as the console manages them ----

function toSummary(row: Selectable<ClientsTable> | Selectable<DisabledClientsTable>, disabled?: { at: Date; by: string }): ClientSummary {
  return {
    clientId: row.client_id,
    metadata: row.metadata,
    institutionId: row.institution_id,
    hasSecret: row.secret_hash !== null,
    skipConsent: row.skip_consent,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    disabledAt: disabled ? disabled.at.toISOString() : null,
    disabledBy: disabled ? disabled.by : null,
  };
}

/** Every client, enabled and disabled, by client id. */
export async function listClientSummaries(db: IdentityDb): Promise<ClientSummary[]> {
  const [enabled, disabled] = await Promise.all([
    db.selectFrom('identity.clients').selectAll().execute(),
    db.selectFrom('identity.disabled_clients').selectAll().execute(),
  ]);
  return [...enabled.map((row) => toSummary(row)), ...disabled.map((row) => toSummary(row, { at: row.disabled_at, by: row.disabled_by }))].sort((a, b) =>
    a.clientId.localeCompare(b.clientId),
  );
}

export async function findClientSummary(db: IdentityDb, clientId: string): Promise<ClientSummary | undefined> {
  const enabled = await db.selectFrom('identity.clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  if (enabled) return toSummary(enabled);
  const disabled = await db.selectFrom('identity.disabled_clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  return disabled ? toSummary(disabled, { at: disabled.disabled_at, by: disabled.disabled_by }) : undefined;
}

/** Changes an enabled client's metadata and institution, and its secret hash when one is given. */
export async function updateClientSettings(
  db: IdentityDb,
  clientId: string,
  change: { metadata: ClientMetadata; institutionId: string | null; secretHash?: string | null },
): Promise<ClientSummary | undefined> {
  const row = await db
    .updateTable('identity.clients')
    .set({
      metadata: JSON.stringify(change.metadata) as unknown as ClientMetadata,
      institution_id: change.institutionId,
      ...(change.secretHash !== undefined ? { secret_hash: change.secretHash } : {}),
      updated_at: new Date(),
    })
    .where('client_id', '=', clientId)
    .returningAll()
    .executeTakeFirst();
  return row ? toSummary(row) : undefined;
}

/** Moves a client out of identity.clients (the provider stops finding it) into identity.disabled_clients. */
export async function moveClientToDisabled(db: IdentityDb, clientId: string, by: string): Promise<ClientSummary | undefined> {
  const row = await db.deleteFrom('identity.clients').where('client_id', '=', clientId).returningAll().executeTakeFirst();
  if (!row) return undefined;
  const disabled = await db
    .insertInto('identity.disabled_clients')
    .values({
      client_id: row.client_id,
      secret_hash: row.secret_hash,
      metadata: JSON.stringify(row.metadata) as unknown as ClientMetadata,
      institution_id: row.institution_id,
      skip_consent: row.skip_consent,
      created_at: row.created_at,
      updated_at: row.updated_at,
      disabled_by: by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSummary(disabled, { at: disabled.disabled_at, by: disabled.disabled_by });
}

/** Moves a disabled client back into identity.clients. */
export async function moveClientFromDisabled(db: IdentityDb, clientId: string): Promise<ClientSummary | undefined> {
  const row = await db.deleteFrom('identity.disabled_clients').where('client_id', '=', clientId).returningAll().executeTakeFirst();
  if (!row) return undefined;
  const enabled = await db
    .insertInto('identity.clients')
    .values({
      client_id: row.client_id,
      secret_hash: row.secret_hash,
      metadata: JSON.stringify(row.metadata) as unknown as ClientMetadata,
      institution_id: row.institution_id,
      skip_consent: row.skip_consent,
      created_at: row.created_at,
      updated_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSummary(enabled);
}

export async function countClients(db: IdentityDb): Promise<number> {
  const row = await db.selectFrom('identity.clients').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- web sessions ----

/** A session's columns by name, as PERSON_COLUMNS. */
const SESSION_COLUMNS = ['id_hash', 'person_id', 'acr', 'csrf_secret', 'op_session_id', 'created_at', 'last_seen_at', 'expires_at'] as const;

function toSession(row: Selectable<SessionsTable>): WebSession {
  return {
    idHash: row.id_hash,
    personId: row.person_id,
    acr: row.acr,
    csrfSecret: row.csrf_secret,
    opSessionId: row.op_session_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

export async function insertSession(db: IdentityDb, session: WebSession): Promise<void> {
  await db
    .insertInto('identity.sessions')
    .values({
      id_hash: session.idHash,
      person_id: session.personId,
      acr: session.acr,
      csrf_secret: session.csrfSecret,
      op_session_id: session.opSessionId,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function findSession(db: IdentityDb, idHash: string): Promise<WebSession | undefined> {
  const row = await db.selectFrom('identity.sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  return row ? toSession(row) : undefined;
}

/** Another module's expression over a person's personal code (DDMMYY-NNNNN), read with their session. */
export type SessionCompanion = (personalCode: RawBuilder<string>) => RawBuilder<unknown>;

/** The stored code (11 digits) as people write it, in SQL: formatPersonalCode's form. */
export const writtenCode = sql<string>`(case when p.personal_code ~ '^[0-9]{11}$' then substr(p.personal_code, 1, 6) || '-' || substr(p.personal_code, 7) else p.personal_code end)`;

/**
 * A web session with its person, in one statement (every signed-in page asks
 * for both), and the values of `alongside` for that person (the roles).
 */
export async function findSessionWithPerson(db: IdentityDb, idHash: string, alongside: SessionCompanion[] = []): Promise<{ session: WebSession; person: Person; alongside: unknown[] } | undefined> {
  const query = db
    .selectFrom('identity.sessions as s')
    .innerJoin('identity.persons as p', 'p.id', 's.person_id')
    .select(SESSION_COLUMNS.map((column) => `s.${column}` as const))
    .select(sql<Record<string, unknown>>`to_jsonb(p)`.as('person'))
    .$if(alongside.length > 0, (query) => query.select(alongside.map((companion, i) => companion(writtenCode).as(`alongside_${i}`))))
    .where('s.id_hash', '=', idHash);
  // Its columns named, so a kept plan (platform/db/prepared.ts) outlives a column added to the table.
  const [row] = await query.execute();
  if (!row) return undefined;
  const values = row as unknown as Record<string, unknown>;
  return { session: toSession(row), person: personFromJson(row.person), alongside: alongside.map((_, i) => values[`alongside_${i}`]) };
}

export async function touchSession(db: IdentityDb, idHash: string, at: Date): Promise<void> {
  await db.updateTable('identity.sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: IdentityDb, idHash: string): Promise<WebSession | undefined> {
  const row = await db.deleteFrom('identity.sessions').where('id_hash', '=', idHash).returningAll().executeTakeFirst();
  return row ? toSession(row) : undefined;
}

export async function deleteSessionsOfPerson(db: IdentityDb, personId: string): Promise<number> {
  const rows = await db.deleteFrom('identity.sessions').where('person_id', '=', personId).returning('id_hash').execute();
  return rows.length;
}

/** Removes sessions past their absolute end or idle for longer than `idleBefore` allows. */
export async function deleteStaleSessions(db: IdentityDb, now: Date, idleBefore: Date): Promise<number> {
  const rows = await db
    .deleteFrom('identity.sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
    .returning('id_hash')
    .execute();
  return rows.length;
}
