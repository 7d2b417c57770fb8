/**
 * The HTTP foundation shared by every module: logging, problem+json errors,
 * security headers, form bodies, the OpenAPI document and reference page,
 * health, readiness and Prometheus metrics.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TSchema } from '@sinclair/typebox';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { installAuthentication } from './auth.js';
import { ProblemSchema, sendProblem, toProblem } from './problem.js';

// The server, request and reply types stay Fastify's defaults; only the type provider is fixed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type App = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;

export interface ServerOptions {
  logger: FastifyServerOptions['loggerInstance'] | boolean;
  publicUrl: string;
  secure: boolean;
  /** answers /readyz: true when the database responds */
  ready: () => Promise<boolean>;
  /** schemas referenced by $id from route schemas */
  sharedSchemas: TSchema[];
  /** OpenAPI tags, one per module: its word and what it serves */
  tags: { name: string; description: string }[];
  version: string;
}

export async function createServer(options: ServerOptions): Promise<App> {
  const app = Fastify({
    ...(typeof options.logger === 'boolean' ? { logger: options.logger } : { loggerInstance: options.logger }),
    trustProxy: true,
    bodyLimit: 1024 * 1024,
    // Ajv: report every failing field, keep the given data as it is.
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    return503OnClosing: true,
    // Errors raised before routing (a URL that is not valid UTF-8, a bad content type) are problems too.
    frameworkErrors: (error, request, reply) => sendProblem(reply, toProblem(error, request)),
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addSchema(ProblemSchema);
  for (const schema of options.sharedSchemas) app.addSchema(schema);

  installAuthentication(app);
  await app.register(formbody);
  // Uploads (attachments, answers, results) are read as streams by the routes that take them; these are the outer bounds.
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 20, fields: 500, fieldSize: 1024 * 1024, parts: 520 } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: options.secure ? [] : null,
      },
    },
    // HSTS only makes sense (and is only honoured) over TLS.
    strictTransportSecurity: options.secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pakalpojumi API',
        version: options.version,
        description:
          'The public API of the public-service delivery platform: the service register and catalogs, and (as they arrive) applications, statuses, mandates and notifications. Errors are application/problem+json (RFC 9457).',
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      servers: [{ url: options.publicUrl }],
      tags: [...options.tags, { name: 'platform', description: 'Health and operations' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An access token issued by the platform’s OpenID provider' },
        },
      },
    },
    // Keep the schemas' own names as component names.
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    hideUntagged: true,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [metrics],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', { schema: { tags: ['platform'], summary: 'Liveness: 200 while the process runs' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { tags: ['platform'], summary: 'Readiness: 200 when the database answers, else 503' } }, async (_request, reply) => {
    const ready = await options.ready();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable' });
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => reply.type(metrics.contentType).send(await metrics.metrics()));

  return app;
}
