/**
 * Deprecated API operations announce it on every answer, as the versioning
 * policy on /developers promises: `Deprecation` (RFC 9745: since when, as
 * `@<epoch seconds>`), `Sunset` (RFC 8594: the HTTP date after which it may
 * answer 410) and `Link` to the policy and the successor; OpenAPI marks the
 * operation `deprecated`. A route declares it in its config:
 *   { config: { deprecated: { since: '2026-12-01', sunset: '2027-06-01', successor: '/api/v2/…' } } }
 */
import type { FastifyInstance } from 'fastify';

export interface Deprecation {
  /** the day it was deprecated (ISO date or date-time) */
  since: string;
  /** the day after which it may be gone: at least six months after `since` */
  sunset: string;
  /** the operation that replaces it */
  successor?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    deprecated?: Deprecation;
  }
}

/** Where the versioning and deprecation policy is written. */
export const DEPRECATION_POLICY = '/en/developers#versioning';

export function deprecationHeaders(deprecation: Deprecation): Record<string, string> {
  const links = [`<${DEPRECATION_POLICY}>; rel="deprecation"; type="text/html"`, `<${DEPRECATION_POLICY}>; rel="sunset"; type="text/html"`];
  if (deprecation.successor) links.push(`<${deprecation.successor}>; rel="successor-version"`);
  return {
    deprecation: `@${Math.floor(Date.parse(deprecation.since) / 1000)}`,
    sunset: new Date(deprecation.sunset).toUTCString(),
    link: links.join(', '),
  };
}

export function installDeprecation(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const deprecation = route.config?.deprecated;
    if (!deprecation) return;
    if (Number.isNaN(Date.parse(deprecation.since)) || Number.isNaN(Date.parse(deprecation.sunset))) throw new Error(`${route.url}: a deprecation needs valid since and sunset dates`);
    if (route.schema) (route.schema as { deprecated?: boolean }).deprecated = true;
  });
  app.addHook('onSend', async (request, reply) => {
    const deprecation = request.routeOptions.config?.deprecated;
    if (deprecation) for (const [name, value] of Object.entries(deprecationHeaders(deprecation))) reply.header(name, value);
  });
}
