/**
 * The event bus against a real database (embedded, or a scratch database on
 * DATABASE_URL's server): per-subscriber cursors, retries that hold up only
 * the failing subscriber, dead events, transactions that commit out of order,
 * and two instances side by side.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openTestDatabase } from '../../../test/support/database.js';
import { openDatabase, type Database } from '../db/database.js';
import { createEventBus, type EventBus } from './bus.js';
import { publish, type EventEnvelope, type NewEvent } from './outbox.js';

const server = process.env.DATABASE_URL;
const event = (type: string, n: number): NewEvent => ({ type, source: '/test', subject: `s-${n}`, actor: { kind: 'platform', id: 'test' }, data: { n } });
const numbers = (events: EventEnvelope[]): number[] => events.map((e) => (e.data as { n: number }).n);

describe('event bus', () => {
  let database: Database & { dispose(): Promise<void> };
  let run = 0;
  /** Subscriber names of their own per test: cursors live in the shared database. */
  const name = (label: string): string => `${label}-${run}`;

  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.dispose();
  });

  /** Events published in one committed transaction. */
  const published = async (type: string, from: number, count: number): Promise<string[]> =>
    database.db.transaction().execute((trx) => publish(trx, ...Array.from({ length: count }, (_, i) => event(type, from + i))));

  test('every subscriber gets each event once, in order; a failing one is retried alone, and gives up into dead events', async () => {
    run += 1;
    const type = `test.retry_${run}`;
    const bus = createEventBus({ db: database.db, retryDelayMs: () => 0, maxAttempts: 3 });
    const calm: EventEnvelope[] = [];
    const flaky: EventEnvelope[] = [];
    const doomed: EventEnvelope[] = [];
    let flakyFailures = 0;
    bus.subscribe(name('calm'), [type], async (e) => void calm.push(e));
    bus.subscribe(name('flaky'), [type], async (e) => {
      if ((e.data as { n: number }).n === 2 && flakyFailures < 2) {
        flakyFailures += 1;
        throw new Error('not now');
      }
      flaky.push(e);
    });
    bus.subscribe(name('doomed'), (e) => e.type === type, async (e) => {
      if ((e.data as { n: number }).n === 1) throw new Error('never');
      doomed.push(e);
    });
    // With a batch handler: the events of a fetch at once; a batch that fails is handed out one by one.
    const batches: number[][] = [];
    const alone: EventEnvelope[] = [];
    bus.subscribe(name('batched'), [type], async (e) => void alone.push(e), async (events) => void batches.push(numbers(events)));
    bus.subscribe(
      name('unbatchable'),
      [type],
      async (e) => void alone.push(e),
      async () => {
        throw new Error('not together');
      },
    );
    const ids = await published(type, 1, 3);

    await bus.runOnce();
    assert.deepEqual(numbers(calm), [1, 2, 3], 'the calm subscriber is not held up');
    assert.deepEqual(numbers(flaky), [1], 'the flaky one stops at the event it failed');
    assert.deepEqual(numbers(doomed), []);
    assert.deepEqual(batches, [[1, 2, 3]], 'one batch');
    assert.deepEqual(numbers(alone), [1, 2, 3], 'the failed batch, one by one');
    const cursor = await sql<{ attempts: number; last_error: string }>`select attempts, last_error from platform.bus_cursors where subscriber = ${name('flaky')}`.execute(database.db);
    assert.deepEqual(cursor.rows[0], { attempts: 1, last_error: 'not now' });

    await bus.runOnce();
    await bus.runOnce();
    assert.deepEqual(numbers(flaky), [1, 2, 3], 'retried until it succeeds, the rest follows');
    assert.deepEqual(numbers(calm), [1, 2, 3], 'nothing is redelivered to the subscriber that succeeded');
    assert.deepEqual(numbers(doomed), [2, 3], 'past its attempts the event is stepped over');
    const dead = await sql<{ subscriber: string; event_id: string; attempts: number; error: string }>`
      select subscriber, event_id::text, attempts, error from platform.bus_dead_events where type = ${type}`.execute(database.db);
    assert.deepEqual(dead.rows, [{ subscriber: name('doomed'), event_id: ids[0], attempts: 3, error: 'never' }]);
    assert.deepEqual(
      calm.map((e) => [e.id, e.type, e.source, e.subject, e.specversion, e.actor.kind]),
      ids.map((id, i) => [id, type, '/test', `s-${i + 1}`, '1.0', 'platform']),
      'the envelope is CloudEvents-shaped',
    );

    await bus.runOnce();
    assert.equal(calm.length + flaky.length + doomed.length + batches.length + alone.length, 12, 'a pass with nothing new delivers nothing');
  });

  test('a subscriber waits out its backoff before it is tried again', async () => {
    run += 1;
    const type = `test.backoff_${run}`;
    const bus = createEventBus({ db: database.db, retryDelayMs: () => 3_600_000 });
    let calls = 0;
    bus.subscribe(name('slow'), [type], async () => {
      calls += 1;
      throw new Error('down');
    });
    await published(type, 1, 1);
    await bus.runOnce();
    await bus.runOnce();
    assert.equal(calls, 1, 'not tried again within the hour');
    await sql`update platform.bus_cursors set retry_at = now() - interval '1 second' where subscriber = ${name('slow')}`.execute(database.db);
    await bus.runOnce();
    assert.equal(calls, 2, 'tried again once the wait is over');
  });

  test('a pass with nothing to deliver writes nothing; an idle cursor is still moved hourly', async () => {
    run += 1;
    const type = `test.idle_${run}`;
    const bus = createEventBus({ db: database.db });
    const seen: EventEnvelope[] = [];
    bus.subscribe(name('idle'), [type], async (e) => void seen.push(e));
    const movedAt = async (): Promise<string> =>
      (await sql<{ at: string }>`select updated_at::text as at from platform.bus_cursors where subscriber = ${name('idle')}`.execute(database.db)).rows[0]?.at ?? 'no cursor';
    await published(type, 1, 1);
    await bus.runOnce();
    assert.deepEqual(numbers(seen), [1]);
    const caughtUp = await movedAt();
    await bus.runOnce();
    await bus.runOnce();
    assert.equal(await movedAt(), caughtUp, 'no event after the cursor: not leased, not moved');
    await sql`update platform.bus_cursors set updated_at = now() - interval '2 hours' where subscriber = ${name('idle')}`.execute(database.db);
    const stale = await movedAt();
    await bus.runOnce();
    assert.ok((await movedAt()) > stale, 'moved again after an hour idle');
    await published(type, 2, 2);
    await bus.runOnce();
    assert.deepEqual(numbers(seen), [1, 2, 3], 'and what comes later is delivered');
  });

  test('events every subscriber has passed are deleted; one a subscriber still waits for, a new subscriber, or a cursor moved lately holds them', async () => {
    run += 1;
    const type = `test.prune_${run}`;
    // Only this bus's own cursors count here (other tests' cursors share the database); embedded, the outbox is vacuumed after.
    const bus = createEventBus({ db: database.db, retryDelayMs: () => 0, staleCursorDays: 0, vacuum: database.kind === 'embedded' });
    let failing = true;
    bus.subscribe(name('fast'), [type], async () => {});
    bus.subscribe(name('slow'), [type], async (e) => {
      if (failing && (e.data as { n: number }).n === 3) throw new Error('not yet');
    });
    const left = async (ids: string[]): Promise<number> =>
      Number((await sql<{ n: string }>`select count(*) as n from platform.outbox where id = any(${ids}::uuid[])`.execute(database.db)).rows[0]?.n);
    const ids = await published(type, 1, 5);
    await bus.runOnce();
    assert.ok((await bus.prune()) >= 2);
    assert.equal(await left(ids.slice(0, 2)), 0, 'the two every subscriber has passed are gone');
    assert.equal(await left(ids.slice(2)), 3, 'the one the slow subscriber is to be given again, and those after it, are kept');
    failing = false;
    await bus.runOnce();
    await bus.prune();
    assert.equal(await left(ids), 0, 'once the slow one has caught up, all are gone');

    // Another release's instance: a cursor it moved lately (its subscriber is not wired here) holds events back,
    // one no instance has moved for longer than staleCursorDays does not; nor does anything go while a subscriber
    // wired here has no cursor yet.
    const later = await published(type, 6, 2);
    await bus.runOnce();
    await sql`insert into platform.bus_cursors (subscriber) values (${name('retired')})`.execute(database.db);
    const next = createEventBus({ db: database.db });
    for (const label of ['fast', 'slow', 'newcomer']) next.subscribe(name(label), [type], async () => {});
    assert.equal(await next.prune(), 0, 'a subscriber without a cursor yet holds everything');
    await next.runOnce();
    assert.equal(await next.prune(), 0, 'a cursor moved lately holds everything behind it');
    assert.equal(await left(later), 2);
    // The retired one, and with it the earlier tests' cursors in this database, left alone for over a week.
    const wired = ['fast', 'slow', 'newcomer'].map(name);
    await sql`update platform.bus_cursors set updated_at = now() - interval '8 days' where subscriber <> all(${wired}::text[])`.execute(database.db);
    assert.ok((await next.prune()) >= 2);
    assert.equal(await left(later), 0, 'a cursor left alone for over a week holds nothing');
    await sql`delete from platform.bus_cursors where subscriber = ${name('retired')}`.execute(database.db);
  });

  test('an event whose transaction commits after a later one is not stepped over', { skip: server ? false : 'embedded: one connection runs one transaction at a time' }, async () => {
    run += 1;
    const type = `test.order_${run}`;
    const bus = createEventBus({ db: database.db });
    const seen: EventEnvelope[] = [];
    bus.subscribe(name('ordered'), [type], async (e) => void seen.push(e));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    // The first transaction takes its position and transaction id first, and commits last.
    const slow = database.db.transaction().execute(async (trx) => {
      await publish(trx, event(type, 1));
      written();
      await gate;
    });
    await wrote;
    await published(type, 2, 1);
    await bus.runOnce();
    assert.deepEqual(numbers(seen), [], 'nothing after an open transaction is handed out');
    release();
    await slow;
    await bus.runOnce();
    assert.deepEqual(numbers(seen), [1, 2]);
  });

  test('a transaction open in another database of the server holds nothing back', { skip: server ? false : 'embedded: one database' }, async () => {
    run += 1;
    const type = `test.elsewhere_${run}`;
    // The server's own database (this file's is a scratch copy beside it), with a transaction that has written and stays open.
    const elsewhere = new pg.Client({ connectionString: server });
    await elsewhere.connect();
    try {
      await elsewhere.query('begin');
      await elsewhere.query('select pg_current_xact_id()');
      const bus = createEventBus({ db: database.db });
      const seen: EventEnvelope[] = [];
      bus.subscribe(name('elsewhere'), [type], async (e) => void seen.push(e));
      await published(type, 1, 2);
      await bus.runOnce();
      assert.deepEqual(numbers(seen), [1, 2], 'the events are handed out while the other database’s transaction is open');
    } finally {
      await elsewhere.query('rollback');
      await elsewhere.end();
    }
  });

  test('two instances over one database deliver each event to each subscriber once', async () => {
    run += 1;
    const type = `test.pair_${run}`;
    // Two processes' worth of connections: on the server, a second pool on the same database.
    let second: Database | undefined;
    if (server) {
      const dbName = (await sql<{ db: string }>`select current_database() as db`.execute(database.db)).rows[0]?.db;
      assert.ok(dbName);
      const target = new URL(server);
      target.pathname = `/${dbName}`;
      second = await openDatabase({ databaseUrl: target.toString(), dataDir: 'memory://' });
    }
    try {
      const received = new Map<string, number>();
      const buses: EventBus[] = [database.db, (second ?? database).db].map((db) => {
        const bus = createEventBus({ db, batchSize: 25 });
        for (const label of ['a', 'b']) {
          bus.subscribe(name(label), [type], async (e) => {
            const key = `${label}:${e.id}`;
            received.set(key, (received.get(key) ?? 0) + 1);
            // Give the other instance a chance to step in mid-batch.
            await new Promise((resolve) => setImmediate(resolve));
          });
        }
        return bus;
      });
      const ids = [...(await published(type, 1, 60)), ...(await published(type, 61, 60))];
      const more = published(type, 121, 40);
      await Promise.all([buses[0]!.runOnce(), buses[1]!.runOnce(), buses[0]!.runOnce(), buses[1]!.runOnce()]);
      ids.push(...(await more));
      // Both keep passing side by side until all is handed out: on a shared server another test's open transaction
      // can hold the read horizon (pg_snapshot_xmin is cluster-wide) back for a while, so a fixed number of passes may see nothing.
      const deadline = Date.now() + 30_000;
      do await Promise.all([buses[0]!.runOnce(), buses[1]!.runOnce()]);
      while (received.size < ids.length * 2 && Date.now() < deadline);
      for (const label of ['a', 'b']) {
        const counts = ids.map((id) => received.get(`${label}:${id}`) ?? 0);
        assert.deepEqual(counts, ids.map(() => 1), `subscriber ${label} got each of the ${ids.length} events once`);
      }
      assert.equal(received.size, ids.length * 2);
    } finally {
      await second?.close();
    }
  });
});
