/**
 * The CSRF token as pages carry it (Fastify's inject, no database): masked
 * afresh every time it is written, so compressed pages never repeat it
 * (BREACH), and every masked form of the right token is accepted.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import cookie from '@fastify/cookie';
import { createHmac } from 'node:crypto';
import { csrfToken, installCsrf, verifyCsrf } from './csrf.js';
import { createServer, type App } from './server.js';

const SECRETS: Record<string, string> = { anna: 'anna-session-secret', janis: 'janis-session-secret' };

async function server(): Promise<App> {
  const app = await createServer({ logger: false, publicUrl: 'https://pakalpojumi.example', secure: true, ready: async () => true, sharedSchemas: [], tags: [], version: '0.0.0' });
  await app.register(cookie);
  installCsrf(app, {
    cookieName: 'pk_csrf',
    cookieOptions: { path: '/', httpOnly: true, sameSite: 'lax', secure: true },
    // A stand-in for identity's sessions: the x-session header names whose session the request has.
    sessionSecret: (request) => SECRETS[String(request.headers['x-session'])],
    viaToken: () => false,
  });
  app.get('/form', async (request) => ({ first: csrfToken(request), second: csrfToken(request) }));
  app.post('/change', { preHandler: verifyCsrf }, async () => ({ changed: true }));
  await app.ready();
  return app;
}

test('a session’s token is masked afresh each time it is written, and each masked form is accepted', async () => {
  const app = await server();
  const post = (session: string, token: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/change', headers: { 'x-session': session, ...headers }, payload: { _csrf: token } });
  const one = (await app.inject({ url: '/form', headers: { 'x-session': 'anna' } })).json<{ first: string; second: string }>();
  const two = (await app.inject({ url: '/form', headers: { 'x-session': 'anna' } })).json<{ first: string; second: string }>();
  const tokens = [one.first, one.second, two.first, two.second];
  assert.equal(new Set(tokens).size, 4, 'never the same bytes twice');
  const raw = createHmac('sha256', SECRETS.anna!).update('csrf').digest('base64url');
  for (const token of tokens) {
    assert.ok(!token.includes(raw), 'the token itself is not in the page');
    assert.equal((await post('anna', token)).statusCode, 200);
  }
  assert.equal((await post('anna', raw)).statusCode, 200, 'the unmasked token still counts');
  assert.equal((await app.inject({ method: 'POST', url: '/change', headers: { 'x-session': 'anna', 'x-csrf-token': one.first } })).statusCode, 200, 'in the header too');
  for (const forged of ['', 'x', `${one.first.slice(0, -2)}xx`, one.first.toUpperCase(), one.first.slice(1), `${one.first}AA`]) {
    assert.equal((await post('anna', forged)).statusCode, 403, `refused: ${forged.slice(0, 12)}…`);
  }
  assert.equal((await post('janis', one.first)).statusCode, 403, 'another session’s token is refused');
  await app.close();
});

test('an anonymous visitor’s token: the cookie holds it, forms carry it masked', async () => {
  const app = await server();
  const page = await app.inject({ url: '/form' });
  const set = page.cookies.find((entry) => entry.name === 'pk_csrf');
  assert.ok(set, 'the double-submit cookie is set');
  const { first, second } = page.json<{ first: string; second: string }>();
  assert.notEqual(first, second);
  assert.ok(!first.includes(set.value));
  for (const token of [first, second, set.value]) {
    assert.equal((await app.inject({ method: 'POST', url: '/change', cookies: { pk_csrf: set.value }, payload: { _csrf: token } })).statusCode, 200);
  }
  assert.equal((await app.inject({ method: 'POST', url: '/change', payload: { _csrf: first } })).statusCode, 403, 'without the cookie');
  await app.close();
});
