/** The SQL of API client requests and per-client rate limits, and nothing else. */
import type { Generated, Kysely, Selectable } from 'kysely';

interface ClientRequestsTable {
  id: Generated<string>;
  institution_id: string | null;
  requested_by: string;
  requester_name: string;
  name: string;
  contacts: string[];
  scopes: string[];
  grant_types: string[];
  redirect_uris: string[];
  auth_method: 'client_secret_basic' | 'private_key_jwt';
  jwks_uri: string | null;
  status: Generated<'pending' | 'approved' | 'refused'>;
  decided_by: string | null;
  decided_at: Date | null;
  reason: string | null;
  client_id: string | null;
  secret_issued_at: Date | null;
  created_at: Generated<Date>;
}

interface ClientLimitsTable {
  client_id: string;
  per_minute: number;
  burst: number;
  set_by: string;
  set_at: Generated<Date>;
}

export interface ClientTables {
  'integration.client_requests': ClientRequestsTable;
  'integration.client_limits': ClientLimitsTable;
}

export type ClientsDb = Kysely<ClientTables>;
export type ClientRequestRow = Selectable<ClientRequestsTable>;
export type ClientLimitRow = Selectable<ClientLimitsTable>;
export type NewClientRequest = Pick<
  ClientRequestRow,
  'institution_id' | 'requested_by' | 'requester_name' | 'name' | 'contacts' | 'scopes' | 'grant_types' | 'redirect_uris' | 'auth_method' | 'jwks_uri'
>;

export async function insertRequest(db: ClientsDb, row: NewClientRequest): Promise<ClientRequestRow> {
  return db.insertInto('integration.client_requests').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findRequest(db: ClientsDb, id: string): Promise<ClientRequestRow | undefined> {
  return db.selectFrom('integration.client_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRequestByClient(db: ClientsDb, clientId: string): Promise<ClientRequestRow | undefined> {
  return db.selectFrom('integration.client_requests').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

/** Requests made by the person or for one of the institutions, newest first (`status`: only those). */
export async function listRequests(db: ClientsDb, filter: { requestedBy?: string; institutionIds?: string[]; status?: ClientRequestRow['status'] }): Promise<ClientRequestRow[]> {
  let query = db.selectFrom('integration.client_requests').selectAll();
  const { requestedBy, institutionIds, status } = filter;
  if (requestedBy !== undefined || institutionIds !== undefined) {
    query = query.where((eb) =>
      eb.or([
        ...(requestedBy !== undefined ? [eb('requested_by', '=', requestedBy)] : []),
        ...(institutionIds !== undefined && institutionIds.length > 0 ? [eb('institution_id', 'in', institutionIds)] : []),
      ]),
    );
  }
  if (status) query = query.where('status', '=', status);
  return query.orderBy('created_at', 'desc').limit(500).execute();
}

/** Decides a pending request; undefined when it was no longer pending (decided meanwhile). */
export async function decideRequest(
  db: ClientsDb,
  id: string,
  decision: { status: 'approved' | 'refused'; decidedBy: string; reason: string | null; clientId: string | null },
): Promise<ClientRequestRow | undefined> {
  return db
    .updateTable('integration.client_requests')
    .set({ status: decision.status, decided_by: decision.decidedBy, decided_at: new Date(), reason: decision.reason, client_id: decision.clientId })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

/** Marks the first secret as handed out; false when it already was (it is shown once). */
export async function markSecretIssued(db: ClientsDb, id: string): Promise<boolean> {
  const row = await db
    .updateTable('integration.client_requests')
    .set({ secret_issued_at: new Date() })
    .where('id', '=', id)
    .where('secret_issued_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findLimit(db: ClientsDb, clientId: string): Promise<ClientLimitRow | undefined> {
  return db.selectFrom('integration.client_limits').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

export async function saveLimit(db: ClientsDb, row: Pick<ClientLimitRow, 'client_id' | 'per_minute' | 'burst' | 'set_by'>): Promise<void> {
  await db
    .insertInto('integration.client_limits')
    .values(row)
    .onConflict((conflict) => conflict.column('client_id').doUpdateSet({ per_minute: row.per_minute, burst: row.burst, set_by: row.set_by, set_at: new Date() }))
    .execute();
}

export async function deleteLimit(db: ClientsDb, clientId: string): Promise<boolean> {
  const result = await db.deleteFrom('integration.client_limits').where('client_id', '=', clientId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
