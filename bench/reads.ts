/**
 * Reads at scale, by Open Zaak's method (issue #11, item 5): a register of
 * 1,000,000 applications (100,000 with --quick) on the PostgreSQL server,
 * then, over real HTTP against the platform in its own process, the three
 * reads Open Zaak publishes figures for, each at 1 and 16 concurrent users:
 * - an institution's queue with filters (its system's client-credentials token);
 * - one application with its timeline;
 * - a citizen's own list, also for the parties they act for (parent, mandate).
 *
 * The data set is spread as a real register would be: services by popularity
 * (a few take most applications), their institutions, eight years of
 * submissions, statuses by age (old ones closed, recent ones open, some
 * overdue), a timeline of two to five status events each, a fifth registered
 * by institutions' own systems, and applications of the demo people among
 * them (Jānis's own, his daughter Marta's, a company's, Anna's under a mandate).
 * It is made with set-based SQL straight into the applications module's
 * tables: generating it through the API would measure the ingest (its own
 * bench), not the reads.
 *
 * Beside Open Zaak's figures, two of this machine's own: each load's CPU time
 * per request (the platform's, its database's and the client's) and the rate
 * and mean time that cost allows on these cores; and the anchor, the same
 * one-application requests to a bare route making only the statements such a
 * read must make (bench/server.ts `read-floor`).
 */
import { readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { loadDemoData, migrationSources } from '../src/app.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { createCatalog, type Service } from '../src/modules/catalog/index.js';
import { createScratchDatabase } from '../test/support/database.js';
import { startChild } from '../test/support/child.js';
import { startCommand } from './startup.js';
import { cpuMsOf, startTarget } from './proc.js';
import { accessTokenFor, demoRp, institutionToken } from '../test/support/sso.js';

/** Open Zaak's published figures (open-zaak.readthedocs.io, performance: 1,000,000 cases, 10 pods of 1 CPU). */
const OPEN_ZAAK = { cases: 1_000_000, median_ms_1_user: '140–200', median_ms_16_users: '240–310' };

const JANIS = '150685-12347';
const MARTA = '010118-23454';
const ANNA = '230390-11113';
const COMPANY = '40003012340';

export interface ReadsBenchOptions {
  serverUrl: string;
  applications: number;
  seconds: number;
  /**
   * A database to keep between runs (BENCH_READS_DATABASE): made and generated on the first run, then reused
   * (migrated to this checkout, the register as it was) and not dropped, so iterations skip the generator.
   */
  keep?: string;
}

type Register = Omit<Awaited<ReturnType<typeof generateRegister>>, 'services'>;

/** The kept database's URL and, when an earlier run generated its register, what that register holds (in the database's comment). */
async function keptDatabase(serverUrl: string, name: string, applications: number): Promise<{ url: string; register?: Register }> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`BENCH_READS_DATABASE must be a plain lower-case name: ${name}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const found = await admin.query<{ comment: string | null }>('select shobj_description(oid, \'pg_database\') as comment from pg_database where datname = $1', [name]);
    if (found.rows.length === 0) await admin.query(`create database ${name}`);
    const register = found.rows[0]?.comment ? (JSON.parse(found.rows[0].comment) as Register & { applications: number }) : undefined;
    if (register && register.applications !== applications) throw new Error(`${name} holds ${register.applications} applications, not ${applications}: drop it or name another`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return { url: url.toString(), ...(register ? { register } : {}) };
  } finally {
    await admin.end();
  }
}

async function noteRegister(serverUrl: string, name: string, register: Register & { applications: number }): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`comment on database ${name} is '${JSON.stringify(register)}'`);
  } finally {
    await admin.end();
  }
}

/** What one load of HTTP requests measured (also bench/support.ts). */
export interface Figures {
  requests_per_s: number;
  p50_ms: number;
  p99_ms: number;
  non_2xx: number;
  /** with a server process to watch: its CPU time (user + system) per request */
  server_cpu_ms_per_request?: number;
  /** with a server process to watch: its statements to the database per request (bench/round-trips.mjs) */
  round_trips_per_request?: number;
  /** with a server process to watch: the CPU time of the PostgreSQL backends serving its database, per request */
  database_cpu_ms_per_request?: number;
  /** with a server process to watch: this process's own CPU time (autocannon, the bench client) per request */
  client_cpu_ms_per_request?: number;
  /** the three above together: what one request costs the machine, whichever process spends it */
  cpu_ms_per_request?: number;
  /** the most requests a second this machine's cores could answer at that cost, every core busy with nothing else */
  cpu_bound_requests_per_s?: number;
  /** the least mean time a request could take with this many users at that bound (Little's law: users / requests a second) */
  cpu_bound_mean_ms?: number;
}

/** The platform's process, watched from outside: its CPU time and (counted by bench/round-trips.mjs) its database round trips. */
export interface WatchedServer {
  pid: number;
  roundTripsFile: string;
  /** the PostgreSQL server (an administrative connection) and the database the process uses: its backends' CPU time is counted too */
  database?: { adminUrl: string; name: string };
  /** what the process spends with no request (job queue, catalog polling), per second and in round trips per second: taken off each load's figures */
  idle?: { cpuMsPerS: number; roundTripsPerS: number; databaseCpuMsPerS: number };
}

/**
 * The platform on `databaseUrl` in a child process, as `npm start` runs it (its environment and Node options,
 * then `nodeFlags`), watched: its round trips counted by bench/round-trips.mjs, its CPU time read from /proc.
 * Client rate limits are lifted: the bench measures reads, and a 429 would count as a fast answer.
 * Node refuses --cpu-prof in NODE_OPTIONS: BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR" profiles the platform.
 */
export async function startWatchedPlatform(databaseUrl: string, nodeFlags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []): Promise<{ platform: Awaited<ReturnType<typeof startChild>>; watched: WatchedServer }> {
  const roundTripsFile = path.join(tmpdir(), `pk-bench-round-trips-${process.pid}`);
  const command = await startCommand();
  const platform = await startChild(
    {
      ...command.env,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      API_RATE_LIMIT: '10000000',
      API_RATE_BURST: '10000000',
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${pathToFileURL(path.join(import.meta.dirname, 'round-trips.mjs')).href}`.trim(),
      BENCH_ROUND_TRIPS_FILE: roundTripsFile,
    },
    [...command.flags, ...nodeFlags],
  );
  return { platform, watched: { pid: platform.process.pid as number, roundTripsFile } };
}

/** CPU time so far of each PostgreSQL backend connected to `database` (the server runs on this machine), by pid. */
async function backendCpu(database: NonNullable<WatchedServer['database']>): Promise<Map<number, number>> {
  const admin = new pg.Client({ connectionString: database.adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database.name]);
    return new Map(rows.map((row) => [row.pid, cpuMsOf(row.pid) ?? 0]));
  } finally {
    await admin.end();
  }
}

/** The backends' CPU time between two readings (a backend that started meanwhile counts from zero; one that ended is lost). */
function backendCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, cpuMs] of after) spent += cpuMs - (before.get(pid) ?? 0);
  return spent;
}

/** The watched server's own background cost, measured over `seconds` with no request. */
export async function idleCost(server: WatchedServer, seconds: number): Promise<NonNullable<WatchedServer['idle']>> {
  const before = await serverCost(server);
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const after = await serverCost(server);
  const elapsed = (Date.now() - started) / 1000;
  return {
    cpuMsPerS: (after.cpuMs - before.cpuMs) / elapsed,
    roundTripsPerS: (after.roundTrips - before.roundTrips) / elapsed,
    databaseCpuMsPerS: backendCpuBetween(before.backends, after.backends) / elapsed,
  };
}

async function serverCost(server: WatchedServer): Promise<{ cpuMs: number; roundTrips: number; backends: Map<number, number> }> {
  const backends = server.database ? await backendCpu(server.database) : new Map<number, number>();
  const cpuMs = cpuMsOf(server.pid) ?? Number.NaN;
  process.kill(server.pid, 'SIGWINCH');
  let roundTrips = Number.NaN;
  for (let tries = 0; tries < 50 && Number.isNaN(roundTrips); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const written = await readFile(server.roundTripsFile, 'utf8').catch(() => '');
    if (written !== '') roundTrips = Number(written);
  }
  await rm(server.roundTripsFile, { force: true });
  return { cpuMs, roundTrips, backends };
}

/** The published services in the register's order of popularity: with the generator's skew the first few take most applications, as the declaration of residence does. */
async function registerServices(db: Awaited<ReturnType<typeof openDatabase>>['db']): Promise<Service[]> {
  const services = await createCatalog(db).listAllPublished();
  return [...services].sort((a, b) => Number(b.slug === 'dzivesvietas-deklaresana') - Number(a.slug === 'dzivesvietas-deklaresana'));
}

/** The register: `count` applications and their timelines, made in chunks so no single statement holds the server long. */
export async function generateRegister(db: Awaited<ReturnType<typeof openDatabase>>['db'], count: number): Promise<{ seconds: number; events: number; services: Service[] }> {
  const started = Date.now();
  const ordered = await registerServices(db);
  const ids = ordered.map((service) => service.id);
  const institutions = ordered.map((service) => service.institutionId);
  const titles = ordered.map((service) => JSON.stringify(service.title));
  const stamp = new Date('2000-01-01T00:00:00Z');
  // Numbers are the platform's (YYYY-NNNNNN…, so pages open them too) with seven digits: never one the demo's six-digit ones take.
  await sql`select setseed(0.2026)`.execute(db);
  const chunk = 100_000;
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    await sql`
      insert into applications.applications (id, number, service_id, institution_id, service_title, applicant, applicant_kind, submitted_by, basis,
        origin, external_id, data, status, status_at, submitted_at, last_event_at, lead_time, pauses, expected_at, completed_at, closed_at, created_at, updated_at)
      select gen_random_uuid(), extract(year from submitted_at)::int || '-' || lpad(g::text, 7, '0'), (${ids}::uuid[])[si], (${institutions}::uuid[])[si], (${titles}::jsonb[])[si],
        applicant, case when applicant = ${COMPANY} then 'company' else 'person' end,
        case when origin = 'external' then null when applicant in (${MARTA}, ${ANNA}) then ${JANIS} when applicant = ${COMPANY} then '081275-05556' else applicant end,
        case when origin = 'external' then null when applicant = ${MARTA} then 'parent' when applicant = ${ANNA} then 'mandate' when applicant = ${COMPANY} then 'board_member' else 'self' end,
        origin, case when origin = 'external' then 'EXT-' || g end, '{}'::jsonb, status,
        status_at, submitted_at, status_at, jsonb_build_object('duration', 'P' || lead_days || 'D', 'dayKind', 'calendar', 'legalBasis', null), '[]'::jsonb,
        case when status in ('received', 'in_progress') then submitted_at + make_interval(days => lead_days) end,
        case when status in ('decided', 'delivered', 'rejected') then status_at end,
        case when status in ('delivered', 'rejected', 'withdrawn') then status_at end,
        ${stamp}, status_at
      from (
        select g, si, applicant, origin, status, submitted_at, lead_days,
          -- the last change: somewhere between submission and now, nearer to submission for closed ones
          least(now(), submitted_at + make_interval(days => case when status in ('received', 'in_progress', 'awaiting_client') then (random() * 20)::int else (random() * lead_days * 1.2)::int end)) as status_at
        from (
          select g, si, applicant, origin, submitted_at, lead_days,
            case when submitted_at > now() - interval '120 days'
              then (case when r < 0.25 then 'received' when r < 0.55 then 'in_progress' when r < 0.65 then 'awaiting_client' when r < 0.75 then 'decided' when r < 0.95 then 'delivered' else 'rejected' end)
              else (case when r < 0.01 then 'in_progress' when r < 0.02 then 'awaiting_client' when r < 0.04 then 'decided' when r < 0.88 then 'delivered' when r < 0.97 then 'rejected' else 'withdrawn' end)
            end as status
          from (
            select g,
              1 + least(${ids.length - 1}, floor(${ids.length} * power(random(), 3))::int) as si,
              case when g % 25000 = 1 then ${JANIS} when g % 25000 = 2 then ${MARTA} when g % 25000 = 3 then ${ANNA} when g % 25000 = 4 then ${COMPANY}
                else lpad((g % 289999)::text, 6, '0') || '-' || lpad(((g::bigint * 7919) % 99999)::text, 5, '0') end as applicant,
              case when random() < 0.2 then 'external' else 'platform' end as origin,
              timestamptz '2019-01-01' + random() * (now() - timestamptz '2019-01-01') as submitted_at,
              (10 + floor(random() * 50))::int as lead_days,
              random() as r
            from generate_series(${from}::int, ${to}::int) g
          ) base
        ) shaped
      ) timed`.execute(db);
  }
  // Each application's timeline up to its status: submitted (by the applicant) or received (registered by the institution), then the institution's steps.
  const steps = sql.raw(`(values
    ('received', 1, 'received', 'submitted'),
    ('in_progress', 1, 'received', 'submitted'), ('in_progress', 2, 'in_progress', 'received'),
    ('awaiting_client', 1, 'received', 'submitted'), ('awaiting_client', 2, 'in_progress', 'received'), ('awaiting_client', 3, 'awaiting_client', 'in_progress'),
    ('decided', 1, 'received', 'submitted'), ('decided', 2, 'in_progress', 'received'), ('decided', 3, 'decided', 'in_progress'),
    ('delivered', 1, 'received', 'submitted'), ('delivered', 2, 'in_progress', 'received'), ('delivered', 3, 'decided', 'in_progress'), ('delivered', 4, 'delivered', 'decided'),
    ('rejected', 1, 'received', 'submitted'), ('rejected', 2, 'in_progress', 'received'), ('rejected', 3, 'rejected', 'in_progress'),
    ('withdrawn', 1, 'received', 'submitted'), ('withdrawn', 2, 'withdrawn', 'received')
  ) as step(final, n, code, from_code)`);
  const submitted = await sql`
    insert into applications.status_events (application_id, institution_id, code, from_code, occurred_at, recorded_at, actor, actor_role)
    select id, null, 'submitted', null, submitted_at, submitted_at, 'person:' || coalesce(submitted_by, applicant), 'applicant'
    from applications.applications where created_at = ${stamp} and origin = 'platform'`.execute(db);
  const later = await sql`
    insert into applications.status_events (application_id, institution_id, code, from_code, occurred_at, recorded_at, actor, actor_role)
    select a.id, a.institution_id, step.code, case when a.origin = 'external' and step.n = 1 then null else step.from_code end,
      a.submitted_at + (a.status_at - a.submitted_at) * step.n / (select max(n) from ${steps} where final = a.status),
      a.submitted_at + (a.status_at - a.submitted_at) * step.n / (select max(n) from ${steps} where final = a.status),
      'client:demo-institution', 'case_handler'
    from applications.applications a join ${steps} on step.final = a.status
    where a.created_at = ${stamp}`.execute(db);
  await sql`vacuum analyze applications.applications`.execute(db);
  await sql`vacuum analyze applications.status_events`.execute(db);
  return { seconds: Math.round((Date.now() - started) / 100) / 10, events: Number(submitted.numAffectedRows ?? 0n) + Number(later.numAffectedRows ?? 0n), services: ordered };
}

/**
 * Seconds of the same load sent, unmeasured, before a measured one: a process just started runs its code
 * unoptimised until V8 has compiled the hot paths, and the first seconds' slow answers would stand in the
 * p99 of a 10-second run (the queue page: p99 30 ms in a fresh process's first 10 s, 20 ms from then on).
 * The figures are a running server's, as Open Zaak's are.
 */
export const WARM_UP_SECONDS = 3;

/** The requests of a load sent for WARM_UP_SECONDS by `connections` clients, nothing measured. */
export async function warmUp(url: string, connections: number, requests: { path: string; headers: Record<string, string> }[]): Promise<void> {
  let next = 0;
  await autocannon({ url, connections, duration: WARM_UP_SECONDS, requests: [{ setupRequest: (request) => ({ ...request, ...requests[next++ % requests.length] }) }] });
}

/**
 * What the measured CPU costs allow on this machine: at `cpu_ms_per_request` of the server's, its database's and
 * the client's time together, the cores answer at most so many requests a second, and `users` waiting on them
 * take on average at least users / that rate (Little's law). A goal below that bound needs less CPU a request
 * (of any of the three) or more cores, not less waiting.
 */
function cpuBound(figures: Figures, users: number): Pick<Figures, 'cpu_ms_per_request' | 'cpu_bound_requests_per_s' | 'cpu_bound_mean_ms'> {
  const spent = (figures.server_cpu_ms_per_request ?? 0) + (figures.database_cpu_ms_per_request ?? 0) + (figures.client_cpu_ms_per_request ?? 0);
  if (spent <= 0) return {};
  const rate = (availableParallelism() * 1000) / spent;
  return { cpu_ms_per_request: Math.round(spent * 1000) / 1000, cpu_bound_requests_per_s: Math.round(rate), cpu_bound_mean_ms: Math.round((users / rate) * 1000 * 10) / 10 };
}

/** `connections` clients for `seconds`, taking the requests in turn. */
export async function load(url: string, connections: number, seconds: number, requests: { path: string; headers: Record<string, string> }[], server?: WatchedServer): Promise<Figures> {
  let next = 0;
  const before = server ? await serverCost(server) : undefined;
  const started = Date.now();
  const client = process.cpuUsage();
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, ...requests[next++ % requests.length] }) }],
  });
  const figures: Figures = { requests_per_s: Math.round(result.requests.average), p50_ms: result.latency.p50, p99_ms: result.latency.p99, non_2xx: result.non2xx };
  if (server && before) {
    const clientSpent = process.cpuUsage(client);
    const after = await serverCost(server);
    const total = Math.max(1, result.requests.total);
    const elapsed = (Date.now() - started) / 1000;
    const idle = server.idle ?? { cpuMsPerS: 0, roundTripsPerS: 0, databaseCpuMsPerS: 0 };
    const perRequest = (spent: number, places = 1000): number => Math.round((spent / total) * places) / places;
    figures.server_cpu_ms_per_request = perRequest(after.cpuMs - before.cpuMs - idle.cpuMsPerS * elapsed);
    figures.round_trips_per_request = perRequest(after.roundTrips - before.roundTrips - idle.roundTripsPerS * elapsed, 100);
    if (server.database) figures.database_cpu_ms_per_request = perRequest(backendCpuBetween(before.backends, after.backends) - idle.databaseCpuMsPerS * elapsed);
    figures.client_cpu_ms_per_request = perRequest((clientSpent.user + clientSpent.system) / 1000);
    Object.assign(figures, cpuBound(figures, connections));
  }
  return figures;
}

/** Generates the register on a scratch database, starts the platform on it, and measures the three reads at 1 and 16 users. */
export async function benchReads(options: ReadsBenchOptions): Promise<Record<string, unknown>[]> {
  const kept = options.keep ? await keptDatabase(options.serverUrl, options.keep, options.applications) : undefined;
  const scratch = kept ? { url: kept.url, drop: async () => {} } : await createScratchDatabase(options.serverUrl, 'pk_bench_reads');
  try {
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir: 'memory://' });
    let generated: Awaited<ReturnType<typeof generateRegister>>;
    let pmlpServices: string[];
    try {
      await migrate(database.db, migrationSources);
      await loadDemoData(database);
      if (kept?.register) {
        generated = { ...kept.register, services: await registerServices(database.db) };
      } else {
        generated = await generateRegister(database.db, options.applications);
        if (options.keep) await noteRegister(options.serverUrl, options.keep, { applications: options.applications, seconds: generated.seconds, events: generated.events });
      }
      const pmlp = await createCatalog(database.db).getInstitution('pmlp');
      // PMLP's, most used first: the demo institution's system is PMLP's.
      pmlpServices = generated.services.filter((service) => service.institutionId === pmlp.id).map((service) => service.id);
    } finally {
      await database.close();
    }
    const { platform, watched } = await startWatchedPlatform(scratch.url);
    watched.database = { adminUrl: options.serverUrl, name: new URL(scratch.url).pathname.slice(1) };
    try {
      const at = { url: platform.url };
      const institution = { authorization: `Bearer ${await institutionToken(at, 'applications.read')}` };
      const rp = await demoRp(at);
      const janis = { authorization: `Bearer ${await accessTokenFor(at, rp, 'Jānis Bērziņš')}` };
      // Anna gives Jānis a mandate for the five most used services, so his list for her is filtered by it.
      const anna = await accessTokenFor(at, rp, 'Anna Kalniņa');
      const mandated = generated.services.slice(0, 5).map((service) => service.id);
      const granted = await fetch(`${platform.url}/api/v1/mandates`, {
        method: 'POST',
        headers: { authorization: `Bearer ${anna}`, 'content-type': 'application/json' },
        body: JSON.stringify({ representative: { personalCode: JANIS }, scope: { services: mandated } }),
      });
      // A kept database has it from an earlier run (409).
      if (granted.status !== 201 && !(kept?.register && granted.status === 409)) throw new Error(`the mandate was not granted: ${granted.status} ${await granted.text()}`);

      const queue = [
        `/api/v1/applications?status=received&limit=20`,
        `/api/v1/applications?status=in_progress&service=${pmlpServices[0]}&limit=20`,
        `/api/v1/applications?overdue=true&limit=20`,
        `/api/v1/applications?status=awaiting_client&status=in_progress&overdue=false&limit=20`,
        `/api/v1/applications?service=${pmlpServices[1] ?? pmlpServices[0]}&limit=20&offset=40`,
      ].map((path) => ({ path, headers: institution }));
      const queuePage = (await (await fetch(`${platform.url}/api/v1/applications?limit=100`, { headers: institution })).json()) as { items: { id: string }[] };
      const single = queuePage.items.map((item) => ({ path: `/api/v1/applications/${item.id}`, headers: institution }));
      const own = [
        { path: '/api/v1/applications?limit=20', headers: janis },
        { path: '/api/v1/applications?limit=20', headers: { ...janis, 'on-behalf-of': MARTA } },
        { path: '/api/v1/applications?limit=20', headers: { ...janis, 'on-behalf-of': ANNA } },
      ];
      watched.idle = await idleCost(watched, options.seconds);
      const lines: Record<string, unknown>[] = [];
      for (const [read, requests] of [['institution-queue', queue], ['one-application', single], ['my-applications', own]] as const) {
        const figures: Record<string, Figures> = {};
        await warmUp(platform.url, 16, requests);
        for (const users of [1, 16]) figures[`users_${users}`] = await load(platform.url, users, options.seconds, requests, watched);
        lines.push({
          bench: `reads-${read}`,
          database: 'postgres',
          applications: options.applications,
          status_events: generated.events,
          generated_in_s: generated.seconds,
          seconds: options.seconds,
          warm_up_s: WARM_UP_SECONDS,
          ...figures,
          server_idle: {
            cpu_ms_per_s: Math.round(watched.idle.cpuMsPerS * 10) / 10,
            round_trips_per_s: Math.round(watched.idle.roundTripsPerS * 10) / 10,
            database_cpu_ms_per_s: Math.round(watched.idle.databaseCpuMsPerS * 10) / 10,
          },
          goal: 'median < 5 ms, p99 < 25 ms at 16 users',
          anchor: 'open-zaak-published',
          open_zaak: OPEN_ZAAK,
        });
      }
      // The anchor: the same one-application requests to a bare route making only the statements such a read must.
      const floor = await startTarget('read-floor', scratch.url);
      try {
        const url = `http://127.0.0.1:${floor.port}`;
        const figures: Record<string, Figures> = {};
        await warmUp(url, 16, single);
        for (const users of [1, 16]) figures[`users_${users}`] = await load(url, users, options.seconds, single);
        lines.push({
          bench: 'reads-floor',
          database: 'postgres',
          applications: options.applications,
          seconds: options.seconds,
          warm_up_s: WARM_UP_SECONDS,
          work: "one application's read as four statements and nothing else: the token's row, a rate-limit bucket, the application, one log row committed",
          ...figures,
          goal: 'median < 5 ms, p99 < 25 ms at 16 users',
          anchor: 'bare-route-floor',
        });
      } finally {
        if (floor.child.exitCode === null) await new Promise((resolve) => (floor.child.once('exit', resolve), floor.child.kill('SIGTERM')));
      }
      return lines;
    } finally {
      platform.process.kill('SIGTERM');
      await platform.exited;
    }
  } finally {
    await scratch.drop();
  }
}
