/**
 * Notifications (P10): people are told of every status of their applications,
 * of requests for information, of results, of mandates, support replies and
 * offers — in their workspace inbox always, and by e-mail, SMS, web push or
 * their official e-address as they chose (the preferences module's delivery
 * plan), in their language, exactly once. Institutions' own systems send
 * people messages by personal code alone through the same machinery (P17).
 *
 * Other modules' events reach it through the platform's event bus: app.ts
 * subscribes `handleEvent` (batches: `handleEvents`) to NOTIFIED_EVENTS; each (event, recipient) makes
 * one notification; each channel one delivery, queued on the job queue
 * (pg-boss) in the same transaction and sent by idempotent workers.
 *
 * Exposes `createNotifications` (the service, the bus subscriber
 * `handleEvent`, `notify` for offers, the ConfirmationSender for preferences,
 * start/stop of the workers), `registerNotificationsRoutes`, its migrations
 * and types.
 */
import { webhookDisabledNotice } from './contacts.js';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { narrow, type RootDb } from '../../platform/db/database.js';
import type { MigrationSource } from '../../platform/db/migrate.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import type { EventEnvelope } from '../../platform/jobs/outbox.js';
import type { OfferNotification } from '../offers/index.js';
import type { ConfirmationSender } from '../preferences/index.js';
import {
  createMailer,
  eAddressChannel,
  eAddressSink,
  emailChannel,
  httpSmsProvider,
  loadVapidKeys,
  pushChannel,
  smsChannel,
  smsSink,
  type Channel,
  type EAddressAdapter,
  type SmsProvider,
  type VapidKeys,
} from './channels.js';
import { createConfirmationSender } from './confirmations.js';
import { createDeliveryWorker } from './delivery.service.js';
import { createEventHandler } from './notifications.events.js';
import type { NotificationsTables } from './notifications.repo.js';
import { createNotificationsService, type NotificationsService } from './notifications.service.js';
import { KINDS, type DeliveryPlan, type DeliveryPlanner, type NotificationKind } from './notifications.schemas.js';

export type { NotificationsService } from './notifications.service.js';
export type { RetryPolicy } from './delivery.service.js';
export type { Channel, EAddressAdapter, SmsProvider, OutgoingMessage, SendOutcome } from './channels.js';
export { NOTIFIED_EVENTS, type ApplicationLookup } from './notifications.events.js';
export type * from './notifications.schemas.js';
export { KINDS, CHANNELS, DELIVERY_STATUSES } from './notifications.schemas.js';
export { PLACEHOLDERS, templateProblems, type TemplateProblem } from './templates.js';
export { registerNotificationsRoutes, type NotificationsRouteDeps } from './notifications.routes.js';

export const notificationsMigrations: MigrationSource = { module: 'notifications', dir: fileURLToPath(new URL('./migrations', import.meta.url)) };

export interface NotificationSettings {
  publicUrl: string;
  smtpUrl: string | undefined;
  smsUrl: string | undefined;
  from: string;
  rateLimitPerMinute: number;
  retryDelaySeconds: number;
  retryMaxDelaySeconds: number;
  retryWindowSeconds: number;
  leaseSeconds: number;
}

export interface NotificationsOptions {
  db: RootDb;
  /** embedded: one process only, so deliveries left `sending` at start are taken over at once */
  embedded: boolean;
  queue: JobQueue;
  settings: NotificationSettings;
  /** names and confirmed e-mails of persons (the identity module's) */
  persons: { findPersonByCode(personalCode: string): Promise<{ givenName: string; familyName: string; email: string | null; emailVerified: boolean } | undefined> };
  /** the catalog's: which institution provides a service, and institutions' names */
  catalog: { get(id: string): Promise<{ institutionId: string }>; getInstitution(idOrCode: string): Promise<{ name: { lv: string; en: string } }> };
  /** the preferences module's delivery plan; default: the inbox and the person's confirmed e-mail, in Latvian */
  preferences?: DeliveryPlanner;
  /** a real SMS provider or e-address adapter instead of SMS_URL's or the development sinks */
  smsProvider?: SmsProvider;
  eAddress?: EAddressAdapter;
  log?: Logger | undefined;
  now?: () => Date;
}

export interface NotificationsModule {
  service: NotificationsService;
  /** offers and other modules: notify a person (idempotent by `dedupKey`) */
  /** what the offers module is given to notify with (its `Notify`) */
  notify(input: OfferNotification): Promise<void>;
  /** for the preferences module: confirmation links and codes, sent at once */
  confirmations: ConfirmationSender;
  /** the event bus subscriber (of NOTIFIED_EVENTS): idempotent by event id and recipient */
  handleEvent(event: EventEnvelope): Promise<void>;
  /** the same for a batch of events: their notifications are made in one transaction */
  handleEvents(events: EventEnvelope[]): Promise<void>;
  /** the VAPID public key for web push subscriptions */
  pushPublicKey(): Promise<string>;
  /** starts the delivery workers (the job queue must be started) */
  start(): Promise<void>;
  /** stops taking work; call before stopping the job queue */
  stop(): Promise<void>;
  /** closes the channels' connections; after the job queue stopped */
  close(): Promise<void>;
}

/** Without the preferences module: the inbox and the confirmed e-mail identity knows, in Latvian. */
function defaultPlanner(persons: NotificationsOptions['persons']): DeliveryPlanner {
  return {
    async deliveryPlan(personalCode): Promise<DeliveryPlan> {
      const person = await persons.findPersonByCode(personalCode);
      if (!person) return { language: 'lv', name: null, targets: [] };
      return {
        language: 'lv',
        name: `${person.givenName} ${person.familyName}`,
        targets: person.email && person.emailVerified ? [{ channel: 'email', address: person.email }] : [],
      };
    },
  };
}

export function createNotifications(options: NotificationsOptions): NotificationsModule {
  const root = narrow<NotificationsTables>(options.db);
  const { settings } = options;
  // A send gives up well within its lease, so a live worker is never overtaken; generous, because a
  // client that gives up on a slow server that then accepts is how SMTP duplicates happen.
  const timeoutMs = Math.min(30_000, Math.max(2_500, (settings.leaseSeconds * 1000) / 4));
  const mailer = createMailer(root, { smtpUrl: settings.smtpUrl, from: settings.from, timeoutMs });
  const sms = options.smsProvider ?? (settings.smsUrl ? httpSmsProvider(settings.smsUrl, timeoutMs) : smsSink(root));
  let vapid: Promise<VapidKeys> | undefined;
  const vapidKeys = (): Promise<VapidKeys> => {
    vapid ??= loadVapidKeys(root).catch((error: unknown) => {
      vapid = undefined;
      throw error;
    });
    return vapid;
  };
  const push: Channel = {
    name: 'push',
    async send(message) {
      return pushChannel(await vapidKeys(), settings.publicUrl.startsWith('https:') ? settings.publicUrl : `mailto:${settings.from.replace(/^.*<|>.*$/g, '')}`, timeoutMs).send(message);
    },
  };
  const worker = createDeliveryWorker({
    root,
    boss: options.queue.boss,
    channels: [emailChannel(mailer), smsChannel(sms), push, eAddressChannel(options.eAddress ?? eAddressSink(root))],
    publicUrl: settings.publicUrl,
    leaseSeconds: settings.leaseSeconds,
    retryDelaySeconds: settings.retryDelaySeconds,
    retryMaxDelaySeconds: settings.retryMaxDelaySeconds,
    retryWindowSeconds: settings.retryWindowSeconds,
    embedded: options.embedded,
    log: options.log,
  });
  const catalog = options.catalog;
  const service = createNotificationsService({
    root,
    planner: options.preferences ?? defaultPlanner(options.persons),
    worker,
    serviceInstitution: async (serviceId) => {
      try {
        return (await catalog.get(serviceId)).institutionId;
      } catch {
        return undefined;
      }
    },
    institutionName: async (institutionId) => {
      try {
        return (await catalog.getInstitution(institutionId)).name;
      } catch {
        return undefined;
      }
    },
    publicUrl: settings.publicUrl,
    rateLimitPerMinute: settings.rateLimitPerMinute,
    now: options.now ?? (() => new Date()),
  });

  const events = createEventHandler({
    notifyAll: service.notifyAll,
    webhookDisabled: webhookDisabledNotice({ mailer, publicUrl: settings.publicUrl }),
    personName: async (personalCode) => {
      const person = await options.persons.findPersonByCode(personalCode);
      return person ? `${person.givenName} ${person.familyName}` : null;
    },
  });

  const publicUrl = settings.publicUrl;
  /** A link under PUBLIC_URL is kept as a path, so it follows the person's language. */
  const platformPath = (link: string | undefined): string | null => {
    if (!link) return null;
    return link.startsWith(`${publicUrl}/`) ? link.slice(publicUrl.length) : link;
  };

  return {
    service,
    async notify(input) {
      const template: NotificationKind = (KINDS as readonly string[]).includes(input.template) ? (input.template as NotificationKind) : 'offer';
      const values = input.personalisation;
      const personalisation: Record<string, string> = { ...values };
      // The offers module names the service in both languages as `service` / `serviceEn`.
      if (values.service && !values.serviceTitle) personalisation['serviceTitle:lv'] = values.service;
      if (values.serviceEn && !values.serviceTitle) personalisation['serviceTitle:en'] = values.serviceEn;
      await service.notify({
        dedupKey: input.dedupKey,
        recipient: input.personalCode,
        kind: input.kind,
        template,
        personalisation,
        serviceId: input.serviceId ?? null,
        link: platformPath(values.link),
      });
    },
    confirmations: createConfirmationSender({ mailer, sms, publicUrl }),
    handleEvent: events.handleEvent,
    handleEvents: events.handleEvents,
    pushPublicKey: async () => (await vapidKeys()).publicKey,
    async start() {
      await vapidKeys();
      await worker.start();
    },
    async stop() {
      await worker.stop();
    },
    async close() {
      await worker.close();
    },
  };
}

// The workspace's pages of this module: the person's inbox.
export { registerNotificationsWorkspacePages } from './pages/workspace/inbox.pages.js';
export { registerNotificationsConsolePages, type NotificationDeps as NotificationsConsoleDeps } from './pages/console/notifications.pages.js';
/** A service's console page links to its notification texts (the catalog's service page shows it). */
export { NotificationLinks } from './pages/console/notifications.templates.js';
