/**
 * RFC 9457 problem details: every error of the API, including 404s, validation
 * failures and malformed bodies, leaves the process as application/problem+json
 * with a stable `type`. 5xx details never reach the client.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AppError, type ErrorKind, type FieldError } from '../errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'stable identifier of the kind of problem (a relative URI: /problems/{code})' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          pointer: Type.String({ description: 'JSON Pointer to the offending member' }),
          in: Type.String({ enum: ['body', 'query', 'params', 'headers'] }),
          detail: Type.String(),
          keyword: Type.Optional(Type.String({ description: 'the JSON Schema keyword that failed (e-forms)' })),
          messages: Type.Optional(
            Type.Object({ lv: Type.String(), en: Type.String() }, { description: 'the same message in Latvian and English, for showing to the person who filled in the form' }),
          ),
        }),
      ),
    ),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details' },
);

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unsupported_media_type: 415,
  not_acceptable: 406,
  rate_limited: 429,
  unavailable: 503,
};

export const TITLE_OF_STATUS: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function problemType(code: string): string {
  return `/problems/${code}`;
}

export function makeProblem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  const problem: Problem = { type: problemType(code), title: TITLE_OF_STATUS[status] ?? 'Error', status, detail };
  if (errors && errors.length > 0) problem.errors = errors;
  return problem;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

interface AjvLikeError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns Ajv's errors into one field error per offending member. */
function fieldErrorsFromValidation(where: string | undefined, errors: AjvLikeError[]): FieldError[] {
  const location: FieldError['in'] = where === 'querystring' ? 'query' : where === 'params' || where === 'headers' ? where : 'body';
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors) {
    let pointer = `#${error.instancePath ?? ''}`;
    // "must have required property 'x'" and "must NOT have additional properties" name a child member.
    const child = (error.params?.missingProperty ?? error.params?.additionalProperty) as string | undefined;
    if (child !== undefined) pointer = `${pointer}/${child.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const key = `${pointer}|${error.keyword}`;
    if (seen.has(pointer) && error.keyword !== 'required') continue;
    if (seen.has(key)) continue;
    seen.add(pointer);
    seen.add(key);
    const detail = error.keyword === 'additionalProperties' ? 'is not a known member' : (error.message ?? 'is invalid');
    result.push({ pointer, in: location, detail });
  }
  return result;
}

/** Maps a Fastify framework error (bad JSON, wrong media type, too large …) to a problem code. */
function codeOfFrameworkError(error: FastifyError, status: number): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported-media-type';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'payload-too-large';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'malformed-body';
    default:
      break;
  }
  if (error instanceof SyntaxError) return 'malformed-body';
  if (status === 429) return 'rate-limited';
  return status === 404 ? 'not-found' : 'bad-request';
}

export function toProblem(error: unknown, request: FastifyRequest): Problem {
  if (error instanceof AppError) {
    return makeProblem(STATUS_OF_KIND[error.kind], error.code, error.message, error.errors);
  }
  const fastifyError = error as FastifyError & { validationContext?: string };
  if (fastifyError.validation) {
    const errors = fieldErrorsFromValidation(fastifyError.validationContext, fastifyError.validation as AjvLikeError[]);
    const part = fastifyError.validationContext === 'querystring' ? 'query string' : (fastifyError.validationContext ?? 'body');
    return makeProblem(400, 'validation', `The request ${part} is not valid: see errors.`, errors);
  }
  // PostgreSQL refusing the text itself (a NUL byte, broken UTF-8) is the client's input, not our fault.
  if (fastifyError.code === '22021' || fastifyError.code === '22P05') {
    return makeProblem(400, 'invalid-text', 'The request contains characters that cannot be stored or searched (e.g. a NUL byte).');
  }
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = codeOfFrameworkError(fastifyError, status);
    // Framework messages of 4xx errors describe the input, not the server: safe to show.
    const detail = code === 'malformed-body' ? 'The request body is not valid JSON or is not in the declared media type.' : fastifyError.message;
    return makeProblem(status, code, detail);
  }
  request.log.error({ err: error }, 'request failed');
  return makeProblem(status >= 500 && status < 600 ? status : 500, 'internal', 'Something went wrong on our side. The error has been logged; please try again later.');
}

/**
 * Installs the not-found handler (`notFoundPage` may render an HTML page for
 * browsers). The error handler itself is set by createServer, before any route.
 */
export function installProblemHandlers(
  app: FastifyInstance,
  options: { notFoundPage?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | Promise<FastifyReply> } = {},
): void {
  app.setNotFoundHandler((request, reply) => {
    if (options.notFoundPage && wantsHtml(request)) return options.notFoundPage(request, reply);
    return sendProblem(reply, makeProblem(404, 'not-found', `There is no ${request.method} ${request.url.split('?')[0]} here.`));
  });
}

/** True for a browser asking for a page (not an API path). */
export function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false;
  return (request.headers.accept ?? '').includes('text/html');
}
