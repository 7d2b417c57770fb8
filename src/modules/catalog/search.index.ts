/**
 * The catalog's search index, kept in memory in each process (MiniSearch, one
 * index per language). PostgreSQL stays the source of truth: the index is
 * built from the register at start and follows it by polling the services'
 * change numbers (migration 002) every half second, so an edit made on any
 * instance is found on every instance within a second. Until the first build
 * is done, `search` answers undefined and the caller asks SQL instead.
 *
 * Words are folded (no diacritics, no case) and indexed both as written and as
 * their stem (search.stem.ts); a query word matches either, the stem exactly or
 * with one typo, the word as written with typos, and the last word also as a
 * prefix (people are still typing it). All query words must match.
 *
 * Listings (no text: a portal's front page, an event's or an institution's
 * services, "all services") are answered from the same copy, by title, and so
 * are the number of published services per life event: a portal's front page
 * had read a hundred services' whole rows from SQL at every visit.
 */
import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
import { LANGS, type Audience, type Lang, type Lifecycle, type Service } from './catalog.schemas.js';
import { listEvents, listIndexedServices, listInstitutions, listServiceChanges, type CatalogDb, type IndexedService } from './catalog.repo.js';
import type { CatalogEvent, Institution } from './catalog.schemas.js';
import { fold, queryWords, stem, words } from './search.stem.js';

export interface IndexQuery {
  /** the text searched for; empty: a listing, by title */
  q: string;
  lang: Lang;
  audience?: Audience;
  event?: string;
  institutionId?: string;
  online?: boolean;
  statuses: Lifecycle[];
  limit: number;
  offset: number;
}

export interface IndexAnswer {
  items: Service[];
  total: number;
}

export interface SearchIndex {
  /** undefined until the first build is done */
  search(query: IndexQuery): IndexAnswer | undefined;
  /** changes whenever the index or the institutions change; undefined before the first build */
  generation(): number | undefined;
  /** the institutions as of the last refresh (undefined before the first) */
  institutions(): Map<string, Institution> | undefined;
  /** the life events as of the last refresh, in the register's order (undefined before the first) */
  events(): CatalogEvent[] | undefined;
  /** how many published services each life event has (undefined before the first build) */
  publishedByEvent(): Map<string, number> | undefined;
  /** the published service at `slug` as of the last refresh (undefined before the first build, or when none is) */
  publishedAt(slug: string): Service | undefined;
  /** fetches what changed since the last look (the first call builds the index) */
  refresh(): Promise<void>;
  /** builds the index (resolves when built, or when the build failed: SQL answers meanwhile), then polls */
  start(intervalMs?: number): Promise<void>;
  stop(): Promise<void>;
}

interface Entry {
  service: Service;
  seq: number;
  online: boolean;
  /** folded title, for ordering equal scores */
  titles: Record<Lang, string>;
}

interface Doc {
  id: string;
  title: string;
  keywords: string;
  text: string;
}

const LOOKBACK_SECONDS = 10;
/** The poll reads the institutions on one tick in this many (and whenever a service changed). */
const INSTITUTION_POLLS = 4;
const CACHE_SIZE = 1000;
const BOOST = { title: 3, keywords: 2, text: 1 };

function termsOf(word: string, lang: Lang): string[] {
  const stemmed = stem(word, lang);
  return stemmed === word ? [word] : [word, stemmed];
}

function newIndex(lang: Lang): MiniSearch<Doc> {
  return new MiniSearch<Doc>({
    fields: ['title', 'keywords', 'text'],
    tokenize: (text) => words(text),
    processTerm: (term) => termsOf(fold(term), lang),
    // Queries are built from processed terms already (see toQuery).
    searchOptions: { processTerm: (term) => term },
  });
}

function typos(word: string): number {
  if (word.length >= 8) return 2;
  return word.length >= 5 ? 1 : 0;
}

/** One sub-query per word, all of which must match: the word as written (typos; a prefix if last) or its stem. */
function toQuery(q: string, lang: Lang): Query | undefined {
  const list = queryWords(q, lang);
  if (list.length === 0) return undefined;
  return {
    combineWith: 'AND',
    queries: list.map((word, index): Query => {
      const stemmed = stem(word, lang);
      const asWritten: Query = { queries: [word], fuzzy: typos(word), prefix: index === list.length - 1 && word.length >= 2 };
      if (stemmed === word) return asWritten;
      return { combineWith: 'OR', queries: [asWritten, { queries: [stemmed], fuzzy: stemmed.length >= 5 ? 1 : 0, prefix: false }] };
    }),
  };
}

function toDoc(indexed: IndexedService, lang: Lang): Doc {
  const { service } = indexed;
  return { id: service.id, title: service.title[lang], keywords: (service.keywords?.[lang] ?? []).join(' '), text: indexed.searchText[lang] };
}

function matches(entry: Entry, query: IndexQuery): boolean {
  const { service } = entry;
  if (!query.statuses.includes(service.status)) return false;
  if (query.audience && !service.audience.includes(query.audience)) return false;
  if (query.event && !service.events.includes(query.event)) return false;
  if (query.institutionId && service.institutionId !== query.institutionId) return false;
  if (query.online !== undefined && entry.online !== query.online) return false;
  return true;
}

export function createSearchIndex(db: CatalogDb, log?: { error(object: unknown, message: string): void }): SearchIndex {
  const indexes = { lv: newIndex('lv'), en: newIndex('en') };
  const entries = new Map<string, Entry>();
  const slugs = new Map<string, string>();
  let institutions: Map<string, Institution> | undefined;
  let institutionsKey = '';
  let events: CatalogEvent[] | undefined;
  let eventsKey = '';
  let lastSeq = 0;
  let ready = false;
  // Recent answers; emptied whenever the index changes.
  const cache = new Map<string, IndexAnswer>();
  let chain: Promise<void> = Promise.resolve();
  let generation = 0;
  // Worked out from the entries when first asked for after a change.
  let byTitle: Partial<Record<Lang, Entry[]>> = {};
  let eventCounts: Map<string, number> | undefined;
  let polling = false;
  let timer: NodeJS.Timeout | undefined;

  const apply = (changed: IndexedService[]): boolean => {
    let touched = false;
    for (const indexed of changed) {
      const id = indexed.service.id;
      const known = entries.get(id);
      if (known && known.seq === indexed.seq) continue;
      for (const lang of LANGS) {
        const doc = toDoc(indexed, lang);
        if (known) indexes[lang].replace(doc);
        else indexes[lang].add(doc);
      }
      if (known && known.service.slug !== indexed.service.slug && slugs.get(known.service.slug) === id) slugs.delete(known.service.slug);
      slugs.set(indexed.service.slug, id);
      entries.set(id, {
        service: indexed.service,
        seq: indexed.seq,
        online: indexed.service.channels.some((channel) => channel.type === 'online'),
        titles: { lv: fold(indexed.service.title.lv), en: fold(indexed.service.title.en) },
      });
      lastSeq = Math.max(lastSeq, indexed.seq);
      touched = true;
    }
    return touched;
  };

  /** Cheap while nothing changes: change numbers first, whole rows only for the services whose number moved. */
  const changedSince = async (): Promise<IndexedService[]> => {
    const moved = (await listServiceChanges(db, lastSeq, LOOKBACK_SECONDS)).filter((change) => entries.get(change.id)?.seq !== change.seq);
    return moved.length > 0 ? listIndexedServices(db, moved.map((change) => change.id)) : [];
  };

  /** True when the institutions or the life events differ from the copies held (which are then replaced). */
  const pullInstitutions = async (): Promise<boolean> => {
    const [institutionList, eventList] = await Promise.all([listInstitutions(db), listEvents(db)]);
    const key = JSON.stringify(institutionList);
    const eventKey = JSON.stringify(eventList);
    if (key === institutionsKey && eventKey === eventsKey) return false;
    institutions = new Map(institutionList.map((institution) => [institution.id, institution]));
    institutionsKey = key;
    events = eventList;
    eventsKey = eventKey;
    return true;
  };

  /**
   * `institutionsToo`: read the institutions even when no service changed. A
   * rename rewrites the institution's services in its own transaction (their
   * change numbers move), so any service change brings them along; an
   * institution without services is in no reply, and a poll now and then
   * catches it up (on the embedded database each query holds the event loop).
   */
  const pull = async (institutionsToo: boolean): Promise<void> => {
    const changed = ready ? await changedSince() : await listIndexedServices(db);
    const renamed = !ready || institutionsToo || changed.length > 0 ? await pullInstitutions() : false;
    if (apply(changed) || renamed) {
      cache.clear();
      byTitle = {};
      eventCounts = undefined;
      generation++;
    }
    ready = true;
  };

  const enqueue = (institutionsToo: boolean): Promise<void> => {
    // One pull at a time; a caller arriving during one waits for the next, which sees its change.
    const run = (): Promise<void> => pull(institutionsToo);
    const next = chain.then(run, run);
    chain = next.catch(() => undefined);
    return next;
  };
  // A refresh asked for (after a write here) reads everything; the poll reads the institutions every few ticks.
  const refresh = (): Promise<void> => enqueue(true);
  let polls = 0;

  /** Every entry in the order of its folded title in `lang` (as text search breaks ties). */
  const orderedBy = (lang: Lang): Entry[] =>
    (byTitle[lang] ??= [...entries.values()].sort((a, b) => (a.titles[lang] < b.titles[lang] ? -1 : a.titles[lang] > b.titles[lang] ? 1 : 0)));

  const list = (query: IndexQuery): IndexAnswer => {
    const found = orderedBy(query.lang).filter((entry) => matches(entry, query));
    return { items: found.slice(query.offset, query.offset + query.limit).map((entry) => entry.service), total: found.length };
  };

  const countByEvent = (): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const { service } of entries.values()) {
      if (service.status !== 'published') continue;
      for (const code of service.events) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    return counts;
  };

  const run = (query: IndexQuery): IndexAnswer => {
    if (query.q === '') return list(query);
    const tree = toQuery(query.q, query.lang);
    if (!tree) return { items: [], total: 0 };
    const options: SearchOptions = {
      boost: BOOST,
      filter: (result) => {
        const entry = entries.get(result.id as string);
        return entry !== undefined && matches(entry, query);
      },
    };
    const titles = (id: string): string => entries.get(id)?.titles[query.lang] ?? '';
    const results = indexes[query.lang].search(tree, options).sort((a, b) => b.score - a.score || (titles(a.id as string) < titles(b.id as string) ? -1 : 1));
    const items = results.slice(query.offset, query.offset + query.limit).map((result) => (entries.get(result.id as string) as Entry).service);
    return { items, total: results.length };
  };

  return {
    search(query) {
      if (!ready) return undefined;
      const key = JSON.stringify(query);
      const cached = cache.get(key);
      if (cached) {
        // Least recently used goes first: a hit moves to the end.
        cache.delete(key);
        cache.set(key, cached);
        return cached;
      }
      const answer = run(query);
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(key, answer);
      return answer;
    },
    institutions: () => institutions,
    events: () => events,
    publishedByEvent: () => (ready ? (eventCounts ??= countByEvent()) : undefined),
    publishedAt(slug) {
      const service = entries.get(slugs.get(slug) ?? '')?.service;
      return ready && service?.status === 'published' && service.slug === slug ? service : undefined;
    },
    generation: () => (ready ? generation : undefined),
    refresh,
    async start(intervalMs = 500) {
      if (polling) return;
      polling = true;
      const tick = (): Promise<void> =>
        enqueue(polls++ % INSTITUTION_POLLS === 0)
          .catch((error: unknown) => log?.error({ err: error }, 'search index refresh failed'))
          .finally(() => {
            if (polling) timer = setTimeout(() => void tick(), intervalMs).unref();
          });
      await tick();
    },
    async stop() {
      polling = false;
      clearTimeout(timer);
      timer = undefined;
      await chain;
    },
  };
}
