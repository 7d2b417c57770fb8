/** The service register's failures; codes carry the module's prefix. */
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';

export const serviceNotFound = (ref: string): NotFoundError => new NotFoundError('catalog.service-not-found', `No service "${ref}" in the register.`);
export const institutionNotFound = (ref: string): NotFoundError => new NotFoundError('catalog.institution-not-found', `No institution "${ref}" in the register.`);
export const eventNotFound = (code: string): NotFoundError => new NotFoundError('catalog.event-not-found', `No life or business event "${code}".`);
export const unknownEvents = (codes: string[]): ValidationError =>
  new ValidationError(
    'catalog.unknown-event',
    `Unknown event codes: ${codes.join(', ')}.`,
    codes.map((code) => ({ pointer: '#/events', in: 'body' as const, detail: `"${code}" is not a life or business event` })),
  );
export const slugTaken = (slug: string): ConflictError => new ConflictError('catalog.slug-taken', `The slug "${slug}" is already used by another service.`);
export const identifierTaken = (identifier: string): ConflictError =>
  new ConflictError('catalog.identifier-taken', `The institution already has a service with identifier "${identifier}".`);
export const versionConflict = (expected: number): ConflictError =>
  new ConflictError('catalog.version-conflict', `The service changed since version ${expected}; reload it and apply your change again.`);
export const invalidTransition = (from: string, to: string): ConflictError =>
  new ConflictError('catalog.invalid-transition', `A ${from} service cannot be made ${to}.`);
export const notManager = (): AppError =>
  new AppError('catalog.not-service-manager', 'forbidden', 'Only service managers of the institution that provides the service may change it.');
export const institutionCodeTaken = (code: string): ConflictError =>
  new ConflictError('catalog.institution-code-taken', `An institution with the code "${code}" is already in the register.`);
export const invalidInstitution = (detail: string, pointer: string): ValidationError =>
  new ValidationError('catalog.invalid-institution', detail, [{ pointer, in: 'body', detail }]);
export const notPlatformAdmin = (): AppError =>
  new AppError('catalog.not-platform-admin', 'forbidden', 'Only platform administrators may register and change institutions.');
