/**
 * SQL of the service register, and nothing else. Every function takes the
 * executor to use, so a caller can run several of them in one transaction.
 */
import { type Kysely, type Transaction, type Generated, type Selectable, sql } from 'kysely';
import type { SearchExtrasTable } from './search-extras.repo.js';
import type { CatalogEvent, ContactPoint, Institution, Lifecycle, Service, ServiceContent, Text } from './catalog.schemas.js';
import { isUuid } from '../../platform/db/ids.js';

interface InstitutionsTable {
  id: Generated<string>;
  code: string;
  name: Text;
  short_name: Text;
  registration_number: string | null;
  homepage: string | null;
  contact_point: ContactPoint;
  created_at: Generated<Date>;
}

interface EventsTable {
  code: string;
  kind: 'life' | 'business';
  label: Text;
  description: Text;
  position: number;
}

/** Stored content: everything editable but the slug and identifier, which have columns. */
export type StoredContent = Omit<ServiceContent, 'slug' | 'identifier'>;

interface ServicesTable {
  id: Generated<string>;
  institution_id: string;
  slug: string;
  identifier: string;
  status: Lifecycle;
  version: number;
  content: StoredContent;
  title_lv: string;
  title_en: string;
  audience: string[];
  events: string[];
  has_online: boolean;
  title_lv_folded: Generated<string>;
  title_en_folded: Generated<string>;
  search_text_lv: string;
  search_text_en: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  published_at: Date | null;
  /** renewed by a trigger at every insert and update (migration 002): search indexes follow it */
  change_seq: Generated<string>;
  changed_at: Generated<Date>;
}

interface ServiceVersionsTable {
  service_id: string;
  version: number;
  status: Lifecycle;
  slug: string;
  identifier: string;
  content: StoredContent;
  changed_by: string | null;
  changed_at: Generated<Date>;
}

interface SlugRedirectsTable {
  old_slug: string;
  service_id: string;
  created_at: Generated<Date>;
}

export interface CatalogTables {
  'catalog.institutions': InstitutionsTable;
  'catalog.events': EventsTable;
  'catalog.services': ServicesTable;
  'catalog.service_versions': ServiceVersionsTable;
  'catalog.slug_redirects': SlugRedirectsTable;
  'catalog.search_extras': SearchExtrasTable;
}

export type CatalogDb = Kysely<CatalogTables> | Transaction<CatalogTables>;

type ServiceRow = Selectable<ServicesTable>;

export interface ServiceVersion {
  version: number;
  status: Lifecycle;
  slug: string;
  identifier: string;
  content: StoredContent;
  changedBy: string | null;
  changedAt: string;
}

export interface SearchFilters {
  audience?: 'citizen' | 'business';
  event?: string;
  institutionId?: string;
  online?: boolean;
  statuses: Lifecycle[];
}

export interface SearchQuery extends SearchFilters {
  /** to_tsquery text built by the service from sanitised words; undefined lists everything */
  tsquery?: string;
  /** folded query text for trigram similarity */
  folded?: string;
  lang: 'lv' | 'en';
  limit: number;
  offset: number;
}

export interface DenormalisedColumns {
  title_lv: string;
  title_en: string;
  audience: string[];
  events: string[];
  has_online: boolean;
  search_text_lv: string;
  search_text_en: string;
}

function toService(row: ServiceRow): Service {
  return {
    ...row.content,
    id: row.id,
    slug: row.slug,
    identifier: row.identifier,
    institutionId: row.institution_id,
    status: row.status,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at ? row.published_at.toISOString() : null,
  };
}

function toInstitution(row: Selectable<InstitutionsTable>): Institution {
  const institution: Institution = { id: row.id, code: row.code, name: row.name, shortName: row.short_name, contactPoint: row.contact_point };
  if (row.registration_number) institution.registrationNumber = row.registration_number;
  if (row.homepage) institution.homepage = row.homepage;
  return institution;
}

// ---- institutions and events ----

export async function insertInstitution(db: CatalogDb, value: Omit<Institution, 'id'>): Promise<Institution> {
  const row = await db
    .insertInto('catalog.institutions')
    .values({
      code: value.code,
      name: value.name,
      short_name: value.shortName,
      registration_number: value.registrationNumber ?? null,
      homepage: value.homepage ?? null,
      contact_point: value.contactPoint,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toInstitution(row);
}

/** Changes an institution's names and contacts; its code stays. */
export async function updateInstitution(db: CatalogDb, id: string, value: Omit<Institution, 'id' | 'code'>): Promise<Institution | undefined> {
  const row = await db
    .updateTable('catalog.institutions')
    .set({
      name: value.name,
      short_name: value.shortName,
      registration_number: value.registrationNumber ?? null,
      homepage: value.homepage ?? null,
      contact_point: value.contactPoint,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toInstitution(row) : undefined;
}

export async function listInstitutions(db: CatalogDb): Promise<Institution[]> {
  const rows = await db.selectFrom('catalog.institutions').selectAll().orderBy('code').execute();
  return rows.map(toInstitution);
}

export async function findInstitution(db: CatalogDb, idOrCode: string): Promise<Institution | undefined> {
  const row = await db
    .selectFrom('catalog.institutions')
    .selectAll()
    .where((eb) => (isUuid(idOrCode) ? eb('id', '=', idOrCode) : eb('code', '=', idOrCode)))
    .executeTakeFirst();
  return row ? toInstitution(row) : undefined;
}

export async function upsertEvent(db: CatalogDb, event: CatalogEvent): Promise<void> {
  await db
    .insertInto('catalog.events')
    .values(event)
    .onConflict((oc) => oc.column('code').doUpdateSet({ kind: event.kind, label: event.label, description: event.description, position: event.position }))
    .execute();
}

export async function listEvents(db: CatalogDb, kind?: 'life' | 'business'): Promise<CatalogEvent[]> {
  let query = db.selectFrom('catalog.events').selectAll();
  if (kind) query = query.where('kind', '=', kind);
  return query.orderBy('kind', 'desc').orderBy('position').orderBy('code').execute();
}

export async function countPublishedByEvent(db: CatalogDb): Promise<Map<string, number>> {
  const result = await sql<{ code: string; n: number }>`
    select e.code, count(*)::int as n
    from catalog.services s, unnest(s.events) as e(code)
    where s.status = 'published'
    group by e.code`.execute(db);
  return new Map(result.rows.map((row) => [row.code, row.n]));
}

// ---- services ----

export { isUuid };

export async function findService(db: CatalogDb, by: { id: string } | { slug: string }): Promise<Service | undefined> {
  const row = await db
    .selectFrom('catalog.services')
    .selectAll()
    .where((eb) => ('id' in by ? eb('id', '=', by.id) : eb('slug', '=', by.slug)))
    .executeTakeFirst();
  return row ? toService(row) : undefined;
}

export async function findRedirect(db: CatalogDb, oldSlug: string): Promise<string | undefined> {
  const row = await db.selectFrom('catalog.slug_redirects').select('service_id').where('old_slug', '=', oldSlug).executeTakeFirst();
  return row?.service_id;
}

export async function identifierUsed(db: CatalogDb, institutionId: string, identifier: string): Promise<boolean> {
  const row = await db.selectFrom('catalog.services').select('id').where('institution_id', '=', institutionId).where('identifier', '=', identifier).executeTakeFirst();
  return row !== undefined;
}

export async function insertService(
  db: CatalogDb,
  value: { institutionId: string; slug: string; identifier: string; status: Lifecycle; content: StoredContent; columns: DenormalisedColumns; changedBy: string | null },
): Promise<Service> {
  const row = await db
    .insertInto('catalog.services')
    .values({
      institution_id: value.institutionId,
      slug: value.slug,
      identifier: value.identifier,
      status: value.status,
      version: 1,
      content: JSON.stringify(value.content) as unknown as StoredContent,
      ...value.columns,
      published_at: value.status === 'published' ? new Date() : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await insertVersion(db, row, value.changedBy);
  return toService(row);
}

/** Writes a new version of a service if `expectedVersion` still holds; undefined when it does not. */
export async function updateService(
  db: CatalogDb,
  id: string,
  expectedVersion: number,
  change: { slug: string; identifier: string; status: Lifecycle; content: StoredContent; columns: DenormalisedColumns; changedBy: string | null },
): Promise<Service | undefined> {
  const row = await db
    .updateTable('catalog.services')
    .set({
      slug: change.slug,
      identifier: change.identifier,
      status: change.status,
      content: JSON.stringify(change.content) as unknown as StoredContent,
      ...change.columns,
      version: sql<number>`version + 1`,
      updated_at: sql<Date>`now()`,
      published_at: change.status === 'published' ? sql<Date>`coalesce(published_at, now())` : sql<Date | null>`published_at`,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  await insertVersion(db, row, change.changedBy);
  return toService(row);
}

async function insertVersion(db: CatalogDb, row: ServiceRow, changedBy: string | null): Promise<void> {
  await db
    .insertInto('catalog.service_versions')
    .values({
      service_id: row.id,
      version: row.version,
      status: row.status,
      slug: row.slug,
      identifier: row.identifier,
      content: JSON.stringify(row.content) as unknown as StoredContent,
      changed_by: changedBy,
    })
    .execute();
}

/** Rewrites a service's denormalised search columns without making a new version (its content did not change). */
export async function setSearchColumns(db: CatalogDb, serviceId: string, columns: DenormalisedColumns): Promise<void> {
  await db.updateTable('catalog.services').set(columns).where('id', '=', serviceId).execute();
}

export async function addRedirect(db: CatalogDb, oldSlug: string, serviceId: string): Promise<void> {
  await db
    .insertInto('catalog.slug_redirects')
    .values({ old_slug: oldSlug, service_id: serviceId })
    .onConflict((oc) => oc.column('old_slug').doUpdateSet({ service_id: serviceId }))
    .execute();
}

/** A slug given back to its own service stops being a redirect. */
export async function removeRedirect(db: CatalogDb, slug: string): Promise<void> {
  await db.deleteFrom('catalog.slug_redirects').where('old_slug', '=', slug).execute();
}

export async function listVersions(db: CatalogDb, serviceId: string): Promise<ServiceVersion[]> {
  const rows = await db.selectFrom('catalog.service_versions').selectAll().where('service_id', '=', serviceId).orderBy('version', 'desc').execute();
  return rows.map((row) => ({
    version: row.version,
    status: row.status,
    slug: row.slug,
    identifier: row.identifier,
    content: row.content,
    changedBy: row.changed_by,
    changedAt: row.changed_at.toISOString(),
  }));
}

export async function countServices(db: CatalogDb): Promise<number> {
  const row = await db.selectFrom('catalog.services').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

export async function listServices(db: CatalogDb, filters: SearchFilters & { ids?: string[] }): Promise<Service[]> {
  let query = db.selectFrom('catalog.services').selectAll().where('status', 'in', filters.statuses);
  if (filters.institutionId) query = query.where('institution_id', '=', filters.institutionId);
  if (filters.ids) query = query.where('id', 'in', filters.ids.length > 0 ? filters.ids : ['00000000-0000-0000-0000-000000000000']);
  const rows = await query.orderBy('title_lv').execute();
  return rows.map(toService);
}

export interface SearchHit {
  service: Service;
  rank: number;
}

/**
 * Ranked full-text search with filters and a total for paging. Words match as
 * prefixes through the GIN index; only when nothing matches does a trigram
 * comparison of the titles look for a misspelling (it reads every row).
 */
export async function searchServices(db: CatalogDb, q: SearchQuery): Promise<{ hits: SearchHit[]; total: number }> {
  const exact = await runSearch(db, q, 'words');
  if (exact.total > 0 || q.tsquery === undefined) return exact;
  return runSearch(db, q, 'similar');
}

async function runSearch(db: CatalogDb, q: SearchQuery, match: 'words' | 'similar'): Promise<{ hits: SearchHit[]; total: number }> {
  const vector = q.lang === 'en' ? sql.ref('search_en') : sql.ref('search_lv');
  const title = q.lang === 'en' ? sql.ref('title_en') : sql.ref('title_lv');
  const folded = q.lang === 'en' ? sql.ref('title_en_folded') : sql.ref('title_lv_folded');
  const config = q.lang === 'en' ? sql.lit('english') : sql.lit('simple');
  let query = db.selectFrom('catalog.services').where('status', 'in', q.statuses);
  if (q.audience) query = query.where(sql<boolean>`${q.audience} = any(audience)`);
  if (q.event) query = query.where(sql<boolean>`${q.event} = any(events)`);
  if (q.institutionId) query = query.where('institution_id', '=', q.institutionId);
  if (q.online !== undefined) query = query.where('has_online', '=', q.online);
  let rank = sql<number>`0`;
  if (q.tsquery !== undefined && q.folded !== undefined) {
    const tsq = sql`to_tsquery(${config}::regconfig, ${q.tsquery})`;
    query = query.where(match === 'words' ? sql<boolean>`${vector} @@ ${tsq}` : sql<boolean>`${folded} % ${q.folded}`);
    // A bounded text rank (normalisation 32: rank/(rank+1)) plus title similarity lifts the service
    // whose name is what was typed above those that merely mention it often.
    rank = sql<number>`(ts_rank_cd(${vector}, ${tsq}, 32) + similarity(${folded}, ${q.folded}))::float8`;
  }
  const rows = await query
    .selectAll()
    .select([rank.as('rank'), sql<number>`(count(*) over ())::int`.as('total')])
    .orderBy('rank', 'desc')
    .orderBy(title)
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && q.offset > 0) {
    // Past the last page: the window function has no row to report the total on.
    const counted = await query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    total = counted.n;
  }
  return { hits: rows.map((row) => ({ service: toService(row), rank: row.rank })), total };
}

/** A service as the in-memory search index keeps it. */
export interface IndexedService {
  service: Service;
  /** the service's change number (migration 002) */
  seq: number;
  searchText: { lv: string; en: string };
}

/**
 * Change numbers of the services changed after `afterSeq`, and of those changed
 * in the last `lookbackSeconds` whatever their number: a transaction that took
 * its number earlier but committed later than a newer one is still found.
 */
export async function listServiceChanges(db: CatalogDb, afterSeq: number, lookbackSeconds: number): Promise<{ id: string; seq: number }[]> {
  return db
    .selectFrom('catalog.services')
    .select(['id', sql<number>`change_seq::float8`.as('seq')])
    .where((eb) => eb.or([eb('change_seq', '>', String(afterSeq)), eb('changed_at', '>', sql<Date>`now() - make_interval(secs => ${lookbackSeconds})`)]))
    .execute();
}

/** The services of the given ids as the search index keeps them (all services when `ids` is undefined). */
export async function listIndexedServices(db: CatalogDb, ids?: string[]): Promise<IndexedService[]> {
  let query = db.selectFrom('catalog.services').selectAll().select(sql<number>`change_seq::float8`.as('seq'));
  if (ids) query = query.where('id', 'in', ids.length > 0 ? ids : ['00000000-0000-0000-0000-000000000000']);
  const rows = await query.execute();
  return rows.map((row) => ({ service: toService(row), seq: row.seq, searchText: { lv: row.search_text_lv, en: row.search_text_en } }));
}
