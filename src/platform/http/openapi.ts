/**
 * The OpenAPI document tells the truth about errors. Every error leaves as
 * application/problem+json (problem.ts), so every documented 4xx/5xx is a
 * Problem in that media type, and every operation also documents what the
 * platform itself may answer before a route runs: a malformed request (400),
 * a bearer token that is not valid (401), an On-Behalf-Of party one may not act
 * for (403), a body too large or of a media type the route does not take
 * (413, 415), and 503 while the server shuts down. Applied to each route as it
 * is added, so a new route is documented this way without doing anything.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { PROBLEM_CONTENT_TYPE, TITLE_OF_STATUS } from './problem.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Statuses the platform may answer on any API operation, whatever the route does (429: the client's rate limit). */
export function platformStatuses(method: string): number[] {
  return BODY_METHODS.has(method) ? [400, 401, 403, 413, 415, 429, 503] : [400, 401, 403, 429, 503];
}

/** A problem+json response object for `status` (OpenAPI and Fastify's serializer both read it). */
export function problemResponse(status: number): Record<string, unknown> {
  return { description: TITLE_OF_STATUS[status] ?? 'Error', content: { [PROBLEM_CONTENT_TYPE]: { schema: Type.Ref('Problem') } } };
}

function isProblemRef(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { $ref?: unknown }).$ref === 'Problem';
}

/** Rewrites one route's responses: Problem refs into problem+json, plus the platform's own statuses. */
export function documentProblems(route: Pick<RouteOptions, 'method' | 'url' | 'schema'>): void {
  const schema = route.schema as (RouteOptions['schema'] & { hide?: boolean; tags?: string[] }) | undefined;
  if (!schema || schema.hide || !route.url.startsWith('/api/')) return;
  const response: Record<string, unknown> = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
  for (const [code, value] of Object.entries(response)) {
    if (Number(code) >= 400 && isProblemRef(value)) response[code] = problemResponse(Number(code));
  }
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  for (const method of methods) {
    for (const status of platformStatuses(method)) response[String(status)] ??= problemResponse(status);
  }
  schema.response = response;
}

export function installProblemDocumentation(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => documentProblems(route));
}

/**
 * A `$ref` to a shared schema as the type provider reads it: Fastify's TypeBox
 * type provider (v6) infers with TypeBox 1.x, which takes an unsafe type's
 * type from `~unsafe`; our schemas are TypeBox 0.34, which takes it from `static`.
 */
export type SchemaRef<T> = TUnsafe<T> & { readonly '~unsafe': T };

/**
 * A reference to a shared schema (added with app.addSchema) that keeps its
 * type: the route's body, query or reply is `Static<>` of the schema itself.
 */
export function schemaRef<T extends TSchema>(schema: T): SchemaRef<Static<T>> {
  if (typeof schema.$id !== 'string') throw new Error('schemaRef: the schema has no $id');
  // The `~unsafe` member exists for the type checker only; at run time the reference is the plain `{ $ref }` Fastify resolves.
  const ref: TUnsafe<Static<T>> & { readonly '~unsafe'?: Static<T> } = Type.Unsafe<Static<T>>(Type.Ref(schema.$id));
  return ref as SchemaRef<Static<T>>;
}

/** A request body documented per media type, typed (for the handler) as `T`. */
export type BodyContent<T> = { content: Record<string, { schema: TSchema }> } & { readonly '~unsafe': T };

/**
 * A body taken as application/json or as multipart/form-data, whose text
 * fields a preValidation hook turns into the JSON shape (files go aside): the
 * handler's `request.body` is `Static<>` of the JSON schema either way.
 */
export function jsonOrMultipart<J extends TSchema>(json: J, multipart: TSchema): BodyContent<Static<J>> {
  const content: { content: Record<string, { schema: TSchema }> } & { readonly '~unsafe'?: Static<J> } = {
    content: { 'application/json': { schema: json }, 'multipart/form-data': { schema: multipart } },
  };
  // `~unsafe` is for the type checker only (see SchemaRef).
  return content as BodyContent<Static<J>>;
}

/** A route's documented problem responses: each status answers the shared `Problem` schema (application/problem+json). */
export const problems = (...codes: number[]): Record<number, unknown> => Object.fromEntries(codes.map((code) => [code, Type.Ref('Problem')]));

/** The OpenAPI security requirement of the API: a bearer token. */
export const bearerSecurity = [{ bearer: [] }];
