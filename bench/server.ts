/**
 * A benchmark target in its own process (so the load generator does not share
 * its CPU time): `catalog` serves the platform over a register of N generated
 * services; `hello` is a bare Fastify hello-world, the anchor.
 * Prints "READY <port>" when listening.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { migrationSources } from '../src/app.js';
import { createCatalog } from '../src/modules/catalog/index.js';
import { inTransaction } from '../src/platform/db/database.js';
import { generateService, random } from './generate.js';
import { createScratchDatabase } from '../test/support/database.js';

// The catalog's number of services, or the database of a floor or ceiling (and the ingest ceiling's institution).
const [mode = 'hello', argument = '10000', institutionId = ''] = process.argv.slice(2);

/** Listens on a free port of loopback and tells the bench which (startTarget in proc.ts reads the line). */
async function listenAndSayReady(app: Pick<FastifyInstance, 'listen' | 'server'>): Promise<void> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  console.log(`READY ${typeof address === 'object' && address ? address.port : 0}`);
}

async function serveHello(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  await listenAndSayReady(app);
}

/**
 * The least a read of one application through the API must do, with nothing of the platform around it: a bare
 * Fastify route on a pool of the same driver and size (10) making the read's four statements, each a round trip
 * as the platform makes it. The bearer token's row by its key (shared by every instance), a rate-limit bucket
 * moved on (the platform's unlogged table), the application by its key, and one row of a log inserted and
 * committed before the answer (every read of personal data is logged). No rights, no timeline, no hash chain, no
 * grouping: each of those costs the platform more, so this route's figures are a floor under the reads'.
 */
async function serveReadFloor(databaseUrl: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query('create table if not exists bench_floor_log (id bigint generated always as identity primary key, at timestamptz not null default now(), target text not null)');
  process.once('SIGTERM', () => {
    void pool
      .query('drop table if exists bench_floor_log')
      .then(() => pool.end())
      .finally(() => process.exit(0));
  });
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/api/v1/applications/:id', async (request, reply) => {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const bearer = await pool.query({
      name: 'floor-token',
      text: "select payload from identity.oidc_store where model in ('AccessToken', 'ClientCredentials') and id = $1 and (expires_at is null or expires_at > now())",
      values: [token],
    });
    if (bearer.rowCount === 0) return reply.code(401).send();
    const { id } = request.params;
    // A bucket per application, so the floor's requests never queue on one row (the platform groups a client's).
    await pool.query({
      name: 'floor-rate',
      text: "insert into platform.rate_limits as r (key, tat) values ($1, now()) on conflict (key) do update set tat = greatest(r.tat, now()) + interval '1 ms' returning tat",
      values: [`bench-floor:${id}`],
    });
    const application = await pool.query({ name: 'floor-read', text: 'select * from applications.applications where id = $1', values: [id] });
    if (application.rowCount === 0) return reply.code(404).send();
    await pool.query({ name: 'floor-log', text: 'insert into bench_floor_log (target) values ($1)', values: [`application:${id}`] });
    return application.rows[0];
  });
  await listenAndSayReady(app);
}

interface CeilingEvent {
  eventId: string;
  externalId: string;
  code: string;
  occurredAt: string;
  noteForApplicant?: string;
}

/**
 * The least a batch of status changes to known applications must write, with nothing of the platform around it:
 * a bare Fastify route taking the same request as `POST /api/v1/status-events` and, in one transaction on a
 * connection of the same driver, locking the named applications (one statement), storing the events, moving the
 * applications to their new status and putting one `applications.status_changed` on the outbox per event, as
 * full as the platform's (its subscribers need it). No checks of the token, the events or the transitions, no
 * idempotency, no clock, no audit entry: each costs the platform more, so the route's rate is a ceiling over
 * the ingest's on the same database and indexes.
 */
async function serveIngestCeiling(databaseUrl: string, institution: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  process.once('SIGTERM', () => void pool.end().finally(() => process.exit(0)));
  const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
  app.post<{ Body: { events: CeilingEvent[] } }>('/api/v1/status-events', async (request) => {
    const { events } = request.body;
    const client = await pool.connect();
    try {
      await client.query('begin');
      const locked = await client.query<{ id: string; external_id: string; number: string; service_id: string; service_title: unknown; applicant: string; applicant_kind: string; status: string }>({
        name: 'ceiling-lock',
        text: `select id, external_id, number, service_id, service_title, applicant, applicant_kind, status from applications.applications
               where institution_id = $1 and external_id = any($2::text[]) order by id for update`,
        values: [institution, events.map((event) => event.externalId)],
      });
      const byExternal = new Map(locked.rows.map((row) => [row.external_id, row]));
      const rows = events.map((event) => ({ event, application: byExternal.get(event.externalId) }));
      const known = rows.filter((row): row is { event: CeilingEvent; application: NonNullable<typeof row.application> } => row.application !== undefined);
      const changes = known.map(({ event, application }) => ({
        application_id: application.id,
        event_id: event.eventId,
        code: event.code,
        from_code: application.status,
        occurred_at: event.occurredAt,
        note_for_applicant: event.noteForApplicant,
      }));
      await client.query({
        name: 'ceiling-events',
        text: `insert into applications.status_events (application_id, institution_id, event_id, code, from_code, occurred_at, actor, actor_role, note_for_applicant)
               select application_id, $2, event_id, code, from_code, occurred_at, 'client:ceiling', 'system', note_for_applicant
               from jsonb_to_recordset($1::jsonb) as t(application_id uuid, event_id text, code text, from_code text, occurred_at timestamptz, note_for_applicant text)`,
        values: [JSON.stringify(changes), institution],
      });
      await client.query({
        name: 'ceiling-move',
        text: `update applications.applications a set status = n.code, status_at = n.occurred_at, last_event_at = n.occurred_at, updated_at = now()
               from jsonb_to_recordset($1::jsonb) as n(application_id uuid, code text, occurred_at timestamptz) where a.id = n.application_id`,
        values: [JSON.stringify(changes)],
      });
      const announced = known.map(({ event, application }) => ({
        subject: application.id,
        occurred_at: event.occurredAt,
        data: {
          applicationId: application.id,
          number: application.number,
          serviceId: application.service_id,
          serviceTitle: application.service_title,
          institutionId: institution,
          applicant: application.applicant,
          applicantKind: application.applicant_kind,
          submittedBy: null,
          code: event.code,
          previousCode: application.status,
          statusLabel: { lv: event.code, en: event.code },
          final: false,
          occurredAt: event.occurredAt,
          eventId: event.eventId,
          noteForApplicant: event.noteForApplicant ?? null,
          awaiting: null,
          expectedCompletionAt: null,
          link: `/workspace/applications/${application.number}`,
        },
      }));
      await client.query({
        name: 'ceiling-outbox',
        text: `insert into platform.outbox (id, type, source, subject, occurred_at, actor, data)
               select gen_random_uuid(), 'applications.status_changed', 'applications', subject, occurred_at, '{"kind":"system","id":"client:ceiling"}'::jsonb, data
               from jsonb_to_recordset($1::jsonb) as t(subject text, occurred_at timestamptz, data jsonb)`,
        values: [JSON.stringify(announced)],
      });
      await client.query('commit');
      return { results: rows.map(({ event, application }, index) => ({ index, eventId: event.eventId, status: application ? 'applied' : 'refused' })) };
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  });
  await listenAndSayReady(app);
}

async function serveCatalog(count: number): Promise<void> {
  const config = loadConfig({ ...process.env, DEMO: 'false', LOG_LEVEL: 'silent' });
  // On a PostgreSQL server the register goes into a scratch database, dropped when the bench stops this process (SIGTERM):
  // loading it into the server's own database left it there, and the next run failed on duplicate institutions.
  const scratch = process.env.BENCH_DATABASE_URL ? await createScratchDatabase(process.env.BENCH_DATABASE_URL, 'pk_bench_catalog') : undefined;
  const database = await openDatabase({ databaseUrl: scratch?.url, dataDir: 'memory://' });
  process.once('SIGTERM', () => {
    void database
      .close()
      .then(() => scratch?.drop())
      .finally(() => process.exit(0));
  });
  await migrate(database.db, migrationSources);
  const started = Date.now();
  const events = ['birth', 'moving', 'taxes', 'construction', 'start-business'];
  await inTransaction(database.db, async (trx) => {
    const catalog = createCatalog(trx);
    for (const [index, code] of events.entries()) {
      await catalog.importEvent({ code, kind: index < 2 ? 'life' : 'business', label: { lv: code, en: code }, description: { lv: code, en: code }, position: index });
    }
    const institutions = [];
    for (let i = 0; i < 20; i++) {
      institutions.push(await catalog.importInstitution({ code: `iestade-${i}`, name: { lv: `Iestāde ${i}`, en: `Institution ${i}` }, shortName: { lv: `I${i}`, en: `I${i}` }, contactPoint: {} }));
    }
    const rnd = random(20261125);
    for (let n = 0; n < count; n++) {
      await catalog.importService(institutions[n % institutions.length]!.id, generateService(n, rnd, events), 'published');
    }
  });
  await sql`analyze`.execute(database.db);
  console.error(`loaded ${count} services in ${Date.now() - started} ms`);
  const app = await buildApp(config, database, false);
  await listenAndSayReady(app);
}

if (mode === 'hello') await serveHello();
else if (mode === 'read-floor') await serveReadFloor(argument);
else if (mode === 'ingest-ceiling') await serveIngestCeiling(argument, institutionId);
else await serveCatalog(Number(argument));
