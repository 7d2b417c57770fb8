/**
 * The job queue: pg-boss over the platform's own database, embedded or server.
 * Every statement goes through the platform's pool (in embedded mode its one
 * in-process PGlite connection: ../shared/PITFALLS.md), and a job can be
 * enqueued inside an open transaction through `executorAdapter(trx)`, so a job
 * exists exactly when the change that asked for it was committed.
 */
import { CompiledQuery } from 'kysely';
import { PgBoss, type Db, type Queue } from 'pg-boss';
import type pg from 'pg';
import type { RootDb } from '../db/database.js';

/** pg-boss's database interface over any executor of ours (the pool's Kysely, or an open transaction). */
export function executorAdapter(executor: RootDb): Db {
  return {
    async executeSql(text, values) {
      const result = await executor.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: [...result.rows] };
    },
  };
}

/** pg-boss's database interface over the pool: multi-statement texts (its migrations, maintenance) pass as they are. */
function poolAdapter(pool: pg.Pool): Db {
  return { executeSql: (text, values) => pool.query(text, values) };
}

export interface QueueOptions {
  /** how often pg-boss's own upkeep (expiring, archiving) runs */
  maintenanceIntervalSeconds?: number;
  onError?: (error: Error) => void;
}

export interface JobQueue {
  boss: PgBoss;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A job waiting in the queue schema of pg-boss 10, carried over to the current one. */
interface CarriedJob {
  name: string;
  data: object | null;
  startAfter: Date;
}
/** what `start` carried over from a retired schema, sent again by `ensureQueue` once each queue exists */
const carried = new WeakMap<PgBoss, { jobs: CarriedJob[]; pool: pg.Pool }>();
const RETIRED_SCHEMA = 'pgboss_v10';

/**
 * pg-boss 12 cannot migrate the schema that pg-boss 10 made (version 24; it
 * starts from 25), so a database from before the upgrade keeps its old schema
 * aside under another name, the current one is made anew, and the jobs that
 * were still waiting are sent again. The old schema is dropped only after
 * they are, so a crash in between carries them over on the next start
 * (a job sent twice is harmless: workers claim their own records first).
 */
async function retireOldSchema(pool: pg.Pool): Promise<CarriedJob[]> {
  const version = await pool.query<{ version: number }>(
    `select version from pgboss.version where to_regclass('pgboss.version') is not null`,
  ).catch(() => ({ rows: [] as { version: number }[] }));
  if ((version.rows[0]?.version ?? 25) < 25) {
    await pool.query(`alter schema pgboss rename to ${RETIRED_SCHEMA}`);
  }
  const retired = await pool.query<{ exists: boolean }>(`select exists (select 1 from pg_namespace where nspname = $1) as exists`, [RETIRED_SCHEMA]);
  if (!retired.rows[0]?.exists) return [];
  const waiting = await pool.query<{ name: string; data: object | null; start_after: Date }>(
    `select name, data, start_after from ${RETIRED_SCHEMA}.job where state in ('created', 'retry') order by created_on`,
  );
  return waiting.rows.map((row) => ({ name: row.name, data: row.data, startAfter: row.start_after }));
}

export function createJobQueue(pool: pg.Pool, options: QueueOptions = {}): JobQueue {
  const boss = new PgBoss({
    db: poolAdapter(pool),
    schema: 'pgboss',
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    // The pass that fails and retries the jobs of a worker that died (their expireInSeconds ran out) runs
    // every 15 s instead of pg-boss's 60: a notification batch held by a killed instance is sent again
    // within its lease and 15 s, not up to a minute later. A few cheap statements more per instance.
    superviseIntervalSeconds: 15,
  });
  boss.on('error', (error: Error) => options.onError?.(error));
  let started = false;
  return {
    boss,
    async start() {
      if (started) return;
      const waiting = await retireOldSchema(pool);
      await boss.start();
      started = true;
      if (waiting.length > 0) carried.set(boss, { jobs: waiting, pool });
      else await dropRetiredSchema(pool);
    },
    async stop() {
      if (!started) return;
      started = false;
      // Jobs in hand get a moment to finish; whatever is cut short is claimed again after a restart.
      await boss.stop({ graceful: true, timeout: 5000, close: false });
    },
  };
}

/** Creates a queue with its retry policy once; instances starting together may race, and that is fine. */
export async function ensureQueue(boss: PgBoss, name: string, policy: Queue): Promise<void> {
  if (!(await boss.getQueue(name))) {
    try {
      await boss.createQueue(name, policy);
    } catch (error) {
      if (!(await boss.getQueue(name))) throw error;
    }
  }
  await sendCarried(boss, name);
}

async function sendCarried(boss: PgBoss, name: string): Promise<void> {
  const entry = carried.get(boss);
  if (!entry) return;
  for (const job of entry.jobs.filter((candidate) => candidate.name === name)) await boss.send(name, job.data, { startAfter: job.startAfter });
  entry.jobs = entry.jobs.filter((candidate) => candidate.name !== name);
  if (entry.jobs.length > 0) return;
  carried.delete(boss);
  await dropRetiredSchema(entry.pool);
}

async function dropRetiredSchema(pool: pg.Pool): Promise<void> {
  await pool.query(`drop schema if exists ${RETIRED_SCHEMA} cascade`);
}
