/**
 * Fastify's own schema compilers (Ajv for requests, fast-json-stringify for
 * responses), made lazy: a route's validators and serializers are compiled when
 * the route is first used, not while the server starts. Compiling all of them
 * up front cost about 6 s of CPU at every start (measured: fast-json-stringify
 * 4.2 s, Ajv 1.5 s of a 14 s start), and most routes of a process are seldom
 * or never answered. What they compile, and how they behave, is unchanged; a
 * schema that cannot compile fails its route's first request (500) instead of
 * the start, and the OpenAPI and fuzz tests call every route.
 */
import ValidatorSelector from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
/** What Fastify hands a validator compiler for one part of one route. */
interface RouteValidation {
  schema: unknown;
  method: string;
  url: string;
  httpPart?: string;
}
type Validate = ((data: unknown, context?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown };
type BuildValidator = (externalSchemas: unknown, options: unknown) => (route: RouteValidation) => Validate;
type BuildSerializer = ReturnType<typeof SerializerSelector>;

/** Memoises `make` until the first call. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/**
 * Fastify lower-cases a headers schema's property names for its default
 * compiler only (headers arrive lower-cased); a compiler of one's own must do
 * the same.
 */
function withLowerCaseHeaders(route: RouteValidation): RouteValidation {
  const schema = route.schema as { properties?: Record<string, unknown>; required?: string[] } | null;
  if (route.httpPart !== 'headers' || typeof schema !== 'object' || schema === null || !schema.properties) return route;
  const properties = Object.fromEntries(Object.entries(schema.properties).map(([name, value]) => [name.toLowerCase(), value]));
  const required = schema.required?.map((name) => name.toLowerCase());
  return { ...route, schema: { ...schema, properties, ...(required ? { required } : {}) } };
}

/** Ajv validators, compiled at first use; they keep Ajv's interface (`errors`, `schemaEnv`) that Fastify reads. */
const lazyValidators = (select: ReturnType<typeof ValidatorSelector>): BuildValidator => (externalSchemas, options) => {
  const compiler = once(() => (select as unknown as BuildValidator)(externalSchemas, options));
  return (route: RouteValidation) => {
    const compiled = once(() => compiler()(withLowerCaseHeaders(route)));
    const validate = ((data: unknown, context?: unknown) => compiled()(data, context)) as Validate;
    Object.defineProperties(validate, {
      errors: { get: () => compiled().errors },
      schemaEnv: { get: () => compiled().schemaEnv },
    });
    return validate;
  };
};

/** fast-json-stringify serializers, compiled at a route's first response of each status. */
const lazySerializers = (select: BuildSerializer): BuildSerializer => (externalSchemas, options) => {
  const compiler = once(() => select(externalSchemas, options));
  return (route) => {
    const compiled = once(() => compiler()(route));
    return (data: unknown) => compiled()(data);
  };
};

/** One server's compilers; like Fastify's defaults, its Ajv instances are pooled by shared schemas and options. */
export function lazyCompilers(): CompilersFactory {
  return { buildValidator: lazyValidators(ValidatorSelector()), buildSerializer: lazySerializers(SerializerSelector()) } as unknown as CompilersFactory;
}
