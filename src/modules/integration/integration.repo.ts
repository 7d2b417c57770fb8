/** The SQL of integration (webhooks, their deliveries and attempts), and nothing else. */
import { sql, type Generated, type Kysely, type Selectable } from 'kysely';

interface WebhooksTable {
  id: Generated<string>;
  client: string;
  institution_id: string | null;
  url: string;
  event_types: string[];
  service_id: string | null;
  description: string | null;
  secret: string;
  previous_secret: string | null;
  previous_until: Date | null;
  status: Generated<'active' | 'disabled'>;
  disabled_reason: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

interface DeliveriesTable {
  id: Generated<string>;
  webhook_id: string;
  event_id: string;
  event_type: string;
  payload: unknown;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  claimed_until: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: Generated<Date>;
}

interface AttemptsTable {
  id: Generated<string>;
  delivery_id: string;
  attempted_at: Generated<Date>;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface IntegrationTables {
  'integration.webhooks': WebhooksTable;
  'integration.deliveries': DeliveriesTable;
  'integration.attempts': AttemptsTable;
}

export type Db = Kysely<IntegrationTables>;
export type WebhookRow = Selectable<WebhooksTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;
export type AttemptRow = Selectable<AttemptsTable>;

export async function insertWebhook(db: Db, row: Pick<WebhookRow, 'client' | 'institution_id' | 'url' | 'event_types' | 'service_id' | 'description' | 'secret'>): Promise<WebhookRow> {
  return db.insertInto('integration.webhooks').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findWebhook(db: Db, id: string): Promise<WebhookRow | undefined> {
  return db.selectFrom('integration.webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function webhooksOf(db: Db, client: string): Promise<WebhookRow[]> {
  return db.selectFrom('integration.webhooks').selectAll().where('client', '=', client).orderBy('created_at').orderBy('id').execute();
}

/** Active webhooks subscribed to `type`. */
export function subscribedTo(db: Db, type: string): Promise<WebhookRow[]> {
  return db.selectFrom('integration.webhooks').selectAll().where('status', '=', 'active').where(sql<boolean>`${type} = any(event_types)`).execute();
}

export async function updateWebhook(db: Db, id: string, change: Partial<Pick<WebhookRow, 'secret' | 'previous_secret' | 'previous_until' | 'status' | 'disabled_reason'>>): Promise<WebhookRow | undefined> {
  return db.updateTable('integration.webhooks').set({ ...change, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('integration.webhooks').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** One delivery per webhook and event: a redelivered event adds nothing. */
export async function enqueueDeliveries(db: Db, rows: Pick<DeliveryRow, 'webhook_id' | 'event_id' | 'event_type' | 'payload'>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('integration.deliveries')
    .values(rows.map((row) => ({ ...row, payload: JSON.stringify(row.payload), status: 'pending' as const })))
    .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing())
    .execute();
}

/**
 * Claims up to `limit` due deliveries of active webhooks for `leaseSeconds`
 * (skipping rows another instance is claiming right now), oldest first.
 */
export type ClaimedDelivery = DeliveryRow & { url: string; client: string; secret: string; previous_secret: string | null; previous_until: Date | null };

export async function claimDue(db: Db, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
  const result = await sql<ClaimedDelivery>`
    with due as (
      select d.id from integration.deliveries d join integration.webhooks w on w.id = d.webhook_id
      where d.status = 'pending' and d.next_attempt_at <= now() and (d.claimed_until is null or d.claimed_until < now()) and w.status = 'active'
      order by d.next_attempt_at
      limit ${limit}
      for update of d skip locked
    )
    update integration.deliveries d set claimed_until = now() + make_interval(secs => ${leaseSeconds})
    from due, integration.webhooks w
    where d.id = due.id and w.id = d.webhook_id
    returning d.*, w.url, w.client, w.secret, w.previous_secret, w.previous_until`.execute(db);
  return result.rows;
}

export interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** delivered, failed for good, or to be tried again at `retryAt` */
  next: { status: 'delivered' } | { status: 'failed' } | { status: 'pending'; retryAt: Date };
}

export async function recordAttempt(db: Db, deliveryId: string, outcome: AttemptOutcome): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('integration.attempts').values({ delivery_id: deliveryId, status_code: outcome.statusCode, error: outcome.error, duration_ms: outcome.durationMs }).execute();
    await trx
      .updateTable('integration.deliveries')
      .set({
        attempts: sql`attempts + 1`,
        status: outcome.next.status,
        last_status_code: outcome.statusCode,
        last_error: outcome.error,
        last_attempt_at: sql`now()`,
        claimed_until: null,
        ...(outcome.next.status === 'delivered' ? { delivered_at: sql`now()` } : {}),
        ...(outcome.next.status === 'pending' ? { next_attempt_at: outcome.next.retryAt } : {}),
      })
      .where('id', '=', deliveryId)
      .execute();
  });
}

export function deliveriesOf(db: Db, webhookId: string, limit: number): Promise<DeliveryRow[]> {
  return db.selectFrom('integration.deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

export function attemptsOf(db: Db, deliveryIds: string[]): Promise<AttemptRow[]> {
  if (deliveryIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('integration.attempts').selectAll().where('delivery_id', 'in', deliveryIds).orderBy('id').execute();
}

export function findDelivery(db: Db, webhookId: string, deliveryId: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom('integration.deliveries').selectAll().where('webhook_id', '=', webhookId).where('id', '=', deliveryId).executeTakeFirst();
}

/** Sends a delivery again now (a replay, or the webhook enabled again): its id, and so its `webhook-id`, stays. */
export async function requeue(db: Db, where: { deliveryId: string } | { webhookId: string; status: 'failed' }): Promise<number> {
  let query = db.updateTable('integration.deliveries').set({ status: 'pending', next_attempt_at: sql`now()`, claimed_until: null });
  query = 'deliveryId' in where ? query.where('id', '=', where.deliveryId) : query.where('webhook_id', '=', where.webhookId).where('status', '=', where.status);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface WebhookHealthRow extends WebhookRow {
  pending: number;
  failing: number;
  failed: number;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
}

/** Webhooks with the state of their deliveries, those in trouble first; `institutions` null: every one. */
export async function webhookHealth(db: Db, institutions: string[] | null): Promise<WebhookHealthRow[]> {
  const result = await sql<WebhookHealthRow>`
    select w.*, counts.pending, counts.failing, counts.failed, last.last_attempt_at, last.last_status_code, last.last_error
    from integration.webhooks w
    cross join lateral (
      select count(*) filter (where d.status = 'pending')::int as pending,
        count(*) filter (where d.status = 'pending' and d.attempts > 0)::int as failing,
        count(*) filter (where d.status = 'failed')::int as failed
      from integration.deliveries d where d.webhook_id = w.id
    ) counts
    left join lateral (
      select d.last_attempt_at, d.last_status_code, d.last_error from integration.deliveries d
      where d.webhook_id = w.id and d.last_attempt_at is not null order by d.last_attempt_at desc limit 1
    ) last on true
    where ${institutions === null ? sql`true` : sql`w.institution_id = any(${institutions}::uuid[])`}
    order by (w.status = 'disabled') desc, counts.failing desc, w.created_at, w.id
    limit 500`.execute(db);
  return result.rows;
}

/** Everything waiting is due now. */
export async function hurry(db: Db, webhookId: string): Promise<number> {
  const result = await db.updateTable('integration.deliveries').set({ next_attempt_at: sql`now()` }).where('webhook_id', '=', webhookId).where('status', '=', 'pending').executeTakeFirst();
  return Number(result.numUpdatedRows);
}
