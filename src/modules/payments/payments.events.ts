/**
 * The events payments publishes on the platform's outbox, in the transaction
 * of the change: `payments.captured` when a payment succeeds (the
 * applications module submits the application that waited for it) and
 * `payments.refunded` when money is given back. Each carries what its
 * consumers need, so none reads the payment back.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { EventActor, EventEnvelope, NewEvent } from '../../platform/jobs/outbox.js';

export const PAYMENTS_SOURCE = '/payments';
export const PAYMENT_CAPTURED = 'payments.captured';
export const PAYMENT_REFUNDED = 'payments.refunded';

export const CapturedData = Type.Object({
  paymentId: Type.String(),
  /** the application the payment is for (the id it has, or will have once submitted) */
  applicationId: Type.String(),
  serviceId: Type.String(),
  institutionId: Type.String(),
  payer: Type.String(),
  paidBy: Type.String(),
  /** cents */
  amount: Type.Integer(),
  currency: Type.String(),
  provider: Type.String(),
  capturedAt: Type.String(),
});
export type CapturedData = Static<typeof CapturedData>;

export const RefundedData = Type.Object({
  refundId: Type.String(),
  paymentId: Type.String(),
  applicationId: Type.String(),
  institutionId: Type.String(),
  payer: Type.String(),
  amount: Type.Integer(),
  currency: Type.String(),
  reason: Type.String(),
  refundedAt: Type.String(),
});
export type RefundedData = Static<typeof RefundedData>;

export type CapturedEvent = EventEnvelope<typeof PAYMENT_CAPTURED, CapturedData>;
export const paymentsEvents = { [PAYMENT_CAPTURED]: CapturedData, [PAYMENT_REFUNDED]: RefundedData } as const;

const PROVIDER_ACTOR: EventActor = { kind: 'platform', id: 'payments' };

export const captured = (data: CapturedData, time: Date): NewEvent<typeof PAYMENT_CAPTURED, CapturedData> => ({ type: PAYMENT_CAPTURED, source: PAYMENTS_SOURCE, subject: data.paymentId, time, actor: PROVIDER_ACTOR, data });

export const refunded = (data: RefundedData, actor: EventActor, time: Date): NewEvent<typeof PAYMENT_REFUNDED, RefundedData> => ({ type: PAYMENT_REFUNDED, source: PAYMENTS_SOURCE, subject: data.paymentId, time, actor, data });
