/** The SQL of customer support, and nothing else. */
import { sql, type ColumnType, type Generated, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { Pause } from '../applications/index.js';
import { literalLimit, literalLimitAtLeast } from '../../platform/db/prepared.js';

export type TicketState = 'unconfirmed' | 'open' | 'awaiting_person' | 'closed';
export type RequesterKind = 'person' | 'company' | 'visitor';
export type Channel = 'portal' | 'workspace' | 'api';
export type EntryKind = 'message' | 'reply' | 'note' | 'transfer' | 'assigned' | 'closed' | 'reopened' | 'merged';
export type AuthorKind = 'person' | 'agent' | 'visitor';

interface SubjectsTable {
  code: string;
  label_lv: string;
  label_en: string;
  position: Generated<number>;
  active: Generated<boolean>;
}

interface TargetsTable {
  institution_id: string;
  first_reply_days: number;
  resolution_days: number;
  updated_at: Generated<Date>;
}

interface TicketsTable {
  id: Generated<string>;
  number: number | string;
  queue_institution_id: string | null;
  subject_code: string;
  channel: Channel;
  service_id: string | null;
  application_id: string | null;
  application_number: string | null;
  requester: string | null;
  requester_kind: RequesterKind;
  asked_by: string | null;
  visitor_name: string | null;
  visitor_email: string | null;
  language: 'lv' | 'en';
  state: TicketState;
  assignee: string | null;
  created_at: Date;
  opened_at: Date | null;
  first_reply_at: Date | null;
  closed_at: Date | null;
  confirm_hash: string | null;
  confirm_expires_at: Date | null;
  network: string | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: Date | null;
  /** the next due time of an open ticket (migration 003): overdue past it */
  due_at: Date | null;
  /** the periods its resolution clock stood still (migration 005), kept with due_at; written as JSON text */
  pauses: ColumnType<Pause[], never, string>;
}

interface EntriesTable {
  id: Generated<string>;
  ticket_id: string;
  kind: EntryKind;
  author_kind: AuthorKind;
  author: string | null;
  body: string | null;
  from_queue: string | null;
  to_queue: string | null;
  other_ticket: number | string | null;
  created_at: Date;
}

interface FilesTable {
  id: Generated<string>;
  entry_id: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  created_at: Date;
}

interface CannedAnswersTable {
  id: Generated<string>;
  institution_id: string | null;
  title: string;
  body_lv: string;
  body_en: string;
  created_at: Generated<Date>;
}

interface FaqsTable {
  id: Generated<string>;
  service_id: string;
  question_lv: string;
  question_en: string;
  answer_lv: string;
  answer_en: string;
  created_by: string;
  created_at: Generated<Date>;
}

export interface SupportTables {
  'support.faqs': FaqsTable;
  'support.canned_answers': CannedAnswersTable;
  'support.subjects': SubjectsTable;
  'support.targets': TargetsTable;
  'support.tickets': TicketsTable;
  'support.entries': EntriesTable;
  'support.files': FilesTable;
}

export type Db = Kysely<SupportTables>;
export type TicketRow = Selectable<TicketsTable>;
export type EntryRow = Selectable<EntriesTable>;
export type FileRow = Selectable<FilesTable>;
export type SubjectRow = Selectable<SubjectsTable>;
export type CannedRow = Selectable<CannedAnswersTable>;

export type FaqRow = Selectable<FaqsTable>;

export async function faqsOf(db: Db, serviceId: string): Promise<FaqRow[]> {
  return db.selectFrom('support.faqs').selectAll().where('service_id', '=', serviceId).orderBy('created_at').execute();
}

export async function insertFaq(db: Db, row: Omit<FaqRow, 'id' | 'created_at'>): Promise<void> {
  await db.insertInto('support.faqs').values(row).execute();
}

export async function deleteFaq(db: Db, id: string, serviceId: string): Promise<void> {
  await db.deleteFrom('support.faqs').where('id', '=', id).where('service_id', '=', serviceId).execute();
}

export async function cannedAnswers(db: Db, queues: { institutions: string[]; firstLine: boolean }): Promise<CannedRow[]> {
  if (queues.institutions.length === 0 && !queues.firstLine) return [];
  return db
    .selectFrom('support.canned_answers')
    .selectAll()
    .where((eb) => {
      const ors = [];
      if (queues.institutions.length > 0) ors.push(eb('institution_id', 'in', queues.institutions));
      if (queues.firstLine) ors.push(eb('institution_id', 'is', null));
      return eb.or(ors);
    })
    .orderBy('title')
    .execute();
}

export async function insertCanned(db: Db, row: Omit<CannedRow, 'id' | 'created_at'>): Promise<void> {
  await db.insertInto('support.canned_answers').values(row).execute();
}

export async function deleteCanned(db: Db, id: string): Promise<void> {
  await db.deleteFrom('support.canned_answers').where('id', '=', id).execute();
}
export type NewTicket = Omit<TicketRow, 'id' | 'number' | 'due_at' | 'pauses'>;

export async function subjects(db: Db, all = false): Promise<SubjectRow[]> {
  let query = db.selectFrom('support.subjects').selectAll().orderBy('position').orderBy('code');
  if (!all) query = query.where('active', '=', true);
  return query.execute();
}

export async function saveSubject(db: Db, subject: { code: string; label_lv: string; label_en: string; active: boolean }): Promise<void> {
  await db
    .insertInto('support.subjects')
    .values({ ...subject, position: sql<number>`(select coalesce(max(position), 0) + 10 from support.subjects)` })
    .onConflict((conflict) => conflict.column('code').doUpdateSet({ label_lv: subject.label_lv, label_en: subject.label_en, active: subject.active }))
    .execute();
}

export async function targetsOf(db: Db, institutionIds: string[]): Promise<Map<string, { firstReplyDays: number; resolutionDays: number }>> {
  if (institutionIds.length === 0) return new Map();
  const rows = await db.selectFrom('support.targets').selectAll().where('institution_id', 'in', institutionIds).execute();
  return new Map(rows.map((row) => [row.institution_id, { firstReplyDays: row.first_reply_days, resolutionDays: row.resolution_days }]));
}

export async function saveTargets(db: Db, institutionId: string, firstReplyDays: number, resolutionDays: number): Promise<void> {
  await db
    .insertInto('support.targets')
    .values({ institution_id: institutionId, first_reply_days: firstReplyDays, resolution_days: resolutionDays })
    .onConflict((conflict) => conflict.column('institution_id').doUpdateSet({ first_reply_days: firstReplyDays, resolution_days: resolutionDays, updated_at: sql<Date>`now()` }))
    .execute();
}

export async function insertTicket(db: Db, ticket: NewTicket): Promise<TicketRow> {
  return db
    .insertInto('support.tickets')
    .values({ ...ticket, number: sql<string>`nextval('support.ticket_numbers')` })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findTicket(db: Db, number: number): Promise<TicketRow | undefined> {
  if (!Number.isSafeInteger(number) || number <= 0) return undefined;
  return db.selectFrom('support.tickets').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function findTicketForUpdate(db: Db, id: string): Promise<TicketRow | undefined> {
  return db.selectFrom('support.tickets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findByConfirmation(db: Db, hash: string): Promise<TicketRow | undefined> {
  return db.selectFrom('support.tickets').selectAll().where('confirm_hash', '=', hash).forUpdate().executeTakeFirst();
}

export async function updateTicket(db: Db, id: string, change: Partial<Omit<TicketRow, 'id' | 'number' | 'pauses'>>): Promise<TicketRow> {
  return db.updateTable('support.tickets').set(change).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Keeps a ticket's clock on its row: its next due time and its pauses. */
export async function keepClock(db: Db, id: string, dueAt: Date | null, pauses: Pause[]): Promise<TicketRow> {
  return db.updateTable('support.tickets').set({ due_at: dueAt, pauses: JSON.stringify(pauses) }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Adds an entry to a thread; answers its id (files hang on it). */
export async function addEntry(db: Db, entry: Omit<EntryRow, 'id' | 'other_ticket'> & { other_ticket?: number }): Promise<string> {
  const row = await db.insertInto('support.entries').values(entry).returning('id').executeTakeFirstOrThrow();
  return String(row.id);
}

export async function insertFiles(db: Db, files: Omit<FileRow, 'id'>[]): Promise<void> {
  if (files.length > 0) await db.insertInto('support.files').values(files).execute();
}

export async function filesOfEntries(db: Db, entryIds: string[]): Promise<FileRow[]> {
  if (entryIds.length === 0) return [];
  return db.selectFrom('support.files').selectAll().where('entry_id', 'in', entryIds).orderBy('created_at').orderBy('filename').execute();
}

/** A file with the ticket and kind of the entry it hangs on. */
export async function findFile(db: Db, fileId: string): Promise<(FileRow & { ticket_id: string; entry_kind: EntryKind }) | undefined> {
  return db
    .selectFrom('support.files as f')
    .innerJoin('support.entries as e', 'e.id', 'f.entry_id')
    .selectAll('f')
    .select(['e.ticket_id as ticket_id', 'e.kind as entry_kind'])
    .where('f.id', '=', fileId)
    .executeTakeFirst();
}

/** Moves the thread of one ticket to another (merging a duplicate), keeping each entry's time. */
export async function moveEntries(db: Db, fromTicketId: string, toTicketId: string): Promise<void> {
  await db.updateTable('support.entries').set({ ticket_id: toTicketId }).where('ticket_id', '=', fromTicketId).execute();
}

export async function entriesOf(db: Db, ticketId: string): Promise<EntryRow[]> {
  return db.selectFrom('support.entries').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('id').execute();
}

export async function ticketsOfRequester(db: Db, requester: string, limit: number): Promise<TicketRow[]> {
  return db.selectFrom('support.tickets').selectAll().where('requester', '=', requester).where('state', '<>', 'unconfirmed').orderBy('created_at', 'desc').limit(limit).execute();
}

export interface QueueQuery {
  queues: { institutions: string[]; firstLine: boolean };
  filter: 'all' | 'mine' | 'unassigned' | 'overdue';
  /** the agent (for `mine`) */
  agent: string;
  subject?: string | undefined;
  /** a search (number, application, requester, a visitor's name or address): over closed tickets too */
  q?: string | undefined;
  now: Date;
  limit: number;
  offset: number;
  /** how many tickets all pages hold, when the caller knows it already: the statement then counts nothing */
  knownTotal?: number | undefined;
}

export interface QueuePage {
  rows: QueueRow[];
  total: number;
  /** per queue institution, its own targets (absent: the defaults) */
  targets: Map<string, { firstReplyDays: number; resolutionDays: number }>;
}

/** What a queue's page shows of a ticket: its row but for the confirmation, network, rating time and due time. */
export type QueueRow = Omit<TicketRow, 'confirm_hash' | 'confirm_expires_at' | 'network' | 'rated_at' | 'due_at'>;

const QUEUE_COLUMNS = sql.raw(
  ['id', 'number', 'queue_institution_id', 'subject_code', 'channel', 'service_id', 'application_id', 'application_number', 'requester', 'requester_kind', 'asked_by', 'visitor_name', 'visitor_email', 'language', 'state', 'assignee', 'created_at', 'opened_at', 'first_reply_at', 'closed_at', 'rating', 'rating_comment', 'pauses']
    .map((column) => `t.${column}`)
    .join(', '),
);

/** The tickets of a queue page's query before it is split into late and on time (see queuePage). */
function queueBase(query: QueueQuery): RawBuilder<unknown> {
  const { queues, q } = query;
  const inQueues = [
    ...(queues.institutions.length > 0 ? [sql`queue_institution_id in (${sql.join(queues.institutions)})`] : []),
    ...(queues.firstLine ? [sql`queue_institution_id is null`] : []),
  ];
  const conditions = [sql`(${sql.join(inQueues, sql` or `)})`];
  if (q) {
    const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const found = [
      ...(/^\d{1,12}$/.test(q) ? [sql`number = ${Number(q)}`] : []),
      sql`requester = ${q}`,
      sql`application_number = ${q}`,
      sql`lower(visitor_email) like ${like}`,
      sql`lower(visitor_name) like ${like}`,
    ];
    conditions.push(sql`state <> 'unconfirmed'`, sql`(${sql.join(found, sql` or `)})`);
  } else {
    conditions.push(sql`state in ('open', 'awaiting_person')`);
  }
  if (query.subject) conditions.push(sql`subject_code = ${query.subject}`);
  if (query.filter === 'mine') conditions.push(sql`assignee = ${query.agent}`);
  if (query.filter === 'unassigned') conditions.push(sql`assignee is null`);
  return sql.join(conditions, sql` and `);
}

/**
 * One page of a queue, in one statement: tickets that reached one of the
 * queues (null: first line), open ones only unless searching, narrowed by the
 * filter and subject; overdue first (an open ticket past its due time), then
 * the oldest — with how many all pages hold (unless the caller knows) and
 * each ticket's queue's targets (its clock's pauses are on its row). The
 * overdue tickets and the others are picked as two runs in (opened_at, number)
 * order of at least offset + limit numbers each (the second only when the
 * first falls short), read from migration 004's index alone, instead of
 * sorting every open ticket of the queue; only the page's rows are then read
 * from the table. Written as one SQL text rather than built with the query
 * builder: building it cost more of a request's time than the rows it brings.
 */
export async function queuePage(db: Db, query: QueueQuery): Promise<QueuePage> {
  const empty: QueuePage = { rows: [], total: 0, targets: new Map() };
  if (query.queues.institutions.length === 0 && !query.queues.firstLine) return empty;
  const base = queueBase(query);
  // The limits are in the text, so the statement keeps a generic plan (literalLimit); the runs' rounded up.
  const upTo = query.offset + query.limit;
  // Written as the expression migration 004 keeps statistics on: with state and due_at counted as
  // independent the planner expects a few dozen late tickets where there are thousands.
  const late = sql`${base} and (case when state = 'open' then due_at end) < ${query.now}`;
  // Each run picks its tickets' numbers from the index alone (migration 004 carries every column a
  // filter looks at), so no plan has to visit the table for rows off the page.
  const runLimit = literalLimitAtLeast(upTo);
  const lateRun = sql`select number, opened_at, true as overdue from support.tickets where ${late} order by opened_at, number limit ${runLimit}`;
  // The tickets on time are read only when the late ones do not fill a run: the late come first, and the run on
  // time, walking the queue from its oldest, passes every late ticket before its first one (the bench's PMLP queue:
  // 4,000 of its 5,400 open tickets late, 0.3 ms of the statement's 0.45). PostgreSQL tests the count once, first.
  const runs =
    query.filter === 'overdue'
      ? sql`select * from late`
      : sql`select * from late union all select * from (select number, opened_at, false as overdue from support.tickets
          where ${base} and (state <> 'open' or due_at is null or due_at >= ${query.now}) order by opened_at, number limit ${runLimit}) as on_time
          where (select count(*) from late) < ${runLimit}`;
  const counted = sql`select count(*) from support.tickets where ${query.filter === 'overdue' ? late : base}`;
  const known = query.knownTotal;
  const { rows } = await sql<QueueRow & { first_reply_days: number | null; resolution_days: number | null; total: string | null }>`
    with late as (${lateRun})
    select ${QUEUE_COLUMNS}, targets.first_reply_days, targets.resolution_days, ${known === undefined ? sql`(${counted})` : sql`null::bigint`} as total
    from (select * from (${runs}) as runs order by overdue desc, opened_at, number limit ${literalLimit(query.limit)} offset ${query.offset}) as page
    join support.tickets as t on t.number = page.number
    left join support.targets as targets on targets.institution_id = t.queue_institution_id
    order by page.overdue desc, page.opened_at, page.number`.execute(db);
  if (rows.length === 0) {
    if (known !== undefined) return { ...empty, total: known };
    // Past the last page: still say how many there are.
    const { rows: [row] } = await sql<{ count: string }>`${counted}`.execute(db);
    return { ...empty, total: Number(row?.count ?? 0) };
  }
  const page: QueuePage = { ...empty, total: known ?? Number(rows[0]!.total) };
  for (const { first_reply_days, resolution_days, total: _total, ...row } of rows) {
    page.rows.push(row);
    if (row.queue_institution_id && first_reply_days !== null && resolution_days !== null) page.targets.set(row.queue_institution_id, { firstReplyDays: first_reply_days, resolutionDays: resolution_days });
  }
  return page;
}

/** Open tickets whose due time is not known yet (made before migration 003). */
export async function ticketsWithoutDue(db: Db, limit: number): Promise<TicketRow[]> {
  return db.selectFrom('support.tickets').selectAll().where('due_at', 'is', null).where('state', 'in', ['open', 'awaiting_person']).limit(limit).execute();
}

/** The open tickets of an institution's queue, what their clocks need, locked: a change to one of them waits. */
export async function openTicketsOf(db: Db, institutionId: string): Promise<Pick<TicketRow, 'id' | 'opened_at' | 'first_reply_at' | 'state' | 'due_at' | 'pauses'>[]> {
  return db
    .selectFrom('support.tickets')
    .select(['id', 'opened_at', 'first_reply_at', 'state', 'due_at', 'pauses'])
    .where('queue_institution_id', '=', institutionId)
    .where('state', 'in', ['open', 'awaiting_person'])
    .forUpdate()
    .execute();
}

/** New due times of tickets, in one statement. */
export async function keepDues(db: Db, dues: { id: string; due: Date }[]): Promise<void> {
  if (dues.length === 0) return;
  const rows = JSON.stringify(dues.map((item) => ({ id: item.id, due: item.due.toISOString() })));
  await sql`update support.tickets t set due_at = d.due from jsonb_to_recordset(${rows}::jsonb) as d(id uuid, due timestamptz) where t.id = d.id`.execute(db);
}

/** Requests from one visitor address, and from one network, since `since` (confirmed or not): for rate limits. */
export async function visitorCounts(db: Db, email: string, network: string, since: Date): Promise<{ byEmail: number; byNetwork: number }> {
  const row = await db
    .selectFrom('support.tickets')
    .select([
      sql<string>`count(*) filter (where lower(visitor_email) = ${email.toLowerCase()})`.as('by_email'),
      sql<string>`count(*) filter (where network = ${network})`.as('by_network'),
    ])
    .where('requester_kind', '=', 'visitor')
    .where('created_at', '>=', since)
    .where((eb) => eb.or([eb(sql`lower(visitor_email)`, '=', email.toLowerCase()), eb('network', '=', network)]))
    .executeTakeFirstOrThrow();
  return { byEmail: Number(row.by_email), byNetwork: Number(row.by_network) };
}

/** What the statistics read of a ticket. */
export type StatisticsRow = Pick<TicketRow, 'queue_institution_id' | 'channel' | 'subject_code' | 'state' | 'opened_at' | 'first_reply_at' | 'closed_at' | 'rating' | 'pauses'>;

/** The tickets that reached their queue in [from, to), the columns the statistics count. */
export async function ticketsOpenedBetween(db: Db, from: Date, to: Date): Promise<StatisticsRow[]> {
  return db
    .selectFrom('support.tickets')
    .select(['queue_institution_id', 'channel', 'subject_code', 'state', 'opened_at', 'first_reply_at', 'closed_at', 'rating', 'pauses'])
    .where('opened_at', '>=', from)
    .where('opened_at', '<', to)
    .orderBy('opened_at')
    .execute();
}
