/**
 * The catalog API (P1, P3, P7): search and read the service register, its
 * institutions and events, export it as CPSV-AP JSON-LD, and (for service
 * managers) edit, publish and withdraw services.
 */
import { Type, type Static } from '@sinclair/typebox';
import { requirePrincipal, requireScope } from '../../platform/http/auth.js';
import { problems, schemaRef } from '../../platform/http/openapi.js';
import type { App } from '../../platform/http/server.js';
import { negotiateEncoding, varyOnEncoding } from '../../platform/http/compression.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { catalogToCpsv, serviceToCpsv } from './catalog.cpsv.js';
import { serviceNotFound } from './catalog.errors.js';
import type { CatalogService } from './catalog.service.js';
import { createSearchReplies, encodedBody, notModified, type SearchReply } from './search.replies.js';
import { Audience, ServiceInput, type Institution, type Lang, type Service } from './catalog.schemas.js';

const JSON_LD = 'application/ld+json';

const LangParam = Type.Union([Type.Literal('lv'), Type.Literal('en')], { default: 'lv', description: 'language of the query and of the texts in the reply' });

const SearchHeaders = Type.Object({
  'if-none-match': Type.Optional(Type.String({ description: 'the ETag of a search reply already held: 304 while it is still current' })),
});

const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'free text; diacritics-insensitive, prefix-friendly' })),
    lang: Type.Optional(LangParam),
    audience: Type.Optional(Audience),
    event: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,60}$', description: 'life or business event code' })),
    institution: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9-]{1,60}$', description: 'institution id or code' })),
    online: Type.Optional(Type.Boolean({ description: 'only services with (true) or without (false) an online channel' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
  },
  { additionalProperties: false },
);

const ServiceSummary = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    identifier: Type.String(),
    title: Type.String(),
    description: Type.String(),
    institution: Type.Object({ id: Type.String({ format: 'uuid' }), code: Type.String(), name: Type.String() }),
    audience: Type.Array(Audience),
    events: Type.Array(Type.String()),
    online: Type.Boolean({ description: 'has an online channel (e-service)' }),
    processingTime: Type.Optional(Type.String({ description: 'ISO 8601 duration' })),
    url: Type.String({ description: 'the service’s page in the portal (stable direct link)' }),
  },
  { $id: 'ServiceSummary' },
);

const SearchResult = Type.Object({
  items: Type.Array(Type.Ref('ServiceSummary')),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  lang: LangParam,
  elsewhere: Type.Optional(
    Type.Object(
      {
        audience: Type.Optional(Type.Object({ audience: Type.Union([Type.Literal('citizen'), Type.Literal('business')]), total: Type.Integer() })),
        lang: Type.Optional(Type.Object({ lang: LangParam, total: Type.Integer() })),
      },
      { description: 'When a query with an audience or in one language finds fewer than 3 services: how many the other audience and the other language find (each only when some)' },
    ),
  ),
});

type SearchBody = Static<typeof SearchResult>;

const RefParams = Type.Object({ ref: Type.String({ pattern: '^[A-Za-z0-9-]{1,120}$', description: 'service id or slug' }) });
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

// A service's content plus the institution it belongs to (an allOf would trip over the content's additionalProperties: false).
const CreateBody = Type.Object(
  { ...ServiceInput.properties, institutionId: Type.String({ pattern: '^[A-Za-z0-9-]{1,60}$', description: 'institution id or code' }) },
  { additionalProperties: false },
);
const UpdateHeaders = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 40, description: 'the version being edited, e.g. "3": refused (409) when it is stale' })) });

export function portalPath(service: Pick<Service, 'slug'>, lang: Lang): string {
  return lang === 'en' ? `/en/services/${service.slug}` : `/services/${service.slug}`;
}

function summarise(service: Service, institutions: Map<string, Institution>, lang: Lang, publicUrl: string): Record<string, unknown> {
  const institution = institutions.get(service.institutionId);
  return {
    id: service.id,
    slug: service.slug,
    identifier: service.identifier,
    title: service.title[lang],
    description: service.description[lang],
    institution: { id: service.institutionId, code: institution?.code ?? '', name: institution?.name[lang] ?? '' },
    audience: service.audience,
    events: service.events,
    online: service.channels.some((channel) => channel.type === 'online'),
    processingTime: service.processingTime,
    url: `${publicUrl}${portalPath(service, lang)}`,
  };
}

/** A service manager's call: signed in, and a token granted catalog.write. */
function editor(request: Parameters<typeof requirePrincipal>[0]) {
  return requireScope(requirePrincipal(request), 'catalog.write');
}

function wantsJsonLd(accept: string | undefined): boolean {
  return accept !== undefined && accept.includes(JSON_LD);
}

function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value.trim());
  if (!match) throw new AppError('catalog.bad-if-match', 'invalid', 'If-Match must carry the version number being edited, e.g. "3".', [{ pointer: '#', in: 'headers', detail: 'If-Match is not a version number' }]);
  return Number(match[1]);
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * A kept search reply: 304 when the client holds it already, else its bytes in
 * the encoding the client prefers (made once, then kept with the reply), so the
 * compression plugin passes them through.
 */
async function sendSearchReply(request: FastifyRequest, reply: FastifyReply, kept: SearchReply, type = JSON_TYPE): Promise<FastifyReply> {
  reply.header('etag', kept.etag);
  varyOnEncoding(reply);
  if (notModified(request.headers['if-none-match'], kept.etag)) return reply.code(304).send();
  const { bytes, encoding } = await encodedBody(kept, negotiateEncoding(request.headers['accept-encoding']));
  if (encoding) reply.header('content-encoding', encoding);
  // Bytes already serialised by this route's own serializer: the type provider only knows the object form.
  return reply.type(type).send(bytes);
}

export function registerCatalogRoutes(app: App, catalog: CatalogService, publicUrl: string): void {
  const searchReplies = createSearchReplies(500);
  // The whole catalog as JSON-LD, kept as sent while the index stays the same: over 10,000 services it is 30 MB
  // that took 2 s to make, and anyone may ask for it.
  const catalogExport = createSearchReplies(1);
  app.addSchema(ServiceSummary);


  app.get(
    '/api/v1/services',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Search the catalog of published services',
        description:
          'Ranked full-text search in Latvian or English, diacritics-insensitive and prefix-friendly, with filters and paging. ' +
          'A reply to a free-text query carries a weak `ETag` (the same on every instance while the catalog is unchanged); ' +
          'send it back in `If-None-Match` to get 304 with no body instead of the same reply again.',
        querystring: SearchQuery,
        headers: SearchHeaders,
        response: { 200: SearchResult, 304: Type.Null({ description: 'Not modified: the reply named in If-None-Match is still the current one.' }), ...problems(400) },
      },
    },
    async (request, reply) => {
      const { q, lang = 'lv', audience, event, institution, online, limit, offset } = request.query;
      // Free-text answers are kept as sent while the index stays the same (a repeated query costs no work but the write).
      const generation = q ? catalog.searchGeneration() : undefined;
      const key = request.url;
      const cached = generation === undefined ? undefined : searchReplies.get(generation, key);
      if (cached) return sendSearchReply(request, reply, cached);
      const params = { q, lang, audience, event, institution, online, limit, offset };
      const result = await catalog.search(params);
      const institutions = await catalog.institutionsById();
      const elsewhere = await catalog.elsewhere(params, result.total);
      const items = result.items.map((service) => summarise(service, institutions, lang, publicUrl));
      const body: SearchBody = { ...result, lang, items, ...(elsewhere.audience || elsewhere.lang ? { elsewhere } : {}) };
      if (generation === undefined || generation !== catalog.searchGeneration()) return body;
      return sendSearchReply(request, reply, searchReplies.set(generation, key, Buffer.from(reply.serialize(body) as string)));
    },
  );

  app.get(
    '/api/v1/services/:ref',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One published service, by id or slug',
        description: `Answers the service as JSON, or as CPSV-AP 3.2.0 JSON-LD with \`Accept: ${JSON_LD}\`. A former slug answers 301 to the current one.`,
        params: RefParams,
        response: {
          200: { content: { 'application/json': { schema: Type.Ref('Service') }, [JSON_LD]: { schema: Type.Object({}, { additionalProperties: true }) } } },
          ...problems(404),
        },
      },
    },
    async (request, reply) => {
      const found = await catalog.lookup(request.params.ref);
      if (found.kind === 'missing') throw serviceNotFound(request.params.ref);
      if (found.kind === 'moved') return reply.redirect(`/api/v1/services/${found.service.slug}`, 301);
      reply.header('vary', 'Accept');
      if (wantsJsonLd(request.headers.accept)) {
        const [institution, events] = await Promise.all([catalog.getInstitution(found.service.institutionId), catalog.listEvents()]);
        return reply.type(JSON_LD).send(serviceToCpsv(found.service, institution, events, publicUrl));
      }
      reply.header('etag', `"${found.service.version}"`);
      return found.service;
    },
  );

  app.get(
    '/api/v1/catalog.jsonld',
    {
      schema: {
        tags: ['catalog'],
        summary: 'The whole published catalog as CPSV-AP 3.2.0 JSON-LD',
        description:
          'One self-contained graph: every published service, the organisations and events it references. ' +
          'It carries a weak `ETag` (the same on every instance while the catalog is unchanged): send it back in `If-None-Match` to get 304 with no body.',
        response: { 200: { content: { [JSON_LD]: { schema: Type.Object({}, { additionalProperties: true }) } } }, 304: Type.Null({ description: 'Not modified: the graph named in If-None-Match is still the current one.' }) },
      },
    },
    async (request, reply) => {
      const generation = catalog.searchGeneration();
      const cached = generation === undefined ? undefined : catalogExport.get(generation, 'all');
      if (cached) return sendSearchReply(request, reply, cached, JSON_LD);
      const [services, institutions, events] = await Promise.all([catalog.listAllPublished(), catalog.listInstitutions(), catalog.listEvents()]);
      const bytes = Buffer.from(JSON.stringify(catalogToCpsv(services, institutions, events, publicUrl)));
      if (generation === undefined || generation !== catalog.searchGeneration()) return reply.type(JSON_LD).send(bytes);
      return sendSearchReply(request, reply, catalogExport.set(generation, 'all', bytes), JSON_LD);
    },
  );

  app.get(
    '/api/v1/institutions',
    { schema: { tags: ['catalog'], summary: 'Institutions providing services', response: { 200: Type.Object({ items: Type.Array(Type.Ref('Institution')) }) } } },
    async () => ({ items: await catalog.listInstitutions() }),
  );

  app.get(
    '/api/v1/institutions/:ref',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One institution, by id or code',
        params: Type.Object({ ref: Type.String({ pattern: '^[A-Za-z0-9-]{1,60}$', description: 'institution id or code' }) }),
        response: { 200: Type.Ref('Institution'), ...problems(404) },
      },
    },
    async (request) => catalog.getInstitution(request.params.ref),
  );

  app.get(
    '/api/v1/events',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Life events and business events (the catalogs’ controlled vocabulary)',
        querystring: Type.Object({ kind: Type.Optional(Type.Union([Type.Literal('life'), Type.Literal('business')])) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ items: Type.Array(Type.Intersect([Type.Ref('Event'), Type.Object({ serviceCount: Type.Integer() })])) }),
          ...problems(400),
        },
      },
    },
    async (request) => ({ items: await catalog.listEvents(request.query.kind) }),
  );

  // ---- editing: service managers of the owning institution ----
  const guarded = { onRequest: async (request: Parameters<typeof requirePrincipal>[0]) => void editor(request) };
  const security = [{ bearer: [] }];

  app.post(
    '/api/v1/services',
    {
      ...guarded,
      schema: {
        tags: ['catalog'],
        summary: 'Create a service (as a draft) for an institution you manage services of',
        security,
        body: CreateBody,
        response: { 201: Type.Ref('Service'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { institutionId, ...input } = request.body;
      const service = await catalog.create(editor(request), institutionId, input);
      return reply.code(201).header('location', `/api/v1/services/${service.id}`).send(service);
    },
  );

  app.put(
    '/api/v1/services/:id',
    {
      ...guarded,
      schema: {
        tags: ['catalog'],
        summary: 'Replace a service’s content (a new version; a new title gives a new slug and the old one redirects)',
        security,
        params: IdParams,
        headers: UpdateHeaders,
        body: schemaRef(ServiceInput),
        response: { 200: Type.Ref('Service'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      catalog.update(editor(request), request.params.id, request.body, parseIfMatch(request.headers['if-match'])),
  );

  for (const action of ['publish', 'withdraw'] as const) {
    app.post(
      `/api/v1/services/:id/${action}`,
      {
        ...guarded,
        schema: {
          tags: ['catalog'],
          summary: action === 'publish' ? 'Publish a service in the catalogs' : 'Withdraw a published service from the catalogs',
          security,
          params: IdParams,
          response: { 200: Type.Ref('Service'), ...problems(401, 403, 404, 409) },
        },
      },
      async (request) => catalog[action](editor(request), request.params.id),
    );
  }

  app.get(
    '/api/v1/services/:id/versions',
    {
      ...guarded,
      schema: {
        tags: ['catalog'],
        summary: 'Version history of a service (managers)',
        security,
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Type.Object({}, { additionalProperties: true })) }), ...problems(401, 403, 404) },
      },
    },
    async (request) => ({ items: await catalog.versions(editor(request), request.params.id) }),
  );
}
