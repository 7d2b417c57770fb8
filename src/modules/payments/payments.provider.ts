/**
 * The payment-provider adapter: what the platform needs of any provider
 * (a bank link, a card acquirer, the state's payment module). A provider is
 * named in the settings (PAYMENTS_PROVIDER); the development one
 * (dev-provider.ts) is offered under DEMO, and a real one implements this
 * interface against its own API.
 *
 * The flow:
 * 1. `create` registers the payment with the provider and says where the payer
 *    goes next — a redirect to the provider's hosted page, or a page to embed.
 * 2. The provider reports progress by `callback`s to
 *    POST /api/v1/payments/callbacks/{provider}; `verifyCallback` authenticates
 *    each one (a signature over the raw body) and reads it into updates. A
 *    callback may come twice, late or out of order: the state machine
 *    (payments.states.ts) makes that harmless.
 * 3. `status` is asked when the payer returns and by the reconciliation job
 *    for payments left open, so a lost callback never leaves one open.
 * 4. `refund` gives money back (staff of the institution decide).
 */
import type { PaymentState } from './payments.states.js';

export interface CreateInput {
  /** the platform's id of the payment: the provider's reference to it */
  paymentId: string;
  /** in the currency's minor unit (cents) */
  amount: number;
  currency: string;
  /** what the payer sees on the provider's page and their statement */
  description: string;
  language: 'lv' | 'en';
  /** where the provider sends the payer back (absolute URL) */
  returnUrl: string;
  /** where the provider posts its callbacks (absolute URL) */
  callbackUrl: string;
}

export type NextStep = { kind: 'redirect'; url: string } | { kind: 'embed'; url: string };

export interface Created {
  providerPaymentId: string;
  next: NextStep;
}

/** One thing a provider says about a payment. */
export interface ProviderUpdate {
  providerPaymentId: string;
  state: PaymentState;
  /** the provider's id of this message (a repeated callback repeats it); absent for status answers */
  eventId?: string;
  /** why it failed, in the provider's words */
  detail?: string;
}

export interface RefundResult {
  providerRefundId: string;
  state: 'submitted' | 'success' | 'failed';
}

export interface CallbackRequest {
  headers: Record<string, string | string[] | undefined>;
  /** the body exactly as received: signatures are over these bytes */
  rawBody: string;
}

export interface PaymentProvider {
  /** the provider's name in settings, addresses and records */
  readonly name: string;
  create(input: CreateInput): Promise<Created>;
  /** authenticates a callback and reads it; throws when the signature does not hold */
  verifyCallback(request: CallbackRequest): ProviderUpdate;
  status(providerPaymentId: string): Promise<ProviderUpdate>;
  refund(providerPaymentId: string, amount: number, refundId: string): Promise<RefundResult>;
}

/** Thrown by `verifyCallback` for a callback that is not the provider's. */
export class CallbackRejected extends Error {
  override name = 'CallbackRejected';
}
