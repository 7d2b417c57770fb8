/**
 * Payments (P2): a fee paid in the e-application through a provider. The
 * service starts a payment, applies what the provider reports — by callback,
 * by a status query when the payer returns, or by the reconciliation job —
 * through the one state machine, and gives money back on an institution's
 * decision. When a payment succeeds, `payments.captured` is written to the
 * outbox in the same transaction: whoever waits for the money (the
 * applications module) hears of it at least once, even after a crash.
 */
import { randomUUID } from 'node:crypto';
import type { RootDb } from '../../platform/db/database.js';
import { narrow } from '../../platform/db/database.js';
import { isUuid } from '../../platform/db/ids.js';
import { publish, type EventActor } from '../../platform/jobs/outbox.js';
import * as errors from './payments.errors.js';
import { captured, refunded } from './payments.events.js';
import { CallbackRejected, type CallbackRequest, type PaymentProvider, type ProviderUpdate } from './payments.provider.js';
import * as repo from './payments.repo.js';
import type { FeeLine, PaymentRow, RefundRow } from './payments.repo.js';
import { isFinal, moves, OPEN_STATES, type PaymentState } from './payments.states.js';

export type { FeeLine } from './payments.repo.js';

export interface StartPayment {
  applicationId: string;
  serviceId: string;
  institutionId: string;
  serviceTitle: { lv: string; en: string };
  /** the party applied for, and the person paying */
  payer: string;
  paidBy: string;
  lines: FeeLine[];
  currency: string;
  /** the platform path the payer comes back to (the provider is given it as an absolute URL) */
  returnPath: string;
  language: 'lv' | 'en';
}

export interface Refund {
  id: string;
  amount: number;
  reason: string;
  state: RefundRow['state'];
  requestedBy: string;
  createdAt: string;
  settledAt: string | null;
}

export interface Payment {
  id: string;
  applicationId: string;
  serviceId: string;
  institutionId: string;
  serviceTitle: { lv: string; en: string };
  payer: string;
  paidBy: string;
  lines: FeeLine[];
  /** cents */
  amount: number;
  currency: string;
  provider: string;
  providerPaymentId: string | null;
  state: PaymentState;
  stateAt: string;
  capturedAt: string | null;
  failure: string | null;
  refunded: number;
  nextUrl: string | null;
  createdAt: string;
  refunds: Refund[];
}

export interface PaymentsService {
  /** starts paying for an application, or resumes the attempt still open; where the payer goes next */
  start(input: StartPayment): Promise<Payment>;
  /** applies a provider's callback (authenticated by the provider adapter) */
  handleCallback(provider: string, request: CallbackRequest): Promise<Payment>;
  /** asks the provider how the payment stands and applies the answer */
  refresh(paymentId: string): Promise<Payment>;
  /** asks the provider about payments left open longer than `minutes`; how many changed */
  reconcile(minutes: number): Promise<{ asked: number; changed: number }>;
  refund(input: { paymentId: string; amount: number; reason: string; actor: EventActor }): Promise<Refund>;
  get(paymentId: string): Promise<Payment | undefined>;
  forApplications(applicationIds: readonly string[]): Promise<Payment[]>;
  ofPayer(payer: string): Promise<Payment[]>;
  /** an institution's payments captured and refunds settled on one day (Riga time), for its accounting */
  day(institutionId: string, date: string): Promise<DayRows>;
}

export interface DayRows {
  captured: Payment[];
  refunds: (Refund & { paymentId: string; applicationId: string; serviceId: string; provider: string; providerPaymentId: string | null })[];
}

export interface PaymentsOptions {
  providers: readonly PaymentProvider[];
  publicUrl: string;
  now?: () => Date;
  log?: { warn(object: object, message: string): void } | undefined;
}

const toRefund = (row: RefundRow): Refund => ({
  id: row.id,
  amount: row.amount,
  reason: row.reason,
  state: row.state,
  requestedBy: row.requested_by,
  createdAt: row.created_at.toISOString(),
  settledAt: row.settled_at?.toISOString() ?? null,
});

function toPayment(row: PaymentRow, refunds: RefundRow[] = []): Payment {
  return {
    id: row.id,
    applicationId: row.application_id,
    serviceId: row.service_id,
    institutionId: row.institution_id,
    serviceTitle: row.service_title,
    payer: row.payer,
    paidBy: row.paid_by,
    lines: row.lines,
    amount: row.amount,
    currency: row.currency,
    provider: row.provider,
    providerPaymentId: row.provider_payment_id,
    state: row.state,
    stateAt: row.state_at.toISOString(),
    capturedAt: row.captured_at?.toISOString() ?? null,
    failure: row.failure,
    refunded: row.refunded,
    nextUrl: row.next_url,
    createdAt: row.created_at.toISOString(),
    refunds: refunds.filter((refund) => refund.payment_id === row.id).map(toRefund),
  };
}

/** Midnight in Riga that starts `date` (YYYY-MM-DD), as an instant. */
export function rigaMidnight(date: string): Date {
  const noon = new Date(`${date}T12:00:00Z`);
  const riga = new Date(noon.toLocaleString('en-US', { timeZone: 'Europe/Riga' }));
  const offset = riga.getTime() - noon.getTime();
  return new Date(new Date(`${date}T00:00:00Z`).getTime() - offset);
}

export function createPayments(rootDb: RootDb, options: PaymentsOptions): PaymentsService {
  const db = narrow<repo.PaymentsTables>(rootDb);
  const now = options.now ?? (() => new Date());
  const providers = new Map(options.providers.map((provider) => [provider.name, provider]));
  const providerOf = (name: string): PaymentProvider => {
    const provider = providers.get(name);
    if (!provider) throw errors.unknownProvider(name);
    return provider;
  };
  const [defaultProvider] = options.providers;

  const withRefunds = async (rows: PaymentRow[]): Promise<Payment[]> => {
    const refunds = await repo.refundsOf(
      db,
      rows.map((row) => row.id),
    );
    return rows.map((row) => toPayment(row, refunds));
  };
  const load = async (id: string): Promise<Payment> => {
    const row = await repo.findPayment(db, id);
    if (!row) throw errors.paymentNotFound();
    const [payment] = await withRefunds([row]);
    return payment as Payment;
  };

  /**
   * One update, in one transaction with the payment's row locked: recorded
   * (a provider event seen before is dropped), applied only if it moves the
   * state forward, and the capture announced with the change.
   */
  const apply = async (provider: string, update: ProviderUpdate, source: 'callback' | 'query'): Promise<Payment> => {
    const id = await db.transaction().execute(async (trx) => {
      const row = await repo.findByProvider(trx, provider, update.providerPaymentId, true);
      if (!row) throw errors.paymentNotFound();
      const at = now();
      const applies = moves(row.state, update.state);
      const fresh = await repo.recordUpdate(
        trx,
        { payment_id: row.id, source, provider_event_id: update.eventId ?? null, from_state: row.state, reported: update.state, applied: applies, detail: update.detail ?? null },
        at,
      );
      if (!fresh || !applies) return row.id;
      await repo.setState(trx, row.id, update.state, at, update.state === 'success' ? null : (update.detail ?? null));
      if (update.state === 'success') {
        await publish(
          trx,
          captured(
            { paymentId: row.id, applicationId: row.application_id, serviceId: row.service_id, institutionId: row.institution_id, payer: row.payer, paidBy: row.paid_by, amount: row.amount, currency: row.currency, provider, capturedAt: at.toISOString() },
            at,
          ),
        );
      }
      return row.id;
    });
    return load(id);
  };

  const refresh = async (paymentId: string): Promise<Payment> => {
    if (!isUuid(paymentId)) throw errors.paymentNotFound();
    const payment = await load(paymentId);
    if (isFinal(payment.state) || !payment.providerPaymentId) return payment;
    const update = await providerOf(payment.provider).status(payment.providerPaymentId);
    return apply(payment.provider, update, 'query');
  };

  return {
    async start(input) {
      if (!defaultProvider) throw errors.noProvider();
      const earlier = await repo.paymentsOfApplications(db, [input.applicationId]);
      if (earlier.some((row) => row.state === 'success')) throw errors.alreadyPaid();
      // An attempt still open is resumed, never doubled: two open attempts could both take money.
      const open = earlier.find((row) => OPEN_STATES.includes(row.state) && row.next_url);
      if (open) return load(open.id);
      const amount = input.lines.reduce((sum, line) => sum + line.amount, 0);
      const id = randomUUID();
      const at = now();
      await repo.insertPayment(db, {
        id,
        application_id: input.applicationId,
        service_id: input.serviceId,
        institution_id: input.institutionId,
        service_title: input.serviceTitle,
        payer: input.payer,
        paid_by: input.paidBy,
        lines: input.lines,
        amount,
        currency: input.currency,
        provider: defaultProvider.name,
        provider_payment_id: null,
        next_url: null,
        return_path: input.returnPath,
        state: 'created',
        state_at: at,
        created_at: at,
      });
      try {
        const created = await defaultProvider.create({
          paymentId: id,
          amount,
          currency: input.currency,
          description: input.serviceTitle[input.language],
          language: input.language,
          returnUrl: `${options.publicUrl}${input.returnPath}${input.returnPath.includes('?') ? '&' : '?'}payment=${id}`,
          callbackUrl: `${options.publicUrl}/api/v1/payments/callbacks/${defaultProvider.name}`,
        });
        await repo.setProviderPayment(db, id, created.providerPaymentId, created.next.url);
      } catch (error) {
        // The provider never took it: the attempt ends in `error` and the payer may try again.
        await repo.setState(db, id, 'error', now(), 'the provider could not be reached');
        options.log?.warn({ err: error, payment: id }, 'payment provider refused to create a payment');
      }
      return load(id);
    },

    async handleCallback(providerName, request) {
      const provider = providerOf(providerName);
      let update: ProviderUpdate;
      try {
        update = provider.verifyCallback(request);
      } catch (error) {
        if (error instanceof CallbackRejected) throw errors.callbackRejected(error.message);
        throw error;
      }
      return apply(provider.name, update, 'callback');
    },

    refresh,

    async reconcile(minutes) {
      const stale = await repo.openBefore(db, new Date(now().getTime() - minutes * 60_000), 500);
      let changed = 0;
      for (const row of stale) {
        try {
          if (!row.provider_payment_id) {
            // Created here but never registered with the provider (a crash in between): nothing can be paid on it.
            await repo.setState(db, row.id, 'error', now(), 'never registered with the provider');
            changed++;
            continue;
          }
          const after = await refresh(row.id);
          if (after.state !== row.state) changed++;
        } catch (error) {
          options.log?.warn({ err: error, payment: row.id }, 'payment reconciliation failed for one payment');
        }
      }
      return { asked: stale.length, changed };
    },

    async refund({ paymentId, amount, reason, actor }) {
      if (!Number.isInteger(amount) || amount <= 0) throw errors.invalidRefund('the amount is a positive number of cents', '#/amount');
      const text = reason.trim();
      if (!text || text.length > 500) throw errors.invalidRefund('give the reason in 1 to 500 characters', '#/reason');
      const payment = await load(paymentId);
      if (payment.state !== 'success' || !payment.providerPaymentId) throw errors.notRefundable('Only a successful payment can be refunded.');
      if (amount > payment.amount - payment.refunded) throw errors.invalidRefund('the amount is more than is left to refund', '#/amount');
      const id = randomUUID();
      const result = await providerOf(payment.provider).refund(payment.providerPaymentId, amount, id);
      const at = now();
      const settled = result.state === 'success';
      await db.transaction().execute(async (trx) => {
        await repo.insertRefund(trx, {
          id,
          payment_id: payment.id,
          amount,
          reason: text,
          state: result.state,
          provider_refund_id: result.providerRefundId,
          requested_by: `${actor.kind}:${actor.id}`,
          institution_id: payment.institutionId,
          created_at: at,
          settled_at: settled ? at : null,
        });
        if (settled) {
          await repo.addRefunded(trx, payment.id, amount, at);
          await publish(
            trx,
            refunded(
              { refundId: id, paymentId: payment.id, applicationId: payment.applicationId, institutionId: payment.institutionId, payer: payment.payer, amount, currency: payment.currency, reason: text, refundedAt: at.toISOString() },
              actor,
              at,
            ),
          );
        }
      });
      if (!settled) throw errors.notRefundable('The provider refused the refund.');
      return (await load(payment.id)).refunds.find((refund) => refund.id === id) as Refund;
    },

    async get(paymentId) {
      if (!isUuid(paymentId)) return undefined;
      const row = await repo.findPayment(db, paymentId);
      return row ? (await withRefunds([row]))[0] : undefined;
    },

    async forApplications(applicationIds) {
      return withRefunds(await repo.paymentsOfApplications(db, applicationIds.filter(isUuid)));
    },

    async ofPayer(payer) {
      return withRefunds(await repo.paymentsOfPayer(db, payer));
    },

    async day(institutionId, date) {
      const from = rigaMidnight(date);
      const next = new Date(`${date}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      const to = rigaMidnight(next.toISOString().slice(0, 10));
      const rows = await repo.dayOf(db, institutionId, from, to);
      return {
        captured: await withRefunds(rows.captured),
        refunds: rows.refunds.map((row) => ({ ...toRefund(row), paymentId: row.payment_id, applicationId: row.application_id, serviceId: row.service_id, provider: row.provider, providerPaymentId: row.provider_payment_id })),
      };
    },
  };
}
