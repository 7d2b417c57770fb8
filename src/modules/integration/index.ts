/**
 * Integration: how institutions' and third parties' systems plug in (P5, P17).
 * So far: webhooks — a client subscribes its endpoint to the platform's events
 * and receives them signed per Standard Webhooks, at least once, with a
 * delivery log and replay (webhooks.service.ts). Exposes the service, its bus
 * subscriber, routes and migrations.
 */
import { fileURLToPath } from 'node:url';
import { narrow, type RootDb } from '../../platform/db/database.js';
import type { MigrationSource } from '../../platform/db/migrate.js';
import type { EventEnvelope } from '../../platform/jobs/outbox.js';
import type { IntegrationTables } from './integration.repo.js';
import { SUBSCRIBABLE_EVENTS } from './integration.schemas.js';
import { createWebhooksService, DEFAULT_RETRY_SCHEDULE, type WebhookSettings, type WebhooksLog, type WebhooksService } from './webhooks.service.js';

export type { Delivery, Webhook, WebhookInput, WebhookSecret } from './integration.schemas.js';
export type { WebhookHealth, WebhookSettings, WebhooksService } from './webhooks.service.js';
export { DEFAULT_RETRY_SCHEDULE, mayRead } from './webhooks.service.js';
export { registerIntegrationRoutes, MANAGE as INTEGRATION_MANAGE } from './integration.routes.js';
// The developer portal (/developers): getting started, reference, events, webhooks, SDK, limits, versioning, changelog.
export { registerDevelopersPages } from './pages/portal/developers.pages.js';
// The console's webhooks: what fails, and restarting it.
export { registerIntegrationConsolePages } from './pages/console/webhooks.pages.js';

export const integrationMigrations: MigrationSource = { module: 'integration', dir: fileURLToPath(new URL('./migrations', import.meta.url)) };

/** The event types webhooks may subscribe to (integration's subscription on the platform's event bus). */
export const WEBHOOK_EVENTS = SUBSCRIBABLE_EVENTS;

export function createWebhooks(db: RootDb, settings: Partial<WebhookSettings> = {}, log?: WebhooksLog): WebhooksService {
  return createWebhooksService({
    db: narrow<IntegrationTables>(db),
    root: db,
    settings: { retrySchedule: DEFAULT_RETRY_SCHEDULE, rotationOverlapSeconds: 86_400, allowHttp: false, timeoutMs: 15_000, batchSize: 20, ...settings },
    ...(log ? { log } : {}),
  });
}

/** The bus subscriber: queues each event for the webhooks that want it (idempotent by event id). */
export function webhooksSubscriber(webhooks: Pick<WebhooksService, 'handleEvent'>): (event: EventEnvelope) => Promise<void> {
  return (event) => webhooks.handleEvent(event);
}
