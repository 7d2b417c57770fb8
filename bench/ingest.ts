/**
 * Benchmark of the central status register's batch ingest (P8): status events
 * per second through `ingestBatch` in 1,000-event batches, beside the anchor:
 * the same event rows written by raw batched INSERTs (one per 1,000-event
 * batch, as many in flight) on the same database in the same run.
 *
 * Three phases, as an institution's system would send them: registering
 * applications submitted elsewhere (first sight: one new application per
 * event), then two rounds of status changes on them (in_progress, decided).
 * `concurrency` batches are in flight at once, as several senders or
 * instances would be. Everything it creates lives under a fresh bench
 * institution and service, so it can run on any migrated database.
 *
 * `benchIngestApi` measures the same three phases end to end through
 * `POST /api/v1/status-events` over real HTTP (the whole platform, a
 * client-credentials token of the demo institution), on a scratch database of
 * the PostgreSQL server, with 1 and 2 concurrent senders. Comparing the two
 * benches shows what the HTTP layer (parsing, validation, authentication,
 * serialisation) adds to the status register's own work.
 *
 * Its ceiling: after the platform's three phases, a fourth round of status
 * changes to the same applications goes to a bare route that only writes what
 * such a batch must (bench/server.ts `ingest-ceiling`): no platform can take
 * status changes faster on this machine, database and indexes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
// The scratch database, the free port and the institution's token come from the test support, as the tests' platforms use them.
import { createScratchDatabase } from '../test/support/database.js';
import { freePort } from '../test/support/platform.js';
import { institutionToken } from '../test/support/sso.js';
import { cpuMsOf, startTarget } from './proc.js';
// The bench builds the whole HTTP app (the composition root), as a real deployment would.
import { buildApp, loadDemoData, migrationSources } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import type { Principal } from '../src/platform/http/auth.js';
import { normalisePersonalCode } from '../src/modules/access/index.js';
import { serviceContent } from '../src/modules/catalog/catalog.fixtures.js';
import { createCatalog } from '../src/modules/catalog/index.js';
import { createApplications, MAX_BATCH, type EventResult, type StatusEventInput } from '../src/modules/applications/index.js';

export interface IngestBenchOptions {
  /** applications registered; each gets three events (default 10,000 → 30,000 events) */
  applications?: number;
  /** batches in flight at once (default 2) */
  concurrency?: number;
  batchSize?: number;
}

export interface IngestBenchResult {
  bench: 'status-ingest';
  database: Database['kind'];
  events: number;
  batch_size: number;
  concurrency: number;
  seconds: number;
  events_per_s: number;
  register_events_per_s: number;
  update_events_per_s: number;
  p50_batch_ms: number;
  p99_batch_ms: number;
  /** the same rows by raw batched INSERTs (the anchor) */
  anchor_rows_per_s: number;
  ratio: number;
  anchor: 'pg-batched-insert';
}

const WEIGHTS = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Valid (checksummed) personal codes, deterministic. */
function personalCodes(count: number): string[] {
  const codes: string[] = [];
  for (let n = 0; codes.length < count; n++) {
    const day = (n % 28) + 1;
    const month = (Math.floor(n / 28) % 12) + 1;
    const serial = Math.floor(n / 336) % 1000;
    const digits = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}85${1}${String(serial).padStart(3, '0')}`;
    const check = (1101 - WEIGHTS.reduce((sum, weight, i) => sum + weight * Number(digits[i]), 0)) % 11;
    if (check === 10) continue;
    const code = normalisePersonalCode(`${digits}${check}`);
    if (code) codes.push(code);
  }
  return codes;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

async function runBatches(batches: StatusEventInput[][], concurrency: number, send: (batch: StatusEventInput[]) => Promise<EventResult[]>, timings: number[]): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] as StatusEventInput[];
      const t0 = performance.now();
      const results = await send(batch);
      timings.push(performance.now() - t0);
      const notApplied = results.filter((result) => result.status !== 'applied');
      if (notApplied.length > 0) throw new Error(`bench batch: ${notApplied.length} events not applied, e.g. ${JSON.stringify(notApplied[0])}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (performance.now() - started) / 1000;
}

/**
 * The anchor: the same status-event rows written by raw SQL, one batched INSERT per batch (the rows of
 * 1,000 events as arrays, `unnest`), each its own transaction, with the same number of batches in
 * flight, into a table shaped and indexed like applications.status_events (columns, defaults, keys;
 * no foreign key, no application state, no outbox). What the database alone costs for these rows.
 */
async function batchedInsert(database: Database, batches: StatusEventInput[][], concurrency: number): Promise<number> {
  await sql`create table if not exists bench_raw_status_events (like applications.status_events including defaults including identity including indexes)`.execute(database.db);
  const applicationIds = new Map<string, string>();
  const applicationOf = (externalId: string): string => {
    let id = applicationIds.get(externalId);
    if (!id) applicationIds.set(externalId, (id = randomUUID()));
    return id;
  };
  const insert = async (batch: StatusEventInput[]): Promise<EventResult[]> => {
    const column = <T>(pick: (event: StatusEventInput) => T): T[] => batch.map(pick);
    await sql`
      insert into bench_raw_status_events (application_id, institution_id, event_id, code, from_code, occurred_at, actor, actor_role, note_for_applicant)
      select * from unnest(${column((event) => applicationOf(String(event.externalId)))}::uuid[], ${column(() => BENCH_INSTITUTION)}::uuid[],
        ${column((event) => event.eventId)}::text[], ${column((event) => event.code)}::text[], ${column((event) => PREVIOUS[event.code] ?? null)}::text[],
        ${column((event) => event.occurredAt)}::timestamptz[],
        ${column(() => 'client:bench')}::text[], ${column(() => 'system')}::text[], ${column((event) => event.noteForApplicant ?? null)}::text[])`.execute(database.db);
    return batch.map((event, index) => ({ index, eventId: event.eventId ?? null, status: 'applied' }));
  };
  try {
    const seconds = await runBatches(batches, concurrency, insert, []);
    return batches.reduce((sum, batch) => sum + batch.length, 0) / seconds;
  } finally {
    await sql`drop table bench_raw_status_events`.execute(database.db);
  }
}

/** The code before each of the bench's (its rows' `from_code`). */
const PREVIOUS: Record<string, string> = { in_progress: 'received', decided: 'in_progress' };

/** The institution the anchor's rows name (any id: its table has no foreign keys). */
const BENCH_INSTITUTION = '00000000-0000-4000-8000-000000000001';

export async function benchIngest(database: Database, options: IngestBenchOptions = {}): Promise<IngestBenchResult> {
  const applications = options.applications ?? 10_000;
  const concurrency = options.concurrency ?? 2;
  const batchSize = options.batchSize ?? 1000;
  const run = randomBytes(4).toString('hex');

  const catalog = createCatalog(database.db);
  const institution = await catalog.importInstitution({
    code: `bench-${run}`,
    name: { lv: `Etalona iestāde ${run}`, en: `Bench institution ${run}` },
    shortName: { lv: 'ETI', en: 'BI' },
    contactPoint: { email: 'bench@example.lv' },
  });
  const service = await catalog.importService(
    institution.id,
    {
      slug: `bench-service-${run}`,
      identifier: `BENCH-${run}`,
      ...serviceContent({
        title: { lv: 'Etalona pakalpojums', en: 'Bench service' },
        description: { lv: 'Statusu ievades etalons.', en: 'Status ingest benchmark.' },
        channels: [{ type: 'online', url: 'https://example.lv/bench', processingTime: 'P10D' }],
        processingTime: 'P10D',
      }),
    },
    'published',
  );
  const api = createApplications(database.db);
  const system: Principal = { subject: `client:bench-${run}`, kind: 'system', via: 'token', institutionId: institution.id, roles: [], scopes: [] };
  const applicants = personalCodes(Math.min(applications, 5000));
  const base = Date.now() - 3_600_000;
  const at = (stage: number, n: number) => new Date(base + stage * 600_000 + (n % 1000)).toISOString();

  const chunk = (events: StatusEventInput[]): StatusEventInput[][] => {
    const batches: StatusEventInput[][] = [];
    for (let i = 0; i < events.length; i += batchSize) batches.push(events.slice(i, i + batchSize));
    return batches;
  };
  const ids = Array.from({ length: applications }, (_, n) => `${run}-${n}`);
  const register = chunk(ids.map((externalId, n) => ({ eventId: `${externalId}-r`, externalId, applicant: applicants[n % applicants.length]!, serviceId: service.id, code: 'received', occurredAt: at(0, n) })));
  const progress = chunk(ids.map((externalId, n) => ({ eventId: `${externalId}-p`, externalId, code: 'in_progress', occurredAt: at(1, n), noteForApplicant: 'Pieteikums tiek izskatīts.' })));
  const decide = chunk(ids.map((externalId, n) => ({ eventId: `${externalId}-d`, externalId, code: 'decided', occurredAt: at(2, n) })));

  const send = (batch: StatusEventInput[]) => api.ingestBatch(system, batch);
  const timings: number[] = [];
  const registerSeconds = await runBatches(register, concurrency, send, timings);
  const updateSeconds = (await runBatches(progress, concurrency, send, timings)) + (await runBatches(decide, concurrency, send, timings));
  const anchorRate = await batchedInsert(database, [...register, ...progress, ...decide], concurrency);

  const events = applications * 3;
  const seconds = registerSeconds + updateSeconds;
  const rate = events / seconds;
  timings.sort((a, b) => a - b);
  return {
    bench: 'status-ingest',
    database: database.kind,
    events,
    batch_size: batchSize,
    concurrency,
    seconds: Math.round(seconds * 100) / 100,
    events_per_s: Math.round(rate),
    register_events_per_s: Math.round(applications / registerSeconds),
    update_events_per_s: Math.round((applications * 2) / updateSeconds),
    p50_batch_ms: Math.round(percentile(timings, 0.5)),
    p99_batch_ms: Math.round(percentile(timings, 0.99)),
    anchor_rows_per_s: Math.round(anchorRate),
    ratio: Math.round((rate / anchorRate) * 100) / 100,
    anchor: 'pg-batched-insert',
  };
}

// ---- the same ingest through the HTTP API (issue #4, item 8) ----

export interface IngestApiBenchOptions {
  /** the PostgreSQL server; a scratch database is made on it and dropped after */
  serverUrl?: string;
  /** applications registered per sender setting; each gets three events */
  applications?: number;
  /** sender counts to measure, one after the other (default 1 and 2) */
  senders?: number[];
}

export interface IngestApiBenchResult {
  bench: 'status-ingest-api';
  database: 'postgres';
  eventsPerSecond: number;
  /** events per second with each number of concurrent senders */
  /** with each number of concurrent senders: events per second, and the same rows by raw batched INSERTs as many in flight */
  bySenders: Record<string, { eventsPerSecond: number; registerEventsPerSecond: number; updateEventsPerSecond: number; p50BatchMs: number; p99BatchMs: number; nodeCpuUsPerEvent: number; postgresCpuUsPerEvent?: number; anchorRowsPerSecond: number; anchorPostgresCpuUsPerRow?: number; ceilingUpdateEventsPerSecond: number }>;
  events: number;
  batchSize: number;
  /** the anchor at the sender count of the best figure */
  anchorRowsPerSecond: number;
  /** at that sender count: status changes a second through a bare route writing only what they must (bench/server.ts `ingest-ceiling`) */
  ceilingUpdateEventsPerSecond: number;
  ratio: number;
  anchor: 'pg-batched-insert';
}

const DEFAULT_SERVER = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

/**
 * CPU time (ms) the PostgreSQL backends serving this database have used so far, by pid, read from /proc:
 * only when the server runs on this machine (empty otherwise). Unlike events a second, it hardly moves when
 * other work shares the machine.
 */
async function backendCpu(database: Database): Promise<Map<number, number>> {
  const result = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(database.db);
  const used = new Map<number, number>();
  for (const { pid } of result.rows) {
    const ms = cpuMsOf(pid);
    if (ms !== undefined) used.set(pid, ms);
  }
  return used;
}

/** Starts a meter of this process's CPU time and the database's backends'; stopping it gives both in ms. */
async function cpuMeter(database: Database): Promise<() => Promise<{ nodeMs: number; postgresMs: number | undefined }>> {
  const node = process.cpuUsage();
  const before = await backendCpu(database);
  return async () => {
    const spent = process.cpuUsage(node);
    const after = await backendCpu(database);
    // A backend started meanwhile counts whole; one gone meanwhile is lost (the pool keeps its connections open).
    let postgresMs = 0;
    for (const [pid, ms] of after) postgresMs += ms - (before.get(pid) ?? 0);
    return { nodeMs: (spent.user + spent.system) / 1000, postgresMs: after.size > 0 ? postgresMs : undefined };
  };
}

/**
 * Status events per second through `POST /api/v1/status-events` over real
 * HTTP, the platform's app with its demo data on a scratch database of the
 * PostgreSQL server and the demo institution's system sending 1,000-event
 * batches with its client-credentials token; beside the same rows by raw
 * batched INSERTs on the same database in the same run.
 */
export async function benchIngestApi(options: IngestApiBenchOptions = {}): Promise<IngestApiBenchResult> {
  const applications = options.applications ?? 10_000;
  const senders = options.senders ?? [1, 2];
  const batchSize = MAX_BATCH;
  const scratch = await createScratchDatabase(options.serverUrl ?? DEFAULT_SERVER, 'pk_bench');
  try {
    const port = await freePort();
    const config = loadConfig({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, DATABASE_URL: scratch.url, DEMO: 'true', LOG_LEVEL: 'silent', DATA_DIR: 'memory://' });
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir: 'memory://' });
    await migrate(database.db, migrationSources);
    await loadDemoData(database);
    // The app without its background workers: the notifications that status changes cause are delivered asynchronously and measured by their own bench.
    const app = await buildApp({ ...config, dataDir: 'memory://' }, database, false);
    const platform = { app, database, close: async () => (await app.close(), await database.close()) };
    let ceiling: Awaited<ReturnType<typeof startTarget>> | undefined;
    try {
      await platform.app.listen({ port, host: '127.0.0.1' });
      const token = await institutionToken({ url: config.publicUrl }, 'applications.write');
      const pmlp = await createCatalog(platform.database.db).getInstitution('pmlp');
      const service = (await createCatalog(platform.database.db).listAllPublished()).find((candidate) => candidate.institutionId === pmlp.id);
      if (!service) throw new Error('the demo data has no PMLP service');

      const sendTo =
        (url: string) =>
        async (batch: StatusEventInput[]): Promise<EventResult[]> => {
          const response = await fetch(`${url}/api/v1/status-events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ events: batch }),
          });
          if (response.status !== 200) throw new Error(`status-events answered ${response.status}: ${await response.text()}`);
          return ((await response.json()) as { results: EventResult[] }).results;
        };
      const send = sendTo(config.publicUrl);
      // The ceiling: a bare route writing only what a batch of status changes must (bench/server.ts `ingest-ceiling`).
      ceiling = await startTarget('ingest-ceiling', scratch.url, pmlp.id);
      const sendToCeiling = sendTo(`http://127.0.0.1:${ceiling.port}`);

      const applicants = personalCodes(Math.min(applications, 5000));
      const bySenders: IngestApiBenchResult['bySenders'] = {};
      for (const concurrency of senders) {
        const run = randomBytes(4).toString('hex');
        const base = Date.now() - 3_600_000;
        const at = (stage: number, n: number) => new Date(base + stage * 600_000 + (n % 1000)).toISOString();
        const chunk = (events: StatusEventInput[]): StatusEventInput[][] => Array.from({ length: Math.ceil(events.length / batchSize) }, (_, i) => events.slice(i * batchSize, (i + 1) * batchSize));
        const ids = Array.from({ length: applications }, (_, n) => `${run}-${n}`);
        const register = chunk(ids.map((externalId, n) => ({ eventId: `${externalId}-r`, externalId, applicant: applicants[n % applicants.length]!, serviceId: service.id, code: 'received', occurredAt: at(0, n) })));
        const progress = chunk(ids.map((externalId, n) => ({ eventId: `${externalId}-p`, externalId, code: 'in_progress', occurredAt: at(1, n), noteForApplicant: 'Pieteikums tiek izskatīts.' })));
        const decide = chunk(ids.map((externalId, n) => ({ eventId: `${externalId}-d`, externalId, code: 'decided', occurredAt: at(2, n) })));
        const timings: number[] = [];
        const meter = await cpuMeter(platform.database);
        const registerSeconds = await runBatches(register, concurrency, send, timings);
        const updateSeconds = (await runBatches(progress, concurrency, send, timings)) + (await runBatches(decide, concurrency, send, timings));
        const cpu = await meter();
        const anchorMeter = await cpuMeter(platform.database);
        const anchorRowsPerSecond = Math.round(await batchedInsert(platform.database, [...register, ...progress, ...decide], concurrency));
        const anchorCpu = await anchorMeter();
        // A fourth round of changes to the same applications, through the bare route.
        const deliver = chunk(ids.map((externalId, n) => ({ eventId: `${externalId}-f`, externalId, code: 'delivered', occurredAt: at(3, n), noteForApplicant: 'Lēmums nosūtīts.' })));
        const ceilingSeconds = await runBatches(deliver, concurrency, sendToCeiling, []);
        const perEvent = (ms: number) => Math.round((ms * 1000) / (applications * 3));
        timings.sort((a, b) => a - b);
        bySenders[String(concurrency)] = {
          eventsPerSecond: Math.round((applications * 3) / (registerSeconds + updateSeconds)),
          registerEventsPerSecond: Math.round(applications / registerSeconds),
          updateEventsPerSecond: Math.round((applications * 2) / updateSeconds),
          p50BatchMs: Math.round(percentile(timings, 0.5)),
          p99BatchMs: Math.round(percentile(timings, 0.99)),
          // the bench's process: the whole platform answering, and the bench's own client making and reading the batches
          nodeCpuUsPerEvent: perEvent(cpu.nodeMs),
          ...(cpu.postgresMs !== undefined ? { postgresCpuUsPerEvent: perEvent(cpu.postgresMs) } : {}),
          anchorRowsPerSecond,
          ceilingUpdateEventsPerSecond: Math.round(applications / ceilingSeconds),
          ...(anchorCpu.postgresMs !== undefined ? { anchorPostgresCpuUsPerRow: perEvent(anchorCpu.postgresMs) } : {}),
        };
      }
      const best = Object.values(bySenders).reduce((a, b) => (b.eventsPerSecond > a.eventsPerSecond ? b : a));
      return {
        bench: 'status-ingest-api',
        database: 'postgres',
        eventsPerSecond: best.eventsPerSecond,
        bySenders,
        events: applications * 3 * senders.length,
        batchSize,
        anchorRowsPerSecond: best.anchorRowsPerSecond,
        ratio: Math.round((best.eventsPerSecond / best.anchorRowsPerSecond) * 100) / 100,
        ceilingUpdateEventsPerSecond: best.ceilingUpdateEventsPerSecond,
        anchor: 'pg-batched-insert',
      };
    } finally {
      ceiling?.child.kill('SIGTERM');
      await platform.close();
    }
  } finally {
    await scratch.drop();
  }
}
