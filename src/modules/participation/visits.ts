/**
 * Page-visit statistics (P14; SDG Regulation 2020/1121 Art. 3): every public
 * HTML page served is counted per day, path (no query string), country and
 * device class — no cookie, no address, nothing per person. Counts gather in
 * memory and are added to the table every few seconds (and when the app
 * closes), so a page view costs no database write; additions from several
 * instances simply sum.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { App } from '../../platform/http/server.js';
import { deviceClass, type DeviceClass } from './participation.privacy.js';

interface PageVisitsTable {
  day: string;
  path: string;
  country: string;
  device: DeviceClass;
  visits: number;
}
export interface VisitsTables {
  'participation.page_visits': PageVisitsTable;
}
export type VisitsDb = Kysely<VisitsTables>;

export interface VisitRow {
  day: string;
  path: string;
  country: string;
  device: DeviceClass;
  visits: number;
}

/** Pages of a person or of staff, and the feedback and sign-in steps, are not counted. */
const NOT_COUNTED = /^(?:\/en)?\/(?:workspace|console|feedback|login|logout|interaction|oidc|session|auth)(?:\/|$)|^\/(?:api|assets|docs)(?:\/|$)/;
const PATH = /^\/[^\s?#\\]{0,300}$/;

export interface VisitCounter {
  /** the onResponse hook's work: counts the page if it is one to count */
  count(request: FastifyRequest, reply: FastifyReply): void;
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export function createVisitCounter(db: VisitsDb, options: { countryHeader?: string | undefined; now?: () => Date; flushMs?: number }): VisitCounter {
  const now = options.now ?? (() => new Date());
  let pending = new Map<string, VisitRow>();
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  async function write(batch: VisitRow[]): Promise<void> {
    if (batch.length === 0) return;
    await db
      .insertInto('participation.page_visits')
      .values(batch)
      .onConflict((conflict) => conflict.columns(['day', 'path', 'country', 'device']).doUpdateSet({ visits: sql`participation.page_visits.visits + excluded.visits` }))
      .execute();
  }

  const flush = (): Promise<void> => {
    const batch = [...pending.values()];
    pending = new Map();
    flushing = flushing.then(() => write(batch)).catch(() => undefined);
    return flushing;
  };

  return {
    count(request, reply) {
      if (request.method !== 'GET' || reply.statusCode !== 200) return;
      if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return;
      const path = (request.url.split('?')[0] ?? '').slice(0, 300);
      if (!PATH.test(path) || NOT_COUNTED.test(path)) return;
      const raw = options.countryHeader ? request.headers[options.countryHeader] : undefined;
      const country = typeof raw === 'string' && /^[A-Za-z]{2}$/.test(raw) ? raw.toUpperCase() : '--';
      const row = { day: now().toISOString().slice(0, 10), path, country, device: deviceClass(request.headers['user-agent']) };
      const key = `${row.day} ${row.path} ${row.country} ${row.device}`;
      const existing = pending.get(key);
      if (existing) existing.visits++;
      else pending.set(key, { ...row, visits: 1 });
      timer ??= setTimeout(() => {
        timer = undefined;
        void flush();
      }, options.flushMs ?? 5000).unref();
    },
    flush,
    async stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await flush();
    },
  };
}

/** Counts the app's public pages; the last counts are written when the app closes. */
export function registerVisitCounting(app: App, counter: VisitCounter): void {
  app.addHook('onResponse', async (request, reply) => counter.count(request, reply));
  app.addHook('onClose', async () => counter.stop());
}

/** Visits in [from, to], summed by one dimension (or by page), most first. */
export async function visitsBy(db: VisitsDb, by: 'path' | 'country' | 'device' | 'day', from: string, to: string, limit = 50): Promise<{ key: string; visits: number }[]> {
  const rows = await db
    .selectFrom('participation.page_visits')
    .select([sql<string>`${sql.ref(by)}::text`.as('key'), sql<string>`sum(visits)::text`.as('visits')])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(by)
    .orderBy(sql`sum(visits)`, 'desc')
    .orderBy(by)
    .limit(limit)
    .execute();
  return rows.map((row) => ({ key: row.key, visits: Number(row.visits) }));
}
