/** The payments module's failures; the HTTP edge turns them into problem+json (`payments.*`). */
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';

export const paymentNotFound = (): AppError => new NotFoundError('payments.not-found', 'No such payment.');
export const callbackRejected = (detail: string): AppError => new AppError('payments.callback-rejected', 'unauthenticated', `The callback was refused: ${detail}.`);
export const unknownProvider = (name: string): AppError => new NotFoundError('payments.unknown-provider', `No payment provider "${name}" is configured.`);
export const notRefundable = (detail: string): AppError => new ConflictError('payments.not-refundable', detail);
export const invalidRefund = (detail: string, pointer: string): AppError => new ValidationError('payments.invalid-refund', detail, [{ pointer, in: 'body', detail }]);
export const noProvider = (): AppError => new AppError('payments.no-provider', 'unavailable', 'Payments are not configured on this platform.');
export const alreadyPaid = (): AppError => new ConflictError('payments.already-paid', 'This application has been paid for.');
