/**
 * Participation's API: the public performance figures of a service and of an
 * institution, as JSON (with the data set's description) and as CSV at stable
 * addresses. Open data: no credential needed.
 */
import { Type } from '@sinclair/typebox';
import type { App } from '../../platform/http/server.js';
import { institutionOpenData, serviceOpenData } from './open-data.js';
import { PerformanceReplySchema, RefParams } from './participation.schemas.js';
import type { ParticipationService } from './participation.service.js';
import { performanceCsv } from './performance.js';

const problems = (...codes: number[]): Record<number, unknown> => Object.fromEntries(codes.map((code) => [code, Type.Ref('Problem')]));
const CSV = { 200: { description: 'The same figures as CSV (RFC 4180); a suppressed cell reads [c], no data is empty', content: { 'text/csv': { schema: Type.String() } } } };
const FIGURES_NOTE = 'Per month of the applications’ start and in total: applications, decided, decided on time, on-time share, median and P90 processing days, ratings, average rating, page feedback and its useful share. Counts from 1 to 4, and figures drawn from fewer than 5 cases, are null and named in `suppressed`.';

export interface ParticipationRouteDeps {
  participation: ParticipationService;
  publicUrl: string;
  now?: () => Date;
}

export function registerParticipationRoutes(app: App, deps: ParticipationRouteDeps): void {
  const { participation, publicUrl } = deps;
  const now = deps.now ?? (() => new Date());
  const serviceData = async (ref: string) => {
    const { service, institution, performance } = await participation.servicePerformance(ref);
    return { reply: serviceOpenData(service, institution, performance, publicUrl, now()), performance };
  };
  const institutionData = async (ref: string) => {
    const { institution, performance } = await participation.institutionPerformance(ref);
    return { reply: institutionOpenData(institution, performance, publicUrl, now()), performance };
  };

  app.get(
    '/api/v1/participation/services/:ref/performance',
    { schema: { tags: ['participation'], summary: 'A service’s public performance figures (open data, JSON)', description: FIGURES_NOTE, params: RefParams, response: { 200: PerformanceReplySchema, ...problems(404) } } },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return (await serviceData(request.params.ref)).reply;
    },
  );
  app.get(
    '/api/v1/participation/services/:ref/performance.csv',
    { schema: { tags: ['participation'], summary: 'A service’s public performance figures (open data, CSV)', description: FIGURES_NOTE, params: RefParams, response: { ...CSV, ...problems(404) } } },
    async (request, reply) => {
      const { reply: data, performance } = await serviceData(request.params.ref);
      return reply.type('text/csv; charset=utf-8').header('cache-control', 'public, max-age=300').header('content-disposition', `inline; filename="${data.subject.code}-performance.csv"`).send(performanceCsv(performance));
    },
  );
  app.get(
    '/api/v1/participation/institutions/:ref/performance',
    { schema: { tags: ['participation'], summary: 'An institution’s public performance figures over all its services (open data, JSON)', description: FIGURES_NOTE, params: RefParams, response: { 200: PerformanceReplySchema, ...problems(404) } } },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return (await institutionData(request.params.ref)).reply;
    },
  );
  app.get(
    '/api/v1/participation/institutions/:ref/performance.csv',
    { schema: { tags: ['participation'], summary: 'An institution’s public performance figures (open data, CSV)', description: FIGURES_NOTE, params: RefParams, response: { ...CSV, ...problems(404) } } },
    async (request, reply) => {
      const { reply: data, performance } = await institutionData(request.params.ref);
      return reply.type('text/csv; charset=utf-8').header('cache-control', 'public, max-age=300').header('content-disposition', `inline; filename="${data.subject.code}-performance.csv"`).send(performanceCsv(performance));
    },
  );
}
