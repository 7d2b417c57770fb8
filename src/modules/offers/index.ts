/**
 * Offers: the platform offers services before people ask (P10). People
 * subscribe to life events, business events and services; offer rules —
 * "a birth registered → offer the child-birth benefit", "a service published
 * in a life event → offer it to that event's subscribers" — notify the people
 * they concern, once.
 *
 * Exposes the OffersService: `handleEvent(type, data)` for the platform's
 * event bus (`offersSubscriber`, of OFFERED_EVENTS; idempotent), `scanPublished`
 * for a periodic job, subscriptions, received offers and rules. Notifications
 * leave through the `notify` given (default: a development sink, table
 * offers.dev_notifications). Also its migrations and demo rules.
 */
import { fileURLToPath } from 'node:url';
import { narrow, type RootDb } from '../../platform/db/database.js';
import type { MigrationSource } from '../../platform/db/migrate.js';
import type { EventEnvelope } from '../../platform/jobs/outbox.js';
import { STATUS_CHANGED } from '../applications/index.js';
import { createCatalog, SERVICE_PUBLISHED, type CatalogService } from '../catalog/index.js';
import { loadOffersDemo } from './offers.demo.js';
import type { OffersTables } from './offers.repo.js';
import { createOffersService, databaseNotifySink, type Notify, type OffersService } from './offers.service.js';

export type { Notify, OfferNotification, OffersService, ReceivedOffer, Rule, RuleInput, Subscription } from './offers.service.js';
export type { TopicKind, Trigger } from './offers.repo.js';
export { OFFER_TEMPLATE } from './offers.service.js';

export const offersMigrations: MigrationSource = { module: 'offers', dir: fileURLToPath(new URL('./migrations', import.meta.url)) };

export interface OffersOptions {
  /** the notifications core's; default: the development sink in offers.dev_notifications */
  notify?: Notify;
  /** PUBLIC_URL, for the service links in offers */
  publicUrl?: string;
  catalog?: Pick<CatalogService, 'get' | 'getEvent' | 'listAllPublished'>;
  now?: () => Date;
}

export function createOffers(db: RootDb, options: OffersOptions = {}): OffersService {
  const root = narrow<OffersTables>(db);
  return createOffersService(root, {
    catalog: options.catalog ?? createCatalog(db),
    notify: options.notify ?? databaseNotifySink(root),
    publicUrl: (options.publicUrl ?? 'http://localhost:3000').replace(/\/$/, ''),
    now: options.now ?? (() => new Date()),
  });
}

/** DEMO mode: the demo offer rules. Run inside runOnce (`trx` is its transaction). */
export async function loadOffersDemoData(trx: RootDb): Promise<{ rules: number }> {
  return loadOffersDemo(createOffers(trx), createCatalog(trx));
}

/** The event types offers react to (its subscription on the platform's event bus). */
export const OFFERED_EVENTS = [STATUS_CHANGED, SERVICE_PUBLISHED] as const;

/** The bus subscriber: hands each event's payload to `handleEvent` (idempotent: a rule fires once per person and service). */
export function offersSubscriber(offers: Pick<OffersService, 'handleEvent'>): (event: EventEnvelope) => Promise<void> {
  return async (event) => {
    if (event.data && typeof event.data === 'object') await offers.handleEvent(event.type, event.data as Record<string, unknown>);
  };
}
// The workspace's pages of this module: offers received and what the person follows.
export { registerOffersWorkspacePages, type OffersPagesDeps } from './pages/workspace/offers.pages.js';
