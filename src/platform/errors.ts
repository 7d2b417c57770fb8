/**
 * The one family of domain errors. Services throw them; only the HTTP edge
 * turns them into statuses (problem+json). Each module names its codes with its
 * own prefix (`catalog.service_not_found`), which also forms the problem `type`.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'unsupported_media_type'
  | 'not_acceptable'
  | 'rate_limited'
  | 'unavailable';

export interface FieldError {
  /** JSON Pointer (RFC 6901) to the offending member, e.g. `#/title/lv`; `#` for the whole body */
  pointer: string;
  /** where the member was: body, query, params or headers */
  in: 'body' | 'query' | 'params' | 'headers';
  detail: string;
  /** the JSON Schema keyword that failed, when a form's schema said no */
  keyword?: string;
  /** the message in both languages, for people (e-forms) */
  messages?: { lv: string; en: string };
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    /** stable, module-prefixed code: `catalog.service_not_found` */
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  constructor(code: string, message: string) {
    super(code, 'not_found', message);
  }
}

export class ValidationError extends AppError {
  constructor(code: string, message: string, errors: FieldError[] = []) {
    super(code, 'invalid', message, errors);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(code, 'conflict', message);
  }
}
