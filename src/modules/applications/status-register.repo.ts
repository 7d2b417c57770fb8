/**
 * SQL of the central status register, set-based: a batch of status events is
 * read, checked and written in a handful of statements, whatever its size
 * (arrays in, `unnest` in SQL), never one round trip per event.
 */
import { sql, type Kysely } from 'kysely';
import type { LeadTime, Pause } from './lead-time.js';
import type { ActorRole, StatusCode } from './statuses.js';
import type { Text } from '../catalog/index.js';
import type { ApplicationsTables } from './applications.repo.js';

type Db = Kysely<ApplicationsTables>;

/** What the status register needs to know of an application to apply events to it. */
export interface ApplicationState {
  id: string;
  number: string;
  serviceId: string;
  institutionId: string;
  applicant: string;
  origin: 'platform' | 'external';
  externalId: string | null;
  status: StatusCode;
  submittedAt: Date;
  lastEventAt: Date;
  leadTime: LeadTime;
  pauses: Pause[];
  awaiting: string | null;
  completedAt: Date | null;
  closedAt: Date | null;
  expectedAt: Date | null;
  /** what its status_changed events say of it (read with the state, so announcing needs no second look) */
  serviceTitle: Text;
  applicantKind: 'person' | 'company';
  submittedBy: string | null;
}

interface StateRow {
  id: string;
  number: string;
  service_id: string;
  institution_id: string;
  applicant: string;
  origin: 'platform' | 'external';
  external_id: string | null;
  status: StatusCode;
  submitted_at: Date;
  last_event_at: Date;
  lead_time: LeadTime;
  pauses: Pause[];
  awaiting: string | null;
  completed_at: Date | null;
  closed_at: Date | null;
  expected_at: Date | null;
  service_title: Text;
  applicant_kind: 'person' | 'company';
  submitted_by: string | null;
}

const toState = (row: StateRow): ApplicationState => ({
  id: row.id,
  number: row.number,
  serviceId: row.service_id,
  institutionId: row.institution_id,
  applicant: row.applicant,
  origin: row.origin,
  externalId: row.external_id,
  status: row.status,
  submittedAt: row.submitted_at,
  lastEventAt: row.last_event_at,
  leadTime: row.lead_time,
  pauses: row.pauses,
  awaiting: row.awaiting,
  completedAt: row.completed_at,
  closedAt: row.closed_at,
  expectedAt: row.expected_at,
  serviceTitle: row.service_title,
  applicantKind: row.applicant_kind,
  submittedBy: row.submitted_by,
});

export interface ApplicationRefs {
  ids: string[];
  numbers: string[];
  /** external ids are looked up within this institution only */
  institutionId: string | null;
  externalIds: string[];
}

/**
 * The applications the events name, locked until the transaction ends (in id
 * order, so two batches touching the same applications never deadlock).
 *
 * Each named key is one index probe (a lateral subquery with a limit, which the
 * planner cannot turn into a scan): written as `or`/`any` over the table, the
 * plan depended on the statistics, and on a freshly grown table it read every
 * application of the institution for each batch (a batch cost grew with the
 * institution's history).
 */
export async function lockApplications(db: Db, refs: ApplicationRefs): Promise<ApplicationState[]> {
  if (refs.ids.length + refs.numbers.length + refs.externalIds.length === 0) return [];
  const result = await sql<StateRow>`
    with named as (
      select k.id from unnest(${refs.ids}::uuid[]) as k(id)
      union
      select a.id from unnest(${refs.numbers}::text[]) as k(number)
        cross join lateral (select id from applications.applications where number = k.number limit 1) a
      union
      select a.id from unnest(${refs.externalIds}::text[]) as k(external_id)
        cross join lateral (select id from applications.applications where institution_id = ${refs.institutionId}::uuid and external_id = k.external_id limit 1) a
    )
    select s.* from (select id from named order by id) n
      cross join lateral (
        select id, number, service_id, institution_id, applicant, origin, external_id, status, submitted_at, last_event_at,
               lead_time, pauses, awaiting, completed_at, closed_at, expected_at, service_title, applicant_kind, submitted_by
        from applications.applications where id = n.id
        for update) s
    order by n.id`.execute(db);
  return result.rows.map(toState);
}

/** Which of the event ids the institutions already sent: one index probe per id (see lockApplications). */
export async function knownEventIds(db: Db, institutionIds: string[], eventIds: string[]): Promise<Set<string>> {
  if (eventIds.length === 0 || institutionIds.length === 0) return new Set();
  const result = await sql<{ event_id: string }>`
    select k.event_id from unnest(${eventIds}::text[]) as k(event_id)
    where exists (select from unnest(${institutionIds}::uuid[]) as i(id)
      cross join lateral (select from applications.status_events e where e.institution_id = i.id and e.event_id = k.event_id limit 1) hit)`.execute(db);
  return new Set(result.rows.map((row) => row.event_id));
}

/** Reserves `count` consecutive numbers of a year; returns the first. */
export async function allocateNumbers(db: Db, year: number, count: number): Promise<number> {
  const result = await sql<{ last: string }>`
    insert into applications.number_counters as c (year, last) values (${year}, ${count})
    on conflict (year) do update set last = c.last + excluded.last
    returning last`.execute(db);
  return Number(result.rows[0]?.last) - count + 1;
}

export const formatNumber = (year: number, sequence: number): string => `${year}-${String(sequence).padStart(6, '0')}`;

export interface NewApplication {
  id: string;
  number: string;
  serviceId: string;
  institutionId: string;
  serviceTitle: unknown;
  applicant: string;
  applicantKind: 'person' | 'company';
  submittedBy: string | null;
  basis: string | null;
  mandateId: string | null;
  origin: 'platform' | 'external';
  externalId: string | null;
  formVersion: number | null;
  data: unknown;
  status: StatusCode;
  statusAt: Date;
  awaiting: string | null;
  submittedAt: Date;
  lastEventAt: Date;
  leadTime: LeadTime;
  pauses: Pause[];
  expectedAt: Date | null;
  completedAt: Date | null;
  closedAt: Date | null;
  receipt: unknown;
}

// The rows of a batch travel as one JSON document read by jsonb_to_recordset, where a key left out reads as
// null: null columns are left out (undefined, which JSON.stringify skips), a fifth of a status change's text.
const iso = (at: Date | null): string | undefined => (at ? at.toISOString() : undefined);
const absentIfNull = <T>(value: T | null): T | undefined => value ?? undefined;

/**
 * Inserts applications in one statement. An application an institution
 * registers may be registered at the same moment by a concurrent batch: such
 * rows are skipped, and the ids actually inserted are returned.
 */
export async function insertApplications(db: Db, rows: NewApplication[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  // The rows travel as one JSON document: no per-element array escaping in the driver.
  const input = rows.map((r) => ({
    id: r.id,
    number: r.number,
    service_id: r.serviceId,
    institution_id: r.institutionId,
    service_title: absentIfNull(r.serviceTitle),
    applicant: r.applicant,
    applicant_kind: r.applicantKind,
    submitted_by: absentIfNull(r.submittedBy),
    basis: absentIfNull(r.basis),
    mandate_id: absentIfNull(r.mandateId),
    origin: r.origin,
    external_id: absentIfNull(r.externalId),
    form_version: absentIfNull(r.formVersion),
    data: absentIfNull(r.data),
    status: r.status,
    status_at: iso(r.statusAt),
    awaiting: absentIfNull(r.awaiting),
    submitted_at: iso(r.submittedAt),
    last_event_at: iso(r.lastEventAt),
    lead_time: absentIfNull(r.leadTime),
    pauses: absentIfNull(r.pauses),
    expected_at: iso(r.expectedAt),
    completed_at: iso(r.completedAt),
    closed_at: iso(r.closedAt),
    receipt: absentIfNull(r.receipt),
  }));
  const result = await sql<{ id: string }>`
    insert into applications.applications (id, number, service_id, institution_id, service_title, applicant, applicant_kind, submitted_by, basis,
      mandate_id, origin, external_id, form_version, data, status, status_at, awaiting, submitted_at, last_event_at, lead_time, pauses,
      expected_at, completed_at, closed_at, receipt)
    select id, number, service_id, institution_id, service_title, applicant, applicant_kind, submitted_by, basis,
      mandate_id, origin, external_id, form_version, coalesce(data, '{}'), status, status_at, awaiting, submitted_at, last_event_at,
      lead_time, pauses, expected_at, completed_at, closed_at, receipt
    from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as t(id uuid, number text, service_id uuid, institution_id uuid, service_title jsonb, applicant text,
      applicant_kind text, submitted_by text, basis text, mandate_id uuid, origin text, external_id text, form_version int, data jsonb, status text,
      status_at timestamptz, awaiting text, submitted_at timestamptz, last_event_at timestamptz, lead_time jsonb, pauses jsonb, expected_at timestamptz,
      completed_at timestamptz, closed_at timestamptz, receipt jsonb)
    on conflict (institution_id, external_id) where external_id is not null do nothing
    returning id`.execute(db);
  return new Set(result.rows.map((row) => row.id));
}

export interface EventRow {
  applicationId: string;
  /** the institution that recorded the event (null: the applicant or the platform) */
  institutionId: string | null;
  eventId: string | null;
  code: StatusCode;
  fromCode: StatusCode | null;
  occurredAt: Date;
  actor: string;
  role: ActorRole;
  note: string | null;
  noteForApplicant: string | null;
  awaiting: string | null;
  message: string | null;
  /** what the status_changed event says about the application (known to the caller, so no join is needed) */
  application: { number: string; serviceId: string; institutionId: string; applicant: string };
}

export interface StateUpdate {
  id: string;
  status: StatusCode;
  statusAt: Date;
  lastEventAt: Date;
  awaiting: string | null;
  pauses: Pause[];
  expectedAt: Date | null;
  completedAt: Date | null;
  closedAt: Date | null;
}

/** A stored event's row id; they come back in the order the events went in (identity order). */
export interface WrittenEvent {
  id: string;
}

/**
 * One statement: stores the events and moves each application to its new
 * state (the caller announces them on the outbox in the same transaction). The
 * caller has locked the applications and filtered out known event ids; should
 * a concurrent transaction still have stored one of them, fewer ids come back
 * than events went in, and the caller must roll back.
 */
export async function writeEvents(db: Db, events: EventRow[], updates: StateUpdate[]): Promise<WrittenEvent[]> {
  if (events.length === 0) return [];
  // Both sets travel as JSON documents (one parameter each): no per-element array escaping in the driver.
  const input = events.map((r) => ({
    application_id: r.applicationId,
    institution_id: absentIfNull(r.institutionId),
    event_id: absentIfNull(r.eventId),
    code: r.code,
    from_code: absentIfNull(r.fromCode),
    occurred_at: iso(r.occurredAt),
    actor: r.actor,
    actor_role: r.role,
    note: absentIfNull(r.note),
    note_for_applicant: absentIfNull(r.noteForApplicant),
    awaiting: absentIfNull(r.awaiting),
    message: absentIfNull(r.message),
  }));
  const moves = updates.map((r) => ({
    id: r.id,
    status: r.status,
    status_at: iso(r.statusAt),
    last_event_at: iso(r.lastEventAt),
    awaiting: absentIfNull(r.awaiting),
    pauses: r.pauses,
    expected_at: iso(r.expectedAt),
    completed_at: iso(r.completedAt),
    closed_at: iso(r.closedAt),
  }));
  const result = await sql<{ id: string }>`
    with input as (
      select * from rows from (jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as (application_id uuid, institution_id uuid, event_id text, code text,
        from_code text, occurred_at timestamptz, actor text, actor_role text, note text, note_for_applicant text, awaiting text, message text))
      with ordinality as t(application_id, institution_id, event_id, code, from_code, occurred_at, actor, actor_role, note, note_for_applicant, awaiting, message, seq)
    ),
    stored as (
      insert into applications.status_events (application_id, institution_id, event_id, code, from_code, occurred_at, actor, actor_role, note, note_for_applicant, awaiting, message)
      select application_id, institution_id, event_id, code, from_code, occurred_at, actor, actor_role, note, note_for_applicant, awaiting, message
      from input order by seq
      on conflict (institution_id, event_id) do nothing
      returning id
    ),
    moved as (
      update applications.applications a
      set status = n.status, status_at = n.status_at, last_event_at = n.last_event_at, awaiting = n.awaiting, pauses = coalesce(n.pauses, '[]'),
          expected_at = n.expected_at, completed_at = n.completed_at, closed_at = n.closed_at, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(moves)}::jsonb) as n(id uuid, status text, status_at timestamptz, last_event_at timestamptz, awaiting text, pauses jsonb,
        expected_at timestamptz, completed_at timestamptz, closed_at timestamptz)
      where a.id = n.id
    )
    select id::text from stored order by id`.execute(db);
  return result.rows;
}
