/** Failures of customer support; codes carry the module's prefix. */
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';

export const ticketNotFound = (): NotFoundError => new NotFoundError('support.ticket-not-found', 'No such question, or it is not yours to see.');
export const invalid = (detail: string, pointer: string): ValidationError => new ValidationError('support.invalid', detail, [{ pointer, in: 'body', detail }]);
export const unknownService = (): ValidationError => invalid('no such service in the catalog', '#/service');
export const unknownApplication = (): ValidationError => invalid('no such application of yours', '#/application');
export const closed = (): ConflictError => new ConflictError('support.closed', 'The question is closed.');
export const notClosed = (): ConflictError => new ConflictError('support.not-closed', 'The question is not closed.');
export const reopenTooLate = (): ConflictError => new ConflictError('support.reopen-too-late', 'A question can be reopened within 14 days of closing.');
export const notFirstLine = (): AppError => new AppError('support.not-first-line', 'forbidden', 'Only first-line platform support transfers questions, and only from its own queue.');
export const rateLimited = (): AppError => new AppError('support.rate-limited', 'rate_limited', 'Too many questions from this address or network in the last hour. Try again later.');
export const confirmationInvalid = (): AppError => new AppError('support.confirmation-invalid', 'invalid', 'This confirmation link is not valid or has expired.');
export const alreadyRated = (): ConflictError => new ConflictError('support.already-rated', 'The answer was rated already.');
/** A file that breaks the attachment rules (`#/files/<index>`); the detail says which rule. */
export const fileRejected = (index: number, detail: string): ValidationError => invalid(detail, `#/files/${index}`);
export const fileNotFound = (): NotFoundError => new NotFoundError('support.file-not-found', 'No such file on this question, or it is not yours to see.');
