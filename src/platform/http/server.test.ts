/**
 * The HTTP foundation on its own (Fastify's inject, no database): forwarding
 * headers believed only from configured proxies, Permissions-Policy on every
 * answer, /metrics behind its token, probes that ignore credentials.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { AppError } from '../errors.js';
import { createServer, PERMISSIONS_POLICY, type App } from './server.js';
import { proxyTrust } from './proxies.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

async function server(options: { trustProxy?: string[]; metricsToken?: string } = {}): Promise<App> {
  const app = await createServer({ logger: false, publicUrl: 'https://pakalpojumi.example', secure: true, ready: async () => true, sharedSchemas: [], tags: [], version: '0.0.0', ...options });
  // An authenticator that refuses every bearer token, as identity's does for an unknown one.
  app.authenticators.push(async (request) => {
    if (request.headers.authorization) throw new AppError('auth.invalid-token', 'unauthenticated', 'not valid');
    return null;
  });
  app.get('/api/v1/whoami', async (request) => ({ ip: request.ip, protocol: request.protocol, host: request.host, forwarded: request.headers['x-forwarded-for'] ?? null }));
  await app.ready();
  return app;
}

describe('trusted proxies', () => {
  test('TRUST_PROXY entries: addresses, ranges and loopback (IPv4-mapped too); none trusts nobody', () => {
    const trust = proxyTrust(['10.0.0.0/8', '192.0.2.7', 'fd00::/8', 'loopback']);
    for (const address of ['10.1.2.3', '::ffff:10.9.9.9', '192.0.2.7', 'fd12::1', '127.0.0.1', '::1', '::ffff:127.0.0.1']) assert.equal(trust(address), true, address);
    for (const address of ['11.0.0.1', '192.0.2.8', 'fe80::1', '203.0.113.5', undefined, 'garbage']) assert.equal(trust(address), false, String(address));
    assert.equal(proxyTrust([])('127.0.0.1'), false);
  });

  test('X-Forwarded-* from an untrusted peer are dropped; from a trusted proxy they are believed', async () => {
    const app = await server({ trustProxy: ['10.0.0.0/8'] });
    const headers = { 'x-forwarded-for': '198.51.100.1', 'x-forwarded-proto': 'http', 'x-forwarded-host': 'evil.example' };
    const direct = (await app.inject({ url: '/api/v1/whoami', headers, remoteAddress: '203.0.113.5' })).json();
    assert.deepEqual(direct, { ip: '203.0.113.5', protocol: 'http', host: 'localhost:80', forwarded: null });
    const proxied = (await app.inject({ url: '/api/v1/whoami', headers, remoteAddress: '10.0.0.2' })).json();
    assert.deepEqual(proxied, { ip: '198.51.100.1', protocol: 'http', host: 'evil.example', forwarded: '198.51.100.1' });
    await app.close();
  });
});

describe('headers, probes and metrics', () => {
  test('Permissions-Policy denies powerful features on every answer: a route, a probe, a 404', async () => {
    const app = await server();
    assert.match(PERMISSIONS_POLICY, /camera=\(\)/);
    assert.match(PERMISSIONS_POLICY, /microphone=\(\)/);
    assert.match(PERMISSIONS_POLICY, /geolocation=\(\)/);
    for (const url of ['/api/v1/whoami', '/healthz', '/nowhere']) {
      assert.equal((await app.inject({ url })).headers['permissions-policy'], PERMISSIONS_POLICY, url);
    }
    await app.close();
  });

  test('health and readiness ignore any Authorization; an API route refuses a bad one with problem+json', async () => {
    const app = await server();
    for (const authorization of ['Bearer garbage', `Bearer ${'A'.repeat(8000)}`, 'Bearer', 'Basic eDp5']) {
      assert.equal((await app.inject({ url: '/healthz', headers: { authorization } })).statusCode, 200, authorization);
      assert.deepEqual((await app.inject({ url: '/readyz', headers: { authorization } })).json(), { status: 'ready' });
      const api = await app.inject({ url: '/api/v1/whoami', headers: { authorization } });
      assert.equal(api.statusCode, 401);
      assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
    }
    await app.close();
  });

  test('/metrics is not served without METRICS_TOKEN, and wants that token when it is', async () => {
    const closed = await server();
    assert.equal((await closed.inject({ url: '/metrics' })).statusCode, 404);
    await closed.close();

    const app = await server({ metricsToken: METRICS_TOKEN });
    for (const headers of [{}, { authorization: 'Bearer wrong-token' }, { authorization: `Basic ${METRICS_TOKEN}` }] as Record<string, string>[]) {
      const refused = await app.inject({ url: '/metrics', headers });
      assert.equal(refused.statusCode, 401, JSON.stringify(headers));
      assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
      assert.equal(refused.json<{ type: string }>().type, '/problems/metrics.unauthenticated');
    }
    const scraped = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(scraped.statusCode, 200);
    assert.match(scraped.body, /process_cpu_user_seconds_total/);
    await app.close();
  });
});

describe('closing', () => {
  test('an answer in flight when the server closes ends its keep-alive connection, so the close does not wait for it', async () => {
    const app = await createServer({ logger: false, publicUrl: 'https://pakalpojumi.example', secure: false, ready: async () => true, sharedSchemas: [], tags: [], version: '0.0.0' });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived = () => {};
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    app.get('/api/v1/slow', async () => {
      arrived();
      await held;
      return { done: true };
    });
    let closeBegun = () => {};
    const closing = new Promise<void>((resolve) => (closeBegun = resolve));
    app.addHook('preClose', (done) => {
      closeBegun();
      done();
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/slow`;
    const before = await fetch(url.replace('slow', 'nowhere'));
    assert.notEqual(before.headers.get('connection'), 'close', 'kept alive while open');
    await before.arrayBuffer();
    const answer = fetch(url);
    await inFlight;
    const closed = app.close();
    await closing;
    release();
    const response = await answer;
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { done: true });
    assert.equal(response.headers.get('connection'), 'close');
    await closed;
  });
});

describe('deprecated operations', () => {
  test('answer with Deprecation, Sunset and Link, and OpenAPI marks them deprecated', async () => {
    const app = await createServer({ logger: false, publicUrl: 'https://pakalpojumi.example', secure: true, ready: async () => true, sharedSchemas: [], tags: [{ name: 'old', description: 'old' }], version: '0.0.0' });
    app.get('/api/v1/old', { config: { deprecated: { since: '2026-12-01', sunset: '2027-06-01', successor: '/api/v1/new' } }, schema: { tags: ['old'] } }, async () => ({ old: true }));
    app.get('/api/v1/new', { schema: { tags: ['old'] } }, async () => ({ new: true }));
    await app.ready();
    const old = await app.inject({ url: '/api/v1/old' });
    assert.equal(old.headers.deprecation, `@${Date.UTC(2026, 11, 1) / 1000}`);
    assert.equal(old.headers.sunset, 'Tue, 01 Jun 2027 00:00:00 GMT');
    assert.match(String(old.headers.link), /rel="deprecation"/);
    assert.match(String(old.headers.link), /<\/api\/v1\/new>; rel="successor-version"/);
    const current = await app.inject({ url: '/api/v1/new' });
    assert.equal(current.headers.deprecation, undefined);
    const paths = (app.swagger() as { paths: Record<string, { get: { deprecated?: boolean } }> }).paths;
    assert.equal(paths['/api/v1/old']?.get.deprecated, true);
    assert.equal(paths['/api/v1/new']?.get.deprecated, undefined);
    await app.close();
  });
});
