/**
 * The reconciliation job: a callback may be lost (the platform was down, the
 * network dropped it), so every few minutes the job queue asks the provider
 * about payments left open longer than a while. pg-boss's scheduler fires it
 * once per slot across all instances; a run cut short is simply run again
 * (asking twice changes nothing: the state machine only moves forward).
 */
import { ensureQueue, type JobQueue } from '../../platform/jobs/queue.js';
import type { PaymentsService } from './payments.service.js';

export const RECONCILE_QUEUE = 'payments-reconcile';

export interface ReconcileSettings {
  /** a cron expression (UTC) */
  cron: string;
  /** payments open longer than this are asked about */
  afterMinutes: number;
}

export function reconciliationJob(queue: JobQueue, payments: PaymentsService, settings: ReconcileSettings, log?: { info(object: object, message: string): void }): { start(): Promise<void>; stop(): Promise<void> } {
  let worker: string | undefined;
  return {
    async start() {
      const { boss } = queue;
      await ensureQueue(boss, RECONCILE_QUEUE, { name: RECONCILE_QUEUE, expireInSeconds: 600, retryLimit: 1 });
      await boss.schedule(RECONCILE_QUEUE, settings.cron);
      worker = await boss.work(RECONCILE_QUEUE, async () => {
        const outcome = await payments.reconcile(settings.afterMinutes);
        if (outcome.asked > 0) log?.info(outcome, 'payments reconciled with the provider');
      });
    },
    async stop() {
      if (worker) await queue.boss.offWork(RECONCILE_QUEUE, { id: worker });
      worker = undefined;
    },
  };
}
