/** Failures of roles, rights and mandates; codes carry the module's prefix. */
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';

export const noRight = (party: string): AppError =>
  new AppError('access.no-right', 'forbidden', `You have no right to act on behalf of ${party}: no board membership, legal representation or mandate covers it.`);
export const invalidParty = (value: string, pointer = '#'): ValidationError =>
  new ValidationError('access.invalid-party', `"${value}" is neither a valid personal code nor a company registration number.`, [
    { pointer, in: pointer === '#' ? 'headers' : 'body', detail: 'not a valid personal code or registration number' },
  ]);
export const mandateNotFound = (id: string): NotFoundError => new NotFoundError('access.mandate-not-found', `No mandate ${id} that concerns you.`);
export const invalidMandate = (detail: string, pointer: string): ValidationError =>
  new ValidationError('access.invalid-mandate', detail, [{ pointer, in: 'body', detail }]);
export const mandateState = (detail: string): ConflictError => new ConflictError('access.mandate-state', detail);
export const notPermitted = (detail: string): AppError => new AppError('access.not-permitted', 'forbidden', detail);
export const roleExists = (): ConflictError => new ConflictError('access.role-exists', 'The person already holds this role.');
export const roleNotFound = (id: string): NotFoundError => new NotFoundError('access.role-not-found', `No current role grant ${id}.`);
