/** Failures of participation; codes carry the module's prefix. */
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';

export const invalidFeedback = (detail: string, pointer: string): ValidationError =>
  new ValidationError('participation.invalid-feedback', detail, [{ pointer, in: 'body', detail }]);
export const feedbackRateLimited = (): AppError => new AppError('participation.rate-limited', 'rate_limited', 'Too much feedback from this network just now; try again in a few minutes.');
export const commentClosed = (): ConflictError => new ConflictError('participation.comment-closed', 'This feedback already has its comment, or its key is unknown.');
export const invalidRating = (detail: string, pointer: string): ValidationError =>
  new ValidationError('participation.invalid-rating', detail, [{ pointer, in: 'body', detail }]);
/** Not the applicant's or submitter's application, or unknown: the same answer, so nobody learns which. */
export const applicationNotFound = (): NotFoundError => new NotFoundError('participation.application-not-found', 'No such application of yours.');
export const notRateable = (): ConflictError => new ConflictError('participation.not-rateable', 'The application has no result yet: a service is rated after it is decided, delivered or rejected.');
export const alreadyRated = (): ConflictError => new ConflictError('participation.already-rated', 'This application’s service has already been rated.');
export const unknownService = (ref: string): NotFoundError => new NotFoundError('participation.unknown-service', `No published service "${ref.slice(0, 80)}".`);
export const unknownInstitution = (ref: string): NotFoundError => new NotFoundError('participation.unknown-institution', `No institution "${ref.slice(0, 80)}".`);
export const invalidIdea = (detail: string, pointer: string): ValidationError => new ValidationError('participation.invalid-idea', detail, [{ pointer, in: 'body', detail }]);
export const ideaNotFound = (): NotFoundError => new NotFoundError('participation.idea-not-found', 'No such idea.');
export const alreadySupported = (): ConflictError => new ConflictError('participation.already-supported', 'You already support this idea.');
export const ownIdea = (): ConflictError => new ConflictError('participation.own-idea', 'An idea is supported by others than its author.');
export const notIdeaManager = (): AppError => new AppError('participation.not-idea-manager', 'forbidden', 'Only the service managers of the idea’s institution may set its state.');
export const notModerator = (): AppError => new AppError('participation.not-moderator', 'forbidden', 'Only platform administrators moderate ideas.');
