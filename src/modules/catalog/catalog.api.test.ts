/** The catalog API through a real HTTP server over a real database with the demo data. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { Validator } from '@seriousme/openapi-schema-validator';
import { fold } from './catalog.service.js';
import { validateCpsv } from './cpsv.validate.js';
import { expectJson, expectProblem } from '../../../test/support/http.js';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform.js';

let platform: TestPlatform;
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${platform.url}${path}`, { headers, redirect: 'manual' });
const json = async <T>(path: string, headers: Record<string, string> = {}): Promise<T> => expectJson<T>(await get(path, headers));

/** Sends raw bytes that fetch would refuse to send (invalid UTF-8, control characters), and reads the body as sent (not decompressed). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; contentType: string; headers: IncomingHttpHeaders; body: Buffer }> {
  const url = new URL(platform.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', headers, insecureHTTPParser: true }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface SearchReply {
  items: { id: string; slug: string; title: string; institution: { code: string }; online: boolean; audience: string[]; url: string }[];
  total: number;
  limit: number;
  offset: number;
}

/** The scraper's token (METRICS_TOKEN). */
const METRICS_TOKEN = 'catalog-test-metrics-token';

before(async () => {
  platform = await startTestPlatform({ demo: true, env: { METRICS_TOKEN } });
});
after(async () => platform.close());

describe('health and documentation', () => {
  test('healthz, readyz and metrics answer', async () => {
    assert.equal((await get('/healthz')).status, 200);
    assert.deepEqual(await json('/readyz'), { status: 'ready' });
    const metrics = await (await fetch(`${platform.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    assert.match(metrics, /http_request_duration_seconds_bucket/);
    // Metrics are for the scraper holding METRICS_TOKEN only.
    assert.equal((await get('/metrics')).status, 401);
  });

  test('/openapi.json is a valid OpenAPI 3.1 document naming every API route', async () => {
    const document = await json<{ openapi: string; paths: Record<string, unknown> }>('/openapi.json');
    assert.equal(document.openapi, '3.1.0');
    const result = await new Validator().validate(document);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    for (const path of ['/api/v1/services', '/api/v1/services/{ref}', '/api/v1/catalog.jsonld', '/api/v1/institutions', '/api/v1/events', '/api/v1/services/{id}/publish']) {
      assert.ok(path in document.paths, `${path} missing from the OpenAPI document`);
    }
    const docs = await get('/docs/');
    assert.equal(docs.status, 200);
    assert.match(await docs.text(), /swagger/i);
  });

  test('security headers are set', async () => {
    const response = await get('/api/v1/services');
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    // HSTS only over TLS (PUBLIC_URL https); the test platform is plain http.
    assert.equal(response.headers.get('strict-transport-security'), null);
  });
});

describe('catalog search', () => {
  test('the demo catalog holds at least 40 published services of at least 8 institutions', async () => {
    const all = await json<SearchReply>('/api/v1/services?limit=100');
    assert.ok(all.total >= 40, `only ${all.total} services`);
    assert.ok(new Set(all.items.map((item) => item.institution.code)).size >= 8);
    const institutions = await json<{ items: unknown[] }>('/api/v1/institutions');
    assert.ok(institutions.items.length >= 8);
  });

  test('search is diacritics-insensitive in Latvian, both ways', async () => {
    const plain = await json<SearchReply>('/api/v1/services?q=dzimsanas');
    const accented = await json<SearchReply>(`/api/v1/services?q=${encodeURIComponent('dzimšanas')}`);
    assert.ok(plain.total > 0);
    assert.deepEqual(plain.items.map((i) => i.id), accented.items.map((i) => i.id));
    assert.ok(plain.items.some((item) => item.slug === 'dzimsanas-registracija'));
    // Every hit holds a word starting with the stem, in the service itself (title, description, keywords, …) or in
    // the labels of its life events, which are searched too.
    const events = (await json<{ items: { code: string; label: { lv: string } }[] }>('/api/v1/events')).items;
    for (const item of plain.items) {
      const service = await json<{ events: string[] }>(`/api/v1/services/${item.id}`);
      const labels = events.filter((event) => service.events.includes(event.code)).map((event) => event.label.lv);
      assert.match(fold([JSON.stringify(service), ...labels].join(' ')), /(^|[^a-z0-9])dzimsan/, `${item.slug} does not mention dzimšana`);
    }
    const declare = await json<SearchReply>(`/api/v1/services?q=${encodeURIComponent('deklarēšana')}`);
    const declarePlain = await json<SearchReply>('/api/v1/services?q=deklaresana');
    assert.equal(declare.items[0]?.slug, 'dzivesvietas-deklaresana');
    assert.deepEqual(declare.items.map((i) => i.id), declarePlain.items.map((i) => i.id));
  });

  test('search is prefix-friendly and ranks a title match first', async () => {
    const prefix = await json<SearchReply>('/api/v1/services?q=dzivesviet');
    assert.equal(prefix.items[0]?.slug, 'dzivesvietas-deklaresana');
  });

  test('search works in English and answers in the language asked', async () => {
    const result = await json<SearchReply & { lang: string }>('/api/v1/services?q=passport&lang=en');
    assert.equal(result.lang, 'en');
    assert.ok(result.total > 0);
    assert.match(result.items[0]?.title ?? '', /passport/i);
    assert.match(result.items[0]?.url ?? '', /\/en\/services\//);
    const birth = await json<SearchReply>('/api/v1/services?q=birth&lang=en');
    assert.ok(birth.items.some((item) => item.slug === 'dzimsanas-registracija'));
  });

  test('a repeated search is the same reply: an ETag, 304 to a client that holds it, the same JSON in every encoding', async () => {
    const path = `/api/v1/services?q=${encodeURIComponent('pieteik')}&limit=50`;
    const plain = await rawGet(path, { 'accept-encoding': 'identity' });
    assert.ok(plain.body.byteLength > 1024, 'too small a reply to be compressed');
    const etag = plain.headers.etag as string;
    assert.match(etag, /^W\/"[A-Za-z0-9_-]+"$/);
    for (const [encoding, decode] of [['br', brotliDecompressSync], ['gzip', gunzipSync]] as const) {
      const encoded = await rawGet(path, { 'accept-encoding': encoding });
      assert.equal(encoded.headers['content-encoding'], encoding);
      assert.equal(encoded.headers.etag, etag);
      assert.match(String(encoded.headers.vary), /accept-encoding/i);
      assert.deepEqual(JSON.parse(decode(encoded.body).toString()), JSON.parse(plain.body.toString()));
    }
    const held = await rawGet(path, { 'if-none-match': `"other", ${etag}` });
    assert.equal(held.status, 304);
    assert.equal(held.body.byteLength, 0);
    assert.equal((await rawGet(path, { 'if-none-match': '"other"' })).status, 200);
  });

  test('filters narrow the results', async () => {
    const business = await json<SearchReply>('/api/v1/services?audience=business&limit=100');
    assert.ok(business.total > 0 && business.items.every((item) => item.audience.includes('business')));
    const offline = await json<SearchReply>('/api/v1/services?online=false&limit=100');
    assert.ok(offline.total > 0 && offline.items.every((item) => !item.online));
    const online = await json<SearchReply>('/api/v1/services?online=true&limit=100');
    assert.equal(online.total + offline.total, (await json<SearchReply>('/api/v1/services?limit=1')).total);
    const pmlp = await json<SearchReply>('/api/v1/services?institution=pmlp&limit=100');
    assert.ok(pmlp.total > 0 && pmlp.items.every((item) => item.institution.code === 'pmlp'));
    const birth = await json<SearchReply>('/api/v1/services?event=birth&limit=100');
    assert.ok(birth.items.some((item) => item.slug === 'dzimsanas-registracija'));
  });

  test('paging covers every service exactly once', async () => {
    const seen: string[] = [];
    let total = 0;
    for (let offset = 0; ; offset += 7) {
      const page = await json<SearchReply>(`/api/v1/services?limit=7&offset=${offset}`);
      total = page.total;
      if (page.items.length === 0) break;
      seen.push(...page.items.map((item) => item.id));
    }
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, total);
  });

  test('bad query parameters get 400 problem+json naming the field', async () => {
    const negative = await expectProblem(await get('/api/v1/services?limit=-1'), 400);
    assert.deepEqual(negative.errors?.map((e) => [e.in, e.pointer]), [['query', '#/limit']]);
    const several = await expectProblem(await get('/api/v1/services?limit=abc&offset=-5&audience=aliens&lang=de'), 400);
    assert.deepEqual(new Set(several.errors?.map((e) => e.pointer)), new Set(['#/limit', '#/offset', '#/audience', '#/lang']));
    const unknown = await expectProblem(await get('/api/v1/services?colour=blue'), 400);
    assert.equal(unknown.errors?.[0]?.pointer, '#/colour');
    await expectProblem(await get(`/api/v1/services?q=${'x'.repeat(201)}`), 400);
  });
});

describe('reading services', () => {
  test('by id and by slug, with a 404 problem for the unknown', async () => {
    const { items } = await json<SearchReply>('/api/v1/services?q=dzimsanas');
    const first = items.find((item) => item.slug === 'dzimsanas-registracija');
    assert.ok(first);
    const byId = await json<{ id: string; title: { lv: string; en: string } }>(`/api/v1/services/${first.id}`);
    const bySlug = await json<{ id: string }>('/api/v1/services/dzimsanas-registracija');
    assert.equal(byId.id, first.id);
    assert.equal(bySlug.id, first.id);
    assert.ok(byId.title.lv && byId.title.en);
    const missing = await expectProblem(await get('/api/v1/services/nav-tada-pakalpojuma'), 404);
    assert.equal(missing.type, '/problems/catalog.service-not-found');
    await expectProblem(await get('/api/v1/services/00000000-0000-4000-8000-000000000000'), 404);
    await expectProblem(await get('/api/v1/no/such/route'), 404);
    await expectProblem(await get('/api/v1/institutions/nav'), 404);
    // Something that cannot be an id or slug is refused as such.
    const notARef = await expectProblem(await get('/api/v1/services/a.b'), 400);
    assert.deepEqual(notARef.errors?.map((e) => [e.in, e.pointer]), [['params', '#/ref']]);
  });

  test('garbage bytes never produce a 5xx', async () => {
    // A path that cannot name a service is refused; a query that decodes to junk is just searched.
    for (const path of ['/api/v1/services/%FF%FE', '/api/v1/services/%00', '/api/v1/services/%E2%82', '/api/v1/services?offset[]=1', '/api/v1/institutions/%00']) {
      const response = await rawGet(path);
      assert.ok(response.status >= 400 && response.status < 500, `${path} answered ${response.status}`);
      assert.match(response.contentType, /application\/problem\+json/, path);
    }
    for (const path of ['/api/v1/services?q=%FF%00%C3', '/api/v1/services?q=%00%00', '/api/v1/services?q=%E2%82%AC%F0%9F', '/api/v1/services?limit=1e309']) {
      const response = await rawGet(path);
      assert.equal(response.status, 200, path);
      assert.match(response.contentType, /application\/json/, path);
    }
  });

  test('random input never produces a 5xx or an answer that is not JSON', async () => {
    const field = fc.constantFrom('q', 'lang', 'audience', 'event', 'institution', 'online', 'limit', 'offset');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(field, fc.string({ maxLength: 40, unit: 'grapheme' })), { maxLength: 4 }), fc.string({ maxLength: 30 }), async (params, ref) => {
        const query = new URLSearchParams(params).toString();
        const search = await get(`/api/v1/services?${query}`);
        assert.ok(search.status === 200 || search.status === 400, `search ?${query} answered ${search.status}`);
        await search.arrayBuffer();
        const one = await get(`/api/v1/services/${encodeURIComponent(ref) || 'x'}`);
        assert.ok([200, 301, 400, 404].includes(one.status), `GET ${ref} answered ${one.status}`);
        assert.match(one.headers.get('content-type') ?? 'none', one.status === 301 ? /.*/ : /json/);
        await one.arrayBuffer();
      }),
      { numRuns: 120 },
    );
  });
});

describe('CPSV-AP export', () => {
  test('one service as JSON-LD conforms to the CPSV-AP 3.2.0 shapes', async () => {
    const response = await get('/api/v1/services/dzimsanas-registracija', { accept: 'application/ld+json' });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/ld\+json/);
    const document = (await response.json()) as object;
    const report = await validateCpsv(document);
    assert.equal(report.conforms, true, JSON.stringify(report.violations.slice(0, 10), null, 2));
    assert.match(JSON.stringify(document), /PublicService/);
  });

  test('the whole catalog conforms and holds every published service and its organisations', async () => {
    const response = await get('/api/v1/catalog.jsonld');
    assert.equal(response.status, 200);
    const document = (await response.json()) as { '@graph': { '@type': string | string[] }[] };
    const report = await validateCpsv(document);
    assert.equal(report.conforms, true, JSON.stringify(report.violations.slice(0, 10), null, 2));
    const types = (node: { '@type': string | string[] }) => (Array.isArray(node['@type']) ? node['@type'] : [node['@type']]);
    const services = document['@graph'].filter((node) => types(node).some((t) => /PublicService$/.test(t)));
    const organisations = document['@graph'].filter((node) => types(node).some((t) => /PublicOrganisation$/.test(t)));
    const { total } = await json<SearchReply>('/api/v1/services?limit=1');
    assert.equal(services.length, total);
    assert.ok(services.length >= 40);
    assert.ok(organisations.length >= 8);

    // Kept as sent while the catalog is unchanged: an ETag, 304 to a client that holds it, the same graph compressed.
    const plain = await rawGet('/api/v1/catalog.jsonld', { 'accept-encoding': 'identity' });
    const etag = plain.headers.etag as string;
    assert.match(etag, /^W\/"[A-Za-z0-9_-]+"$/);
    assert.match(String(plain.headers['content-type']), /^application\/ld\+json/);
    assert.deepEqual(JSON.parse(plain.body.toString()), document);
    const gzipped = await rawGet('/api/v1/catalog.jsonld', { 'accept-encoding': 'gzip' });
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    assert.deepEqual(JSON.parse(gunzipSync(gzipped.body).toString()), document);
    assert.equal((await rawGet('/api/v1/catalog.jsonld', { 'if-none-match': etag })).status, 304);
  });
});

describe('editing without sign-in', () => {
  const someId = '00000000-0000-4000-8000-000000000000';
  const attempts: [string, string, unknown][] = [
    ['POST', '/api/v1/services', { institutionId: 'pmlp', title: { lv: 'X', en: 'X' } }],
    ['POST', '/api/v1/services', 'this is { not json'],
    ['PUT', `/api/v1/services/${someId}`, {}],
    ['POST', `/api/v1/services/${someId}/publish`, undefined],
    ['POST', `/api/v1/services/${someId}/withdraw`, undefined],
    ['GET', `/api/v1/services/${someId}/versions`, undefined],
  ];
  for (const [method, path, body] of attempts) {
    test(`${method} ${path} is refused with 401 before anything else`, async () => {
      const response = await fetch(`${platform.url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const problem = await expectProblem(response, 401);
      assert.equal(problem.type, '/problems/auth.unauthenticated');
    });
  }

  test('and the register is unchanged', async () => {
    const { total } = await json<SearchReply>('/api/v1/services?limit=1');
    const count = await platform.database.db.selectFrom('catalog.services').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), total);
  });
});
