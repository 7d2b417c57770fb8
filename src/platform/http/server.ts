/**
 * The HTTP foundation shared by every module: logging, problem+json errors,
 * trusted proxies, security headers, response compression, form bodies, the
 * OpenAPI document and reference page, health, readiness and Prometheus
 * metrics (behind a token).
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import helmet, { type HelmetOptions } from 'helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TSchema } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { installAuthentication } from './auth.js';
import { installDeprecation } from './deprecation.js';
import { lazyCompilers } from './compilers.js';
import { installCompression } from './compression.js';
import { tokensMatch } from './csrf.js';
import { installProblemDocumentation } from './openapi.js';
import { makeProblem, ProblemSchema, sendProblem, toProblem } from './problem.js';
import { installTrustedProxies, proxyTrust } from './proxies.js';
import type { ServerResponse } from 'node:http';

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
  /** METRICS_TOKEN: the bearer token /metrics requires; undefined: /metrics is not served */
  metricsToken?: string | undefined;
  /** TRUST_PROXY: proxies (addresses, CIDR ranges, `loopback`) whose X-Forwarded-* are believed; default none */
  trustProxy?: readonly string[];
}

/** Powerful browser features no page of the platform uses: denied to every page and anything it embeds. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'browsing-topics=()',
  'camera=()',
  'display-capture=()',
  'encrypted-media=()',
  'fullscreen=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'picture-in-picture=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/**
 * Helmet's security headers on every reply, worked out once: with fixed
 * options they depend on nothing in the request, and @fastify/helmet rebuilt
 * helmet's middleware (parsing the CSP directives anew) for every request —
 * a tenth of the CPU time of a cached catalog search. Set on the raw reply in
 * the first onRequest hook, as the plugin did, so errors and 404s carry them.
 */
function installSecurityHeaders(app: App, settings: HelmetOptions): void {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string | number) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  helmet(settings)({} as never, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}

/** How long a closing server lets responses begun before the close finish before it cuts their connections. */
const CLOSE_GRACE_MS = 10_000;

/**
 * Fastify's close waits for every open connection. A keep-alive connection
 * whose request was in flight at the close would then stay open for the
 * keep-alive timeout (72 s), holding the close up that long: so answers sent
 * while closing say `Connection: close` (the connection ends with its answer),
 * and any connection still open CLOSE_GRACE_MS later is cut.
 */
function installCloseDrain(app: App): { now: boolean } {
  const closing = { now: false };
  let cut: NodeJS.Timeout | undefined;
  app.addHook('preClose', (done) => {
    closing.now = true;
    cut = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS).unref();
    done();
  });
  app.addHook('onClose', (_instance, done) => {
    clearTimeout(cut);
    done();
  });
  return closing;
}

export async function createServer(options: ServerOptions): Promise<App> {
  const trusted = proxyTrust(options.trustProxy ?? []);
  const app = Fastify({
    ...(typeof options.logger === 'boolean' ? { logger: options.logger } : { loggerInstance: options.logger }),
    // request.ip, protocol and host follow X-Forwarded-* only through the configured proxies.
    trustProxy: (address: string) => trusted(address),
    bodyLimit: 1024 * 1024,
    // Ajv: report every failing field, keep the given data as it is.
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    schemaController: { compilersFactory: lazyCompilers() },
    // fast-json-stringify picks a union's branch (a nullable date, say) by validating the value against each, with
    // Ajv; formats play no part in how a string is written, and checking them was most of the work (measured:
    // 50 tickets of four nullable dates, 0.145 → 0.040 ms a response; JSON.stringify 0.030).
    serializerOpts: { ajv: { validateFormats: false } },
    return503OnClosing: true,
    // Errors raised before routing (a URL that is not valid UTF-8, a bad content type) are problems too.
    frameworkErrors: (error, request, reply) => sendProblem(reply, toProblem(error, request)),
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  installTrustedProxies(app, trusted);
  // Security headers next, before anything that may refuse the request: a 401 or 404 carries them too.
  installSecurityHeaders(app, {
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
  // Before any route: the compression hook is attached to each route as it is added.
  await installCompression(app);
  // Set before any route is added: a route keeps the error handler of the moment it was added (the probes below too).
  app.setErrorHandler((error, request, reply) => sendProblem(reply, toProblem(error, request)));
  const closing = installCloseDrain(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    if (closing.now && request.raw.httpVersionMajor < 2) reply.header('connection', 'close');
  });
  app.addSchema(ProblemSchema);
  for (const schema of options.sharedSchemas) app.addSchema(schema);
  installProblemDocumentation(app);
  installDeprecation(app);

  installAuthentication(app);
  await app.register(formbody);
  // Uploads (attachments, answers, results) are read as streams by the routes that take them; these are the outer bounds.
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 20, fields: 500, fieldSize: 1024 * 1024, parts: 520 } });

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

  // Probes answer whatever Authorization a client sends: they authenticate nobody.
  const probe = { authenticate: false };
  app.get(
    '/healthz',
    { config: probe, schema: { tags: ['platform'], summary: 'Liveness: 200 while the process runs', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: probe,
      schema: {
        tags: ['platform'],
        summary: 'Readiness: 200 when the database answers, else 503',
        response: { 200: Type.Object({ status: Type.Literal('ready') }), 503: Type.Object({ status: Type.Literal('unavailable') }) },
      },
    },
    async (_request, reply) => {
      const ready = await options.ready();
      return ready ? reply.code(200).send({ status: 'ready' as const }) : reply.code(503).send({ status: 'unavailable' as const });
    },
  );
  // Metrics tell much about the platform's use: only for the scraper holding METRICS_TOKEN; without the setting they are not served.
  const metricsToken = options.metricsToken;
  if (metricsToken) {
    app.get('/metrics', { config: probe, schema: { hide: true } }, async (request, reply) => {
      const sent = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!tokensMatch(sent, metricsToken)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        return sendProblem(reply, makeProblem(401, 'metrics.unauthenticated', 'Send the metrics token (METRICS_TOKEN) as a bearer token.'));
      }
      return reply.type(metrics.contentType).send(await metrics.metrics());
    });
  }

  return app;
}
