/**
 * Bench: e-mails per second that the notifications pipeline delivers to a
 * local SMTP server (smtp-server) — notification, inbox item and delivery
 * rows, the job queue, a worker's claim, nodemailer, marking sent — beside a
 * bare nodemailer → smtp-server loop with the same pooled transport, measured
 * in the same run. The database is embedded, or a scratch database on
 * BENCH_DATABASE_URL's server. Beside the rates (which other work on the
 * machine moves), the CPU time per e-mail of this process (the database too,
 * when embedded) and of the server's backends, and the statements sent per
 * e-mail on the server.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import type pg from 'pg';
import { cpuMsOf } from './proc.js';
// The database is made as the tests make theirs: fresh, migrated, dropped afterwards.
import { openScratchDatabase } from '../test/support/database.js';
import { createJobQueue } from '../src/platform/jobs/queue.js';
import { createNotifications } from '../src/modules/notifications/index.js';
import { startTestSmtp, type TestSmtp } from '../src/modules/notifications/notifications.fixtures.js';

const ADDRESS = 'bench@example.com';
/** Events a subscriber of the event bus is handed at once at most (one fetch: the bus's batch size). */
const BUS_BATCH = 200;

/** This process's CPU time so far, in ms. */
const processCpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Statements sent to the server by this process so far (pg sends one round trip each). */
let statements = 0;
function countStatements(): void {
  const client = (createRequire(path.join(process.cwd(), 'package.json'))('pg') as typeof pg).Client.prototype;
  const query = client.query;
  client.query = function counted(this: pg.Client, ...args: unknown[]) {
    statements += 1;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
}

/** CPU time so far of the server's backends serving the database (undefined when embedded). */
async function serverCpuMs(pool: pg.Pool, embedded: boolean): Promise<number | undefined> {
  if (embedded) return undefined;
  const backends = await pool.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()');
  return backends.rows.reduce((sum, row) => sum + (cpuMsOf(row.pid) ?? 0), 0);
}

async function until(smtp: TestSmtp, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (smtp.count() < count) {
    if (Date.now() > deadline) throw new Error(`only ${smtp.count()} of ${count} e-mails arrived`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The anchor: nodemailer's pooled SMTP transport (as the platform configures it) straight to the server. */
async function bareLoop(smtp: TestSmtp, emails: number): Promise<{ rate: number; cpuMs: number }> {
  const transport = createTransport({ url: smtp.url, pool: true, maxConnections: 5, maxMessages: 1000 });
  const start = smtp.count();
  const started = performance.now();
  const cpu = processCpuMs();
  await Promise.all(
    Array.from({ length: emails }, (_, i) =>
      transport.sendMail({ from: 'bench@localhost', to: ADDRESS, subject: `Bench ${i}`, text: `Labdien!\n\nZiņa ${i}.`, html: `<p>Labdien!</p><p>Ziņa ${i}.</p>` }),
    ),
  );
  await until(smtp, start + emails, 60_000);
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = processCpuMs() - cpu;
  transport.close();
  return { rate: emails / seconds, cpuMs };
}

export async function benchEmail(options: { quick: boolean; databaseUrl?: string | undefined }): Promise<Record<string, unknown>> {
  const emails = options.quick ? 300 : 2_000;
  const smtp = await startTestSmtp({ parse: false });
  const database = await openScratchDatabase(options.databaseUrl, 'pk_bench');
  const embedded = database.kind === 'embedded';
  if (!embedded) countStatements();
  try {
    const anchor = await bareLoop(smtp, emails);

    const queue = createJobQueue(database.pool);
    const notifications = createNotifications({
      db: database.db,
      embedded,
      queue,
      settings: {
        publicUrl: 'http://localhost:3000',
        smtpUrl: smtp.url,
        smsUrl: undefined,
        from: 'Pakalpojumi <noreply@localhost>',
        rateLimitPerMinute: 1_000_000,
        retryDelaySeconds: 30,
        retryMaxDelaySeconds: 600,
        retryWindowSeconds: 24 * 3600,
        leaseSeconds: 120,
      },
      persons: { findPersonByCode: async () => undefined },
      catalog: { get: () => Promise.reject(new Error('none')), getInstitution: () => Promise.reject(new Error('none')) },
      preferences: { deliveryPlan: async () => ({ language: 'lv', name: 'Jānis Bērziņš', targets: [{ channel: 'email', address: ADDRESS }] }) },
    });
    await queue.start();
    await notifications.start();
    const start = smtp.count();
    const started = performance.now();
    const cpu = { process: processCpuMs(), server: await serverCpuMs(database.pool, embedded), statements };
    const run = Date.now().toString(36);
    // Made a batch after another, as the event bus hands its subscriber the events of one fetch
    // (a backlog: each batch is made in one transaction); sending overlaps with making.
    for (let from = 0; from < emails; from += BUS_BATCH) {
      await notifications.service.notifyAll(
        Array.from({ length: Math.min(BUS_BATCH, emails - from) }, (_, k) => from + k).map((i) => ({
          dedupKey: `bench:${run}:${i}`,
          recipient: '150685-12347',
          kind: 'message' as const,
          template: 'message' as const,
          personalisation: { subject: `Bench ${i}`, body: `Ziņa ${i}.` },
        })),
      );
    }
    await until(smtp, start + emails, 300_000);
    const pipeline = emails / ((performance.now() - started) / 1000);
    const processCpu = processCpuMs() - cpu.process;
    const serverCpu = await serverCpuMs(database.pool, embedded);
    const pipelineStatements = statements - cpu.statements;
    await notifications.stop();
    await queue.stop();
    await notifications.close();
    return {
      bench: 'notifications-email',
      emailsPerSecond: Math.round(pipeline),
      anchorEmailsPerSecond: Math.round(anchor.rate),
      processCpuUsPerEmail: Math.round((processCpu * 1000) / emails),
      anchorProcessCpuUsPerEmail: Math.round((anchor.cpuMs * 1000) / emails),
      ...(serverCpu !== undefined && cpu.server !== undefined ? { serverCpuUsPerEmail: Math.round(((serverCpu - cpu.server) * 1000) / emails) } : {}),
      ...(embedded ? {} : { statementsPerEmail: Math.round((pipelineStatements / emails) * 100) / 100 }),
      emails,
      database: database.kind,
      ratio: Math.round((pipeline / anchor.rate) * 1000) / 1000,
      anchor: 'nodemailer-smtp-server',
    };
  } finally {
    await database.dispose();
    await smtp.close();
  }
}
