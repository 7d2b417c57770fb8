/**
 * Webhooks: an API client subscribes to event types; the platform's bus hands
 * every event to `handleEvent`, which queues one delivery per subscribed
 * webhook that may read it (an institution's system: its own applications;
 * anyone: catalog publications); the sender posts each delivery to its
 * endpoint as CloudEvents 1.0 JSON signed per Standard Webhooks, and retries a
 * failure on a schedule that spans more than a day (default 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 10 h, as Svix does), after which the delivery fails
 * and the webhook is disabled until its client enables it again (which sends
 * what failed again). Every attempt is logged; a delivery can be replayed. The
 * delivery's id is the `webhook-id`: the same on each attempt and replay, so a
 * receiver de-duplicates by it.
 *
 * Senders on several instances share the work through claims on the rows
 * (FOR UPDATE SKIP LOCKED, and a lease that a stopped instance's claim runs out of).
 */
import type { Kysely } from 'kysely';
import { narrow, type RootDb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/http/auth.js';
import { publish, type EventEnvelope } from '../../platform/jobs/outbox.js';
import { findRequestByClient, type ClientTables } from './clients.repo.js';
import { INTEGRATION_SOURCE, WEBHOOK_DISABLED, type WebhookDisabledData } from './integration.events.js';
import { actorOf, createAudit } from '../audit/index.js';
import * as errors from './integration.errors.js';
import * as repo from './integration.repo.js';
import type { Delivery, Webhook, WebhookInput, WebhookSecret } from './integration.schemas.js';
import { newSecret, signedHeaders } from './webhooks.sign.js';
import { isUuid } from '../../platform/db/ids.js';

export interface WebhookSettings {
  /** seconds before each retry after a failed attempt; past the last, the delivery fails */
  retrySchedule: number[];
  /** how long a rotated-out secret still signs (seconds) */
  rotationOverlapSeconds: number;
  /** plain http endpoints (development platforms only) */
  allowHttp: boolean;
  /** a send gives up after this long */
  timeoutMs: number;
  /** deliveries claimed per pass, and sent side by side */
  batchSize: number;
}

export const DEFAULT_RETRY_SCHEDULE = [5, 300, 1800, 7200, 18_000, 36_000, 36_000];

export interface WebhooksLog {
  warn(object: object, message: string): void;
}

/** What a receiver answers to a webhook-id it has already taken (Standard Webhooks' idempotency key). */
const ALREADY_RECEIVED = 409;

export interface WebhooksService {
  create(principal: Principal, input: WebhookInput): Promise<WebhookSecret>;
  list(principal: Principal): Promise<Webhook[]>;
  get(principal: Principal, id: string): Promise<Webhook>;
  remove(principal: Principal, id: string): Promise<void>;
  /** a new secret; the old one keeps signing (beside it) for the overlap window */
  rotateSecret(principal: Principal, id: string): Promise<WebhookSecret>;
  /** a disabled webhook is active again; what failed is sent again */
  enable(principal: Principal, id: string): Promise<Webhook>;
  deliveries(principal: Principal, id: string, limit?: number): Promise<Delivery[]>;
  replay(principal: Principal, id: string, deliveryId: string): Promise<Delivery>;
  /** for the console: webhooks with the state of their deliveries, those in trouble first (`institutions` null: all) */
  health(institutions: string[] | null): Promise<WebhookHealth[]>;
  /** a hand-over restarted by staff: enabled if it was disabled, what failed sent again, what waits sent now */
  restart(actor: Principal, id: string, institutions: string[] | null): Promise<{ resent: number }>;
  /** the bus subscriber: queues the event for every webhook that wants it and may read it (idempotent by event id) */
  handleEvent(event: EventEnvelope): Promise<void>;
  /** one pass of the sender: claims what is due and sends it; the number of attempts made */
  sendDue(): Promise<number>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export interface WebhookHealth extends Webhook {
  client: string;
  institutionId: string | null;
  /** deliveries waiting, of which `failing` have failed at least once; `failed` gave up */
  pending: number;
  failing: number;
  failed: number;
  lastAttempt: { at: string; statusCode: number | null; error: string | null } | null;
}

export interface WebhooksDeps {
  db: Kysely<repo.IntegrationTables>;
  root: RootDb;
  settings: WebhookSettings;
  now?: () => Date;
  log?: WebhooksLog;
}

const LEASE_SECONDS = 120;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

function toWebhook(row: repo.WebhookRow, now: Date): Webhook {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.event_types,
    serviceId: row.service_id,
    description: row.description,
    status: row.status,
    disabledReason: row.disabled_reason,
    previousSecretValidUntil: row.previous_until && row.previous_until > now ? row.previous_until.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}

function toDelivery(row: repo.DeliveryRow, attempts: repo.AttemptRow[]): Delivery {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    deliveredAt: iso(row.delivered_at),
    createdAt: row.created_at.toISOString(),
    log: attempts.map((attempt) => ({ at: attempt.attempted_at.toISOString(), statusCode: attempt.status_code, error: attempt.error, durationMs: attempt.duration_ms })),
    payload: row.payload,
  };
}

/** Webhooks belong to API clients (client credentials), never to people. */
function clientOf(principal: Principal): Principal {
  if (principal.kind !== 'system') throw errors.notAClient();
  return principal;
}

/** Whether a webhook's client may read the event: catalog publications are public; an application's events go to its institution's systems. */
export function mayRead(webhook: Pick<repo.WebhookRow, 'institution_id' | 'service_id'>, event: EventEnvelope): boolean {
  const data = (event.data ?? {}) as { institutionId?: unknown; serviceId?: unknown };
  if (webhook.service_id && data.serviceId !== webhook.service_id) return false;
  if (event.type.startsWith('catalog.')) return true;
  if (event.type.startsWith('applications.')) return webhook.institution_id !== null && data.institutionId === webhook.institution_id;
  return false;
}

function checkUrl(text: string, allowHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw errors.invalidUrl('Not an absolute URL.');
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) throw errors.invalidUrl(allowHttp ? 'Use an http or https URL.' : 'Use an https URL.');
  if (url.username || url.password) throw errors.invalidUrl('Credentials do not belong in the URL: verify the signature instead.');
  url.hash = '';
  return url.href;
}

export function createWebhooksService(deps: WebhooksDeps): WebhooksService {
  const { db, settings } = deps;
  const now = deps.now ?? (() => new Date());
  const audit = (executor: Kysely<repo.IntegrationTables>) => createAudit(executor as unknown as RootDb);

  async function owned(principal: Principal, id: string): Promise<repo.WebhookRow> {
    const client = clientOf(principal);
    const row = isUuid(id) ? await repo.findWebhook(db, id) : undefined;
    if (!row || row.client !== client.subject) throw errors.webhookNotFound(id);
    return row;
  }

  async function deliveryView(row: repo.DeliveryRow): Promise<Delivery> {
    return toDelivery(row, await repo.attemptsOf(db, [row.id]));
  }

  /** One attempt: POST the stored CloudEvent, signed with every valid secret; anything but a 2xx is a failure. */
  async function send(delivery: repo.ClaimedDelivery): Promise<void> {
    const at = now();
    const secrets = [delivery.secret, ...(delivery.previous_secret && delivery.previous_until && delivery.previous_until > at ? [delivery.previous_secret] : [])];
    const body = JSON.stringify(delivery.payload);
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Pakalpojumi-Webhooks/1', ...signedHeaders(secrets, delivery.id, body, at) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      statusCode = response.status;
      await response.body?.cancel();
      // 409: the endpoint already has this webhook-id (conformance requirement R2 refuses replays so) — an earlier attempt got through unseen.
      if ((statusCode < 200 || statusCode > 299) && statusCode !== ALREADY_RECEIVED) error = `the endpoint answered ${statusCode}`;
    } catch (failure) {
      error = (failure instanceof Error ? (failure.cause instanceof Error ? failure.cause.message : failure.message) : String(failure)).slice(0, 500);
    }
    const durationMs = Math.round(performance.now() - started);
    const attempt = delivery.attempts + 1;
    const delay = settings.retrySchedule[attempt - 1];
    const next: repo.AttemptOutcome['next'] =
      error === null ? { status: 'delivered' } : delay === undefined ? { status: 'failed' } : { status: 'pending', retryAt: new Date(at.getTime() + delay * 1000) };
    await repo.recordAttempt(db, delivery.id, { statusCode, error, durationMs, next });
    // What the endpoint accepted was disclosed to the client's system: an application's events carry personal data.
    const payload = delivery.payload as { subject?: string | null; data?: { applicant?: string } };
    if (next.status === 'delivered' && delivery.event_type.startsWith('applications.')) {
      await audit(db).record({
        actor: delivery.client,
        onBehalfOf: null,
        action: 'integration.event_delivered',
        target: `application:${payload.subject ?? ''}`,
        details: { webhook: delivery.webhook_id, delivery: delivery.id, type: delivery.event_type, applicant: payload.data?.applicant ?? null },
      });
    }
    if (next.status === 'failed') {
      const reason = `A delivery failed ${attempt} times over ${Math.round(settings.retrySchedule.reduce((sum, seconds) => sum + seconds, 0) / 3600)} hours (last: ${error}).`;
      // The client's contacts are told (integration.webhook_disabled, which notifications e-mails), in the transaction that disables it.
      const clientId = delivery.client.replace(/^client:/, '');
      await db.transaction().execute(async (trx) => {
        const webhook = await repo.updateWebhook(trx, delivery.webhook_id, { status: 'disabled', disabled_reason: reason });
        await audit(trx).record({ actor: 'platform', action: 'integration.webhook_disabled', target: `webhook:${delivery.webhook_id}`, details: { reason } });
        const contacts = (await findRequestByClient(narrow<ClientTables>(trx as unknown as RootDb), clientId))?.contacts ?? [];
        const data: WebhookDisabledData = { webhookId: delivery.webhook_id, clientId, url: webhook?.url ?? '', reason, contacts };
        await publish(trx as unknown as RootDb, { type: WEBHOOK_DISABLED, source: INTEGRATION_SOURCE, subject: delivery.webhook_id, actor: { kind: 'platform', id: 'integration' }, data });
      });
      deps.log?.warn({ webhook: delivery.webhook_id, reason }, 'webhook disabled');
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  const service: WebhooksService = {
    async create(principal, input) {
      const client = clientOf(principal);
      for (const type of input.eventTypes) if (type.startsWith('applications.') && !client.institutionId) throw errors.notReadable(type);
      const secret = newSecret();
      const row = await db.transaction().execute(async (trx) => {
        const created = await repo.insertWebhook(trx, {
          client: client.subject,
          institution_id: client.institutionId ?? null,
          url: checkUrl(input.url, settings.allowHttp),
          event_types: input.eventTypes,
          service_id: input.serviceId ?? null,
          description: input.description ?? null,
          secret,
        });
        await audit(trx).record({ actor: actorOf(client), action: 'integration.webhook_created', target: `webhook:${created.id}`, details: { url: created.url, eventTypes: created.event_types } });
        return created;
      });
      return { webhook: toWebhook(row, now()), secret };
    },

    async list(principal) {
      const rows = await repo.webhooksOf(db, clientOf(principal).subject);
      return rows.map((row) => toWebhook(row, now()));
    },

    async get(principal, id) {
      return toWebhook(await owned(principal, id), now());
    },

    async remove(principal, id) {
      const row = await owned(principal, id);
      await db.transaction().execute(async (trx) => {
        await repo.deleteWebhook(trx, row.id);
        await audit(trx).record({ actor: actorOf(principal), action: 'integration.webhook_deleted', target: `webhook:${row.id}`, details: { url: row.url } });
      });
    },

    async rotateSecret(principal, id) {
      const row = await owned(principal, id);
      const secret = newSecret();
      const until = new Date(now().getTime() + settings.rotationOverlapSeconds * 1000);
      const updated = await db.transaction().execute(async (trx) => {
        const changed = await repo.updateWebhook(trx, row.id, { secret, previous_secret: row.secret, previous_until: until });
        await audit(trx).record({ actor: actorOf(principal), action: 'integration.webhook_secret_rotated', target: `webhook:${row.id}`, details: { previousValidUntil: until.toISOString() } });
        return changed;
      });
      if (!updated) throw errors.webhookNotFound(id);
      return { webhook: toWebhook(updated, now()), secret };
    },

    async enable(principal, id) {
      const row = await owned(principal, id);
      const updated = await db.transaction().execute(async (trx) => {
        const changed = await repo.updateWebhook(trx, row.id, { status: 'active', disabled_reason: null });
        const resent = await repo.requeue(trx, { webhookId: row.id, status: 'failed' });
        await audit(trx).record({ actor: actorOf(principal), action: 'integration.webhook_enabled', target: `webhook:${row.id}`, details: { resent } });
        return changed;
      });
      if (!updated) throw errors.webhookNotFound(id);
      return toWebhook(updated, now());
    },

    async deliveries(principal, id, limit = 50) {
      const row = await owned(principal, id);
      const deliveries = await repo.deliveriesOf(db, row.id, Math.min(Math.max(Math.trunc(limit), 1), 200));
      const attempts = await repo.attemptsOf(db, deliveries.map((delivery) => delivery.id));
      return deliveries.map((delivery) => toDelivery(delivery, attempts.filter((attempt) => attempt.delivery_id === delivery.id)));
    },

    async replay(principal, id, deliveryId) {
      const row = await owned(principal, id);
      const delivery = isUuid(deliveryId) ? await repo.findDelivery(db, row.id, deliveryId) : undefined;
      if (!delivery) throw errors.deliveryNotFound(deliveryId);
      await repo.requeue(db, { deliveryId: delivery.id });
      await audit(db).record({ actor: actorOf(principal), action: 'integration.delivery_replayed', target: `webhook:${row.id}`, details: { delivery: delivery.id } });
      const again = await repo.findDelivery(db, row.id, delivery.id);
      return deliveryView(again ?? delivery);
    },

    async health(institutions) {
      const rows = await repo.webhookHealth(db, institutions);
      return rows.map((row) => ({
        ...toWebhook(row, now()),
        client: row.client.replace(/^client:/, ''),
        institutionId: row.institution_id,
        pending: row.pending,
        failing: row.failing,
        failed: row.failed,
        lastAttempt: row.last_attempt_at ? { at: row.last_attempt_at.toISOString(), statusCode: row.last_status_code, error: row.last_error } : null,
      }));
    },

    async restart(actor, id, institutions) {
      const row = isUuid(id) ? await repo.findWebhook(db, id) : undefined;
      if (!row || (institutions !== null && (!row.institution_id || !institutions.includes(row.institution_id)))) throw errors.webhookNotFound(id);
      return db.transaction().execute(async (trx) => {
        if (row.status === 'disabled') await repo.updateWebhook(trx, row.id, { status: 'active', disabled_reason: null });
        await repo.requeue(trx, { webhookId: row.id, status: 'failed' });
        const resent = await repo.hurry(trx, row.id);
        await audit(trx).record({ actor: actorOf(actor), action: 'integration.webhook_restarted', target: `webhook:${row.id}`, details: { resent, wasDisabled: row.status === 'disabled' } });
        return { resent };
      });
    },

    async handleEvent(event) {
      const webhooks = (await repo.subscribedTo(db, event.type)).filter((webhook) => mayRead(webhook, event));
      // CloudEvents 1.0 JSON, with the actor extension: what the bus handed out, without its places in the outbox.
      const payload = { specversion: '1.0', id: event.id, type: event.type, source: event.source, subject: event.subject, time: event.time, datacontenttype: 'application/json', actor: event.actor, data: event.data };
      await repo.enqueueDeliveries(
        db,
        webhooks.map((webhook) => ({ webhook_id: webhook.id, event_id: event.id, event_type: event.type, payload })),
      );
    },

    async sendDue() {
      const due = await repo.claimDue(db, settings.batchSize, LEASE_SECONDS);
      await Promise.all(due.map((delivery) => send(delivery)));
      return due.length;
    },

    start(intervalMs) {
      stopped = false;
      const tick = async (): Promise<void> => {
        try {
          running = service.sendDue();
          // A full batch: more may be due, go on at once.
          const sent = await running;
          if (!stopped) timer = setTimeout(() => void tick(), sent >= settings.batchSize ? 0 : intervalMs);
        } catch (error) {
          deps.log?.warn({ err: error }, 'webhook sender pass failed');
          if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
        }
      };
      timer = setTimeout(() => void tick(), intervalMs);
    },

    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => 0);
    },
  };
  return service;
}
