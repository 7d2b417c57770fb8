/**
 * The service register's rules: search, reading, editing with version history,
 * publishing and withdrawing, slug redirects for stable direct links.
 * Services are tested without HTTP; routes and pages only call this interface.
 */
import type { Kysely } from 'kysely';
import { inTransaction, type RootDb } from '../../platform/db/database.js';
import { hasRole, type Principal } from '../../platform/http/auth.js';
import { publish } from '../../platform/jobs/outbox.js';
import { servicePublished } from './catalog.events.js';
import * as errors from './catalog.errors.js';
import * as repo from './catalog.repo.js';
import type { CatalogTables, DenormalisedColumns, SearchFilters, ServiceVersion, StoredContent } from './catalog.repo.js';
import type { Audience, CatalogEvent, Institution, Lang, Lifecycle, Service, ServiceContent, Text } from './catalog.schemas.js';
import type { SearchIndex } from './search.index.js';
import { fold, words } from './search.stem.js';
import { searchExtrasOf, setSearchExtra } from './search-extras.repo.js';

export interface SearchParams {
  q?: string;
  lang?: Lang;
  audience?: Audience;
  event?: string;
  /** institution id or code */
  institution?: string;
  online?: boolean;
  limit?: number;
  offset?: number;
  /** include drafts and withdrawn services (managers only; the route decides) */
  statuses?: Lifecycle[];
}

export interface SearchResult {
  items: Service[];
  total: number;
  limit: number;
  offset: number;
}

/** Below this many results a search says where else the query finds services. */
export const FEW_RESULTS = 3;

/** Where else a query finds services: the other audience's portal, the other language. */
export interface SearchElsewhere {
  audience?: { audience: Audience; total: number };
  lang?: { lang: Lang; total: number };
}

export type ServiceLookup = { kind: 'found'; service: Service } | { kind: 'moved'; service: Service } | { kind: 'missing' };

export { fold };

// The SQL fallback's stemmer (the index has its own, search.stem.ts): Latvian inflects
// nouns and adjectives by ending; cutting the ending off a query word and matching the
// rest as a prefix finds the other forms (dzimšanas → dzimsan:* finds dzimšana,
// dzimšanu). Longest endings first.
const LATVIAN_ENDINGS = ['ajam', 'ajai', 'ajos', 'ajas', 'iem', 'ais', 'aja', 'am', 'as', 'es', 'is', 'us', 'os', 'ai', 'ei', 'em', 'im', 'um', 'a', 'e', 'i', 'u', 's', 'o'];

export function stemLatvian(word: string): string {
  for (const ending of LATVIAN_ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= 4) return word.slice(0, -ending.length);
  }
  return word;
}

/** Turns free text into a safe prefix tsquery for the SQL fallback; only letters and digits survive. */
export function buildSearchTerms(q: string, lang: Lang): { tsquery: string; folded: string } | undefined {
  const list = words(q).slice(0, 12);
  if (list.length === 0) return undefined;
  const terms = list.map((word) => `${lang === 'lv' ? stemLatvian(word) : word}:*`);
  return { tsquery: terms.join(' & '), folded: list.join(' ') };
}

export function slugify(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
}

/** `extras`: text other modules contribute to the service's search (its FAQ), kept by the catalog (search-extras.repo.ts). */
function denormalise(content: StoredContent, institution: Institution, events: CatalogEvent[], extras: Text[] = []): DenormalisedColumns {
  const eventLabels = events.filter((event) => content.events.includes(event.code));
  const textFor = (lang: Lang): string =>
    [
      content.description[lang],
      ...(content.keywords?.[lang] ?? []),
      institution.name[lang],
      institution.shortName[lang],
      ...eventLabels.map((event) => event.label[lang]),
      ...extras.map((extra) => extra[lang]),
    ].join(' ');
  return {
    title_lv: content.title.lv,
    title_en: content.title.en,
    audience: content.audience,
    events: content.events,
    has_online: content.channels.some((channel) => channel.type === 'online'),
    search_text_lv: textFor('lv'),
    search_text_en: textFor('en'),
  };
}

function splitContent(input: ServiceContent): StoredContent {
  const { slug: _slug, identifier: _identifier, ...content } = input;
  return content;
}

export interface CatalogService {
  search(params: SearchParams): Promise<SearchResult>;
  /** for a query whose search found `found` services: when fewer than FEW_RESULTS, how many the other audience (when one is chosen) and the other language find */
  elsewhere(params: SearchParams, found: number): Promise<SearchElsewhere>;
  /** changes whenever what free-text search answers may change; undefined while search asks SQL (nothing may be cached then) */
  searchGeneration(): number | undefined;
  /** institutions by id, as the search index last saw them (from the database before its first build) */
  institutionsById(): Promise<Map<string, Institution>>;
  /** by id or slug; a former slug answers `moved` */
  /**
   * A service by id or slug (or a slug it had). `recent`: a published service's copy in the search index,
   * which follows the register within a second, will do (the portal's service page); otherwise SQL answers.
   */
  lookup(ref: string, options?: { includeUnpublished?: boolean; recent?: boolean }): Promise<ServiceLookup>;
  get(id: string): Promise<Service>;
  /** published services of the given ids, in register order (for other modules) */
  getMany(ids: string[]): Promise<Service[]>;
  listAllPublished(): Promise<Service[]>;
  /**
   * An institution's published services, by title: the search index's copies once it has them, else SQL. For
   * pages that ask at every request (filters of a queue, an institution's figures): every published service of
   * the register read from SQL took 150–200 ms over the search bench's 10,000.
   */
  listPublishedOf(institutionId: string): Promise<Service[]>;
  /** every institution by code, as the search index last saw them (from the database before its first build) */
  listInstitutions(): Promise<Institution[]>;
  /**
   * After a change committed through another catalog over a caller's transaction (a console page that audits
   * in the same transaction): this instance's search index and its institutions catch up at once, as after
   * this service's own writes.
   */
  catchUp(): Promise<void>;
  /** text another module contributes to a service's search, under its source name (e.g. `support.faq`); an empty text removes it */
  setSearchExtra(serviceId: string, source: string, text: Text): Promise<void>;
  getInstitution(idOrCode: string): Promise<Institution>;
  listEvents(kind?: 'life' | 'business'): Promise<(CatalogEvent & { serviceCount: number })[]>;
  getEvent(code: string): Promise<CatalogEvent>;
  create(actor: Principal, institutionId: string, input: ServiceContent): Promise<Service>;
  update(actor: Principal, id: string, input: ServiceContent, expectedVersion?: number): Promise<Service>;
  publish(actor: Principal, id: string): Promise<Service>;
  withdraw(actor: Principal, id: string): Promise<Service>;
  versions(actor: Principal, id: string): Promise<ServiceVersion[]>;
  /** loads data without an actor: demo data and imports run by the operator */
  importService(institutionId: string, input: ServiceContent & { slug: string; identifier: string }, status: Lifecycle): Promise<Service>;
  /** every service of an institution, drafts and withdrawn ones too (its service managers and platform administrators) */
  listForInstitution(actor: Principal, institutionId: string): Promise<Service[]>;
  /** platform administrators register an institution; its code is permanent (it is in addresses) */
  createInstitution(actor: Principal, input: Omit<Institution, 'id'>): Promise<Institution>;
  /** platform administrators change an institution's names and contacts; its services' search texts follow */
  updateInstitution(actor: Principal, idOrCode: string, input: InstitutionChange): Promise<Institution>;
  importInstitution(institution: Omit<Institution, 'id'>): Promise<Institution>;
  importEvent(event: CatalogEvent): Promise<void>;
  countServices(): Promise<number>;
}

/** What may change of an institution: everything but its id and code. */
export type InstitutionChange = Omit<Institution, 'id' | 'code'>;

const MAX_LIMIT = 100;
const INSTITUTION_CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function checkInstitution(input: InstitutionChange): void {
  for (const [pointer, text] of [
    ['#/name', input.name],
    ['#/shortName', input.shortName],
  ] as const) {
    for (const lang of ['lv', 'en'] as const) {
      if (text[lang].trim() === '') throw errors.invalidInstitution(`${pointer.slice(2)} in ${lang} must not be empty`, `${pointer}/${lang}`);
    }
  }
}

export function createCatalogService(root: Kysely<CatalogTables>, index?: SearchIndex): CatalogService {
  /** After a write this instance's index catches up at once; other instances within their poll. */
  const reindexed = async <T>(result: T): Promise<T> => {
    await index?.refresh().catch(() => undefined);
    return result;
  };

  /** The life events: the index's copies once it has them (they change seldom: this instance's imports at once, others' within its poll), else SQL's. */
  const eventsOf = async (kind?: 'life' | 'business'): Promise<CatalogEvent[]> => {
    const known = index?.events();
    return known ? known.filter((event) => !kind || event.kind === kind) : repo.listEvents(root, kind);
  };

  /** By id or code; from the index's copy when it has one (a search filter asks at every request). */
  const findInstitution = async (idOrCode: string): Promise<Institution | undefined> => {
    const known = index?.institutions();
    if (!known) return repo.findInstitution(root, idOrCode);
    return known.get(idOrCode) ?? [...known.values()].find((institution) => institution.code === idOrCode);
  };

  const assertManager = (actor: Principal, institutionId: string): void => {
    if (!hasRole(actor, 'platform_admin') && !hasRole(actor, 'service_manager', institutionId)) throw errors.notManager();
  };

  const assertPlatformAdmin = (actor: Principal): void => {
    if (!hasRole(actor, 'platform_admin')) throw errors.notPlatformAdmin();
  };

  const requireService = async (db: repo.CatalogDb, id: string): Promise<Service> => {
    const service = repo.isUuid(id) ? await repo.findService(db, { id }) : undefined;
    if (!service) throw errors.serviceNotFound(id);
    return service;
  };

  const requireInstitution = async (db: repo.CatalogDb, idOrCode: string): Promise<Institution> => {
    const institution = await repo.findInstitution(db, idOrCode);
    if (!institution) throw errors.institutionNotFound(idOrCode);
    return institution;
  };

  const checkEvents = async (db: repo.CatalogDb, codes: string[]): Promise<CatalogEvent[]> => {
    const events = await repo.listEvents(db);
    const known = new Set(events.map((event) => event.code));
    const unknown = codes.filter((code) => !known.has(code));
    if (unknown.length > 0) throw errors.unknownEvents(unknown);
    return events;
  };

  /** A free slug from the wanted one, or from the Latvian title: `name`, `name-2`, … */
  const chooseSlug = async (db: repo.CatalogDb, wanted: string | undefined, title: string, ownId?: string): Promise<string> => {
    const base = wanted ?? (slugify(title) || 'service');
    for (let n = 1; n < 1000; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      const owner = await repo.findService(db, { slug: candidate });
      if (owner && owner.id === ownId) return candidate;
      const redirectedTo = await repo.findRedirect(db, candidate);
      if (!owner && (redirectedTo === undefined || redirectedTo === ownId)) return candidate;
      if (wanted) throw errors.slugTaken(wanted);
    }
    throw errors.slugTaken(base);
  };

  const insert = async (
    institutionId: string,
    input: ServiceContent,
    status: Lifecycle,
    changedBy: string | null,
  ): Promise<Service> =>
    inTransaction(root, async (trx) => {
      const institution = await requireInstitution(trx, institutionId);
      const events = await checkEvents(trx, input.events);
      const content = splitContent(input);
      const slug = await chooseSlug(trx, input.slug, input.title.lv);
      const identifier = input.identifier ?? `${institution.code.toUpperCase()}-${slug}`;
      if (await repo.identifierUsed(trx, institution.id, identifier)) throw errors.identifierTaken(identifier);
      return repo.insertService(trx, {
        institutionId: institution.id,
        slug,
        identifier,
        status,
        content,
        columns: denormalise(content, institution, events),
        changedBy,
      });
    }).then(reindexed);

  /** Applies a change to the current version, recording history and the old slug. */
  const change = async (
    actor: Principal | null,
    id: string,
    apply: (service: Service) => { content?: ServiceContent; status?: Lifecycle },
    expectedVersion?: number,
  ): Promise<Service> =>
    inTransaction(root, async (trx) => {
      const current = await requireService(trx, id);
      if (actor) assertManager(actor, current.institutionId);
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw errors.versionConflict(expectedVersion);
      const wanted = apply(current);
      const institution = await requireInstitution(trx, current.institutionId);
      const input: ServiceContent = wanted.content ?? current;
      const events = await checkEvents(trx, input.events);
      const content = splitContent(input);
      const slug = wanted.content ? await chooseSlug(trx, input.slug ?? (input.title.lv === current.title.lv ? current.slug : undefined), input.title.lv, current.id) : current.slug;
      const identifier = input.identifier ?? current.identifier;
      if (identifier !== current.identifier && (await repo.identifierUsed(trx, current.institutionId, identifier))) throw errors.identifierTaken(identifier);
      if (slug !== current.slug) {
        // P7: the old direct link keeps working and now points here.
        await repo.addRedirect(trx, current.slug, current.id);
        await repo.removeRedirect(trx, slug);
      }
      const updated = await repo.updateService(trx, current.id, current.version, {
        slug,
        identifier,
        status: wanted.status ?? current.status,
        content,
        columns: denormalise(content, institution, events, await searchExtrasOf(trx, current.id)),
        changedBy: actor?.subject ?? null,
      });
      if (!updated) throw errors.versionConflict(current.version);
      if (updated.status === 'published' && current.status !== 'published') {
        // Announced with the publication itself (offers tells the event's subscribers); edits of a published service are not.
        await publish(trx as unknown as RootDb, servicePublished(updated, actor));
      }
      return updated;
    }).then(reindexed);

  return {
    async search(params) {
      const lang = params.lang ?? 'lv';
      const limit = Math.min(Math.max(params.limit ?? 20, 1), MAX_LIMIT);
      const offset = Math.max(params.offset ?? 0, 0);
      const filters: SearchFilters = { statuses: params.statuses ?? ['published'] };
      if (params.audience) filters.audience = params.audience;
      if (params.event) filters.event = params.event;
      if (params.online !== undefined) filters.online = params.online;
      if (params.institution) {
        const institution = await findInstitution(params.institution);
        if (!institution) return { items: [], total: 0, limit, offset };
        filters.institutionId = institution.id;
      }
      // The in-memory index answers free text and listings (no text) once it is built; a cold start asks SQL.
      const answer = index?.search({ ...filters, q: params.q ?? '', lang, limit, offset });
      if (answer) return { ...answer, limit, offset };
      const terms = params.q ? buildSearchTerms(params.q, lang) : undefined;
      const { hits, total } = await repo.searchServices(root, { ...filters, ...terms, lang, limit, offset });
      return { items: hits.map((hit) => hit.service), total, limit, offset };
    },

    async elsewhere(params, count) {
      const found: SearchElsewhere = {};
      if (!params.q || count >= FEW_RESULTS) return found;
      const lang = params.lang ?? 'lv';
      const other = { ...params, limit: 1, offset: 0 };
      if (params.audience) {
        const audience: Audience = params.audience === 'citizen' ? 'business' : 'citizen';
        const { total } = await this.search({ ...other, audience });
        if (total > 0) found.audience = { audience, total };
      }
      const otherLang: Lang = lang === 'lv' ? 'en' : 'lv';
      const { total } = await this.search({ ...other, lang: otherLang });
      if (total > 0) found.lang = { lang: otherLang, total };
      return found;
    },

    searchGeneration: () => index?.generation(),

    async institutionsById() {
      return index?.institutions() ?? new Map((await repo.listInstitutions(root)).map((institution) => [institution.id, institution]));
    },

    async lookup(ref, options = {}) {
      const kept = options.recent ? index?.publishedAt(ref) : undefined;
      if (kept) return { kind: 'found', service: kept };
      const visible = (service: Service | undefined): service is Service =>
        service !== undefined && (options.includeUnpublished === true || service.status === 'published');
      const direct = repo.isUuid(ref) ? await repo.findService(root, { id: ref }) : await repo.findService(root, { slug: ref });
      if (visible(direct)) return { kind: 'found', service: direct };
      if (direct) return { kind: 'missing' };
      const movedTo = repo.isUuid(ref) ? undefined : await repo.findRedirect(root, ref);
      const moved = movedTo ? await repo.findService(root, { id: movedTo }) : undefined;
      return visible(moved) ? { kind: 'moved', service: moved } : { kind: 'missing' };
    },

    get: (id) => requireService(root, id),
    getMany: (ids) => repo.listServices(root, { statuses: ['published'], ids: ids.filter(repo.isUuid) }),
    listAllPublished: () => repo.listServices(root, { statuses: ['published'] }),
    async listPublishedOf(institutionId) {
      const listed = index?.search({ q: '', lang: 'lv', institutionId, statuses: ['published'], limit: Number.MAX_SAFE_INTEGER, offset: 0 });
      return listed ? listed.items : repo.listServices(root, { statuses: ['published'], institutionId });
    },
    // The index's copy (read in code order), kept as institutionsById's is: this instance's edits at once, others' within the index's poll.
    // Pages that name institutions in every row (the support queue, client lists) read it at every request.
    async listInstitutions() {
      const known = index?.institutions();
      return known ? [...known.values()] : repo.listInstitutions(root);
    },
    catchUp: () => reindexed(undefined),
    getInstitution: (idOrCode) => requireInstitution(root, idOrCode),

    async listEvents(kind) {
      const [events, counts] = await Promise.all([eventsOf(kind), index?.publishedByEvent() ?? repo.countPublishedByEvent(root)]);
      return events.map((event) => ({ ...event, serviceCount: counts.get(event.code) ?? 0 }));
    },

    async getEvent(code) {
      const event = (await eventsOf()).find((candidate) => candidate.code === code);
      if (!event) throw errors.eventNotFound(code);
      return event;
    },

    async create(actor, institutionId, input) {
      const institution = await requireInstitution(root, institutionId);
      assertManager(actor, institution.id);
      return insert(institution.id, input, 'draft', actor.subject);
    },

    update: (actor, id, input, expectedVersion) => change(actor, id, () => ({ content: input }), expectedVersion),

    publish: (actor, id) =>
      change(actor, id, (service) => {
        if (service.status === 'published') throw errors.invalidTransition(service.status, 'published');
        return { status: 'published' };
      }),

    withdraw: (actor, id) =>
      change(actor, id, (service) => {
        if (service.status !== 'published') throw errors.invalidTransition(service.status, 'withdrawn');
        return { status: 'withdrawn' };
      }),

    async versions(actor, id) {
      const service = await requireService(root, id);
      assertManager(actor, service.institutionId);
      return repo.listVersions(root, id);
    },

    importService: (institutionId, input, status) => insert(institutionId, input, status, null),

    async listForInstitution(actor, institutionId) {
      const institution = await requireInstitution(root, institutionId);
      assertManager(actor, institution.id);
      return repo.listServices(root, { institutionId: institution.id, statuses: ['draft', 'published', 'withdrawn'] });
    },

    async createInstitution(actor, input) {
      assertPlatformAdmin(actor);
      if (!INSTITUTION_CODE.test(input.code) || input.code.length > 60) throw errors.invalidInstitution('code must be lower-case letters, digits and single hyphens', '#/code');
      checkInstitution(input);
      return inTransaction(root, async (trx) => {
        if (await repo.findInstitution(trx, input.code)) throw errors.institutionCodeTaken(input.code);
        return repo.insertInstitution(trx, input);
      }).then(reindexed);
    },

    async updateInstitution(actor, idOrCode, input) {
      assertPlatformAdmin(actor);
      checkInstitution(input);
      return inTransaction(root, async (trx) => {
        const current = await requireInstitution(trx, idOrCode);
        const updated = await repo.updateInstitution(trx, current.id, input);
        if (!updated) throw errors.institutionNotFound(idOrCode);
        // The institution's names are part of its services' search text: a renamed institution is found by its new name.
        const events = await repo.listEvents(trx);
        for (const service of await repo.listServices(trx, { institutionId: updated.id, statuses: ['draft', 'published', 'withdrawn'] })) {
          await repo.setSearchColumns(trx, service.id, denormalise(splitContent(service), updated, events, await searchExtrasOf(trx, service.id)));
        }
        return updated;
      }).then(reindexed);
    },
    async setSearchExtra(serviceId, source, text) {
      await inTransaction(root, async (trx) => {
        const service = await requireService(trx, serviceId);
        await setSearchExtra(trx, service.id, source, text);
        const institution = await requireInstitution(trx, service.institutionId);
        await repo.setSearchColumns(trx, service.id, denormalise(splitContent(service), institution, await repo.listEvents(trx), await searchExtrasOf(trx, service.id)));
      }).then(reindexed);
    },
    importInstitution: (institution) => repo.insertInstitution(root, institution).then(reindexed),
    importEvent: (event) => repo.upsertEvent(root, event).then(reindexed),
    countServices: () => repo.countServices(root),
  };
}
