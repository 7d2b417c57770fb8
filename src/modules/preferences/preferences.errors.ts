/** Failures of notification preferences; codes carry the module's prefix. */
import { AppError, NotFoundError, ValidationError } from '../../platform/errors.js';

const field = (code: string, detail: string, pointer: string, where: 'body' | 'query' = 'body'): ValidationError =>
  new ValidationError(code, detail, [{ pointer, in: where, detail }]);

export const invalidPersonalCode = (): ValidationError => field('preferences.invalid-personal-code', 'Not a valid personal code.', '#/personalCode');
export const invalidEmail = (): ValidationError => field('preferences.invalid-email', 'Not an e-mail address.', '#/email');
export const invalidPhone = (): ValidationError => field('preferences.invalid-phone', 'Not a phone number: write it with the country code, e.g. +371 20000000.', '#/phone');
export const invalidQuietHours = (pointer: string): ValidationError => field('preferences.invalid-quiet-hours', 'Quiet hours are two times of day (HH:MM) that differ.', pointer);
export const invalidSubscription = (): ValidationError => field('preferences.invalid-subscription', 'Not a web push subscription (an https endpoint with p256dh and auth keys).', '#/subscription');
/** Unknown, used, expired or somebody else's: all look the same, so a token reveals nothing. */
export const confirmationInvalid = (): AppError => new AppError('preferences.confirmation-invalid', 'gone', 'This confirmation link or code is not valid: it was used, has expired or was replaced by a newer one.');
/** A wrong phone code; pages tell how many attempts are left. */
export class WrongCodeError extends ValidationError {
  constructor(readonly attemptsLeft: number) {
    super('preferences.wrong-code', `The code is not right; ${attemptsLeft} attempt(s) left.`, [{ pointer: '#/code', in: 'body', detail: 'not the code that was sent' }]);
  }
}
export const wrongCode = (attemptsLeft: number): WrongCodeError => new WrongCodeError(attemptsLeft);
export const attemptsExhausted = (): AppError => new AppError('preferences.code-attempts-exhausted', 'gone', 'Too many wrong codes were entered; ask for a new code.');
export const tooManyRequests = (): AppError => new AppError('preferences.too-many-requests', 'rate_limited', 'Too many confirmation messages were asked for; try again in an hour.');
export const deviceNotFound = (): NotFoundError => new NotFoundError('preferences.device-not-found', 'No such push subscription of yours.');
export const personsOnly = (): AppError => new AppError('preferences.persons-only', 'forbidden', 'Only a signed-in person has notification preferences.');
