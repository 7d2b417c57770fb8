/**
 * Integration: how institutions' and third parties' systems plug in (P5, P17).
 * So far: webhooks — a client subscribes its endpoint to the platform's events
 * and receives them signed per Standard Webhooks, at least once, with a
 * delivery log and replay (webhooks.service.ts); API clients, self-service —
 * requested by institution staff or third parties, approved by a platform
 * administrator, secrets rotated with an overlap, per-client rate limits
 * (clients.service.ts, the console's /console/api-clients). Exposes the
 * services, the bus subscriber, routes, pages and migrations.
 */
import { fileURLToPath } from 'node:url';
import { narrow, type RootDb } from '../../platform/db/database.js';
import type { MigrationSource } from '../../platform/db/migrate.js';
import type { EventEnvelope } from '../../platform/jobs/outbox.js';
import type { IntegrationTables } from './integration.repo.js';
import { SUBSCRIBABLE_EVENTS } from './integration.schemas.js';
import type { RateLimiter, RatePolicy } from '../../platform/http/rate-limit.js';
import { createClientsService, type ClientsService } from './clients.service.js';
import { createWebhooksService, DEFAULT_RETRY_SCHEDULE, type WebhookSettings, type WebhooksLog, type WebhooksService } from './webhooks.service.js';

export type { Delivery, Webhook, WebhookInput, WebhookSecret } from './integration.schemas.js';
export type { WebhookHealth, WebhookSettings, WebhooksService } from './webhooks.service.js';
export { DEFAULT_RETRY_SCHEDULE, mayRead } from './webhooks.service.js';
export { registerIntegrationRoutes, MANAGE as INTEGRATION_MANAGE } from './integration.routes.js';
// The developer portal (/developers): getting started, reference, events, webhooks, SDK, limits, versioning, changelog.
export { registerDevelopersPages } from './pages/portal/developers.pages.js';
// The console's webhooks: what fails, and restarting it.
export { registerIntegrationConsolePages } from './pages/console/webhooks.pages.js';

export { WEBHOOK_DISABLED, WebhookDisabledData, INTEGRATION_SOURCE, type WebhookDisabledEvent } from './integration.events.js';
export type { ClientActor, ClientBudget, ClientRequest, ClientsService } from './clients.service.js';
export type { ClientRequestInput } from './clients.rules.js';
export { PUBLIC_SCOPES, INSTITUTION_SCOPES } from './clients.rules.js';
// The console's API clients: requests, approval, secrets, limits.
export { registerClientsConsolePages, type ClientsConsoleDeps } from './pages/console/clients.pages.js';

/** How long a client's old secret stays valid after a rotation. */
export const CLIENT_SECRET_OVERLAP_SECONDS = 86_400;

/** Self-service API clients; `defaultPolicy` is the API's rate limit for clients without their own. */
export function createClients(db: RootDb, options: { limiter: RateLimiter; defaultPolicy: RatePolicy; overlapSeconds?: number }): ClientsService {
  return createClientsService({
    db,
    limiter: options.limiter,
    settings: { rotationOverlapSeconds: options.overlapSeconds ?? CLIENT_SECRET_OVERLAP_SECONDS, defaultPolicy: options.defaultPolicy, limitCacheSeconds: 5 },
  });
}

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
