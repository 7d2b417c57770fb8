/** SQL of roles, representations and mandates, and nothing else. */
import { type Generated, type Kysely, type RawBuilder, type Selectable, type Transaction, sql } from 'kysely';
import type { Mandate, MandateStatus, Role, RoleGrantRecord } from './access.schemas.js';

interface CompaniesTable {
  registration_number: string;
  name: string;
  created_at: Generated<Date>;
}
interface CompanyRepresentativesTable {
  registration_number: string;
  personal_code: string;
  role: 'board_member';
  valid_from: string | null;
  valid_until: string | null;
}
interface LegalRepresentativesTable {
  representative: string;
  represented: string;
  basis: 'parent' | 'guardian';
  valid_until: string | null;
}
interface RoleGrantsTable {
  id: Generated<string>;
  personal_code: string;
  role: Role;
  institution_id: string | null;
  granted_by: string;
  granted_at: Generated<Date>;
  revoked_by: string | null;
  revoked_at: Date | null;
}
interface MandatesTable {
  id: Generated<string>;
  grantor: string;
  grantor_kind: 'person' | 'company';
  representative: string;
  all_services: boolean;
  services: string[];
  valid_from: Date;
  valid_until: Date | null;
  requires_acceptance: boolean;
  accepted_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  created_by: string;
  created_at: Generated<Date>;
}
interface MandateEventsTable {
  id: Generated<string>;
  mandate_id: string;
  event: 'granted' | 'accepted' | 'revoked';
  actor: string;
  occurred_at: Generated<Date>;
}

export interface AccessTables {
  'access.companies': CompaniesTable;
  'access.company_representatives': CompanyRepresentativesTable;
  'access.legal_representatives': LegalRepresentativesTable;
  'access.role_grants': RoleGrantsTable;
  'access.mandates': MandatesTable;
  'access.mandate_events': MandateEventsTable;
}

export type AccessDb = Kysely<AccessTables> | Transaction<AccessTables>;
type MandateRow = Selectable<MandatesTable>;

export function mandateStatus(row: Pick<MandateRow, 'revoked_at' | 'requires_acceptance' | 'accepted_at' | 'valid_from' | 'valid_until'>, now: Date): MandateStatus {
  if (row.revoked_at) return 'revoked';
  if (row.valid_until && row.valid_until <= now) return 'expired';
  if (row.requires_acceptance && !row.accepted_at) return 'pending';
  if (row.valid_from > now) return 'scheduled';
  return 'active';
}

type MandateHistory = Mandate['history'];

/** The histories of the given mandates, in one query, in order. */
async function historiesOf(db: AccessDb, ids: string[]): Promise<Map<string, MandateHistory>> {
  const histories = new Map<string, MandateHistory>(ids.map((id) => [id, []]));
  if (ids.length === 0) return histories;
  const events = await db.selectFrom('access.mandate_events').selectAll().where('mandate_id', 'in', ids).orderBy('id').execute();
  for (const event of events) histories.get(event.mandate_id)?.push({ event: event.event, actor: event.actor, occurredAt: event.occurred_at.toISOString() });
  return histories;
}

async function toMandates(db: AccessDb, rows: MandateRow[], now: Date): Promise<Mandate[]> {
  const histories = await historiesOf(db, rows.map((row) => row.id));
  return rows.map((row) => ({
    id: row.id,
    grantor: row.grantor,
    grantorKind: row.grantor_kind,
    representative: row.representative,
    scope: row.all_services ? { allServices: true } : { services: row.services },
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until ? row.valid_until.toISOString() : null,
    requiresAcceptance: row.requires_acceptance,
    acceptedAt: row.accepted_at ? row.accepted_at.toISOString() : null,
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
    status: mandateStatus(row, now),
    createdAt: row.created_at.toISOString(),
    history: histories.get(row.id) ?? [],
  }));
}

async function toMandate(db: AccessDb, row: MandateRow, now: Date): Promise<Mandate> {
  return (await toMandates(db, [row], now))[0] as Mandate;
}

// ---- representation by law ----

export async function upsertCompany(db: AccessDb, registrationNumber: string, name: string): Promise<void> {
  await db
    .insertInto('access.companies')
    .values({ registration_number: registrationNumber, name })
    .onConflict((oc) => oc.column('registration_number').doUpdateSet({ name }))
    .execute();
}

export async function findCompany(db: AccessDb, registrationNumber: string): Promise<{ registrationNumber: string; name: string } | undefined> {
  const row = await db.selectFrom('access.companies').selectAll().where('registration_number', '=', registrationNumber).executeTakeFirst();
  return row ? { registrationNumber: row.registration_number, name: row.name } : undefined;
}

export async function addBoardMember(db: AccessDb, registrationNumber: string, personalCode: string): Promise<void> {
  await db
    .insertInto('access.company_representatives')
    .values({ registration_number: registrationNumber, personal_code: personalCode, role: 'board_member', valid_from: null, valid_until: null })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function isBoardMember(db: AccessDb, registrationNumber: string, personalCode: string, day: string): Promise<boolean> {
  const row = await db
    .selectFrom('access.company_representatives')
    .select('role')
    .where('registration_number', '=', registrationNumber)
    .where('personal_code', '=', personalCode)
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', day)]))
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', day)]))
    .executeTakeFirst();
  return row !== undefined;
}

export async function companiesRepresentedBy(db: AccessDb, personalCode: string, day: string): Promise<{ registrationNumber: string; name: string }[]> {
  const rows = await db
    .selectFrom('access.company_representatives as r')
    .innerJoin('access.companies as c', 'c.registration_number', 'r.registration_number')
    .select(['c.registration_number', 'c.name'])
    .where('r.personal_code', '=', personalCode)
    .where((eb) => eb.or([eb('r.valid_from', 'is', null), eb('r.valid_from', '<=', day)]))
    .where((eb) => eb.or([eb('r.valid_until', 'is', null), eb('r.valid_until', '>=', day)]))
    .orderBy('c.name')
    .execute();
  return rows.map((row) => ({ registrationNumber: row.registration_number, name: row.name }));
}

export async function addLegalRepresentative(db: AccessDb, representative: string, represented: string, basis: 'parent' | 'guardian', validUntil: string | null): Promise<void> {
  await db
    .insertInto('access.legal_representatives')
    .values({ representative, represented, basis, valid_until: validUntil })
    .onConflict((oc) => oc.columns(['representative', 'represented']).doUpdateSet({ basis, valid_until: validUntil }))
    .execute();
}

export async function legalRepresentations(db: AccessDb, representative: string, day: string): Promise<{ represented: string; basis: 'parent' | 'guardian' }[]> {
  return db
    .selectFrom('access.legal_representatives')
    .select(['represented', 'basis'])
    .where('representative', '=', representative)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', day)]))
    .orderBy('represented')
    .execute();
}

// ---- staff roles ----

function toGrant(row: Selectable<RoleGrantsTable>): RoleGrantRecord {
  return { id: row.id, personalCode: row.personal_code, role: row.role, institutionId: row.institution_id, grantedBy: row.granted_by, grantedAt: row.granted_at.toISOString() };
}

export async function currentRoles(db: AccessDb, filter: { personalCode?: string; institutionId?: string }): Promise<RoleGrantRecord[]> {
  let query = db.selectFrom('access.role_grants').selectAll().where('revoked_at', 'is', null);
  if (filter.personalCode) query = query.where('personal_code', '=', filter.personalCode);
  if (filter.institutionId) query = query.where('institution_id', '=', filter.institutionId);
  return (await query.orderBy('personal_code').orderBy('role').execute()).map(toGrant);
}

/**
 * A person's current grants as a SQL expression over their personal code
 * (DDMMYY-NNNNN), JSON pairs [role, institution id or null]: for a statement
 * of another module to bring along (identity's session look-up).
 */
export function currentRolesExpression(personalCode: RawBuilder<string>): RawBuilder<[string, string | null][] | string> {
  return sql`(select coalesce(json_agg(json_build_array(g.role, g.institution_id) order by g.role), '[]') from access.role_grants g where g.revoked_at is null and g.personal_code = ${personalCode})`;
}

export async function insertRole(db: AccessDb, grant: { personalCode: string; role: Role; institutionId: string | null; grantedBy: string }): Promise<RoleGrantRecord | undefined> {
  const row = await db
    .insertInto('access.role_grants')
    .values({ personal_code: grant.personalCode, role: grant.role, institution_id: grant.institutionId, granted_by: grant.grantedBy, revoked_by: null, revoked_at: null })
    .onConflict((oc) => oc.expression(sql`personal_code, role, coalesce(institution_id, '00000000-0000-0000-0000-000000000000'::uuid)`).where('revoked_at', 'is', null).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toGrant(row) : undefined;
}

export async function findRole(db: AccessDb, id: string): Promise<RoleGrantRecord | undefined> {
  const row = await db.selectFrom('access.role_grants').selectAll().where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return row ? toGrant(row) : undefined;
}

export async function revokeRole(db: AccessDb, id: string, revokedBy: string): Promise<void> {
  await db.updateTable('access.role_grants').set({ revoked_at: sql<Date>`now()`, revoked_by: revokedBy }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

// ---- mandates ----

export async function insertMandate(
  db: AccessDb,
  value: Omit<MandatesTable, 'id' | 'created_at' | 'accepted_at' | 'revoked_at' | 'revoked_by'>,
  now: Date,
): Promise<Mandate> {
  const row = await db
    .insertInto('access.mandates')
    .values({ ...value, services: sql<string[]>`${value.services}::uuid[]`, accepted_at: null, revoked_at: null, revoked_by: null })
    .returningAll()
    .executeTakeFirstOrThrow();
  await addMandateEvent(db, row.id, 'granted', value.created_by);
  return toMandate(db, row, now);
}

export async function addMandateEvent(db: AccessDb, mandateId: string, event: 'granted' | 'accepted' | 'revoked', actor: string): Promise<void> {
  await db.insertInto('access.mandate_events').values({ mandate_id: mandateId, event, actor }).execute();
}

export async function findMandate(db: AccessDb, id: string, now: Date): Promise<Mandate | undefined> {
  const row = await db.selectFrom('access.mandates').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMandate(db, row, now) : undefined;
}

export async function markAccepted(db: AccessDb, id: string): Promise<void> {
  await db.updateTable('access.mandates').set({ accepted_at: sql<Date>`now()` }).where('id', '=', id).where('accepted_at', 'is', null).execute();
}

export async function markRevoked(db: AccessDb, id: string, actor: string): Promise<void> {
  await db.updateTable('access.mandates').set({ revoked_at: sql<Date>`now()`, revoked_by: actor }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function listMandates(db: AccessDb, by: { grantors?: string[]; representative?: string }, now: Date): Promise<Mandate[]> {
  let query = db.selectFrom('access.mandates').selectAll();
  if (by.grantors) query = query.where('grantor', 'in', by.grantors.length > 0 ? by.grantors : ['']);
  if (by.representative) query = query.where('representative', '=', by.representative);
  const rows = await query.orderBy('created_at', 'desc').limit(500).execute();
  // One query for all their histories, not one per mandate.
  return toMandates(db, rows, now);
}

/** Every ground on which `representative` might act for `party` now, as one statement reads them (access.service.ts decides which counts). */
export interface RightGrounds {
  boardMember: boolean;
  legalBasis: 'parent' | 'guardian' | null;
  /** the mandates in force, in the order a right picks them: limited ones first, then oldest first */
  mandates: { id: string; allServices: boolean; services: string[] }[];
}

/**
 * Board membership, representation by law and the mandates in force, in one round trip instead of up to three
 * (a list for a mandated party asked for them again with its services: bench/reads.ts, my-applications).
 */
export async function rightGrounds(db: AccessDb, party: string, representative: string, now: Date, day: string): Promise<RightGrounds> {
  const result = await sql<{ board_member: boolean; legal_basis: 'parent' | 'guardian' | null; mandates: { id: string; all_services: boolean; services: string[] }[] }>`
    select
      exists(select 1 from access.company_representatives
        where registration_number = ${party} and personal_code = ${representative}
          and (valid_from is null or valid_from <= ${day}) and (valid_until is null or valid_until >= ${day})) as board_member,
      (select basis from access.legal_representatives
        where representative = ${representative} and represented = ${party} and (valid_until is null or valid_until >= ${day})) as legal_basis,
      (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'all_services', all_services, 'services', services) order by all_services, created_at), '[]'::jsonb)
        from access.mandates
        where grantor = ${party} and representative = ${representative} and revoked_at is null and valid_from <= ${now}
          and (valid_until is null or valid_until > ${now}) and (requires_acceptance = false or accepted_at is not null)) as mandates`.execute(db);
  const row = result.rows[0];
  return {
    boardMember: row?.board_member ?? false,
    legalBasis: row?.legal_basis ?? null,
    mandates: (row?.mandates ?? []).map((mandate) => ({ id: mandate.id, allServices: mandate.all_services, services: mandate.services })),
  };
}
