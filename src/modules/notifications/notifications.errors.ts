/** Failures of notifications; codes carry the module's prefix (problem types `/problems/notifications.*`). */
import { AppError, NotFoundError, ValidationError } from '../../platform/errors.js';

export const notificationNotFound = (id: string): NotFoundError => new NotFoundError('notifications.not-found', `No notification "${id}" that you sent.`);
export const inboxItemNotFound = (id: string): NotFoundError => new NotFoundError('notifications.not-found', `No notification "${id}" in your inbox.`);
export const invalidInput = (detail: string, pointer: string): ValidationError =>
  new ValidationError('notifications.invalid-input', detail, [{ pointer, in: 'body', detail }]);
export const invalidTemplate = (detail: string, pointer: string): ValidationError =>
  new ValidationError('notifications.invalid-template', detail, [{ pointer, in: 'body', detail }]);
export const systemsOnly = (): AppError =>
  new AppError('notifications.systems-only', 'forbidden', 'Only an institution’s information system (client credentials) may send notifications.');
export const personsOnly = (): AppError => new AppError('notifications.persons-only', 'forbidden', 'Only a signed-in person has an inbox.');
export const notServiceManager = (): AppError =>
  new AppError('notifications.not-service-manager', 'forbidden', 'Only service managers of the institution that provides the service may change its notifications.');

export class RateLimited extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('notifications.rate-limited', 'rate_limited', `Too many notifications from this client; try again in ${retryAfterSeconds} s.`);
  }
}

/** A channel's answer that retrying cannot change (no such address, subscription gone): the delivery fails at once. */
export class PermanentFailure extends Error {
  override name = 'PermanentFailure';
}
