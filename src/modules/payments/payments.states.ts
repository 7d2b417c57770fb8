/**
 * The payment's state machine, after GOV.UK Pay's: created → started →
 * submitted → success | failed | cancelled | error. States only move
 * forward: an update that would move a payment back (a late "started" after
 * "success") or sideways out of a final state (a "failed" after "success")
 * changes nothing. This is what makes callbacks order-independent — every
 * provider update can be applied in any order, any number of times, and the
 * payment ends in the state of the furthest step reported, the first final
 * one winning.
 */
export const PAYMENT_STATES = ['created', 'started', 'submitted', 'success', 'failed', 'cancelled', 'error'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export const FINAL_STATES: readonly PaymentState[] = ['success', 'failed', 'cancelled', 'error'];
export const OPEN_STATES: readonly PaymentState[] = ['created', 'started', 'submitted'];

const RANK: Record<PaymentState, number> = { created: 0, started: 1, submitted: 2, success: 3, failed: 3, cancelled: 3, error: 3 };

export const isFinal = (state: PaymentState): boolean => RANK[state] === 3;
export const isPaymentState = (value: unknown): value is PaymentState => typeof value === 'string' && (PAYMENT_STATES as readonly string[]).includes(value);

/** Whether a payment in `from` moves to `to` when a provider reports it. */
export const moves = (from: PaymentState, to: PaymentState): boolean => RANK[to] > RANK[from];

/** Whether the applicant may start paying again: the last attempt ended without taking money. */
export const retryable = (state: PaymentState): boolean => state === 'failed' || state === 'cancelled' || state === 'error';
