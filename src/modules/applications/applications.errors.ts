/** Failures of applications, e-forms and the status register; codes carry the module's prefix. */
import { AppError, ConflictError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors.js';

/** A field error that also says it in both languages (the detail is the English one). */
export interface FormFieldError extends FieldError {
  keyword: string;
  messages: { lv: string; en: string };
}

export const applicationNotFound = (ref: string): NotFoundError => new NotFoundError('applications.not-found', `No application "${ref}" that you may see.`);
export const serviceNotFound = (ref: string): NotFoundError => new NotFoundError('applications.service-not-found', `No published service "${ref}" to apply for.`);
export const fileNotFound = (ref: string): NotFoundError => new NotFoundError('applications.file-not-found', `No file "${ref}" in this application.`);
export const draftNotFound = (): NotFoundError => new NotFoundError('applications.draft-not-found', 'No draft of this application.');

export const invalidData = (errors: FormFieldError[]): ValidationError =>
  new ValidationError('applications.invalid-data', `The application has ${errors.length} field${errors.length === 1 ? '' : 's'} to correct.`, errors);
export const invalidForm = (errors: FieldError[]): ValidationError => new ValidationError('applications.invalid-form', 'The form cannot be saved as it is.', errors);
export const invalidInput = (detail: string, pointer: string): ValidationError =>
  new ValidationError('applications.invalid-input', detail, [{ pointer, in: 'body', detail }]);
export const invalidLeadTime = (detail: string): ValidationError =>
  new ValidationError('applications.invalid-lead-time', `The lead time is ${detail}.`, [{ pointer: '#/duration', in: 'body', detail }]);
export const batchTooLarge = (max: number): ValidationError =>
  new ValidationError('applications.batch-too-large', `A batch holds at most ${max} events.`, [{ pointer: '#/events', in: 'body', detail: `at most ${max} events` }]);

export const attachmentTooLarge = (errors: FieldError[]): AppError => new AppError('applications.attachment-too-large', 'too_large', 'An attached file is larger than its slot allows.', errors);
export const attachmentType = (errors: FieldError[]): AppError =>
  new AppError('applications.attachment-type', 'unsupported_media_type', 'An attached file is of a type its slot does not accept.', errors);
export const invalidAttachments = (errors: FieldError[]): ValidationError => new ValidationError('applications.invalid-attachments', 'The attachments do not match the form.', errors);

export const notManager = (): AppError =>
  new AppError('applications.not-service-manager', 'forbidden', 'Only service managers of the institution that provides the service may change its form and lead time.');
export const notInstitution = (): AppError =>
  new AppError('applications.not-institution', 'forbidden', 'Only the institution that provides the service (its systems and case handlers) may do this.');
export const notApplicant = (): AppError => new AppError('applications.not-applicant', 'forbidden', 'Only the applicant, or whoever acts for them, may do this.');
export const notAPerson = (): AppError => new AppError('applications.not-a-person', 'forbidden', 'Applications are submitted by a signed-in person.');

export const invalidTransition = (detail: string): ConflictError => new ConflictError('applications.invalid-transition', detail);
export const formVersionConflict = (expected: number, current: number): ConflictError =>
  new ConflictError('applications.form-version-conflict', `The form is at version ${current}, not ${expected}; reload it and apply your change again.`);

/** Codes of the problems an individual status event can have (refused by name, the rest of the batch is kept). */
export const EVENT_PROBLEMS = {
  unknownApplication: 'applications.unknown-application',
  unknownService: 'applications.unknown-service',
  invalidEvent: 'applications.invalid-event',
  invalidTransition: 'applications.invalid-transition',
  outOfOrder: 'applications.out-of-order',
} as const;

/** A status event refused on its own (recordStatus turns it into one of the errors above). */
export function eventRefused(code: string, detail: string): AppError {
  if (code === EVENT_PROBLEMS.unknownApplication) return new NotFoundError(code, detail);
  if (code === EVENT_PROBLEMS.invalidEvent || code === EVENT_PROBLEMS.unknownService) return new ValidationError(code, detail, [{ pointer: '#', in: 'body', detail }]);
  return new ConflictError(code, detail);
}
export const noFeeDue = (): AppError => new ConflictError('applications.no-fee-due', 'No fee is due for these answers: submit the application as it is.');
export const feeDue = (): AppError => new ConflictError('applications.fee-due', 'A fee is due for these answers: the application is submitted once it is paid, in the workspace.');
