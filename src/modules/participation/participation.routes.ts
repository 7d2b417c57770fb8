/**
 * Participation's API: the public performance figures of a service and of an
 * institution, as JSON (with the data set's description) and as CSV at stable
 * addresses. Open data: no credential needed.
 */
import { Type } from '@sinclair/typebox';
import type { App } from '../../platform/http/server.js';
import { institutionOpenData, NATIONAL_PERFORMANCE_URL, nationalOpenData, serviceOpenData } from './open-data.js';
import { PerformanceReplySchema, RefParams } from './participation.schemas.js';
import type { ParticipationService } from './participation.service.js';
import type { IdeasService } from './ideas.service.js';
import { FIGURES_MAX_AGE_SECONDS } from './figures.cache.js';
import { performanceCsv } from './performance.js';

/** Clients may keep the figures as long as an instance keeps them (figures.cache.ts). */
const FIGURES_CACHE_CONTROL = `public, max-age=${FIGURES_MAX_AGE_SECONDS}`;

const problems = (...codes: number[]): Record<number, unknown> => Object.fromEntries(codes.map((code) => [code, Type.Ref('Problem')]));
const CSV = { 200: { description: 'The same figures as CSV (RFC 4180); a suppressed cell reads [c], no data is empty', content: { 'text/csv': { schema: Type.String() } } } };
const IdeaSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  serviceId: Type.String({ format: 'uuid' }),
  institutionId: Type.String({ format: 'uuid' }),
  title: Type.String(),
  body: Type.String(),
  state: Type.Union([Type.Literal('proposed'), Type.Literal('under_review'), Type.Literal('planned'), Type.Literal('done'), Type.Literal('declined')]),
  stateReason: Type.Union([Type.String(), Type.Null()], { description: 'the institution’s answer' }),
  stateChangedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  supporters: Type.Integer({ minimum: 0 }),
  createdAt: Type.String({ format: 'date-time' }),
});
const IdeasQuery = Type.Object({ order: Type.Optional(Type.Union([Type.Literal('newest'), Type.Literal('supported')])) });
const FIGURES_NOTE = 'Per month of the applications’ start and in total: applications, decided, decided on time, on-time share, median and P90 processing days, ratings, average rating, page feedback and its useful share. Counts from 1 to 4, and figures drawn from fewer than 5 cases, are null and named in `suppressed`.';

export interface ParticipationRouteDeps {
  participation: ParticipationService & IdeasService;
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
    NATIONAL_PERFORMANCE_URL,
    { schema: { tags: ['participation'], summary: 'The national overview: every institution’s services together (open data, JSON)', description: FIGURES_NOTE, response: { 200: PerformanceReplySchema } } },
    async (_request, reply) => {
      reply.header('cache-control', FIGURES_CACHE_CONTROL);
      return nationalOpenData((await participation.nationalPerformance()).performance, publicUrl, now());
    },
  );
  app.get(
    `${NATIONAL_PERFORMANCE_URL}.csv`,
    { schema: { tags: ['participation'], summary: 'The national overview (open data, CSV)', description: FIGURES_NOTE, response: { ...CSV } } },
    async (_request, reply) => {
      const { performance } = await participation.nationalPerformance();
      return reply.type('text/csv; charset=utf-8').header('cache-control', FIGURES_CACHE_CONTROL).header('content-disposition', 'inline; filename="lv-performance.csv"').send(performanceCsv(performance));
    },
  );
  app.get(
    '/api/v1/participation/services/:ref/performance',
    { schema: { tags: ['participation'], summary: 'A service’s public performance figures (open data, JSON)', description: FIGURES_NOTE, params: RefParams, response: { 200: PerformanceReplySchema, ...problems(404) } } },
    async (request, reply) => {
      reply.header('cache-control', FIGURES_CACHE_CONTROL);
      return (await serviceData(request.params.ref)).reply;
    },
  );
  app.get(
    '/api/v1/participation/services/:ref/performance.csv',
    { schema: { tags: ['participation'], summary: 'A service’s public performance figures (open data, CSV)', description: FIGURES_NOTE, params: RefParams, response: { ...CSV, ...problems(404) } } },
    async (request, reply) => {
      const { reply: data, performance } = await serviceData(request.params.ref);
      return reply.type('text/csv; charset=utf-8').header('cache-control', FIGURES_CACHE_CONTROL).header('content-disposition', `inline; filename="${data.subject.code}-performance.csv"`).send(performanceCsv(performance));
    },
  );
  app.get(
    '/api/v1/participation/institutions/:ref/performance',
    { schema: { tags: ['participation'], summary: 'An institution’s public performance figures over all its services (open data, JSON)', description: FIGURES_NOTE, params: RefParams, response: { 200: PerformanceReplySchema, ...problems(404) } } },
    async (request, reply) => {
      reply.header('cache-control', FIGURES_CACHE_CONTROL);
      return (await institutionData(request.params.ref)).reply;
    },
  );
  app.get(
    '/api/v1/participation/institutions/:ref/performance.csv',
    { schema: { tags: ['participation'], summary: 'An institution’s public performance figures (open data, CSV)', description: FIGURES_NOTE, params: RefParams, response: { ...CSV, ...problems(404) } } },
    async (request, reply) => {
      const { reply: data, performance } = await institutionData(request.params.ref);
      return reply.type('text/csv; charset=utf-8').header('cache-control', FIGURES_CACHE_CONTROL).header('content-disposition', `inline; filename="${data.subject.code}-performance.csv"`).send(performanceCsv(performance));
    },
  );

  app.get(
    '/api/v1/participation/services/:ref/ideas',
    {
      schema: {
        tags: ['participation'],
        summary: 'Ideas to improve a service, with the institution’s answers (public; never their authors)',
        params: RefParams,
        querystring: IdeasQuery,
        response: { 200: Type.Object({ serviceId: Type.String({ format: 'uuid' }), items: Type.Array(IdeaSchema) }), ...problems(404) },
      },
    },
    async (request) => {
      const { service, ideas } = await participation.ideasOfService(request.params.ref, request.query.order ?? 'newest');
      return { serviceId: service.id, items: ideas.map(({ hiddenReason: _hidden, ...idea }) => idea) };
    },
  );
}
