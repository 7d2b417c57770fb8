/** The identity module's failures; codes carry the module's prefix (`auth.*` for authentication itself). */
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';

export const invalidPersonalCode = (value: string): ValidationError =>
  new ValidationError('identity.invalid-personal-code', `"${value}" is not a valid Latvian personal code.`, [
    { pointer: '#/personalCode', in: 'body', detail: 'must be 11 digits (DDMMYY-NNNNN) with a valid date and check digit, or start with 32' },
  ]);
export const personNotFound = (ref: string): NotFoundError => new NotFoundError('identity.person-not-found', `No person "${ref}".`);
export const clientNotFound = (ref: string): NotFoundError => new NotFoundError('identity.client-not-found', `No OpenID client "${ref}".`);

/** A bearer token that is unknown, expired or revoked: 401, never a 500. */
export const invalidToken = (): AppError => new AppError('auth.invalid-token', 'unauthenticated', 'The bearer token is not valid: it is unknown, expired or revoked.');
export const signInUnavailable = (): AppError => new AppError('identity.sign-in-unavailable', 'unavailable', 'Sign-in is not configured on this platform.');
export const upstreamFailed = (detail: string): AppError => new AppError('identity.eid-failed', 'unavailable', `The national eID did not complete the sign-in: ${detail}`);
export const clientExists = (clientId: string): ConflictError =>
  new ConflictError('identity.client-exists', `The client id "${clientId}" is already registered (perhaps disabled); choose another.`);
export const clientState = (detail: string): ConflictError => new ConflictError('identity.client-state', detail);
