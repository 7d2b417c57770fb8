/** The SQL of participation, and nothing else. */
import { sql, type Generated, type Kysely } from 'kysely';
import type { DeviceClass } from './participation.privacy.js';
import type { FactFigures, FeedbackFigures, RatingFigures } from './performance.js';
import { isUuid } from '../../platform/db/ids.js';

interface PageFeedbackTable {
  id: Generated<string>;
  path: string;
  lang: 'lv' | 'en';
  device: DeviceClass;
  day: string;
  useful: boolean;
  comment: string | null;
  comment_key: string | null;
  service_id: string | null;
  institution_id: string | null;
}

interface RateWindowsTable {
  network: string;
  window_start: Date;
  hits: number;
}

interface ApplicationFactsTable {
  application_id: string;
  number: string;
  service_id: string;
  institution_id: string;
  applicant: string;
  submitted_by: string | null;
  started_at: Date;
  expected_at: Date | null;
  completed_at: Date | null;
  completed_code: string | null;
  last_event_at: Date;
}

interface RatingsTable {
  id: Generated<string>;
  application_id: string;
  service_id: string;
  institution_id: string;
  score: number;
  ease: 'easy' | 'hard' | null;
  comment: string | null;
  created_at: Date;
}

interface HandledEventsTable {
  event_id: string;
  handled_at: Generated<Date>;
}

export interface ParticipationTables {
  'participation.page_feedback': PageFeedbackTable;
  'participation.rate_windows': RateWindowsTable;
  'participation.application_facts': ApplicationFactsTable;
  'participation.ratings': RatingsTable;
  'participation.handled_events': HandledEventsTable;
}

export type Db = Kysely<ParticipationTables>;
export type FeedbackRow = Omit<PageFeedbackTable, 'id'> & { id: string };
export type FactsRow = ApplicationFactsTable;
export type RatingRow = Omit<RatingsTable, 'id'> & { id: string };

export { isUuid };

// ---- page feedback ----

export async function insertFeedback(db: Db, row: Omit<FeedbackRow, 'id'>): Promise<string> {
  const inserted = await db.insertInto('participation.page_feedback').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Adds the comment to the feedback holding this key, once (the key is cleared); false when no feedback holds it. */
export async function addComment(db: Db, commentKey: string, comment: string): Promise<FeedbackRow | undefined> {
  return db
    .updateTable('participation.page_feedback')
    .set({ comment, comment_key: null })
    .where('comment_key', '=', commentKey)
    .returning(['id', 'path', 'lang', 'device', sql<string>`day::text`.as('day'), 'useful', 'comment', 'comment_key', 'service_id', 'institution_id'])
    .executeTakeFirst();
}

export interface FeedbackFilter {
  institutionIds: string[];
  serviceId?: string;
  useful?: boolean;
  withComment?: boolean;
  from?: string;
  to?: string;
  limit: number;
}

export async function listFeedback(db: Db, filter: FeedbackFilter): Promise<FeedbackRow[]> {
  if (filter.institutionIds.length === 0) return [];
  let query = db
    .selectFrom('participation.page_feedback')
    .select(['id', 'path', 'lang', 'device', sql<string>`day::text`.as('day'), 'useful', 'comment', 'comment_key', 'service_id', 'institution_id'])
    .where('institution_id', 'in', filter.institutionIds);
  if (filter.serviceId) query = query.where('service_id', '=', filter.serviceId);
  if (filter.useful !== undefined) query = query.where('useful', '=', filter.useful);
  if (filter.withComment) query = query.where('comment', 'is not', null);
  if (filter.from) query = query.where('day', '>=', filter.from);
  if (filter.to) query = query.where('day', '<=', filter.to);
  return query.orderBy('day', 'desc').orderBy('id').limit(filter.limit).execute();
}

/** Feedback counts per month of the services given (or of an institution's). */
export async function feedbackPerMonth(db: Db, scope: { serviceId?: string; institutionId?: string }): Promise<{ month: string; total: number; useful: number }[]> {
  let query = db
    .selectFrom('participation.page_feedback')
    .select([sql<string>`to_char(day, 'YYYY-MM')`.as('month'), sql<string>`count(*)::text`.as('total'), sql<string>`count(*) filter (where useful)::text`.as('useful')]);
  if (scope.serviceId) query = query.where('service_id', '=', scope.serviceId);
  if (scope.institutionId) query = query.where('institution_id', '=', scope.institutionId);
  const rows = await query.groupBy(sql`to_char(day, 'YYYY-MM')`).execute();
  return rows.map((row) => ({ month: row.month, total: Number(row.total), useful: Number(row.useful) }));
}

/** Every institution's page feedback in total, by institution id (feedback on no service's page has none). */
export async function feedbackTotalsByInstitution(db: Db): Promise<Map<string, FeedbackFigures>> {
  const rows = await db
    .selectFrom('participation.page_feedback')
    .select(['institution_id', sql<string>`count(*)::text`.as('total'), sql<string>`count(*) filter (where useful)::text`.as('useful')])
    .where('institution_id', 'is not', null)
    .groupBy('institution_id')
    .execute();
  return new Map(rows.map((row) => [row.institution_id as string, { total: Number(row.total), useful: Number(row.useful) }]));
}

// ---- rate limits ----

export async function hitRateWindow(db: Db, network: string, windowStart: Date): Promise<number> {
  const row = await db
    .insertInto('participation.rate_windows')
    .values({ network, window_start: windowStart, hits: 1 })
    .onConflict((conflict) => conflict.columns(['network', 'window_start']).doUpdateSet({ hits: sql`participation.rate_windows.hits + 1` }))
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits;
}

export async function pruneRateWindows(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('participation.rate_windows').where('window_start', '<', before).execute();
}

// ---- events ----

/** Claims an event id: true the first time, false when it was handled before. */
export async function claimEvent(db: Db, eventId: string): Promise<boolean> {
  const row = await db.insertInto('participation.handled_events').values({ event_id: eventId }).onConflict((conflict) => conflict.doNothing()).returning('event_id').executeTakeFirst();
  return row !== undefined;
}

// ---- application facts ----

export async function findFacts(db: Db, applicationId: string): Promise<FactsRow | undefined> {
  return db.selectFrom('participation.application_facts').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
}

export async function findFactsByNumber(db: Db, number: string): Promise<FactsRow | undefined> {
  return db.selectFrom('participation.application_facts').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function insertFacts(db: Db, row: FactsRow): Promise<void> {
  await db.insertInto('participation.application_facts').values(row).onConflict((conflict) => conflict.column('application_id').doNothing()).execute();
}

export async function updateFacts(db: Db, applicationId: string, change: Partial<Omit<FactsRow, 'application_id'>>): Promise<void> {
  await db.updateTable('participation.application_facts').set(change).where('application_id', '=', applicationId).execute();
}

/** A service's, an institution's (or, with neither, every) application's facts. */
function factsScope(scope: { serviceId?: string; institutionId?: string }) {
  if (scope.serviceId) return sql`where service_id = ${scope.serviceId}`;
  if (scope.institutionId) return sql`where institution_id = ${scope.institutionId}`;
  return sql``;
}

/** Every fact with whether it was decided (a completing status) and its processing time in days, for the figures below. */
const DECIDED = sql`completed_at is not null and completed_code in ('decided', 'delivered', 'rejected')`;
const DAYS = sql`greatest(0, extract(epoch from completed_at - started_at)::float8 / 86400)`;
/** The figures of a group of facts: counts, and the decided ones' median (interpolated) and 90th percentile (nearest rank). */
const FIGURES = sql`count(*)::int as applications,
  count(*) filter (where decided)::int as decided,
  count(*) filter (where decided and expected_at is not null)::int as with_expected,
  count(*) filter (where decided and completed_at <= expected_at)::int as on_time,
  percentile_cont(0.5) within group (order by days) filter (where decided) as median_days,
  percentile_disc(0.9) within group (order by days) filter (where decided) as p90_days`;

interface FiguresRow {
  applications: number;
  decided: number;
  with_expected: number;
  on_time: number;
  median_days: number | null;
  p90_days: number | null;
}

const toFigures = (month: string | null, row: FiguresRow): FactFigures => ({
  month,
  applications: row.applications,
  decided: row.decided,
  withExpected: row.with_expected,
  onTime: row.on_time,
  medianDays: row.median_days === null ? null : Number(row.median_days),
  p90Days: row.p90_days === null ? null : Number(row.p90_days),
});

/**
 * The figures of a service's or an institution's (or all) facts, per month of the application's start (UTC) and in
 * total (month null), counted and ranked by the database in one pass: a national overview never brings a million
 * facts into the process.
 */
export async function factFigures(db: Db, scope: { serviceId?: string; institutionId?: string }): Promise<FactFigures[]> {
  const { rows } = await sql<FiguresRow & { month: string | null }>`
    select case when grouping(month) = 0 then month end as month, ${FIGURES}
    from (select to_char(started_at at time zone 'UTC', 'YYYY-MM') as month, expected_at, completed_at, ${DECIDED} as decided, ${DAYS} as days
          from participation.application_facts ${factsScope(scope)}) facts
    group by grouping sets ((month), ())`.execute(db);
  // An empty scope still has its total row (all counts 0); it says nothing, so it goes.
  return rows.filter((row) => row.applications > 0).map((row) => toFigures(row.month, row));
}

/** Every institution's figures over all its facts, by institution id. */
export async function factTotalsByInstitution(db: Db): Promise<Map<string, FactFigures>> {
  const { rows } = await sql<FiguresRow & { institution_id: string }>`
    select institution_id, ${FIGURES}
    from (select institution_id, expected_at, completed_at, ${DECIDED} as decided, ${DAYS} as days from participation.application_facts) facts
    group by institution_id`.execute(db);
  return new Map(rows.map((row) => [row.institution_id, toFigures(null, row)]));
}

// ---- ratings ----

/** Stores the rating unless the application has one; false when it had. */
export async function insertRating(db: Db, row: Omit<RatingRow, 'id'>): Promise<boolean> {
  const inserted = await db.insertInto('participation.ratings').values(row).onConflict((conflict) => conflict.column('application_id').doNothing()).returning('id').executeTakeFirst();
  return inserted !== undefined;
}

export async function findRating(db: Db, applicationId: string): Promise<RatingRow | undefined> {
  return db.selectFrom('participation.ratings').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
}

export async function listRatings(db: Db, filter: { institutionIds: string[]; serviceId?: string; from?: string; to?: string; limit: number }): Promise<RatingRow[]> {
  if (filter.institutionIds.length === 0) return [];
  let query = db.selectFrom('participation.ratings').selectAll().where('institution_id', 'in', filter.institutionIds);
  if (filter.serviceId) query = query.where('service_id', '=', filter.serviceId);
  if (filter.from) query = query.where('created_at', '>=', new Date(`${filter.from}T00:00:00Z`));
  if (filter.to) query = query.where('created_at', '<', new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000));
  return query.orderBy('created_at', 'desc').limit(filter.limit).execute();
}

export async function ratingsPerMonth(db: Db, scope: { serviceId?: string; institutionId?: string }): Promise<{ month: string; count: number; sum: number }[]> {
  let query = db
    .selectFrom('participation.ratings')
    .select([sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM')`.as('month'), sql<string>`count(*)::text`.as('count'), sql<string>`sum(score)::text`.as('sum')]);
  if (scope.serviceId) query = query.where('service_id', '=', scope.serviceId);
  if (scope.institutionId) query = query.where('institution_id', '=', scope.institutionId);
  const rows = await query.groupBy(sql`to_char(created_at at time zone 'UTC', 'YYYY-MM')`).execute();
  return rows.map((row) => ({ month: row.month, count: Number(row.count), sum: Number(row.sum) }));
}

/** Every institution's ratings in total, by institution id. */
export async function ratingTotalsByInstitution(db: Db): Promise<Map<string, RatingFigures>> {
  const rows = await db
    .selectFrom('participation.ratings')
    .select(['institution_id', sql<string>`count(*)::text`.as('count'), sql<string>`sum(score)::text`.as('sum')])
    .groupBy('institution_id')
    .execute();
  return new Map(rows.map((row) => [row.institution_id, { count: Number(row.count), sum: Number(row.sum) }]));
}
