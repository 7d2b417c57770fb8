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

export function createJobQueue(pool: pg.Pool, options: QueueOptions = {}): JobQueue {
  const boss = new PgBoss({
    db: poolAdapter(pool),
    schema: 'pgboss',
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
  });
  boss.on('error', (error: Error) => options.onError?.(error));
  let started = false;
  return {
    boss,
    async start() {
      if (started) return;
      await boss.start();
      started = true;
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
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name, policy);
  } catch (error) {
    if (!(await boss.getQueue(name))) throw error;
  }
}
