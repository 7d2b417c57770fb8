/** Failures of offers; codes carry the module's prefix. */
import { NotFoundError, ValidationError } from '../../platform/errors.js';

export const invalidPersonalCode = (): ValidationError =>
  new ValidationError('offers.invalid-personal-code', 'Not a valid personal code.', [{ pointer: '#/personalCode', in: 'body', detail: 'not a valid personal code' }]);
export const unknownEvent = (code: string): NotFoundError => new NotFoundError('offers.unknown-event', `No life or business event "${code.slice(0, 60)}" in the catalog.`);
export const unknownService = (id: string): NotFoundError => new NotFoundError('offers.unknown-service', `No published service "${id.slice(0, 60)}" in the catalog.`);
export const invalidRule = (detail: string, pointer: string): ValidationError => new ValidationError('offers.invalid-rule', detail, [{ pointer, in: 'body', detail }]);
