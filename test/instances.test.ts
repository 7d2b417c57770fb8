/**
 * Two instances on one PostgreSQL database behind a round-robin load balancer
 * (issue #11, item 7; shared/PITFALLS.md "Several instances"): each request
 * through the proxy goes to the other instance than the one before, so every
 * multi-step flow (the OpenID sign-in, a form and its CSRF token, the API)
 * crosses instances. Shows that a sign-in on one serves pages and the API on
 * the other, that a notification is sent once though both relay events and
 * both send mail, and that a catalog edit is found by search on both.
 * The embedded database serves one instance, so this runs on PostgreSQL only.
 */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { serviceContent } from '../src/modules/catalog/catalog.fixtures.js';
import { startTestSmtp, type TestSmtp } from '../src/modules/notifications/notifications.fixtures.js';
import { startChild, startedData, type Child } from './support/child.js';
import { eventually, expectJson } from './support/http.js';
import { applyAsJanis, moveToInProgress } from './support/journeys.js';
import { csrfOf, freePort, signedIn, type TestBrowser } from './support/platform.js';
import { accessTokenFor, demoRp, institutionToken } from './support/sso.js';

const skip = process.env.DATABASE_URL ? false : 'several instances share a PostgreSQL server (set DATABASE_URL); the embedded database serves one instance';
const JANIS_MAIL = 'janis.berzins@example.com';

interface Proxy {
  url: string;
  /** which instance answered each request, in order: method, path, instance (0 or 1), status */
  log: { method: string; path: string; instance: number; status: number }[];
  close(): Promise<void>;
}

/** A round-robin HTTP proxy in this process: request n goes to backend n mod 2, as a load balancer without sticky sessions would send it. */
async function roundRobin(port: number, backends: () => string[]): Promise<Proxy> {
  const log: Proxy['log'] = [];
  let next = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const instance = next++ % 2;
    const target = new URL(backends()[instance] ?? '');
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      log.push({ method: incoming.method ?? '', path: incoming.url ?? '', instance, status: answer.statusCode ?? 0 });
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => {
      outgoing.writeHead(502).end();
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    log,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('two instances on one database behind a round-robin proxy', { skip }, () => {
  let smtp: TestSmtp;
  let data: Awaited<ReturnType<typeof startedData>>;
  let proxy: Proxy;
  const instances: Child[] = [];
  let database: pg.Client;

  before(async () => {
    smtp = await startTestSmtp();
    data = await startedData('pk-instances');
    // Both instances are known to the world by the proxy's address, as behind a real load balancer.
    const port = await freePort();
    proxy = await roundRobin(port, () => instances.map((instance) => instance.url));
    const env = { ...data.env, PUBLIC_URL: proxy.url, SMTP_URL: smtp.url, EVENTS_INTERVAL_MS: '200' };
    instances.push(...(await Promise.all([startChild(env), startChild(env)])));
    database = new pg.Client({ connectionString: data.env.DATABASE_URL });
    await database.connect();
  });

  after(async () => {
    await database?.end();
    for (const instance of instances) instance.process.kill('SIGTERM');
    await Promise.all(instances.map((instance) => instance.exited));
    await proxy?.close();
    await smtp?.close();
    await data?.drop();
  });

  /** The requests since `from` that each instance answered. */
  const answeredBy = (from: number, instance: number) => proxy.log.slice(from).filter((entry) => entry.instance === instance);

  test('a web sign-in through both instances serves pages, forms and the API on either', async () => {
    const start = proxy.log.length;
    const anna: TestBrowser = await signedIn(proxy, 'Anna Kalniņa', '/workspace');
    assert.ok(answeredBy(start, 0).length > 0 && answeredBy(start, 1).length > 0, 'the sign-in crossed both instances');
    // The session made by the sign-in opens the workspace on each instance, asked directly.
    for (const instance of instances) {
      const page = await anna.request(`${instance.url}/workspace`);
      assert.equal(page.status, 200, `the workspace answers on ${instance.url}`);
      assert.match(await page.text(), /Anna Kalniņa/);
    }
    // A form read from one instance is accepted by the other: its CSRF token is shared.
    const settings = '/workspace/settings/notifications';
    const [first, second] = instances as [Child, Child];
    const token = csrfOf(await (await anna.request(`${first.url}${settings}`)).text());
    assert.ok(token, 'the settings page has a CSRF token');
    const kinds = ['status', 'result', 'request', 'mandate', 'support', 'offer', 'message'].map((kind): [string, string] => [`kind-${kind}`, 'email']);
    const saved = await anna.request(`${second.url}${settings}`, { form: [['_csrf', token], ...kinds, ['language', 'en'], ['quietFrom', '22:00'], ['quietUntil', '08:00']] });
    assert.equal(saved.status, 303, 'the other instance accepts the form');
    const forged = await anna.request(`${second.url}${settings}`, { form: [['_csrf', 'forged'], ...kinds, ['language', 'lv']] });
    assert.equal(forged.status, 403, 'and still refuses a forged token');
    assert.match(await (await anna.request(`${first.url}${settings}`)).text(), /value="en"[^>]*checked|checked[^>]*value="en"/, 'the saved setting shows on the first instance');

    // An access token issued through the proxy is accepted by each instance.
    const bearer = await accessTokenFor(proxy, await demoRp(proxy), 'Anna Kalniņa');
    for (const instance of instances) {
      const me = await fetch(`${instance.url}/api/v1/me/notifications?limit=1`, { headers: { authorization: `Bearer ${bearer}` } });
      assert.equal(me.status, 200, `the API accepts the token on ${instance.url}`);
    }
  });

  test('a status change is relayed and mailed once, though both instances relay and send', async () => {
    const janis = await accessTokenFor(proxy, await demoRp(proxy), 'Jānis Bērziņš');
    const institution = await institutionToken(proxy, 'applications.read applications.write');
    const residence = await expectJson<{ id: string }>(await fetch(`${proxy.url}/api/v1/services/dzivesvietas-deklaresana`));
    const receipt = await applyAsJanis(proxy, janis, residence.id);
    await moveToInProgress(proxy, institution, receipt.applicationId, `instances-${receipt.applicationId}`);
    const subject = `Pieteikums ${receipt.number}: Izskatīšanā`;
    const mails = () => smtp.received.filter((mail) => mail.to.includes(JANIS_MAIL) && mail.subject === subject);
    await smtp.waitFor(() => mails().length > 0);
    // "Once" is known, not waited for: the notifications subscriber's cursor is past the event (events go in (tx, position) order), and its deliveries are final.
    const changed = await database.query<{ tx: string; position: string }>(`select tx, position from platform.outbox where type = 'applications.status_changed' and subject = $1 order by tx desc, position desc limit 1`, [receipt.applicationId]);
    const event = changed.rows[0];
    assert.ok(event, 'the status change is in the outbox');
    await eventually(
      async () => (await database.query<{ passed: boolean }>(`select (tx, position) >= ($1::bigint, $2::bigint) as passed from platform.bus_cursors where subscriber = 'notifications'`, [event.tx, event.position])).rows[0]?.passed ?? false,
      (passed) => passed,
      'the notifications subscriber passes the event',
    );
    const open = async () =>
      Number((await database.query<{ open: string }>(`select count(*) as open from notifications.deliveries d join notifications.notifications n on n.id = d.notification_id where n.subject = $1 and d.status in ('queued', 'sending', 'retrying')`, [subject])).rows[0]?.open);
    await eventually(open, (count) => count === 0, 'the deliveries of the notification settle');
    assert.equal(mails().length, 1, 'one e-mail for one status change');
    const notifications = await database.query<{ n: string }>(`select count(*) as n from notifications.notifications where subject = $1`, [subject]);
    assert.equal(Number(notifications.rows[0]?.n), 1, 'one notification for one status change');
  });

  test('a service published through one instance is found by search on both', async () => {
    const ilze = await accessTokenFor(proxy, await demoRp(proxy), 'Ilze Kļaviņa');
    const institution = await expectJson<{ id: string }>(await fetch(`${proxy.url}/api/v1/institutions/pmlp`));
    const word = `Zvaigznājs${Date.now().toString(36)}`;
    const content = serviceContent({
      title: { lv: `${word} reģistrācija`, en: `${word} registration` },
      description: { lv: 'Pārbaude ar divām instancēm.', en: 'A check with two instances.' },
      channels: [{ type: 'online', url: 'https://example.lv/divas' }],
      languages: ['lv', 'en'],
    });
    const headers = { authorization: `Bearer ${ilze}`, 'content-type': 'application/json' };
    const draft = await expectJson<{ id: string }>(await fetch(`${proxy.url}/api/v1/services`, { method: 'POST', headers, body: JSON.stringify({ institutionId: institution.id, ...content }) }), 201);
    await expectJson(await fetch(`${proxy.url}/api/v1/services/${draft.id}/publish`, { method: 'POST', headers: { authorization: `Bearer ${ilze}` } }));
    for (const instance of instances) {
      await eventually(
        async () => (await expectJson<{ items: { id: string }[] }>(await fetch(`${instance.url}/api/v1/services?q=${encodeURIComponent(word.toLowerCase())}`))).items,
        (items) => items.some((item) => item.id === draft.id),
        `search on ${instance.url} finds the new service`,
        10_000,
      );
    }
  });
});
