/**
 * The development payment provider (DEMO only): a stand-in for a bank that
 * behaves like one. It keeps its own books (payments.dev_transactions), shows
 * a hosted card page on the platform (pages/provider/dev-provider.pages.tsx),
 * and reports every step by a callback signed the Standard Webhooks way
 * (HMAC-SHA256 over id, timestamp and body) — so the platform's callback
 * endpoint is exercised exactly as a real provider would exercise it.
 *
 * Test cards: 4242 4242 4242 4242 succeeds; 4000 0000 0000 0002 is declined;
 * 4000 0000 0000 3220 asks for a 3-D Secure confirmation first (the payment
 * waits in `submitted` until the payer confirms or rejects it at their "bank").
 */
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { RootDb } from '../../platform/db/database.js';
import { narrow } from '../../platform/db/database.js';
import { CallbackRejected, type CallbackRequest, type PaymentProvider, type ProviderUpdate } from './payments.provider.js';
import * as repo from './payments.repo.js';
import { isPaymentState, type PaymentState } from './payments.states.js';

export const DEV_PROVIDER = 'dev';
/** The hosted page's address on the platform. */
export const devPagePath = (id: string): string => `/dev-pay/${id}`;

export type CardOutcome = 'success' | 'declined' | 'three_d_secure' | 'invalid';

/** What a test card does; anything failing the Luhn check is invalid. */
export function cardOutcome(number: string): CardOutcome {
  const digits = number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits) || !luhn(digits)) return 'invalid';
  if (digits === '4000000000000002') return 'declined';
  if (digits === '4000000000003220') return 'three_d_secure';
  return 'success';
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

export interface DevProviderOptions {
  db: RootDb;
  publicUrl: string;
  /** Standard Webhooks secret (`whsec_` + base64) shared with the platform's callback endpoint */
  secret: string;
  log?: { warn(object: object, message: string): void } | undefined;
}

export interface DevProvider extends PaymentProvider {
  /** the provider's side of the hosted page: a step the payer took, reported by a signed callback */
  step(id: string, state: PaymentState, detail?: string): Promise<repo.DevTransactionRow | undefined>;
  transaction(id: string): Promise<repo.DevTransactionRow | undefined>;
  /** signs a callback body as the provider does (the callback sender, and tests playing the provider) */
  sign(body: string, eventId?: string): { headers: Record<string, string>; body: string };
}

export function createDevProvider(options: DevProviderOptions): DevProvider {
  const db = narrow<repo.PaymentsTables>(options.db);
  const webhook = new Webhook(options.secret);

  const sign = (body: string, eventId: string = `evt_${randomUUID()}`) => {
    const timestamp = new Date();
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': eventId,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': webhook.sign(eventId, timestamp, body),
      },
    };
  };

  /** Posts a signed callback; a lost one is what the reconciliation job is for, so failure is only logged. */
  const callback = async (row: repo.DevTransactionRow, state: PaymentState, detail?: string): Promise<void> => {
    const signed = sign(JSON.stringify({ payment: row.id, state, ...(detail ? { detail } : {}) }));
    try {
      const response = await fetch(row.callback_url, { method: 'POST', headers: signed.headers, body: signed.body, signal: AbortSignal.timeout(10_000) });
      if (!response.ok) options.log?.warn({ status: response.status, payment: row.reference }, 'dev provider: callback refused');
    } catch (error) {
      options.log?.warn({ err: error, payment: row.reference }, 'dev provider: callback not delivered');
    }
  };

  return {
    name: DEV_PROVIDER,
    sign,

    async create(input) {
      const id = randomUUID();
      await repo.insertDevTransaction(db, {
        id,
        reference: input.paymentId,
        amount: input.amount,
        currency: input.currency,
        description: input.description,
        return_url: input.returnUrl,
        callback_url: input.callbackUrl,
        state: 'created',
        created_at: new Date(),
      });
      const page = input.language === 'en' ? `/en${devPagePath(id)}` : devPagePath(id);
      return { providerPaymentId: id, next: { kind: 'redirect', url: `${options.publicUrl}${page}` } };
    },

    verifyCallback(request: CallbackRequest): ProviderUpdate {
      const header = (name: string): string => {
        const value = request.headers[name];
        return (Array.isArray(value) ? value[0] : value) ?? '';
      };
      let body: unknown;
      try {
        body = webhook.verify(request.rawBody, { 'webhook-id': header('webhook-id'), 'webhook-timestamp': header('webhook-timestamp'), 'webhook-signature': header('webhook-signature') });
      } catch {
        throw new CallbackRejected('signature does not verify');
      }
      const { payment, state, detail } = (body ?? {}) as { payment?: unknown; state?: unknown; detail?: unknown };
      if (typeof payment !== 'string' || !isPaymentState(state)) throw new CallbackRejected('not a payment update');
      return { providerPaymentId: payment, state, eventId: header('webhook-id'), ...(typeof detail === 'string' ? { detail: detail.slice(0, 500) } : {}) };
    },

    async status(providerPaymentId) {
      const row = await repo.findDevTransaction(db, providerPaymentId);
      if (!row) return { providerPaymentId, state: 'error', detail: 'unknown to the provider' };
      return { providerPaymentId, state: row.state };
    },

    async refund(providerPaymentId, amount, refundId) {
      const done = await repo.addDevRefund(db, providerPaymentId, amount, new Date());
      return { providerRefundId: `dev-refund-${refundId}`, state: done ? 'success' : 'failed' };
    },

    async step(id, state, detail) {
      const row = await repo.findDevTransaction(db, id);
      if (!row) return undefined;
      await repo.setDevState(db, id, state, new Date());
      await callback(row, state, detail);
      return { ...row, state };
    },

    transaction: (id) => repo.findDevTransaction(db, id),
  };
}
