/**
 * What a first visit costs on the wire, over real HTTP: the portal's home page
 * and everything it links, compressed as the client allows (Brotli, else gzip,
 * else none), and the fingerprinted assets cached for a year while their plain
 * addresses keep working. JSON, problem+json and tiny bodies too; downloads go
 * out as stored.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAsJanis, moveToInProgress } from './support/journeys.js';
import { expectJson } from './support/http.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';
import { accessTokenFor, demoRp, institutionToken } from './support/sso.js';
import { decoded, firstVisit, wireGet, type WireResponse } from './support/wire.js';

let platform: TestPlatform;

before(async () => {
  platform = await startTestPlatform();
});

after(async () => {
  await platform?.close();
});

const BUDGET = 50 * 1024;
const IMMUTABLE = 'public, max-age=31536000, immutable';

const header = (response: WireResponse, name: string): string | undefined => {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};
const varies = (response: WireResponse): boolean => /(^|,\s*)accept-encoding(\s*,|$)/i.test(header(response, 'vary') ?? '');

test('a first visit to the portal transfers less than 50 KB with Brotli, each response decoding to its content', async (t) => {
  const visit = await firstVisit(platform.url, '/', 'br, gzip');
  const paths = visit.responses.map(({ path }) => path);
  const stylesheet = paths.find((path) => /^\/assets\/app\.[0-9a-f]{16}\.css$/.test(path));
  const icon = paths.find((path) => /^\/assets\/icon\.[0-9a-f]{16}\.svg$/.test(path));
  const manifest = paths.find((path) => /^\/assets\/manifest\.[0-9a-f]{16}\.webmanifest$/.test(path));
  assert.ok(stylesheet && icon && manifest, `the page links fingerprinted assets: ${paths.join(' ')}`);

  const identity = await firstVisit(platform.url, '/');
  t.diagnostic(`first visit to /: ${visit.totalBytes} bytes on the wire with br (bodies ${visit.bodyBytes}); ${identity.totalBytes} without compression (bodies ${identity.bodyBytes})`);
  for (const { path, response } of visit.responses) t.diagnostic(`  ${path}: ${response.body.byteLength} bytes ${header(response, 'content-encoding') ?? 'identity'}`);
  assert.ok(visit.totalBytes < BUDGET, `${visit.totalBytes} bytes is under ${BUDGET}`);
  assert.ok(identity.responses.every(({ response }) => header(response, 'content-encoding') === undefined), 'no Accept-Encoding: nothing is encoded');
  assert.ok(visit.totalBytes * 3 < identity.totalBytes, 'compression saves most of the bytes');

  for (const [index, { path, response }] of visit.responses.entries()) {
    assert.equal(response.status, 200, path);
    const plain = identity.responses[index];
    assert.equal(plain?.path, path, 'the same page links the same assets whatever the encoding');
    if (response.body.byteLength >= 1024 || path === '/') assert.equal(header(response, 'content-encoding'), 'br', `${path} is sent with Brotli`);
    // The page carries per-request tokens and nonces nowhere, so it decodes to the very bytes sent without compression.
    assert.deepEqual(decoded(response), plain.response.body, `${path} decodes to its content`);
  }
  const page = decoded(visit.responses[0]!.response).toString('utf8');
  assert.match(page, /<html lang="lv"/);
  assert.match(page, /<\/html>\s*$/);
  const css = decoded(visit.responses.find(({ path }) => path === stylesheet)!.response).toString('utf8');
  assert.match(css, /\.govuk-button/);
  const parsed = JSON.parse(decoded(visit.responses.find(({ path }) => path === manifest)!.response).toString('utf8')) as { name: string; icons: { src: string }[] };
  assert.equal(parsed.name, 'Pakalpojumi');
  assert.equal(parsed.icons[0]?.src, icon, 'the manifest names the fingerprinted icon');
  assert.match(decoded(visit.responses.find(({ path }) => path === icon)!.response).toString('utf8'), /^<svg /);
});

test('Brotli when offered, gzip otherwise, identity when neither: pages, the stylesheet and JSON', async () => {
  const home = await wireGet(`${platform.url}/`, { 'accept-encoding': 'br' });
  const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(decoded(home).toString('utf8'))?.[1];
  assert.ok(stylesheet);
  for (const path of ['/', '/en/services/dzivesvietas-deklaresana', stylesheet, '/openapi.json', '/api/v1/services?limit=50', '/api/v1/catalog.jsonld']) {
    const cases: [string | undefined, string | undefined][] = [
      ['br, gzip', 'br'],
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip;q=0.8', 'gzip'],
      ['gzip;q=0.5, br', 'br'],
      ['*', 'gzip'],
      ['identity', undefined],
      ['deflate', undefined],
      [undefined, undefined],
    ];
    const bodies = new Set<string>();
    for (const [accept, expected] of cases) {
      const response = await wireGet(`${platform.url}${path}`, accept === undefined ? {} : { 'accept-encoding': accept });
      assert.equal(response.status, 200, `${path} with ${accept}`);
      assert.equal(header(response, 'content-encoding'), expected, `${path} with Accept-Encoding ${accept ?? '(none)'}`);
      assert.ok(varies(response), `${path} varies by Accept-Encoding (${accept ?? 'none'})`);
      const text = decoded(response).toString('utf8');
      // API lists carry no per-request parts; pages and documents neither.
      bodies.add(text);
      if (expected) assert.ok(response.body.byteLength < Buffer.byteLength(text), `${path} is smaller ${expected}-encoded`);
    }
    assert.equal(bodies.size, 1, `${path} decodes to the same content in every encoding`);
  }
});

test('problem+json errors, tiny bodies and redirects stay correct', async () => {
  const problem = await wireGet(`${platform.url}/api/v1/services?limit=0`, { 'accept-encoding': 'br, gzip' });
  assert.equal(problem.status, 400);
  assert.match(header(problem, 'content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(decoded(problem).toString('utf8')) as { type: string; status: number };
  assert.equal(body.status, 400);
  assert.match(body.type, /^\/problems\//);

  const health = await wireGet(`${platform.url}/healthz`, { 'accept-encoding': 'br, gzip' });
  assert.equal(header(health, 'content-encoding'), undefined, 'a tiny body is sent as it is');
  assert.deepEqual(JSON.parse(health.body.toString('utf8')), { status: 'ok' });

  const notFound = await wireGet(`${platform.url}/api/v1/services/no-such-service-anywhere`, { 'accept-encoding': 'gzip' });
  assert.equal(notFound.status, 404);
  assert.equal((JSON.parse(decoded(notFound).toString('utf8')) as { status: number }).status, 404);

  const redirect = await wireGet(`${platform.url}/en`, { 'accept-encoding': 'br, gzip' });
  assert.equal(redirect.status, 301);
  assert.equal(header(redirect, 'location'), '/en/');

  const missingPage = await wireGet(`${platform.url}/no-such-page`, { 'accept-encoding': 'br', accept: 'text/html' });
  assert.equal(missingPage.status, 404);
  assert.match(decoded(missingPage).toString('utf8'), /<html lang="lv"/);
});

test('fingerprinted assets are immutable for a year; their plain addresses keep working with a short cache; ETags answer 304', async () => {
  const page = decoded(await wireGet(`${platform.url}/en/`, { 'accept-encoding': 'gzip' })).toString('utf8');
  const linked = {
    stylesheet: /<link rel="stylesheet" href="([^"]+)"/.exec(page)?.[1],
    icon: /<link rel="icon" href="([^"]+)"/.exec(page)?.[1],
    manifest: /<link rel="manifest" href="([^"]+)"/.exec(page)?.[1],
  };
  const plain = { stylesheet: '/assets/app.css', icon: '/assets/icon.svg', manifest: '/manifest.webmanifest' };
  for (const kind of ['stylesheet', 'icon', 'manifest'] as const) {
    const url = linked[kind];
    assert.ok(url, `the page links a ${kind}`);
    const fingerprinted = await wireGet(`${platform.url}${url}`, { 'accept-encoding': 'br, gzip' });
    assert.equal(fingerprinted.status, 200, url);
    assert.equal(header(fingerprinted, 'cache-control'), IMMUTABLE, url);
    const old = await wireGet(`${platform.url}${plain[kind]}`, { 'accept-encoding': 'br, gzip' });
    assert.equal(old.status, 200, plain[kind]);
    assert.match(header(old, 'cache-control') ?? '', /max-age=\d{1,4}\b/, `${plain[kind]} is cached briefly`);
    assert.doesNotMatch(header(old, 'cache-control') ?? '', /immutable/);
    assert.equal(header(old, 'content-type'), header(fingerprinted, 'content-type'));
    assert.deepEqual(decoded(old), decoded(fingerprinted), `${plain[kind]} serves the same content`);

    const etag = header(fingerprinted, 'etag');
    assert.ok(etag, `${url} has an ETag`);
    const revalidated = await wireGet(`${platform.url}${url}`, { 'accept-encoding': 'br, gzip', 'if-none-match': etag });
    assert.equal(revalidated.status, 304, url);
    assert.equal(revalidated.body.byteLength, 0);
    assert.equal((await wireGet(`${platform.url}${url}`, { 'if-none-match': '"something-else"' })).status, 200);
  }

  // The stylesheet is stored in three encodings, each with its own tag; any of them revalidates the content.
  const url = linked.stylesheet!;
  const tags = new Set<string>();
  for (const accept of ['br', 'gzip', 'identity']) {
    const response = await wireGet(`${platform.url}${url}`, { 'accept-encoding': accept });
    tags.add(header(response, 'etag') ?? '');
    assert.ok(varies(response), `the stylesheet varies by Accept-Encoding (${accept})`);
    assert.equal(Number(header(response, 'content-length')), response.body.byteLength, 'stored bytes: the length is known');
  }
  assert.equal(tags.size, 3);
  const gzipTag = [...tags].find((tag) => tag.endsWith('-gzip"'));
  assert.equal((await wireGet(`${platform.url}${url}`, { 'accept-encoding': 'br', 'if-none-match': gzipTag! })).status, 304);

  // A page of an earlier release still gets a stylesheet, just not one cached for a year.
  const outdated = await wireGet(`${platform.url}/assets/app.0123456789abcdef.css`, { 'accept-encoding': 'br' });
  assert.equal(outdated.status, 200);
  assert.doesNotMatch(header(outdated, 'cache-control') ?? '', /immutable/);
  assert.equal((await wireGet(`${platform.url}/assets/nothing.0123456789abcdef.css`)).status, 404);
});

test('a downloaded document goes out as stored, even when its type is text', async () => {
  const janis = await accessTokenFor(platform, await demoRp(platform), 'Jānis Bērziņš');
  const institution = await institutionToken(platform);
  const service = await expectJson<{ id: string }>(await fetch(`${platform.url}/api/v1/services/dzivesvietas-deklaresana`));
  const receipt = await applyAsJanis(platform, janis, service.id);
  await moveToInProgress(platform, institution, receipt.applicationId, `${receipt.number}-progress`);
  const decided = await fetch(`${platform.url}/api/v1/applications/${receipt.applicationId}/status`, {
    method: 'POST',
    headers: { authorization: `Bearer ${institution}`, 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'decided' }),
  });
  assert.equal(decided.status, 201, await decided.text());
  const table = Buffer.from(`adrese;platība\n${'Brīvības iela 1-2, Rīga;54\n'.repeat(400)}`);
  const form = new FormData();
  form.set('summary', JSON.stringify({ lv: 'Izziņa', en: 'Statement' }));
  form.set('table', new Blob([table], { type: 'text/plain' }), 'izziņa.txt');
  const delivered = await fetch(`${platform.url}/api/v1/applications/${receipt.applicationId}/result`, { method: 'POST', headers: { authorization: `Bearer ${institution}` }, body: form });
  assert.equal(delivered.status, 201, await delivered.text());
  const view = await expectJson<{ result?: { documents: { id: string }[] } }>(await fetch(`${platform.url}/api/v1/applications/${receipt.number}`, { headers: { authorization: `Bearer ${janis}` } }));
  const document = view.result?.documents[0];
  assert.ok(document);

  const download = await wireGet(`${platform.url}/api/v1/applications/${receipt.number}/files/${document.id}`, { authorization: `Bearer ${janis}`, 'accept-encoding': 'br, gzip' });
  assert.equal(download.status, 200);
  assert.match(header(download, 'content-type') ?? '', /^text\/plain/);
  assert.equal(header(download, 'content-encoding'), undefined, 'not compressed on the way');
  assert.equal(Number(header(download, 'content-length')), table.byteLength);
  assert.deepEqual(download.body, table);
});
