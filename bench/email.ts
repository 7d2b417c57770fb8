/**
 * Bench: e-mails per second that the notifications pipeline delivers to a
 * local SMTP server (smtp-server) — notification, inbox item and delivery
 * rows, the job queue, a worker's claim, nodemailer, marking sent — beside a
 * bare nodemailer → smtp-server loop with the same pooled transport, measured
 * in the same run. The database is embedded, or a scratch database on
 * BENCH_DATABASE_URL's server.
 */
import { createTransport } from 'nodemailer';
// The database is made as the tests make theirs: fresh, migrated, dropped afterwards.
import { openScratchDatabase } from '../test/support/database.js';
import { createJobQueue } from '../src/platform/jobs/queue.js';
import { createNotifications } from '../src/modules/notifications/index.js';
import { startTestSmtp, type TestSmtp } from '../src/modules/notifications/notifications.fixtures.js';

const ADDRESS = 'bench@example.com';

async function until(smtp: TestSmtp, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (smtp.count() < count) {
    if (Date.now() > deadline) throw new Error(`only ${smtp.count()} of ${count} e-mails arrived`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The anchor: nodemailer's pooled SMTP transport (as the platform configures it) straight to the server. */
async function bareLoop(smtp: TestSmtp, emails: number): Promise<number> {
  const transport = createTransport({ url: smtp.url, pool: true, maxConnections: 5, maxMessages: 1000 });
  const start = smtp.count();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: emails }, (_, i) =>
      transport.sendMail({ from: 'bench@localhost', to: ADDRESS, subject: `Bench ${i}`, text: `Labdien!\n\nZiņa ${i}.`, html: `<p>Labdien!</p><p>Ziņa ${i}.</p>` }),
    ),
  );
  await until(smtp, start + emails, 60_000);
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return emails / seconds;
}

export async function benchEmail(options: { quick: boolean; databaseUrl?: string | undefined }): Promise<Record<string, unknown>> {
  const emails = options.quick ? 300 : 2_000;
  const smtp = await startTestSmtp({ parse: false });
  const database = await openScratchDatabase(options.databaseUrl, 'pk_bench');
  try {
    const anchor = await bareLoop(smtp, emails);

    const queue = createJobQueue(database.pool);
    const notifications = createNotifications({
      db: database.db,
      embedded: database.kind === 'embedded',
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
    const run = Date.now().toString(36);
    // Made one after another as events arrive from the event bus; sending overlaps with making.
    for (let i = 0; i < emails; i++) {
      await notifications.service.notify({
        dedupKey: `bench:${run}:${i}`,
        recipient: '150685-12347',
        kind: 'message',
        template: 'message',
        personalisation: { subject: `Bench ${i}`, body: `Ziņa ${i}.` },
      });
    }
    await until(smtp, start + emails, 300_000);
    const pipeline = emails / ((performance.now() - started) / 1000);
    await notifications.stop();
    await queue.stop();
    await notifications.close();
    return {
      bench: 'notifications-email',
      emailsPerSecond: Math.round(pipeline),
      anchorEmailsPerSecond: Math.round(anchor),
      emails,
      database: database.kind,
      ratio: Math.round((pipeline / anchor) * 1000) / 1000,
      anchor: 'nodemailer-smtp-server',
    };
  } finally {
    await database.dispose();
    await smtp.close();
  }
}
