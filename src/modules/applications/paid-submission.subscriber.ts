/**
 * Applications hears of captured payments: the `payments.captured` event
 * submits the application that waited for its fee. Delivered at least once by
 * the platform's bus, even after a crash between the capture and the
 * submission; `submitPaid` makes a repeated delivery change nothing.
 */
import { Value } from '@sinclair/typebox/value';
import type { EventEnvelope } from '../../platform/jobs/outbox.js';
import { CapturedData, PAYMENT_CAPTURED } from '../payments/index.js';
import type { PaidSubmissionService } from './paid-submission.service.js';

export const PAID_EVENTS = [PAYMENT_CAPTURED] as const;

export function capturedSubscriber(applications: Pick<PaidSubmissionService, 'submitPaid'>): (event: EventEnvelope) => Promise<void> {
  return async (event) => {
    if (event.type !== PAYMENT_CAPTURED || !Value.Check(CapturedData, event.data)) return;
    const { applicationId, paymentId, amount, currency } = event.data;
    await applications.submitPaid(applicationId, { id: paymentId, amount, currency });
  };
}
