/** The SQL of offers, and nothing else. */
import { sql, type Generated, type Kysely } from 'kysely';

export type TopicKind = 'event' | 'service';
export type Trigger = 'status_reached' | 'service_published';

interface SubscriptionsTable {
  personal_code: string;
  topic_kind: TopicKind;
  topic: string;
  created_at: Date;
}

interface RulesTable {
  id: Generated<string>;
  code: string;
  trigger: Trigger;
  source_service_id: string | null;
  status_code: string | null;
  event_code: string | null;
  offer_service_id: string | null;
  active: Generated<boolean>;
  created_at: Date;
}

interface OffersTable {
  rule_id: string;
  personal_code: string;
  service_id: string;
  cause: string;
  created_at: Date;
  notified_at: Date | null;
}

interface DevNotificationsTable {
  dedup_key: string;
  personal_code: string;
  template: string;
  personalisation: Record<string, string>;
  service_id: string | null;
  created_at: Generated<Date>;
}

export interface OffersTables {
  'offers.subscriptions': SubscriptionsTable;
  'offers.rules': RulesTable;
  'offers.offers': OffersTable;
  'offers.dev_notifications': DevNotificationsTable;
}

export type Db = Kysely<OffersTables>;
export type RuleRow = Omit<RulesTable, 'id' | 'active'> & { id: string; active: boolean };

export async function subscriptions(db: Db, personalCode: string): Promise<{ kind: TopicKind; topic: string; createdAt: Date }[]> {
  const rows = await db.selectFrom('offers.subscriptions').select(['topic_kind', 'topic', 'created_at']).where('personal_code', '=', personalCode).orderBy('created_at').execute();
  return rows.map((row) => ({ kind: row.topic_kind, topic: row.topic, createdAt: row.created_at }));
}

export async function subscribe(db: Db, personalCode: string, kind: TopicKind, topic: string, at: Date): Promise<void> {
  await db.insertInto('offers.subscriptions').values({ personal_code: personalCode, topic_kind: kind, topic, created_at: at }).onConflict((conflict) => conflict.doNothing()).execute();
}

export async function unsubscribe(db: Db, personalCode: string, kind: TopicKind, topic: string): Promise<void> {
  await db.deleteFrom('offers.subscriptions').where('personal_code', '=', personalCode).where('topic_kind', '=', kind).where('topic', '=', topic).execute();
}

/** Who subscribed to any of these topics before `before` (a later subscriber is not offered what was already there). */
export async function subscribersOf(db: Db, topics: { kind: TopicKind; topic: string }[], before: Date): Promise<string[]> {
  if (topics.length === 0) return [];
  const rows = await db
    .selectFrom('offers.subscriptions')
    .select('personal_code')
    .distinct()
    .where((eb) => eb.or(topics.map((t) => eb.and([eb('topic_kind', '=', t.kind), eb('topic', '=', t.topic)]))))
    .where('created_at', '<', before)
    .orderBy('personal_code')
    .execute();
  return rows.map((row) => row.personal_code);
}

export async function saveRule(db: Db, rule: Omit<RuleRow, 'id' | 'active'>): Promise<RuleRow> {
  const { code, created_at: _createdAt, ...rest } = rule;
  return db
    .insertInto('offers.rules')
    .values(rule)
    .onConflict((conflict) => conflict.column('code').doUpdateSet({ ...rest, active: true }))
    .returningAll()
    .executeTakeFirstOrThrow()
    .then((row) => ({ ...row, code }));
}

export async function statusRules(db: Db, serviceId: string, statusCode: string): Promise<RuleRow[]> {
  return db.selectFrom('offers.rules').selectAll().where('active', '=', true).where('trigger', '=', 'status_reached').where('source_service_id', '=', serviceId).where('status_code', '=', statusCode).execute();
}

export async function publishedRules(db: Db): Promise<RuleRow[]> {
  return db.selectFrom('offers.rules').selectAll().where('active', '=', true).where('trigger', '=', 'service_published').orderBy('created_at').execute();
}

export async function listRules(db: Db): Promise<RuleRow[]> {
  return db.selectFrom('offers.rules').selectAll().orderBy('code').execute();
}

/**
 * Claims the offer of `rule` to a person: true when it is new, or when an
 * earlier claim never got its notification out (a crash in between). False
 * when the rule already fired for them: the key makes a replay a no-op.
 */
export async function claimOffer(db: Db, offer: Omit<OffersTable, 'notified_at'>): Promise<boolean> {
  const row = await db
    .insertInto('offers.offers')
    .values({ ...offer, notified_at: null })
    .onConflict((conflict) =>
      conflict
        .columns(['rule_id', 'personal_code', 'service_id'])
        .doUpdateSet({ cause: sql`offers.offers.cause` })
        .where('offers.offers.notified_at', 'is', null),
    )
    .returning('rule_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function markNotified(db: Db, ruleId: string, personalCode: string, serviceId: string, at: Date): Promise<void> {
  await db.updateTable('offers.offers').set({ notified_at: at }).where('rule_id', '=', ruleId).where('personal_code', '=', personalCode).where('service_id', '=', serviceId).execute();
}

export async function receivedOffers(db: Db, personalCode: string, limit: number): Promise<{ serviceId: string; ruleCode: string; trigger: Trigger; createdAt: Date }[]> {
  const rows = await db
    .selectFrom('offers.offers as o')
    .innerJoin('offers.rules as r', 'r.id', 'o.rule_id')
    .select(['o.service_id', 'r.code', 'r.trigger', 'o.created_at'])
    .where('o.personal_code', '=', personalCode)
    .orderBy('o.created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ serviceId: row.service_id, ruleCode: row.code, trigger: row.trigger, createdAt: row.created_at }));
}

export async function recordDevNotification(db: Db, row: Omit<DevNotificationsTable, 'created_at'>): Promise<void> {
  await db
    .insertInto('offers.dev_notifications')
    .values({ ...row, personalisation: sql<Record<string, string>>`${JSON.stringify(row.personalisation)}::jsonb` })
    .onConflict((conflict) => conflict.column('dedup_key').doNothing())
    .execute();
}
