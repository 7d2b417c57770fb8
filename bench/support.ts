/**
 * The support desk at scale (issue #12, item 11): 100,000 tickets (20,000
 * with --quick) on the PostgreSQL server, then, over real HTTP against the
 * platform in its own process, at 10 connections:
 * - a support agent's queue page in the console (PMLP's agent, a web session):
 *   all open, overdue, unassigned (its second page), by subject;
 * - the queue API for an institution's own help desk (its system's token),
 *   with the same filters.
 * Goal: p99 < 25 ms.
 *
 * The tickets are spread as a desk's would be: two years of questions, most
 * closed, recent ones open or awaiting the person, some overdue; a few
 * institutions take most (PMLP first), a sixth stay with first-line support;
 * each has the person's message and, once answered, a reply. They are made with
 * set-based SQL straight into the support module's tables: asking 100,000
 * questions through the API would measure asking, not the queue.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { loadDemoData, migrationSources } from '../src/app.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import type { Principal } from '../src/platform/http/auth.js';
import { createAccess } from '../src/modules/access/index.js';
import { createCatalog } from '../src/modules/catalog/index.js';
import { createScratchDatabase } from '../test/support/database.js';
import { signedIn } from '../test/support/platform.js';
import { institutionToken } from '../test/support/sso.js';
import { cpuMsOf } from './proc.js';
import { idleCost, load, startWatchedPlatform, warmUp, WARM_UP_SECONDS, type Figures } from './reads.js';

const ILZE = '120479-43216';
const ROBERTS = '271188-10106';
const AGENTS = [ILZE, '010180-10006', '020280-10007', '030380-10008'];
const CONNECTIONS = 10;

export interface SupportBenchOptions {
  serverUrl: string;
  tickets: number;
  seconds: number;
}

type Db = Awaited<ReturnType<typeof openDatabase>>['db'];

/** `count` tickets and their threads, in chunks so no single statement holds the server long; PMLP's queue first among institutions. */
export async function generateTickets(db: Db, count: number, pmlpId: string): Promise<{ seconds: number; entries: number }> {
  const started = Date.now();
  const institutions = (await createCatalog(db).listInstitutions()).map((institution) => institution.id).sort((a, b) => Number(b === pmlpId) - Number(a === pmlpId));
  const subjects = ['applying', 'status', 'documents', 'technical', 'other'];
  const stamp = new Date('2000-01-01T00:00:00Z');
  await sql`select setseed(0.1212)`.execute(db);
  const chunk = 50_000;
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    await sql`
      insert into support.tickets (number, queue_institution_id, subject_code, channel, requester, requester_kind, asked_by, visitor_name, visitor_email,
        language, state, assignee, created_at, opened_at, first_reply_at, closed_at, due_at)
      select nextval('support.ticket_numbers'), queue, subject, case when visitor then 'portal' else 'workspace' end,
        case when visitor then null else person end, case when visitor then 'visitor' else 'person' end, case when visitor then null else person end,
        case when visitor then 'Jautātājs ' || g end, case when visitor then 'jautatajs' || g || '@example.com' end,
        case when random() < 0.9 then 'lv' else 'en' end, state,
        case when replied then (${AGENTS}::text[])[1 + floor(random() * ${AGENTS.length})::int] end,
        ${stamp}, opened_at,
        case when replied then opened_at + random() * interval '3 days' end,
        case when state = 'closed' then opened_at + interval '3 days' + random() * interval '10 days' end,
        case when state in ('open', 'awaiting_person') then opened_at + case when replied then interval '14 days' else interval '3 days' end end
      from (
        select g, queue, subject, visitor, person, opened_at, state,
          state in ('awaiting_person', 'closed') or (state = 'open' and random() < 0.4) as replied
        from (
          select g,
            case when random() < 0.16 then null else (${institutions}::uuid[])[1 + least(${institutions.length - 1}, floor(${institutions.length} * power(random(), 3))::int)] end as queue,
            (${subjects}::text[])[1 + floor(random() * ${subjects.length})::int] as subject,
            random() < 0.1 as visitor,
            lpad((g % 289999)::text, 6, '0') || '-' || lpad(((g::bigint * 7919) % 99999)::text, 5, '0') as person,
            opened_at,
            case when opened_at > now() - interval '30 days'
              then (case when r < 0.45 then 'open' when r < 0.7 then 'awaiting_person' else 'closed' end)
              else (case when r < 0.01 then 'open' when r < 0.015 then 'awaiting_person' else 'closed' end)
            end as state
          from (
            select g, random() as r, now() - power(random(), 2) * interval '730 days' as opened_at
            from generate_series(${from}::int, ${to}::int) g
          ) base
        ) shaped
      ) timed`.execute(db);
  }
  const messages = await sql`
    insert into support.entries (ticket_id, kind, author_kind, author, body, created_at)
    select id, 'message', case when requester_kind = 'visitor' then 'visitor' else 'person' end, requester, 'Labdien! Kad būs gatavs mans pieteikums?', opened_at
    from support.tickets where created_at = ${stamp}`.execute(db);
  const replies = await sql`
    insert into support.entries (ticket_id, kind, author_kind, author, body, created_at)
    select id, 'reply', 'agent', assignee, 'Labdien! Pieteikums tiek izskatīts.', first_reply_at
    from support.tickets where created_at = ${stamp} and first_reply_at is not null`.execute(db);
  // What the desk keeps on a ticket of such a thread (migration 005): the reply opened a pause nothing ended.
  await sql`
    update support.tickets set pauses = jsonb_build_array(jsonb_build_object('from', to_char(first_reply_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'until', null))
    where created_at = ${stamp} and first_reply_at is not null`.execute(db);
  await sql`vacuum analyze support.tickets`.execute(db);
  await sql`vacuum analyze support.entries`.execute(db);
  return { seconds: Math.round((Date.now() - started) / 100) / 10, entries: Number(messages.numAffectedRows ?? 0n) + Number(replies.numAffectedRows ?? 0n) };
}

/**
 * CPU time so far (ms) of the PostgreSQL server’s backends serving the watcher’s database,
 * this watcher's own left out: the server runs on this machine, so /proc has them.
 */
async function backendsCpuMs(watcher: pg.Client): Promise<number> {
  const { rows } = await watcher.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
  return rows.reduce((sum, row) => sum + (cpuMsOf(row.pid) ?? 0), 0);
}

/** A load's figures with the database backends' CPU time per request beside the server's (their idle cost per second taken off). */
async function loadWithDatabase(watcher: pg.Client, idleMsPerS: number, seconds: number, run: () => Promise<Figures>): Promise<Figures & { database_cpu_ms_per_request: number }> {
  const before = await backendsCpuMs(watcher);
  const started = Date.now();
  const figures = await run();
  const spent = (await backendsCpuMs(watcher)) - before - idleMsPerS * ((Date.now() - started) / 1000);
  const requests = Math.max(1, figures.requests_per_s * seconds);
  return { ...figures, database_cpu_ms_per_request: Math.round((spent / requests) * 1000) / 1000 };
}

/** Generates the tickets on a scratch database, starts the platform on it, and loads the agent's queue page and the queue API. */
export async function benchSupport(options: SupportBenchOptions): Promise<Record<string, unknown>[]> {
  const scratch = await createScratchDatabase(options.serverUrl, 'pk_bench_support');
  try {
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir: 'memory://' });
    let generated: Awaited<ReturnType<typeof generateTickets>>;
    let open: number;
    try {
      await migrate(database.db, migrationSources);
      await loadDemoData(database);
      const pmlp = await createCatalog(database.db).getInstitution('pmlp');
      // Ilze answers for PMLP (the demo institution's system is PMLP's too).
      const { access } = createAccess(database.db, { knownServices: async (ids) => ids });
      const admin: Principal = { subject: `person:${ROBERTS}`, kind: 'person', via: 'session', personalCode: ROBERTS, roles: await access.rolesOf(ROBERTS), scopes: [] };
      await access.grantRole(admin, { personalCode: ILZE, role: 'support_agent', institutionId: pmlp.id });
      generated = await generateTickets(database.db, options.tickets, pmlp.id);
      const counted = await sql<{ n: string }>`select count(*) as n from support.tickets where queue_institution_id = ${pmlp.id} and state in ('open', 'awaiting_person')`.execute(database.db);
      open = Number(counted.rows[0]?.n ?? 0);
    } finally {
      await database.close();
    }
    // Watched as the reads bench watches it: CPU time and round trips per request, figures a loaded machine changes little.
    const { platform, watched } = await startWatchedPlatform(scratch.url);
    try {
      const at = { url: platform.url };
      const ilze = await signedIn(at, 'Ilze Kļaviņa', '/console/support');
      const session = { cookie: ilze.cookieHeader('/console/support'), accept: 'text/html' };
      const pages = ['/console/support', '/console/support?queue=overdue', '/console/support?queue=unassigned&page=2', '/console/support?subject=status', '/console/support?queue=mine'].map((path) => ({
        path,
        headers: session,
      }));
      const system = { authorization: `Bearer ${await institutionToken(at, 'support.read')}` };
      const api = [
        '/api/v1/support/queue?limit=50',
        '/api/v1/support/queue?filter=overdue&limit=50',
        '/api/v1/support/queue?filter=unassigned&limit=50&offset=50',
        '/api/v1/support/queue?filter=all&limit=20&offset=100',
      ].map((path) => ({ path, headers: system }));
      for (const request of [...pages, ...api]) {
        const response = await fetch(`${platform.url}${request.path}`, { headers: request.headers });
        if (response.status !== 200) throw new Error(`${request.path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
        await response.arrayBuffer();
      }
      const watcher = new pg.Client({ connectionString: scratch.url });
      await watcher.connect();
      const databaseIdle = await backendsCpuMs(watcher);
      const idleFrom = Date.now();
      watched.idle = await idleCost(watched, Math.min(5, options.seconds));
      const databaseIdleMsPerS = ((await backendsCpuMs(watcher)) - databaseIdle) / ((Date.now() - idleFrom) / 1000);
      const lines: Record<string, unknown>[] = [];
      for (const [read, requests] of [['agent-queue-page', pages], ['queue-api', api]] as const) {
        await warmUp(platform.url, CONNECTIONS, requests);
        lines.push({
          bench: `support-${read}`,
          database: 'postgres',
          tickets: options.tickets,
          open_in_pmlp_queue: open,
          entries: generated.entries,
          generated_in_s: generated.seconds,
          seconds: options.seconds,
          warm_up_s: WARM_UP_SECONDS,
          connections: CONNECTIONS,
          ...(await loadWithDatabase(watcher, databaseIdleMsPerS, options.seconds, () => load(platform.url, CONNECTIONS, options.seconds, requests, watched))),
          goal: 'p99 < 25 ms at 10 connections',
        });
      }
      await watcher.end();
      return lines;
    } finally {
      platform.process.kill('SIGTERM');
      await platform.exited;
    }
  } finally {
    await scratch.drop();
  }
}
