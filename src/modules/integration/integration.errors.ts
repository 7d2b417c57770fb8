/** Failures of integration; codes carry the module's prefix. */
import { AppError, NotFoundError, ValidationError } from '../../platform/errors.js';

export const notAClient = (): AppError => new AppError('integration.not-a-client', 'forbidden', 'Webhooks belong to API clients: call with a client-credentials token.');
export const webhookNotFound = (id: string): NotFoundError => new NotFoundError('integration.webhook-not-found', `No webhook "${id.slice(0, 60)}" of this client.`);
export const deliveryNotFound = (id: string): NotFoundError => new NotFoundError('integration.delivery-not-found', `No delivery "${id.slice(0, 60)}" of this webhook.`);
export const invalidUrl = (detail: string): ValidationError => new ValidationError('integration.invalid-url', detail, [{ pointer: '#/url', in: 'body', detail }]);
export const notReadable = (type: string): AppError =>
  new AppError('integration.event-not-readable', 'forbidden', `This client may not read ${type} events: they are about applications, and the client is no institution's system.`);
export const clientRequestNotFound = (id: string): NotFoundError => new NotFoundError('integration.client-request-not-found', `No client request "${id.slice(0, 60)}".`);
export const notClientOwner = (): AppError => new AppError('integration.not-client-owner', 'forbidden', 'Only the client’s requester and its institution’s integration managers look after it.');
export const notForInstitution = (): AppError =>
  new AppError('integration.not-for-institution', 'forbidden', 'Clients for an institution are requested by its integration managers or administrators.');
export const requestDecided = (): AppError => new AppError('integration.client-request-decided', 'conflict', 'This request has already been decided.');
export const secretAlreadyShown = (): AppError => new AppError('integration.secret-already-shown', 'conflict', 'The first secret was shown once already; rotate it for a new one.');
export const invalidClientRequest = (fields: string[]): ValidationError =>
  new ValidationError(
    'integration.invalid-client-request',
    `The request is not valid: ${fields.join(', ')}.`,
    fields.map((field) => ({ pointer: `#/${field}`, in: 'body' as const, detail: `${field} is not valid` })),
  );
