/**
 * Rate limits for every API client (issue #14, item 3), counted in the
 * database so that every instance agrees: on the PostgreSQL server two
 * instances on one database take turns answering. A client past its bucket
 * gets 429 with Retry-After and the IETF RateLimit fields, in one family of
 * calls and not in another, and another client is not slowed; failed client
 * authentications at the token endpoint are refused with 429 after a while.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRateLimiter, type RatePolicy } from '../src/platform/http/rate-limit.js';
import { expectProblem } from './support/http.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';
import { accessTokenFor, demoRp, institutionToken } from './support/sso.js';

// Five at once, then one every ten seconds: the sixth request in a row is refused however slow the machine.
const env = { API_RATE_LIMIT: '6', API_RATE_BURST: '5' };
const instances: TestPlatform[] = [];
let institution: string;

before(async () => {
  const first = await startTestPlatform({ env });
  instances.push(first);
  if (first.databaseUrl) instances.push(await startTestPlatform({ env, databaseUrl: first.databaseUrl }));
  institution = await institutionToken(first, 'applications.read integration.manage');
});
after(async () => {
  for (const instance of instances.reverse()) await instance.close();
});

const get = (n: number, path: string, token: string): Promise<Response> => fetch(`${instances[n % instances.length]!.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('API rate limits', () => {
  test('a client past its burst gets 429 with Retry-After and RateLimit, whichever instance answers; other families and clients go on', async () => {
    const answers: Response[] = [];
    for (let n = 0; n < 6; n++) answers.push(await get(n, '/api/v1/applications?limit=1', institution));
    assert.deepEqual(answers.map((response) => response.status), [200, 200, 200, 200, 200, 429]);
    assert.deepEqual(answers.slice(0, 5).map((response) => response.headers.get('ratelimit')?.replace(/;t=\d+$/, '')), [4, 3, 2, 1, 0].map((left) => `"api";r=${left}`), 'each answer says what is left');
    const refused = answers[5]!;
    assert.equal(refused.headers.get('ratelimit-policy'), '"api";q=6;w=60;burst=5');
    assert.match(refused.headers.get('ratelimit') ?? '', /^"api";r=0;t=\d+$/);
    const wait = Number(refused.headers.get('retry-after'));
    assert.ok(wait >= 1 && wait <= 10, `Retry-After ${wait} s: the next request's turn, within one interval`);
    await expectProblem(refused, 429, 'rate-limit.exceeded');
    // The same client's other family of calls has a bucket of its own; another client is not counted here at all.
    assert.equal((await get(1, '/api/v1/webhooks', institution)).status, 200);
    const janis = await accessTokenFor(instances[0]!, await demoRp(instances[0]!), 'Jānis Bērziņš');
    assert.equal((await get(0, '/api/v1/applications?limit=1', janis)).status, 200);
  });

  test('takes of one bucket at once are decided as takes in a row: the burst and no more, on every instance, each told what is left', async () => {
    // An instance writes the takes that come while one is under way together (rate-limit.ts): all of them when they fit, else one by one.
    const limiters = instances.map((instance) => createRateLimiter(instance.database.db));
    const takeAtOnce = (key: string, policy: RatePolicy, on: typeof limiters) => Promise.all(Array.from({ length: 8 }, (_, n) => on[n % on.length]!.take(key, policy)));
    const within = await takeAtOnce('test:at-once:within', { name: 'api', perMinute: 6, burst: 10 }, limiters.slice(0, 1));
    assert.ok(within.every((decided) => decided.allowed));
    assert.deepEqual(within.map((decided) => decided.remaining).sort(), [2, 3, 4, 5, 6, 7, 8, 9]);
    // Across instances each statement counts from its own transaction's now(), so what is left may read one less; the burst holds exactly.
    const past = await takeAtOnce('test:at-once:past', { name: 'api', perMinute: 6, burst: 5 }, limiters);
    assert.equal(past.filter((decided) => decided.allowed).length, 5);
    assert.ok(past.filter((decided) => !decided.allowed).every((decided) => decided.remaining === 0 && decided.retryAfterSeconds >= 1));
  });

  test('failed client authentications at the token endpoint are refused with 429 after twenty', async () => {
    const wrong = `Basic ${Buffer.from('demo-institution:not-the-secret').toString('base64')}`;
    const attempt = (n: number): Promise<Response> =>
      fetch(`${instances[n % instances.length]!.url}/oidc/token`, {
        method: 'POST',
        headers: { authorization: wrong, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&scope=applications.read',
      });
    // Twenty at once, then ten a minute come back: on a loaded machine a slow run earns one back every six seconds.
    const started = Date.now();
    const statuses: number[] = [];
    let last: Response | undefined;
    while (statuses.length < 40 && last?.status !== 429) {
      last = await attempt(statuses.length);
      statuses.push(last.status);
    }
    const earnedBack = Math.ceil((Date.now() - started) / 6000);
    const refusedAt = statuses.indexOf(429);
    assert.ok(refusedAt >= 20 && refusedAt <= 20 + earnedBack, `the first 429 after twenty failures (and ${earnedBack} earned back): ${statuses.join(' ')}`);
    assert.ok(statuses.slice(0, refusedAt).every((status) => status === 401), 'every failure before it was a 401');
    last = await attempt(statuses.length);
    assert.equal(last.status, 429, 'and the next one is refused too');
    assert.ok(Number(last!.headers.get('retry-after')) >= 1);
    const body = (await last!.json()) as { type: string; error: string };
    assert.equal(body.type, '/problems/rate-limit.token-failures');
    assert.equal(body.error, 'invalid_client', 'OAuth clients read the error too');
  });
});
