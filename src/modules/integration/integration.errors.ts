/** Failures of integration; codes carry the module's prefix. */
import { AppError, NotFoundError, ValidationError } from '../../platform/errors.js';

export const notAClient = (): AppError => new AppError('integration.not-a-client', 'forbidden', 'Webhooks belong to API clients: call with a client-credentials token.');
export const webhookNotFound = (id: string): NotFoundError => new NotFoundError('integration.webhook-not-found', `No webhook "${id.slice(0, 60)}" of this client.`);
export const deliveryNotFound = (id: string): NotFoundError => new NotFoundError('integration.delivery-not-found', `No delivery "${id.slice(0, 60)}" of this webhook.`);
export const invalidUrl = (detail: string): ValidationError => new ValidationError('integration.invalid-url', detail, [{ pointer: '#/url', in: 'body', detail }]);
export const notReadable = (type: string): AppError =>
  new AppError('integration.event-not-readable', 'forbidden', `This client may not read ${type} events: they are about applications, and the client is no institution's system.`);
