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

/**
 * The channel's server is down or not taking messages now (unreachable, a 421 or 5xx of the provider
 * itself), whichever the message: the delivery is retried, and brought forward as soon as another
 * delivery over the channel gets through.
 */
export class ChannelUnavailable extends Error {
  override name = 'ChannelUnavailable';
}
