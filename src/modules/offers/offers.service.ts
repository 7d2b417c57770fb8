/**
 * The rules of proactive offers (P10). Two kinds of rule:
 * - status_reached: an application of service X reaches status Y → service Z
 *   is offered to that application's applicant, and to nobody else;
 * - service_published: a service appears in a life or business event → it is
 *   offered to those who subscribed to that event (or to the service) before.
 * A rule fires once per person and offered service (the table's key), so a
 * replayed or re-delivered event fires nothing more. The notification itself
 * goes through the `notify` given (the notifications core's), under a
 * de-duplication key derived from the same key.
 */
import { inTransaction } from '../../platform/db/database.js';
import { normalisePersonalCode } from '../access/index.js';
import type { CatalogService, Service } from '../catalog/index.js';
import * as errors from './offers.errors.js';
import * as repo from './offers.repo.js';
import type { Db, RuleRow, TopicKind, Trigger } from './offers.repo.js';
import { isUuid } from '../../platform/db/ids.js';

/** What the offers module asks the notifications core to send. */
export interface OfferNotification {
  personalCode: string;
  kind: 'offer';
  dedupKey: string;
  template: string;
  personalisation: Record<string, string>;
  serviceId?: string;
}

export type Notify = (input: OfferNotification) => Promise<void>;

export interface Subscription {
  kind: TopicKind;
  /** an event code or a service id */
  topic: string;
  createdAt: string;
}

export interface ReceivedOffer {
  serviceId: string;
  rule: string;
  trigger: Trigger;
  createdAt: string;
}

export type RuleInput =
  | { code: string; trigger: 'status_reached'; sourceServiceId: string; statusCode: string; offerServiceId: string }
  | { code: string; trigger: 'service_published'; eventCode?: string | null };

export interface Rule {
  id: string;
  code: string;
  trigger: Trigger;
  sourceServiceId: string | null;
  statusCode: string | null;
  eventCode: string | null;
  offerServiceId: string | null;
  active: boolean;
  createdAt: string;
}

export interface OffersService {
  /**
   * Reacts to an event of the platform's bus (its `type` and `data`):
   * `applications.status_changed` and `catalog.service_published`. Returns how
   * many offers it made; others' topics and malformed payloads make none.
   */
  handleEvent(topic: string, payload: Record<string, unknown>): Promise<number>;
  /** Offers every service published since the published-rules began that was not offered yet (for a periodic job). */
  scanPublished(): Promise<number>;
  subscriptions(personalCode: string): Promise<Subscription[]>;
  subscribe(personalCode: string, kind: TopicKind, topic: string): Promise<void>;
  unsubscribe(personalCode: string, kind: TopicKind, topic: string): Promise<void>;
  /** replaces the person's event subscriptions with `codes` */
  setEvents(personalCode: string, codes: string[]): Promise<void>;
  received(personalCode: string, limit?: number): Promise<ReceivedOffer[]>;
  /** creates the rule, or changes the one with that code */
  defineRule(input: RuleInput): Promise<Rule>;
  listRules(): Promise<Rule[]>;
}

export interface OffersServiceOptions {
  catalog: Pick<CatalogService, 'get' | 'getEvent' | 'listAllPublished'>;
  notify: Notify;
  publicUrl: string;
  now: () => Date;
}

export const OFFER_TEMPLATE = 'offer';

const toRule = (row: RuleRow): Rule => ({
  id: row.id,
  code: row.code,
  trigger: row.trigger,
  sourceServiceId: row.source_service_id,
  statusCode: row.status_code,
  eventCode: row.event_code,
  offerServiceId: row.offer_service_id,
  active: row.active,
  createdAt: row.created_at.toISOString(),
});

function personKey(personalCode: string): string {
  const key = normalisePersonalCode(personalCode);
  if (!key) throw errors.invalidPersonalCode();
  return key;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined);

export function createOffersService(root: Db, options: OffersServiceOptions): OffersService {
  const { catalog, notify, now } = options;

  /** A published service, or undefined: withdrawn or unknown services are not offered. */
  async function publishedService(id: string): Promise<Service | undefined> {
    if (!isUuid(id)) return undefined;
    try {
      const service = await catalog.get(id);
      return service.status === 'published' ? service : undefined;
    } catch {
      return undefined;
    }
  }

  async function fire(rule: RuleRow, personalCode: string, service: Service, cause: string, extra: Record<string, string> = {}): Promise<boolean> {
    const claimed = await repo.claimOffer(root, { rule_id: rule.id, personal_code: personalCode, service_id: service.id, cause, created_at: now() });
    if (!claimed) return false;
    const base = options.publicUrl;
    await notify({
      personalCode,
      kind: 'offer',
      dedupKey: `offers:${rule.id}:${personalCode}:${service.id}`,
      template: OFFER_TEMPLATE,
      personalisation: {
        service: service.title.lv,
        serviceEn: service.title.en,
        link: `${base}/services/${service.slug}`,
        linkEn: `${base}/en/services/${service.slug}`,
        rule: rule.code,
        ...extra,
      },
      serviceId: service.id,
    });
    await repo.markNotified(root, rule.id, personalCode, service.id, now());
    return true;
  }

  async function onStatusChanged(payload: Record<string, unknown>): Promise<number> {
    const serviceId = text(payload.serviceId);
    const code = text(payload.code);
    const applicant = text(payload.applicant);
    const applicationId = text(payload.applicationId);
    if (!serviceId || !code || !applicant || !applicationId) return 0;
    // Offers go to persons; a company applicant is reached through its people, which this rule does not know.
    const person = normalisePersonalCode(applicant);
    if (!person) return 0;
    const rules = await repo.statusRules(root, serviceId, code);
    let fired = 0;
    for (const rule of rules) {
      const service = await publishedService(rule.offer_service_id ?? '');
      if (!service) continue;
      const number = text(payload.number);
      if (await fire(rule, person, service, `application:${applicationId}`, number ? { number } : {})) fired++;
    }
    return fired;
  }

  async function onPublished(service: Service, rules: RuleRow[]): Promise<number> {
    if (!service.publishedAt) return 0;
    const publishedAt = new Date(service.publishedAt);
    let fired = 0;
    for (const rule of rules) {
      // A rule offers what is published after it began, not the catalog that was already there.
      if (publishedAt <= rule.created_at) continue;
      const events = rule.event_code ? service.events.filter((code) => code === rule.event_code) : service.events;
      if (rule.event_code && events.length === 0) continue;
      const topics = [...events.map((code) => ({ kind: 'event' as const, topic: code })), { kind: 'service' as const, topic: service.id }];
      for (const person of await repo.subscribersOf(root, topics, publishedAt)) {
        if (await fire(rule, person, service, `service:${service.id}`)) fired++;
      }
    }
    return fired;
  }

  async function validTopic(kind: TopicKind, topic: string): Promise<string> {
    if (kind === 'service') {
      if (!(await publishedService(topic))) throw errors.unknownService(topic);
      return topic.toLowerCase();
    }
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(topic) || topic.length > 60) throw errors.unknownEvent(topic);
    try {
      return (await catalog.getEvent(topic)).code;
    } catch {
      throw errors.unknownEvent(topic);
    }
  }

  return {
    async handleEvent(topic, payload) {
      if (!payload || typeof payload !== 'object') return 0;
      if (topic === 'applications.status_changed') return onStatusChanged(payload);
      if (topic === 'catalog.service_published') {
        const service = await publishedService(text(payload.serviceId) ?? '');
        return service ? onPublished(service, await repo.publishedRules(root)) : 0;
      }
      return 0;
    },

    async scanPublished() {
      const rules = await repo.publishedRules(root);
      if (rules.length === 0) return 0;
      const since = Math.min(...rules.map((rule) => rule.created_at.getTime()));
      let fired = 0;
      for (const service of await catalog.listAllPublished()) {
        if (service.publishedAt && Date.parse(service.publishedAt) > since) fired += await onPublished(service, rules);
      }
      return fired;
    },

    async subscriptions(personalCode) {
      const rows = await repo.subscriptions(root, personKey(personalCode));
      return rows.map((row) => ({ kind: row.kind, topic: row.topic, createdAt: row.createdAt.toISOString() }));
    },

    async subscribe(personalCode, kind, topic) {
      const key = personKey(personalCode);
      await repo.subscribe(root, key, kind, await validTopic(kind, topic), now());
    },

    async unsubscribe(personalCode, kind, topic) {
      await repo.unsubscribe(root, personKey(personalCode), kind, topic.toLowerCase());
    },

    async setEvents(personalCode, codes) {
      const key = personKey(personalCode);
      const wanted = new Set<string>();
      for (const code of codes) wanted.add(await validTopic('event', code));
      await inTransaction(root, async (trx) => {
        const current = (await repo.subscriptions(trx, key)).filter((row) => row.kind === 'event').map((row) => row.topic);
        for (const code of current) if (!wanted.has(code)) await repo.unsubscribe(trx, key, 'event', code);
        for (const code of wanted) if (!current.includes(code)) await repo.subscribe(trx, key, 'event', code, now());
      });
    },

    async received(personalCode, limit = 100) {
      const rows = await repo.receivedOffers(root, personKey(personalCode), Math.min(Math.max(limit, 1), 500));
      return rows.map((row) => ({ serviceId: row.serviceId, rule: row.ruleCode, trigger: row.trigger, createdAt: row.createdAt.toISOString() }));
    },

    async defineRule(input) {
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(input.code) || input.code.length > 80) throw errors.invalidRule('code is lowercase words joined by hyphens', '#/code');
      if (input.trigger === 'status_reached') {
        if (!/^[a-z_]{1,40}$/.test(input.statusCode)) throw errors.invalidRule('not a status code', '#/statusCode');
        for (const [pointer, id] of [['#/sourceServiceId', input.sourceServiceId], ['#/offerServiceId', input.offerServiceId]] as const) {
          if (!isUuid(id)) throw errors.invalidRule('not a service id', pointer);
          try {
            await catalog.get(id);
          } catch {
            throw errors.invalidRule('no such service', pointer);
          }
        }
        const row = await repo.saveRule(root, {
          code: input.code,
          trigger: 'status_reached',
          source_service_id: input.sourceServiceId,
          status_code: input.statusCode,
          event_code: null,
          offer_service_id: input.offerServiceId,
          created_at: now(),
        });
        return toRule(row);
      }
      const eventCode = input.eventCode ? await validTopic('event', input.eventCode) : null;
      const row = await repo.saveRule(root, { code: input.code, trigger: 'service_published', source_service_id: null, status_code: null, event_code: eventCode, offer_service_id: null, created_at: now() });
      return toRule(row);
    },

    async listRules() {
      return (await repo.listRules(root)).map(toRule);
    },
  };
}

/** The development sink: offer notifications recorded in the module's own table. */
export function databaseNotifySink(db: Db): Notify {
  return async (input) => {
    await repo.recordDevNotification(db, {
      dedup_key: input.dedupKey,
      personal_code: input.personalCode,
      template: input.template,
      personalisation: input.personalisation,
      service_id: input.serviceId ?? null,
    });
  };
}
