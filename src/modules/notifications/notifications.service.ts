/**
 * The notifications service: makes a notification (once per key) with its
 * inbox item and one delivery per channel the person chose, queued in the same
 * transaction; the institutions' API (send by personal code, idempotent by
 * reference, rate-limited per client); the person's inbox; delivery status,
 * dead letters and per-channel counts for the console; institutions' own
 * wording of their services' notifications, with a preview.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { inTransaction, type RootDb } from '../../platform/db/database.js';
import { hasRole, type Principal } from '../../platform/http/auth.js';
import { normalisePersonalCode, parseParty } from '../access/index.js';
import { FINAL_CODES } from '../applications/index.js';
import { messageIdFor, type DeliveryWorker, type RetryPolicy } from './delivery.service.js';
import { applicationValues, type ApplicationLookup } from './notifications.events.js';
import * as errors from './notifications.errors.js';
import * as repo from './notifications.repo.js';
import type { DeliveryRow, NotificationRow, NotificationsTables } from './notifications.repo.js';
import type {
  ChannelCounts,
  ChannelName,
  DeliveryPlanner,
  DeliveryStatus,
  DeliveryTarget,
  FailedDelivery,
  InboxItem,
  InboxPage,
  Language,
  NotificationInput,
  NotificationKind,
  NotificationLogPage,
  NotificationScope,
  NotificationStatus,
  Rendered,
  SendNotificationInput,
  TemplateText,
} from './notifications.schemas.js';
import { absoluteLink, BUILT_IN, checkTemplate, render, REQUIRED, SAMPLE, valuesFor } from './templates.js';

export interface NotificationsService {
  /** makes a notification unless one with the same key exists; its id either way */
  notify(input: NotificationInput): Promise<{ id: string; created: boolean }>;
  /** makes several notifications in one transaction (as `notify` each, in order); their ids */
  notifyAll(inputs: NotificationInput[]): Promise<{ id: string; created: boolean }[]>;
  /**
   * an institution's system sends a person a notification (POST /api/v1/notifications); an
   * `applicationId` is read through `applications` under the client's own principal
   */
  send(client: Principal, input: SendNotificationInput, applications?: ApplicationLookup): Promise<{ status: NotificationStatus; created: boolean }>;
  /** delivery status per channel of a notification the client sent */
  status(client: Principal, id: string): Promise<NotificationStatus>;
  inbox(personalCode: string, page?: { limit?: number; offset?: number; unread?: boolean }): Promise<InboxPage>;
  markRead(personalCode: string, id: string): Promise<InboxItem>;
  markAllRead(personalCode: string): Promise<number>;
  /** the dead letters: deliveries given up, newest first (within `scope`: one institution's) */
  failedDeliveries(page?: { limit?: number; offset?: number; scope?: NotificationScope | null }): Promise<FailedDelivery[]>;
  /** how many dead letters there are (within `scope`) */
  countFailed(scope?: NotificationScope | null): Promise<number>;
  channelCounts(since?: Date, scope?: NotificationScope | null): Promise<ChannelCounts[]>;
  /** how failed attempts are retried */
  retryPolicy(): RetryPolicy;
  /** gives a dead delivery a fresh retry window; false when there is no such dead delivery (within `scope`) */
  retryDelivery(deliveryId: string, scope?: NotificationScope | null): Promise<boolean>;
  /** notifications with their deliveries per channel, newest first, for the console (within `scope`) */
  deliveryLog(scope: NotificationScope | null, options?: { status?: DeliveryStatus; channel?: ChannelName; limit?: number; offset?: number }): Promise<NotificationLogPage>;
  /** e-mails kept because no SMTP server is configured, newest first */
  mailOutbox(limit?: number): Promise<{ deliveryId: string; messageId: string; to: string; subject: string; text: string; createdAt: string }[]>;
  templateOverrides(serviceId: string): Promise<{ kind: NotificationKind; language: Language; text: TemplateText; updatedBy: string; updatedAt: string }[]>;
  saveTemplateOverride(actor: Principal, serviceId: string, kind: NotificationKind, language: Language, text: TemplateText): Promise<void>;
  deleteTemplateOverride(actor: Principal, serviceId: string, kind: NotificationKind, language: Language): Promise<boolean>;
  /** how a notification of `kind` reads with sample values: the service's override, a draft `text`, or the platform's wording */
  renderPreview(input: { serviceId?: string; kind: NotificationKind; language: Language; text?: TemplateText; personalisation?: Record<string, string> }): Promise<Rendered>;
  /** the built-in wording, to start an override from */
  builtInTemplate(kind: NotificationKind, language: Language): TemplateText;
}

export interface ServiceDeps {
  root: Kysely<NotificationsTables>;
  planner: DeliveryPlanner;
  worker: DeliveryWorker;
  /** the institution that provides a service (undefined: no such service) */
  serviceInstitution(serviceId: string): Promise<string | undefined>;
  /** an institution's name, for messages it sends */
  institutionName(institutionId: string): Promise<{ lv: string; en: string } | undefined>;
  publicUrl: string;
  rateLimitPerMinute: number;
  now: () => Date;
}

const LIMIT = { default: 20, max: 100 };
const page = (limit: number | undefined, offset: number | undefined) => ({
  limit: Math.min(Math.max(Math.trunc(limit ?? LIMIT.default), 1), LIMIT.max),
  offset: Math.max(Math.trunc(offset ?? 0), 0),
});

/** One spelling of a personal code everywhere (DDMMYY-NNNNN), whoever wrote it. */
const personKey = (personalCode: string): string => normalisePersonalCode(personalCode) ?? personalCode;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

function statusView(notification: NotificationRow, deliveries: DeliveryRow[]): NotificationStatus {
  return {
    id: notification.id,
    reference: notification.reference,
    template: notification.template,
    language: notification.language,
    applicationId: notification.application_id,
    createdAt: notification.created_at.toISOString(),
    deliveries: deliveries.map((delivery) => ({
      channel: delivery.channel,
      status: delivery.status,
      attempts: delivery.attempts,
      error: delivery.last_error,
      notBefore: iso(delivery.not_before),
      sentAt: iso(delivery.sent_at),
      updatedAt: delivery.updated_at.toISOString(),
    })),
  };
}

/** Targets the same channel and address once, whatever the planner said. */
function distinctTargets(targets: DeliveryTarget[]): DeliveryTarget[] {
  const seen = new Set<string>();
  return targets.filter((target) => {
    const key = `${target.channel}\u0000${target.address}`;
    if (seen.has(key) || target.address.trim() === '') return false;
    seen.add(key);
    return true;
  });
}

export function createNotificationsService(deps: ServiceDeps): NotificationsService {
  const { root } = deps;
  const asRoot = (db: Kysely<NotificationsTables>): RootDb => db as unknown as RootDb;

  const renderFor = async (input: NotificationInput, language: Language, name: string | null): Promise<Rendered> => {
    const values = valuesFor(input.personalisation, language);
    values.name = name ?? '';
    // The notification's own link wins; without one, a link given in the personalisation is used as it is.
    if (input.link) values.link = absoluteLink(input.link, language, deps.publicUrl);
    const override = input.serviceId ? await repo.findOverride(root, input.serviceId, input.template, language) : undefined;
    return render(override ?? BUILT_IN[input.template][language], language, values);
  };

  /** What a notification is made of: the person's plan, the text in their language, the distinct targets. */
  const prepare = async (input: NotificationInput): Promise<repo.NotificationToMake> => {
    const recipient = personKey(input.recipient);
    const plan = await deps.planner.deliveryPlan(recipient, input.kind, deps.now());
    const rendered = await renderFor(input, plan.language, plan.name);
    return {
      row: {
        dedup_key: input.dedupKey,
        recipient,
        kind: input.kind,
        template: input.template,
        language: plan.language,
        subject: rendered.subject,
        body: rendered.text,
        short_text: rendered.short,
        link: input.link ?? null,
        service_id: input.serviceId ?? null,
        application_id: input.applicationId ?? null,
        institution_id: input.institutionId ?? null,
        client_id: input.clientId ?? null,
        reference: input.reference ?? null,
      },
      deliveries: [
        // The inbox item is the notification itself: delivered as it is made.
        { channel: 'inbox', address: '', status: 'delivered', notBefore: null },
        ...distinctTargets(plan.targets).map((target) => ({ channel: target.channel, address: target.address, status: 'queued' as const, notBefore: target.notBefore ?? null })),
      ],
    };
  };

  /**
   * Makes several notifications in one transaction: one statement for the notifications and their
   * deliveries, one for the deliveries' jobs (each delivery keeps its own job, so it is retried alone).
   */
  const notifyAll = async (inputs: NotificationInput[]): Promise<{ id: string; created: boolean }[]> => {
    // No look for the keys first: a repeat (an event delivered again) is rare, and the insert finds it anyway.
    const prepared = new Map<string, repo.NotificationToMake>();
    for (const input of inputs) if (!prepared.has(input.dedupKey)) prepared.set(input.dedupKey, await prepare(input));
    const made = await inTransaction(root, async (trx) => {
      const byKey = await repo.insertNotifications(trx, [...prepared.values()], (deliveryId) => messageIdFor(deliveryId, deps.publicUrl));
      const queued = [...byKey.values()].flatMap((notification) => notification.deliveries.filter((row) => row.channel !== 'inbox'));
      await deps.worker.enqueue(
        asRoot(trx),
        queued.map((row) => ({ id: row.id, notBefore: row.not_before })),
      );
      return byKey;
    });
    if ([...made.values()].some((notification) => notification.deliveries.some((row) => row.channel !== 'inbox'))) deps.worker.wake();
    // Made before (a repeat), or by another instance at the same moment.
    const missing = [...prepared.keys()].filter((key) => !made.has(key));
    const known = new Map((await repo.findByDedupKeys(root, missing)).map((row) => [row.dedup_key, row.id]));
    const first = new Set<string>();
    return inputs.map((input) => {
      const id = made.get(input.dedupKey)?.id ?? known.get(input.dedupKey);
      if (!id) throw new Error(`notification ${input.dedupKey} vanished`);
      // A key given twice in one call is made once: the first is the one created.
      const created = made.has(input.dedupKey) && !first.has(input.dedupKey);
      first.add(input.dedupKey);
      return { id, created };
    });
  };

  const notify = async (input: NotificationInput): Promise<{ id: string; created: boolean }> => {
    const [result] = await notifyAll([input]);
    if (!result) throw new Error(`notification ${input.dedupKey} was not made`);
    return result;
  };

  const status = async (client: Principal, id: string): Promise<NotificationStatus> => {
    const notification = repo.isUuid(id) ? await repo.findNotification(root, id) : undefined;
    if (!notification || notification.client_id !== client.subject) throw errors.notificationNotFound(id);
    return statusView(notification, await repo.deliveriesOf(root, notification.id));
  };

  /** Counts the request in this minute's window, which every instance shares. */
  const checkRate = async (clientId: string): Promise<void> => {
    const now = deps.now();
    const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const count = await repo.hitRateWindow(root, clientId, windowStart);
    if (count > deps.rateLimitPerMinute) {
      throw new errors.RateLimited(Math.max(1, Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000)));
    }
    // Old windows are cleared now and then by whoever passes.
    if (count === 1) await repo.pruneRateWindows(root, new Date(windowStart.getTime() - 3_600_000));
  };

  const requireManager = async (actor: Principal, serviceId: string): Promise<void> => {
    const institutionId = repo.isUuid(serviceId) ? await deps.serviceInstitution(serviceId) : undefined;
    if (!institutionId || !hasRole(actor, 'service_manager', institutionId)) throw errors.notServiceManager();
  };

  return {
    notify,
    notifyAll,
    status,

    async send(client, input, applications) {
      if (client.kind !== 'system' || !client.institutionId) throw errors.systemsOnly();
      await checkRate(client.subject);
      const party = parseParty(input.recipient.personalCode);
      if (!party || party.kind !== 'person') throw errors.invalidInput('Not a valid personal code.', '#/recipient/personalCode');
      const dedupKey = `api:${client.subject}:${input.reference ?? randomUUID()}`;
      if (input.reference) {
        const known = await repo.findByDedupKey(root, dedupKey);
        if (known) return { status: statusView(known, await repo.deliveriesOf(root, known.id)), created: false };
      }
      const personalisation: Record<string, string> = {};
      let link: string | null = null;
      let application: { id: string; serviceId: string } | null = null;
      if (input.applicationId) {
        // Only the institution's own applications: others are "not found", as everywhere.
        if (!applications) throw errors.invalidInput('Notifications about an application are not available here.', '#/applicationId');
        const app = await applications.getApplication(client, input.applicationId);
        const labels = await applications.statusLabels(app.institutionId);
        Object.assign(personalisation, applicationValues(app, labels[app.status.code] ?? app.status.label, FINAL_CODES.includes(app.status.code)));
        link = app.link;
        application = { id: app.id, serviceId: app.serviceId };
      }
      const institution = await deps.institutionName(client.institutionId);
      if (institution) Object.assign(personalisation, { 'institution:lv': institution.lv, 'institution:en': institution.en });
      Object.assign(personalisation, input.personalisation);
      for (const key of REQUIRED[input.template] ?? []) {
        for (const language of ['lv', 'en'] as Language[]) {
          if (!valuesFor(personalisation, language)[key]?.trim()) throw errors.invalidInput(`The ${input.template} template needs "${key}" (or "${key}:${language}").`, `#/personalisation/${key}`);
        }
      }
      const made = await notify({
        dedupKey,
        recipient: party.id,
        kind: input.template,
        template: input.template,
        personalisation,
        serviceId: application?.serviceId ?? null,
        applicationId: application?.id ?? null,
        institutionId: client.institutionId,
        link,
        clientId: client.subject,
        reference: input.reference ?? null,
      });
      return { status: await status(client, made.id), created: made.created };
    },

    async inbox(personalCode, options = {}) {
      const { limit, offset } = page(options.limit, options.offset);
      const result = await repo.inbox(root, personKey(personalCode), limit, offset, options.unread ?? false);
      return { ...result, limit, offset };
    },

    async markRead(personalCode, id) {
      const item = repo.isUuid(id) ? await repo.markRead(root, personKey(personalCode), id) : undefined;
      if (!item) throw errors.inboxItemNotFound(id);
      return item;
    },

    markAllRead: (personalCode) => repo.markAllRead(root, personKey(personalCode)),

    async failedDeliveries(options = {}) {
      const { limit, offset } = page(options.limit, options.offset);
      return repo.failedDeliveries(root, limit, offset, options.scope ?? null);
    },

    countFailed: (scope) => repo.countFailed(root, scope ?? null),
    retryPolicy: () => deps.worker.policy,

    channelCounts: (since, scope) => repo.channelCounts(root, since ?? null, scope ?? null),

    async deliveryLog(scope, options = {}) {
      const { limit, offset } = page(options.limit, options.offset);
      const result = await repo.notificationLog(root, scope, { status: options.status, channel: options.channel }, limit, offset);
      return { ...result, limit, offset };
    },

    async retryDelivery(deliveryId, scope) {
      if (!repo.isUuid(deliveryId)) return false;
      const requeued = await inTransaction(root, async (trx) => {
        if (scope && !(await repo.deliveryInScope(trx, deliveryId, scope))) return false;
        if (!(await repo.requeueFailed(trx, deliveryId))) return false;
        await deps.worker.enqueue(asRoot(trx), [{ id: deliveryId, notBefore: null }]);
        return true;
      });
      if (requeued) deps.worker.wake();
      return requeued;
    },

    mailOutbox: (limit = 50) => repo.mailOutbox(root, Math.min(Math.max(limit, 1), 500)),

    templateOverrides: (serviceId) => (repo.isUuid(serviceId) ? repo.listOverrides(root, serviceId) : Promise.resolve([])),

    async saveTemplateOverride(actor, serviceId, kind, language, text) {
      await requireManager(actor, serviceId);
      checkTemplate(text);
      await repo.saveOverride(root, serviceId, kind, language, text, actor.personalCode ? `person:${actor.personalCode}` : actor.subject);
    },

    async deleteTemplateOverride(actor, serviceId, kind, language) {
      await requireManager(actor, serviceId);
      return repo.deleteOverride(root, serviceId, kind, language);
    },

    async renderPreview(input) {
      if (input.text) checkTemplate(input.text);
      const override = !input.text && input.serviceId && repo.isUuid(input.serviceId) ? await repo.findOverride(root, input.serviceId, input.kind, input.language) : undefined;
      const text = input.text ?? override ?? BUILT_IN[input.kind][input.language];
      const values = { ...SAMPLE[input.language], link: `${deps.publicUrl}/workspace/applications/2026-000123`, ...valuesFor(input.personalisation ?? {}, input.language) };
      return render(text, input.language, values);
    },

    builtInTemplate: (kind, language) => ({ ...BUILT_IN[kind][language] }),
  };
}
