/** The SQL of payments, and nothing else. */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { PaymentState } from './payments.states.js';

export interface FeeLine {
  code: string;
  description: { lv: string; en: string };
  /** cents */
  amount: number;
}

interface PaymentsTable {
  id: string;
  application_id: string;
  service_id: string;
  institution_id: string;
  service_title: { lv: string; en: string };
  payer: string;
  paid_by: string;
  lines: FeeLine[];
  amount: number;
  currency: string;
  provider: string;
  provider_payment_id: string | null;
  next_url: string | null;
  return_path: string;
  state: PaymentState;
  state_at: Date;
  failure: string | null;
  captured_at: Date | null;
  refunded: number;
  created_at: Date;
  updated_at: Date;
}

interface UpdatesTable {
  payment_id: string;
  source: 'callback' | 'query' | 'platform';
  provider_event_id: string | null;
  from_state: PaymentState;
  reported: PaymentState;
  applied: boolean;
  detail: string | null;
  received_at: Date;
}

interface RefundsTable {
  id: string;
  payment_id: string;
  amount: number;
  reason: string;
  state: 'submitted' | 'success' | 'failed';
  provider_refund_id: string | null;
  requested_by: string;
  institution_id: string;
  created_at: Date;
  settled_at: Date | null;
}

interface DevTransactionsTable {
  id: string;
  reference: string;
  amount: number;
  currency: string;
  description: string;
  return_url: string;
  callback_url: string;
  state: PaymentState;
  refunded: number;
  created_at: Date;
  updated_at: Date;
}

export interface PaymentsTables {
  'payments.payments': PaymentsTable;
  'payments.updates': UpdatesTable;
  'payments.refunds': RefundsTable;
  'payments.dev_transactions': DevTransactionsTable;
}

export type Db = Kysely<PaymentsTables>;

const jsonb = (value: unknown): RawBuilder<never> => sql<never>`${JSON.stringify(value)}::jsonb`;
export type PaymentRow = PaymentsTable;
export type RefundRow = RefundsTable;
export type DevTransactionRow = DevTransactionsTable;

export async function insertPayment(db: Db, row: Omit<PaymentsTable, 'refunded' | 'captured_at' | 'failure' | 'updated_at'>): Promise<void> {
  // As JSON text: node-postgres would send a JS array as a PostgreSQL array.
  await db
    .insertInto('payments.payments')
    .values({ ...row, lines: jsonb(row.lines), service_title: jsonb(row.service_title), refunded: 0, captured_at: null, failure: null, updated_at: row.created_at })
    .execute();
}

export async function setProviderPayment(db: Db, id: string, providerPaymentId: string, nextUrl: string): Promise<void> {
  await db.updateTable('payments.payments').set({ provider_payment_id: providerPaymentId, next_url: nextUrl, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function findPayment(db: Db, id: string, lock = false): Promise<PaymentRow | undefined> {
  let query = db.selectFrom('payments.payments').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findByProvider(db: Db, provider: string, providerPaymentId: string, lock = false): Promise<PaymentRow | undefined> {
  let query = db.selectFrom('payments.payments').selectAll().where('provider', '=', provider).where('provider_payment_id', '=', providerPaymentId);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function paymentsOfApplications(db: Db, applicationIds: readonly string[]): Promise<PaymentRow[]> {
  if (applicationIds.length === 0) return [];
  return db.selectFrom('payments.payments').selectAll().where('application_id', 'in', applicationIds).orderBy('created_at').execute();
}

export async function paymentsOfPayer(db: Db, payer: string, limit = 200): Promise<PaymentRow[]> {
  return db.selectFrom('payments.payments').selectAll().where('payer', '=', payer).orderBy('created_at', 'desc').limit(limit).execute();
}

/** Payments still open whose last change is older than `before`: the reconciliation job asks their provider. */
export async function openBefore(db: Db, before: Date, limit: number): Promise<PaymentRow[]> {
  return db.selectFrom('payments.payments').selectAll().where('state', 'in', ['created', 'started', 'submitted']).where('state_at', '<', before).orderBy('state_at').limit(limit).execute();
}

/** Records an update; false when this provider event was recorded before (a repeated callback). */
export async function recordUpdate(db: Db, row: Omit<UpdatesTable, 'received_at'>, at: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('payments.updates')
    .values({ ...row, received_at: at })
    .onConflict((conflict) => conflict.columns(['payment_id', 'provider_event_id']).doNothing())
    .returning('payment_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function setState(db: Db, id: string, state: PaymentState, at: Date, failure: string | null): Promise<void> {
  await db
    .updateTable('payments.payments')
    .set({ state, state_at: at, updated_at: at, ...(state === 'success' ? { captured_at: at } : {}), ...(failure ? { failure } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function updatesOf(db: Db, paymentId: string): Promise<{ source: string; reported: PaymentState; applied: boolean; receivedAt: Date }[]> {
  const rows = await db.selectFrom('payments.updates').select(['source', 'reported', 'applied', 'received_at']).where('payment_id', '=', paymentId).orderBy('received_at').orderBy(sql`id`).execute();
  return rows.map((row) => ({ source: row.source, reported: row.reported, applied: row.applied, receivedAt: row.received_at }));
}

export async function insertRefund(db: Db, row: RefundsTable): Promise<void> {
  await db.insertInto('payments.refunds').values(row).execute();
}

export async function addRefunded(db: Db, paymentId: string, amount: number, at: Date): Promise<void> {
  await db
    .updateTable('payments.payments')
    .set({ refunded: sql<number>`refunded + ${amount}`, updated_at: at })
    .where('id', '=', paymentId)
    .execute();
}

export async function refundsOf(db: Db, paymentIds: readonly string[]): Promise<RefundRow[]> {
  if (paymentIds.length === 0) return [];
  return db.selectFrom('payments.refunds').selectAll().where('payment_id', 'in', paymentIds).orderBy('created_at').execute();
}

/** An institution's money of one day (Riga time): payments captured and refunds settled. */
export async function dayOf(db: Db, institutionId: string, from: Date, to: Date): Promise<{ captured: PaymentRow[]; refunds: (RefundRow & { provider: string; provider_payment_id: string | null; service_id: string; application_id: string })[] }> {
  const captured = await db
    .selectFrom('payments.payments')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('captured_at', '>=', from)
    .where('captured_at', '<', to)
    .orderBy('captured_at')
    .execute();
  const refunds = await db
    .selectFrom('payments.refunds as r')
    .innerJoin('payments.payments as p', 'p.id', 'r.payment_id')
    .selectAll('r')
    .select(['p.provider', 'p.provider_payment_id', 'p.service_id', 'p.application_id'])
    .where('r.institution_id', '=', institutionId)
    .where('r.state', '=', 'success')
    .where('r.settled_at', '>=', from)
    .where('r.settled_at', '<', to)
    .orderBy('r.settled_at')
    .execute();
  return { captured, refunds };
}

// ---- the development provider's books ----

export async function insertDevTransaction(db: Db, row: Omit<DevTransactionsTable, 'refunded' | 'updated_at'>): Promise<void> {
  await db.insertInto('payments.dev_transactions').values({ ...row, refunded: 0, updated_at: row.created_at }).execute();
}

export async function findDevTransaction(db: Db, id: string): Promise<DevTransactionRow | undefined> {
  return db.selectFrom('payments.dev_transactions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setDevState(db: Db, id: string, state: PaymentState, at: Date): Promise<void> {
  await db.updateTable('payments.dev_transactions').set({ state, updated_at: at }).where('id', '=', id).execute();
}

export async function addDevRefund(db: Db, id: string, amount: number, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('payments.dev_transactions')
    .set({ refunded: sql<number>`refunded + ${amount}`, updated_at: at })
    .where('id', '=', id)
    .where('state', '=', 'success')
    .where(sql<boolean>`refunded + ${amount} <= amount`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
