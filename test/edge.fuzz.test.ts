/**
 * Bad input never gets a 5xx. A property test over every operation of
 * /openapi.json, read at test time so a new route is covered without touching
 * this file: malformed path parameters, queries, headers (Authorization
 * forged, garbage or huge; On-Behalf-Of garbage or a stranger; Accept;
 * Content-Type) and bodies (random JSON, wrong types, truncated multipart,
 * broken JSON), signed out, with forged tokens, with real tokens and with a web
 * session. Every answer is below 500; every API error is problem+json with
 * `type`, `title` and `status`; and every status is one the document names for
 * that operation. A few page URLs get the same headers: never a 5xx there either.
 * Bounded by a fixed seed and a few runs per operation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { signedIn, startTestPlatform, type TestPlatform } from './support/platform.js';
import { accessTokenFor, ALL_SCOPES, demoRp, institutionToken } from './support/sso.js';

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  hasBody: boolean;
}

interface OpenApi {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown; responses?: Operation['responses'] }>>;
}

const SEED = 20261203;
const RUNS_PER_OPERATION = 8;
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
const UUID = '6f1c2b9e-3d4a-4b5c-8d7e-9f0a1b2c3d4e';
const STRANGER = '230390-11113';
/** Jānis Bērziņš's daughter, a minor: he acts for her as her parent. */
const MARTA = '010118-23454';

let platform: TestPlatform;
let document: OpenApi;
const credentials: Record<string, Record<string, string>> = {};

before(async () => {
  platform = await startTestPlatform();
  const rp = await demoRp(platform);
  credentials.citizen = { authorization: `Bearer ${await accessTokenFor(platform, rp, 'Jānis Bērziņš', ALL_SCOPES)}` };
  credentials.institution = { authorization: `Bearer ${await institutionToken(platform)}` };
  const browser = await signedIn(platform, 'Roberts Liepa', '/workspace');
  credentials.session = { cookie: browser.cookieHeader('/api/v1/') };
  document = (await (await fetch(`${platform.url}/openapi.json`)).json()) as OpenApi;
});

after(async () => platform?.close());

function operations(): Operation[] {
  const found: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      found.push({ method: method.toUpperCase(), path, parameters: operation.parameters ?? [], responses: operation.responses ?? {}, hasBody: operation.requestBody !== undefined });
    }
  }
  return found;
}

// ---- arbitraries ----

/** Text that fetch accepts in a header value (visible ASCII and spaces, no line breaks). */
const headerText = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,60}$/);

/** A path segment: plausible, malformed, or percent-escapes that are not UTF-8 (always non-empty, so the route still matches). */
const pathValue = fc.oneof(
  fc.constantFrom(UUID, '2026-000001', 'uzturesanas-atlaujas-pieprasisana', '0', '-1', 'null', 'a'.repeat(300), '%ff%fe', '%c3%28', '%00', '..%2f..', '%E2%80%AE'),
  fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }).map((text) => encodeURIComponent(text)),
);

/** A query value: typed wrongly, too long, or not UTF-8. */
const queryValue = fc.oneof(
  fc.constantFrom('', 'true', 'maybe', '-5', '1e309', '999999999999', UUID, '%ff', '%c3%28', 'a'.repeat(500), '%00', '[]', '{}'),
  fc.string({ maxLength: 30, unit: 'binary' }).map((text) => encodeURIComponent(text)),
);

/** Signed in (a person's token, an institution's token, a web session) half of the time, so requests get past the guards. */
const authorization = fc.oneof(
  { arbitrary: fc.constantFrom('citizen', 'institution', 'session').map((who) => credentials[who] ?? {}), weight: 5 },
  fc.constant<Record<string, string>>({}),
  fc.constantFrom('Bearer', 'Bearer ', 'Bearer forged.token.value', `Bearer ${'A'.repeat(8000)}`, 'Bearer ===', 'Basic Zm9vOmJhcg==', 'bearer a b c', 'Negotiate x').map((value) => ({ authorization: value })),
  headerText.map((value) => ({ authorization: `Bearer ${value}` })),
  fc.constantFrom('pk_session=forged', 'pk_session=; pk_csrf=x', `pk_session=${'x'.repeat(4000)}`).map((cookie) => ({ cookie })),
);

const onBehalfOf = fc.option(fc.oneof(fc.constantFrom(STRANGER, '40003032065', 'nobody', '', ' ', '000000-00000', '150685-12347,230390-11113'), headerText), { nil: undefined });
const accept = fc.option(fc.constantFrom('application/json', 'text/html', '*/*', 'application/ld+json', 'application/problem+json', 'garbage', 'text/plain;q=0', 'image/png'), { nil: undefined });
const extraHeaders = fc.option(
  fc.oneof(
    fc.constantFrom<Record<string, string>>({ 'if-match': 'W/"x"' }, { 'if-match': '"999999999999"' }, { 'x-csrf-token': 'forged' }, { 'x-forwarded-for': '203.0.113.9' }, { 'x-forwarded-proto': 'javascript' }),
    headerText.map((value) => ({ 'x-fuzz': value, 'accept-language': value })),
  ),
  { nil: undefined },
);

interface FuzzBody {
  contentType?: string;
  body: string;
}

const BOUNDARY = 'fuzzboundary';
/** Bodies that are broken on purpose: each is also sent to every operation that takes a body, with each real credential. */
const MALFORMED_BODIES: FuzzBody[] = [
  { contentType: 'application/json', body: '{' },
  { contentType: 'application/json', body: '' },
  { contentType: 'application/json', body: '{"a":"\udc00"}' },
  { contentType: 'application/json', body: '[]'.repeat(1000) },
  { contentType: 'application/x-www-form-urlencoded', body: 'a=%ff&b' },
  { contentType: 'text/plain', body: 'hello' },
  { contentType: 'application/xml', body: '<a/>' },
  { contentType: 'multipart/form-data', body: 'no boundary at all' },
  { contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="data"\r\n\r\n{"truncated` },
  { contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="serviceId"\r\n\r\n${UUID}\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF` },
  { contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: `--${BOUNDARY}--\r\n` },
  { contentType: 'application/json; charset=latin1', body: '{}' },
];
const body: fc.Arbitrary<FuzzBody | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }).map((value) => ({ contentType: 'application/json', body: JSON.stringify(value) ?? 'null' })),
  fc.record({ serviceId: fc.oneof(fc.constant(UUID), fc.integer()), data: fc.jsonValue({ maxDepth: 2 }), message: fc.oneof(fc.string(), fc.integer()), events: fc.jsonValue({ maxDepth: 2 }) }).map((value) => ({ contentType: 'application/json', body: JSON.stringify(value) })),
  fc.constantFrom(...MALFORMED_BODIES),
  fc.tuple(fc.constantFrom('application/json', `multipart/form-data; boundary=${BOUNDARY}`, 'application/octet-stream', 'x/y'), fc.string({ maxLength: 200, unit: 'binary' })).map(([contentType, text]) => ({ contentType, body: text })),
);

function request(operation: Operation) {
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
  const queryNames = operation.parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
  return fc.record({
    path: fc.tuple(...pathParameters.map(() => pathValue)),
    query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...queryNames, 'unknown'), fc.constant('%ff')), queryValue), { maxLength: 4 }),
    authorization,
    onBehalfOf,
    accept,
    extraHeaders,
    body: operation.hasBody || operation.method !== 'GET' ? body : fc.constant(undefined),
  });
}

type Sample = ReturnType<typeof request> extends fc.Arbitrary<infer T> ? T : never;

function urlOf(operation: Operation, sample: Sample): string {
  let index = 0;
  const path = operation.path.replace(/\{[^}]+\}/g, () => sample.path[index++] ?? UUID);
  const query = sample.query.map(([name, value]) => `${encodeURIComponent(name).replace('%25ff', '%ff')}=${value}`).join('&');
  return `${platform.url}${path}${query ? `?${query}` : ''}`;
}

function headersOf(sample: Sample): Record<string, string> {
  const headers: Record<string, string> = { ...sample.authorization, ...sample.extraHeaders };
  if (sample.onBehalfOf !== undefined) headers['on-behalf-of'] = sample.onBehalfOf;
  if (sample.accept !== undefined) headers.accept = sample.accept;
  if (sample.body?.contentType) headers['content-type'] = sample.body.contentType;
  return headers;
}

/** What went wrong with one answer, or undefined when it is as documented. */
async function fault(operation: Operation, response: Response): Promise<string | undefined> {
  const text = await response.text();
  if (response.status >= 500) return `${response.status}: ${text.slice(0, 300)}`;
  if (!(String(response.status) in operation.responses) && !('default' in operation.responses)) return `status ${response.status} is not documented (${Object.keys(operation.responses).join(', ')}): ${text.slice(0, 200)}`;
  if (response.status < 400 || !operation.path.startsWith('/api/')) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) return `${response.status} as ${type}, not problem+json`;
  let problem: { type?: unknown; title?: unknown; status?: unknown };
  try {
    problem = JSON.parse(text) as typeof problem;
  } catch {
    return `${response.status}: the problem is not JSON: ${text.slice(0, 200)}`;
  }
  if (typeof problem.type !== 'string' || typeof problem.title !== 'string' || problem.status !== response.status) return `${response.status}: not a problem: ${text.slice(0, 200)}`;
  return undefined;
}

describe('the OpenAPI document', () => {
  test('documents every error of every operation as application/problem+json with the shared Problem schema', () => {
    const all = operations();
    assert.ok(all.length > 30, `only ${all.length} operations`);
    for (const operation of all) {
      const errors = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
      if (operation.path.startsWith('/api/')) {
        for (const status of ['400', '401', '403']) assert.ok(status in operation.responses, `${operation.method} ${operation.path} does not document ${status}`);
      }
      for (const [status, response] of errors) {
        if (operation.path === '/readyz') continue;
        const content = Object.keys(response.content ?? {});
        assert.deepEqual(content, ['application/problem+json'], `${operation.method} ${operation.path} ${status}: ${content.join(', ')}`);
        assert.equal(response.content?.['application/problem+json']?.schema?.$ref, '#/components/schemas/Problem', `${operation.method} ${operation.path} ${status}`);
      }
    }
  });
});

describe('fuzzing every operation of /openapi.json', () => {
  test('no 5xx, every error problem+json, every status documented', async () => {
    const faults: string[] = [];
    const statuses = new Map<number, number>();
    let runs = 0;
    const all = operations();
    for (const operation of all) {
      await fc.assert(
        fc.asyncProperty(request(operation), async (sample) => {
          runs += 1;
          const url = urlOf(operation, sample);
          let found: string | undefined;
          try {
            const response = await fetch(url, { method: operation.method, headers: headersOf(sample), body: sample.body?.body, redirect: 'manual' });
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            found = await fault(operation, response);
          } catch (error) {
            found = `the request failed: ${String(error)}`;
          }
          if (found) faults.push(`${operation.method} ${operation.path} → ${url.slice(platform.url.length, platform.url.length + 120)} ${JSON.stringify(headersOf(sample)).slice(0, 200)} body ${JSON.stringify(sample.body)?.slice(0, 100)}: ${found}`);
          return found === undefined;
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
        // A failing run is already in `faults` (with its request); the next operation is fuzzed all the same.
      ).catch(() => undefined);
    }
    // Beside the random runs, every broken body reaches every operation that takes one, past its guard.
    for (const operation of all.filter((candidate) => candidate.method !== 'GET')) {
      for (const [index, broken] of MALFORMED_BODIES.entries()) {
        // A person's token and an institution's token in turn: either gets past the route's guard to the body.
        for (const who of [index % 2 === 0 ? 'citizen' : 'institution']) {
          const sample: Sample = { path: operation.parameters.filter((parameter) => parameter.in === 'path').map(() => UUID), query: [], authorization: credentials[who] ?? {}, onBehalfOf: undefined, accept: undefined, extraHeaders: undefined, body: broken };
          const url = urlOf(operation, sample);
          const response = await fetch(url, { method: operation.method, headers: headersOf(sample), body: broken.body, redirect: 'manual' });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const found = await fault(operation, response);
          if (found) faults.push(`${operation.method} ${operation.path} as ${who} with ${JSON.stringify(broken).slice(0, 120)}: ${found}`);
        }
      }
    }
    assert.deepEqual(faults, []);
    // The fuzzing really ran: every run of every operation was sent, and reached routes, guards and validation alike.
    assert.equal(runs, all.length * RUNS_PER_OPERATION);

    for (const status of [200, 400, 401, 403, 404, 415]) assert.ok(statuses.has(status), `no ${status} among ${JSON.stringify([...statuses])}`);
    console.log(`fuzzed ${all.length} operations, ${runs} requests: ${JSON.stringify(Object.fromEntries(statuses))}`);
  });

  test('pages never answer 5xx to the same headers', async () => {
    const pages = ['/', '/en', '/services/uzturesanas-atlaujas-pieprasisana', '/services?q=%ff%fe', '/en/services/%ff', '/workspace', '/workspace/applications', '/console', '/login?returnTo=%ff', '/nowhere/%c3%28'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...pages), authorization, accept, extraHeaders, async (path, auth, acceptHeader, extra) => {
        const headers: Record<string, string> = { ...auth, ...extra, ...(acceptHeader ? { accept: acceptHeader } : {}) };
        const response = await fetch(`${platform.url}${path}`, { headers, redirect: 'manual' });
        await response.body?.cancel();
        assert.ok(response.status < 500, `${path} ${JSON.stringify(headers).slice(0, 200)}: ${response.status}`);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

describe('the edge answers in the right order', () => {
  const problemOf = async (response: Response): Promise<{ status: number; type: string }> => {
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = (await response.json()) as { type: string; status: number };
    assert.equal(problem.status, response.status);
    return { status: response.status, type: problem.type };
  };

  test('an unauthenticated state-changing API request is 401 before any CSRF check; a session without the token is still refused', async () => {
    for (const headers of [{}, { cookie: 'pk_session=forged' }, { 'content-type': 'application/x-www-form-urlencoded' }] as Record<string, string>[]) {
      for (const path of ['/api/v1/me/notifications/read', `/api/v1/me/notifications/${UUID}/read`]) {
        const response = await fetch(`${platform.url}${path}`, { method: 'POST', headers, body: headers['content-type'] ? 'a=b' : undefined });
        assert.deepEqual(await problemOf(response), { status: 401, type: '/problems/auth.unauthenticated' }, `${path} ${JSON.stringify(headers)}`);
      }
    }
    const session = await signedIn(platform, 'Jānis Bērziņš', '/workspace');
    const withSession = await fetch(`${platform.url}/api/v1/me/notifications/read`, { method: 'POST', headers: { cookie: session.cookieHeader('/api/v1/'), 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' });
    assert.deepEqual(await problemOf(withSession), { status: 403, type: '/problems/auth.csrf' });
  });

  test('On-Behalf-Of naming a party one may not act for is refused on a single read as on a list (403, one type)', async () => {
    const asJanis = (path: string, party?: string) => fetch(`${platform.url}${path}`, { headers: { ...credentials.citizen, ...(party ? { 'on-behalf-of': party } : {}) } });
    for (const path of [`/api/v1/applications/${UUID}`, '/api/v1/applications', `/api/v1/services/${UUID}/draft`, '/api/v1/me/notifications', '/api/v1/services']) {
      assert.deepEqual(await problemOf(await asJanis(path, STRANGER)), { status: 403, type: '/problems/access.no-right' }, path);
    }
    // Without the header, or for his own child, the single read goes on to its own answer.
    assert.equal((await asJanis(`/api/v1/applications/${UUID}`)).status, 404);
    assert.equal((await asJanis(`/api/v1/applications/${UUID}`, MARTA)).status, 404);
  });
});
