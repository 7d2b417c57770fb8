/** The notifications module's SQL, and nothing else. */
import { randomUUID } from 'node:crypto';
import { sql, type Generated, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import { isUuid } from '../../platform/db/ids.js';
import type {
  ChannelCounts,
  ChannelName,
  DeliveryLogEntry,
  DeliveryStatus,
  FailedDelivery,
  InboxItem,
  Language,
  NotificationKind,
  NotificationLogItem,
  NotificationScope,
  TemplateText,
} from './notifications.schemas.js';

interface NotificationsTable {
  id: Generated<string>;
  dedup_key: string;
  recipient: string;
  kind: NotificationKind;
  template: string;
  language: Language;
  subject: string;
  body: string;
  short_text: string;
  link: string | null;
  service_id: string | null;
  application_id: string | null;
  institution_id: string | null;
  client_id: string | null;
  reference: string | null;
  created_at: Generated<Date>;
  read_at: Date | null;
}

interface DeliveriesTable {
  id: Generated<string>;
  notification_id: string;
  channel: ChannelName;
  address: string;
  status: DeliveryStatus;
  attempts: Generated<number>;
  not_before: Date | null;
  claimed_at: Date | null;
  /** when the retry window began (the first attempt) */
  first_attempt_at: Date | null;
  /** the last attempt failed because the channel was down: resumed when the channel answers again */
  waits_for_channel: Generated<boolean>;
  message_id: string | null;
  provider_ref: string | null;
  last_error: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  sent_at: Date | null;
}

interface MailOutboxTable {
  delivery_id: string;
  message_id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  raw: string;
  created_at: Generated<Date>;
}

interface SinkTable {
  delivery_id: string;
  channel: string;
  address: string;
  payload: unknown;
  created_at: Generated<Date>;
}

interface SettingsTable {
  key: string;
  value: unknown;
  created_at: Generated<Date>;
}

interface TemplateOverridesTable {
  service_id: string;
  kind: NotificationKind;
  language: Language;
  subject: string;
  body: string;
  short_text: string;
  updated_by: string;
  updated_at: Generated<Date>;
}

interface RateWindowsTable {
  client_id: string;
  window_start: Date;
  count: number;
}

export interface NotificationsTables {
  'notifications.notifications': NotificationsTable;
  'notifications.deliveries': DeliveriesTable;
  'notifications.mail_outbox': MailOutboxTable;
  'notifications.sink': SinkTable;
  'notifications.settings': SettingsTable;
  'notifications.template_overrides': TemplateOverridesTable;
  'notifications.rate_windows': RateWindowsTable;
}

type Db = Kysely<NotificationsTables>;
export type NotificationRow = Selectable<NotificationsTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;
export type NewNotification = Omit<NotificationRow, 'id' | 'created_at' | 'read_at'>;
export interface NewDelivery {
  channel: ChannelName;
  address: string;
  status: DeliveryStatus;
  notBefore: Date | null;
}

export { isUuid };

/** A notification to make, with its deliveries. */
export interface NotificationToMake {
  row: NewNotification;
  deliveries: NewDelivery[];
}

/** A notification made: its id and the deliveries made with it. */
export interface MadeNotification {
  id: string;
  deliveries: Pick<DeliveryRow, 'id' | 'channel' | 'not_before'>[];
}

/**
 * Inserts the notifications whose keys are not known yet, with their deliveries, in one statement
 * however many: what was made, by dedup key (a key already known is absent). The keys must be
 * distinct. Each delivery's Message-ID is fixed as it is made, so every attempt carries the same
 * one. `created_at` steps a microsecond per notification, so a batch keeps its order in the inbox
 * (the clock may not tell them apart).
 */
export async function insertNotifications(db: Db, notifications: NotificationToMake[], messageIdOf: (id: string) => string): Promise<Map<string, MadeNotification>> {
  if (notifications.length === 0) return new Map();
  const rows = notifications.map(({ row }, ord) => ({ ord, ...row }));
  const made = notifications.flatMap(({ row, deliveries }) =>
    deliveries.map((delivery) => {
      const id = randomUUID();
      return { dedup_key: row.dedup_key, id, channel: delivery.channel, address: delivery.address, status: delivery.status, not_before: delivery.notBefore?.toISOString() ?? null, message_id: messageIdOf(id) };
    }),
  );
  const result = await sql<{ notification_id: string; dedup_key: string; id: string | null; channel: ChannelName | null; not_before: Date | null }>`
    with notification as (
      insert into notifications.notifications (dedup_key, recipient, kind, template, language, subject, body, short_text, link, service_id, application_id,
        institution_id, client_id, reference, created_at)
      select i.dedup_key, i.recipient, i.kind, i.template, i.language, i.subject, i.body, i.short_text, i.link, i.service_id, i.application_id,
        i.institution_id, i.client_id, i.reference, now() + make_interval(secs => i.ord / 1e6)
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as i(ord int, dedup_key text, recipient text, kind text, template text, language text, subject text, body text, short_text text, link text,
          service_id uuid, application_id uuid, institution_id uuid, client_id text, reference text)
      on conflict (dedup_key) do nothing
      returning id, dedup_key
    ),
    delivery as (
      insert into notifications.deliveries (id, notification_id, channel, address, status, not_before, message_id, sent_at)
      select d.id, n.id, d.channel, d.address, d.status, d.not_before, d.message_id, case when d.status = 'delivered' then now() end
      from notification n join jsonb_to_recordset(${JSON.stringify(made)}::jsonb)
        as d(dedup_key text, id uuid, channel text, address text, status text, not_before timestamptz, message_id text) on d.dedup_key = n.dedup_key
      on conflict (notification_id, channel, address) do nothing
      returning id, notification_id, channel, not_before
    )
    select n.id as notification_id, n.dedup_key, d.id, d.channel, d.not_before from notification n left join delivery d on d.notification_id = n.id`.execute(db);
  const byKey = new Map<string, MadeNotification>();
  for (const r of result.rows) {
    const entry = byKey.get(r.dedup_key) ?? { id: r.notification_id, deliveries: [] };
    if (r.id !== null && r.channel !== null) entry.deliveries.push({ id: r.id, channel: r.channel, not_before: r.not_before });
    byKey.set(r.dedup_key, entry);
  }
  return byKey;
}

/** The notifications of these keys (a repeat's). */
export async function findByDedupKeys(db: Db, keys: string[]): Promise<NotificationRow[]> {
  if (keys.length === 0) return [];
  return db.selectFrom('notifications.notifications').selectAll().where('dedup_key', 'in', keys).execute();
}

export async function findByDedupKey(db: Db, key: string): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications.notifications').selectAll().where('dedup_key', '=', key).executeTakeFirst();
}

/** A claimed delivery with what its message is made of (its notification's text, language and link). */
export interface ClaimedDelivery extends DeliveryRow {
  notification: Pick<NotificationRow, 'language' | 'subject' | 'body' | 'short_text' | 'link'> | null;
}

/**
 * Takes deliveries for sending, in one statement with their notifications' texts: only one worker
 * of all instances wins each. A delivery left in `sending` by a worker that died is taken again
 * once its lease has run out.
 */
export async function claimDeliveries(db: Db, ids: string[], leaseSeconds: number): Promise<ClaimedDelivery[]> {
  if (ids.length === 0) return [];
  const result = await sql<DeliveryRow & { n_language: Language | null; n_subject: string | null; n_body: string | null; n_short_text: string | null; n_link: string | null; n_found: boolean }>`
    with claimed as (
      update notifications.deliveries
      set status = 'sending', attempts = attempts + 1, claimed_at = now(), first_attempt_at = coalesce(first_attempt_at, now()), updated_at = now()
      where id = any(${ids}::uuid[])
        and channel <> 'inbox'
        and (not_before is null or not_before <= now())
        and (status in ('queued', 'retrying') or (status = 'sending' and claimed_at < now() - make_interval(secs => ${leaseSeconds})))
      returning *
    )
    select c.*, n.language as n_language, n.subject as n_subject, n.body as n_body, n.short_text as n_short_text, n.link as n_link, n.id is not null as n_found
    from claimed c left join notifications.notifications n on n.id = c.notification_id`.execute(db);
  return result.rows.map(({ n_language, n_subject, n_body, n_short_text, n_link, n_found, ...delivery }) => ({
    ...delivery,
    notification: n_found ? { language: n_language as Language, subject: n_subject ?? '', body: n_body ?? '', short_text: n_short_text ?? '', link: n_link } : null,
  }));
}

export async function findDeliveries(db: Db, ids: string[]): Promise<DeliveryRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('notifications.deliveries').selectAll().where('id', 'in', ids).execute();
}

/**
 * Records several successful attempts that this worker holds (status `sending`) in one statement;
 * the channels among theirs that have deliveries waiting out an outage (cheap: a partial index).
 */
export async function finishDeliveries(db: Db, outcomes: { id: string; status: 'sent' | 'delivered' | 'kept'; providerRef: string | null }[]): Promise<Set<ChannelName>> {
  if (outcomes.length === 0) return new Set();
  const result = await sql<{ channel: ChannelName }>`
    with done as (
      update notifications.deliveries d
      set status = o.status, updated_at = now(), sent_at = now(), provider_ref = o.provider_ref, last_error = null
      from unnest(${outcomes.map((o) => o.id)}::uuid[], ${outcomes.map((o) => o.status)}::text[], ${outcomes.map((o) => o.providerRef)}::text[]) as o(id, status, provider_ref)
      where d.id = o.id and d.status = 'sending'
      returning d.channel
    )
    select c.channel from (select distinct channel from done) c
    where exists (select 1 from notifications.deliveries w where w.channel = c.channel and w.status = 'retrying' and w.waits_for_channel)`.execute(db);
  return new Set(result.rows.map((row) => row.channel));
}

export async function findNotification(db: Db, id: string): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications.notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records the outcome of the attempt this worker holds (status `sending`). */
export async function finishDelivery(db: Db, id: string, outcome: { status: 'sent' | 'delivered' | 'kept' | 'retrying' | 'failed'; providerRef?: string | null; error?: string | null }): Promise<void> {
  const done = outcome.status === 'sent' || outcome.status === 'delivered' || outcome.status === 'kept';
  await db
    .updateTable('notifications.deliveries')
    .set({
      status: outcome.status,
      updated_at: sql`now()`,
      ...(done ? { sent_at: sql`now()`, provider_ref: outcome.providerRef ?? null, last_error: null } : { last_error: (outcome.error ?? '').slice(0, 1000) }),
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** The attempt this worker holds failed for now: the delivery waits until `notBefore`. */
export async function retryLater(db: Db, id: string, retry: { error: string; notBefore: Date; waitsForChannel: boolean }): Promise<void> {
  await db
    .updateTable('notifications.deliveries')
    .set({ status: 'retrying', not_before: retry.notBefore, waits_for_channel: retry.waitsForChannel, last_error: retry.error.slice(0, 1000), updated_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * The channel answers again: its deliveries that wait out the outage are due now; their ids, to
 * be queued. Each is taken by one caller only (the flag is cleared as they are taken).
 */
export async function resumeWaiting(db: Db, channel: ChannelName): Promise<string[]> {
  const result = await sql<{ id: string }>`
    update notifications.deliveries set not_before = null, waits_for_channel = false, updated_at = now()
    where channel = ${channel} and status = 'retrying' and waits_for_channel
    returning id`.execute(db);
  return result.rows.map((row) => row.id);
}

/** Sendings whose worker is gone: back to `retrying`; their ids, to be queued again. */
export async function releaseStale(db: Db, leaseSeconds: number | 'all'): Promise<string[]> {
  const result = await sql<{ id: string }>`
    update notifications.deliveries set status = 'retrying', updated_at = now(), last_error = 'the worker sending it stopped'
    where status = 'sending' and (${leaseSeconds === 'all'} or claimed_at < now() - make_interval(secs => ${leaseSeconds === 'all' ? 0 : leaseSeconds}))
    returning id`.execute(db);
  return result.rows.map((row) => row.id);
}

// ---- inbox

const toInboxItem = (row: NotificationRow): InboxItem => ({
  id: row.id,
  kind: row.kind,
  subject: row.subject,
  text: row.body,
  link: row.link,
  applicationId: row.application_id,
  createdAt: row.created_at.toISOString(),
  readAt: row.read_at ? row.read_at.toISOString() : null,
});

export async function inbox(db: Db, recipient: string, limit: number, offset: number, unreadOnly: boolean): Promise<{ items: InboxItem[]; total: number; unread: number }> {
  let query = db.selectFrom('notifications.notifications').selectAll().where('recipient', '=', recipient);
  if (unreadOnly) query = query.where('read_at', 'is', null);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  const counts = await db
    .selectFrom('notifications.notifications')
    .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) filter (where read_at is null))::int`.as('unread')])
    .where('recipient', '=', recipient)
    .executeTakeFirstOrThrow();
  return { items: rows.map(toInboxItem), total: unreadOnly ? counts.unread : counts.total, unread: counts.unread };
}

export async function markRead(db: Db, recipient: string, id: string): Promise<InboxItem | undefined> {
  const row = await db
    .updateTable('notifications.notifications')
    .set({ read_at: sql`coalesce(read_at, now())` })
    .where('id', '=', id)
    .where('recipient', '=', recipient)
    .returningAll()
    .executeTakeFirst();
  return row ? toInboxItem(row) : undefined;
}

export async function markAllRead(db: Db, recipient: string): Promise<number> {
  const result = await db.updateTable('notifications.notifications').set({ read_at: sql`now()` }).where('recipient', '=', recipient).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---- delivery status

export async function deliveriesOf(db: Db, notificationId: string): Promise<DeliveryRow[]> {
  return db.selectFrom('notifications.deliveries').selectAll().where('notification_id', '=', notificationId).orderBy('created_at').orderBy('channel').execute();
}

/**
 * The condition on `n` (the notifications table's alias) that keeps an
 * institution's notifications: sent by its system, or about one of its services.
 */
function inScope(scope: NotificationScope | null): RawBuilder<boolean> {
  if (!scope) return sql<boolean>`true`;
  if (!isUuid(scope.institutionId)) return sql<boolean>`false`;
  const services = scope.serviceIds.filter(isUuid);
  return services.length > 0
    ? sql<boolean>`(n.institution_id = ${scope.institutionId} or n.service_id in (${sql.join(services)}))`
    : sql<boolean>`n.institution_id = ${scope.institutionId}`;
}

export async function failedDeliveries(db: Db, limit: number, offset: number, scope: NotificationScope | null = null): Promise<FailedDelivery[]> {
  const rows = await db
    .selectFrom('notifications.deliveries as d')
    .innerJoin('notifications.notifications as n', 'n.id', 'd.notification_id')
    .select(['d.id', 'd.notification_id', 'd.channel', 'n.recipient', 'd.attempts', 'd.last_error', 'd.updated_at'])
    .where('d.status', '=', 'failed')
    .where(inScope(scope))
    .orderBy('d.updated_at', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((row) => ({
    deliveryId: row.id,
    notificationId: row.notification_id,
    channel: row.channel,
    recipient: row.recipient,
    attempts: row.attempts,
    error: row.last_error,
    updatedAt: row.updated_at.toISOString(),
  }));
}

export async function countFailed(db: Db, scope: NotificationScope | null): Promise<number> {
  const row = await db
    .selectFrom('notifications.deliveries as d')
    .innerJoin('notifications.notifications as n', 'n.id', 'd.notification_id')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('d.status', '=', 'failed')
    .where(inScope(scope))
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function channelCounts(db: Db, since: Date | null, scope: NotificationScope | null = null): Promise<ChannelCounts[]> {
  let query = db
    .selectFrom('notifications.deliveries as d')
    .innerJoin('notifications.notifications as n', 'n.id', 'd.notification_id')
    .select(['d.channel', 'd.status', sql<number>`count(*)::int`.as('count')])
    .where(inScope(scope));
  if (since) query = query.where('d.created_at', '>=', since);
  return query.groupBy(['d.channel', 'd.status']).orderBy('d.channel').orderBy('d.status').execute();
}

/** Whether a delivery belongs to a notification in the scope. */
export async function deliveryInScope(db: Db, id: string, scope: NotificationScope | null): Promise<boolean> {
  const row = await db
    .selectFrom('notifications.deliveries as d')
    .innerJoin('notifications.notifications as n', 'n.id', 'd.notification_id')
    .select('d.id')
    .where('d.id', '=', id)
    .where(inScope(scope))
    .executeTakeFirst();
  return row !== undefined;
}

const toLogEntry = (row: DeliveryRow): DeliveryLogEntry => ({
  id: row.id,
  channel: row.channel,
  status: row.status,
  attempts: row.attempts,
  error: row.last_error,
  notBefore: row.not_before ? row.not_before.toISOString() : null,
  lastAttemptAt: row.claimed_at ? row.claimed_at.toISOString() : null,
  firstAttemptAt: row.first_attempt_at ? row.first_attempt_at.toISOString() : null,
  sentAt: row.sent_at ? row.sent_at.toISOString() : null,
  updatedAt: row.updated_at.toISOString(),
});

/**
 * Notifications in the scope, newest first, each with all its deliveries; with
 * a status or channel, only those having such a delivery. Two queries a page.
 */
export async function notificationLog(
  db: Db,
  scope: NotificationScope | null,
  filter: { status?: DeliveryStatus | undefined; channel?: ChannelName | undefined },
  limit: number,
  offset: number,
): Promise<{ items: NotificationLogItem[]; total: number }> {
  const having = (): RawBuilder<boolean> => {
    if (!filter.status && !filter.channel) return sql<boolean>`true`;
    const status = filter.status ? sql`and d.status = ${filter.status}` : sql``;
    const channel = filter.channel ? sql`and d.channel = ${filter.channel}` : sql``;
    return sql<boolean>`exists (select 1 from notifications.deliveries d where d.notification_id = n.id ${status} ${channel})`;
  };
  const base = db.selectFrom('notifications.notifications as n').where(inScope(scope)).where(having());
  const [rows, count] = await Promise.all([
    base.selectAll('n').orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(limit).offset(offset).execute(),
    base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  const deliveries =
    rows.length === 0
      ? []
      : await db
          .selectFrom('notifications.deliveries')
          .selectAll()
          .where(
            'notification_id',
            'in',
            rows.map((row) => row.id),
          )
          .orderBy('created_at')
          .orderBy('channel')
          .execute();
  const byNotification = new Map<string, DeliveryLogEntry[]>();
  for (const delivery of deliveries) byNotification.set(delivery.notification_id, [...(byNotification.get(delivery.notification_id) ?? []), toLogEntry(delivery)]);
  return {
    total: count.total,
    items: rows.map((row) => ({
      id: row.id,
      recipient: row.recipient,
      kind: row.kind,
      subject: row.subject,
      language: row.language,
      applicationId: row.application_id,
      serviceId: row.service_id,
      institutionId: row.institution_id,
      createdAt: row.created_at.toISOString(),
      readAt: row.read_at ? row.read_at.toISOString() : null,
      deliveries: byNotification.get(row.id) ?? [],
    })),
  };
}

/** A dead delivery gets a fresh retry window (the console's "try again"). */
export async function requeueFailed(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable('notifications.deliveries')
    .set({ status: 'retrying', attempts: 0, first_attempt_at: null, waits_for_channel: false, not_before: null, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ---- templates

export async function findOverride(db: Db, serviceId: string, kind: NotificationKind, language: Language): Promise<TemplateText | undefined> {
  const row = await db
    .selectFrom('notifications.template_overrides')
    .select(['subject', 'body', 'short_text'])
    .where('service_id', '=', serviceId)
    .where('kind', '=', kind)
    .where('language', '=', language)
    .executeTakeFirst();
  return row ? { subject: row.subject, body: row.body, short: row.short_text } : undefined;
}

export async function listOverrides(db: Db, serviceId: string): Promise<{ kind: NotificationKind; language: Language; text: TemplateText; updatedBy: string; updatedAt: string }[]> {
  const rows = await db.selectFrom('notifications.template_overrides').selectAll().where('service_id', '=', serviceId).orderBy('kind').orderBy('language').execute();
  return rows.map((row) => ({
    kind: row.kind,
    language: row.language,
    text: { subject: row.subject, body: row.body, short: row.short_text },
    updatedBy: row.updated_by,
    updatedAt: row.updated_at.toISOString(),
  }));
}

export async function saveOverride(db: Db, serviceId: string, kind: NotificationKind, language: Language, text: TemplateText, by: string): Promise<void> {
  await db
    .insertInto('notifications.template_overrides')
    .values({ service_id: serviceId, kind, language, subject: text.subject, body: text.body, short_text: text.short, updated_by: by })
    .onConflict((oc) =>
      oc.columns(['service_id', 'kind', 'language']).doUpdateSet({ subject: text.subject, body: text.body, short_text: text.short, updated_by: by, updated_at: sql`now()` }),
    )
    .execute();
}

export async function deleteOverride(db: Db, serviceId: string, kind: NotificationKind, language: Language): Promise<boolean> {
  const result = await db
    .deleteFrom('notifications.template_overrides')
    .where('service_id', '=', serviceId)
    .where('kind', '=', kind)
    .where('language', '=', language)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// ---- rate limits

/** Counts one request of `clientId` in the window starting at `windowStart`; the count so far. */
export async function hitRateWindow(db: Db, clientId: string, windowStart: Date): Promise<number> {
  const row = await db
    .insertInto('notifications.rate_windows')
    .values({ client_id: clientId, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(['client_id', 'window_start']).doUpdateSet({ count: sql`notifications.rate_windows.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function pruneRateWindows(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('notifications.rate_windows').where('window_start', '<', before).execute();
}

// ---- the mail outbox and sinks (console, tests)

export async function mailOutbox(db: Db, limit: number): Promise<{ deliveryId: string; messageId: string; to: string; subject: string; text: string; createdAt: string }[]> {
  const rows = await db.selectFrom('notifications.mail_outbox').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((row) => ({ deliveryId: row.delivery_id, messageId: row.message_id, to: row.recipient, subject: row.subject, text: row.text_body, createdAt: row.created_at.toISOString() }));
}
