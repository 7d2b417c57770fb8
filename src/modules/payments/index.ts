/**
 * Payments: the fees of a service paid in its e-application (P2), through a
 * payment provider behind one adapter interface (payments.provider.ts). A
 * payment is an explicit state machine (payments.states.ts) fed by signed
 * callbacks, status queries and a reconciliation job; repeated or reordered
 * callbacks change nothing. A successful payment is announced as
 * `payments.captured` on the platform's outbox — the applications module
 * submits the application that waited for it — and refunds as
 * `payments.refunded`.
 *
 * Exposes the PaymentsService, the development provider (DEMO) and its hosted
 * page, the callback and accounting API, receipts in the workspace, the
 * payments panel and refunds in the console, the reconciliation job, its
 * migrations and events.
 */
import { fileURLToPath } from 'node:url';
import type { RootDb } from '../../platform/db/database.js';
import type { MigrationSource } from '../../platform/db/migrate.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import type { PaymentSettings } from '../../config.js';
import { createDevProvider, DEV_PROVIDER, type DevProvider } from './dev-provider.js';
import { reconciliationJob } from './payments.jobs.js';
import type { PaymentProvider } from './payments.provider.js';
import { createPayments, type PaymentsService } from './payments.service.js';

export type { Payment, PaymentsService, Refund, StartPayment, FeeLine, DayRows } from './payments.service.js';
export type { PaymentProvider, CreateInput, Created, NextStep, ProviderUpdate, RefundResult, CallbackRequest } from './payments.provider.js';
export { CallbackRejected } from './payments.provider.js';
export { PAYMENT_STATES, FINAL_STATES, isFinal as isFinalPayment, retryable, type PaymentState } from './payments.states.js';
export { PAYMENTS_SOURCE, PAYMENT_CAPTURED, PAYMENT_REFUNDED, CapturedData, RefundedData, paymentsEvents, type CapturedEvent } from './payments.events.js';
export { createPayments } from './payments.service.js';
export { createDevProvider, DEV_PROVIDER, type DevProvider } from './dev-provider.js';
export { registerPaymentsRoutes, type PaymentsRouteDeps } from './payments.routes.js';
export { registerDevProviderPages } from './pages/provider/dev-provider.pages.js';
export { registerPaymentsWorkspacePages, paymentPanel, type PaymentsPagesDeps } from './pages/workspace/payments.pages.js';
export { registerPaymentsConsolePages, paymentsCasePanel, type PaymentsConsoleDeps } from './pages/console/payments.pages.js';

export const paymentsMigrations: MigrationSource = { module: 'payments', dir: fileURLToPath(new URL('./migrations', import.meta.url)) };

export interface PaymentsModule {
  service: PaymentsService;
  /** whether fees are taken online (a provider is configured) */
  enabled: boolean;
  /** the development provider, when it is the one configured */
  dev: DevProvider | undefined;
  /** the reconciliation job on the platform's queue */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface PaymentsModuleOptions {
  db: RootDb;
  publicUrl: string;
  settings: PaymentSettings;
  queue: JobQueue;
  /** adapters of real providers by name (PAYMENTS_PROVIDER picks one); the development one is built in */
  adapters?: Record<string, (settings: PaymentSettings) => PaymentProvider>;
  log?: { warn(object: object, message: string): void; info(object: object, message: string): void } | undefined;
}

/** The module as configured: its provider (dev, none, or a real adapter by name), its service and its job. */
export function createPaymentsModule(options: PaymentsModuleOptions): PaymentsModule {
  const { settings } = options;
  const dev = settings.provider === DEV_PROVIDER ? createDevProvider({ db: options.db, publicUrl: options.publicUrl, secret: settings.devSecret, log: options.log }) : undefined;
  let provider: PaymentProvider | undefined = dev;
  if (!dev && settings.provider !== 'none') {
    const adapter = options.adapters?.[settings.provider];
    if (!adapter) throw new Error(`PAYMENTS_PROVIDER names "${settings.provider}", but no adapter of that name is installed (see payments.provider.ts)`);
    provider = adapter(settings);
  }
  const service = createPayments(options.db, { providers: provider ? [provider] : [], publicUrl: options.publicUrl, log: options.log });
  const job = reconciliationJob(options.queue, service, { cron: settings.reconcileCron, afterMinutes: settings.reconcileAfterMinutes }, options.log);
  return {
    service,
    enabled: provider !== undefined,
    dev,
    start: () => (provider ? job.start() : Promise.resolve()),
    stop: () => job.stop(),
  };
}
