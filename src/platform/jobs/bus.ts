/**
 * The event bus: delivers the outbox's events (outbox.ts) to the subscribers
 * wired when the app is assembled. Each subscriber has its own durable cursor
 * (platform.bus_cursors), so one that fails is retried, with backoff, without
 * holding up the others and without redelivering to those that succeeded.
 * Delivery is at least once — a crash between a handler's work and the
 * cursor's step hands the event out again — so handlers de-duplicate by
 * `event.id`. An event a subscriber fails past `maxAttempts` times is recorded
 * in platform.bus_dead_events, logged, and stepped over. A subscriber may also
 * take the events of one fetch together (a batch handler, e.g. one transaction
 * for a backlog); a batch that fails is handed out again one event at a time.
 *
 * Several instances may run side by side on one PostgreSQL: a subscriber's
 * cursor is leased by one of them at a time (a single conditional UPDATE), and
 * a lease left by a crashed instance runs out. A lease rather than a row lock
 * held in an open transaction, because handlers run their own transactions and
 * on embedded PGlite every statement waits for an open transaction to end.
 *
 * The outbox is a way through, not a record (the audit trail, notifications and
 * webhook deliveries keep their own): events every subscriber has passed are
 * deleted now and then, so it does not grow with every change ever made.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { RootDb } from '../db/database.js';
import { eventsAfter, type EventEnvelope, type StoredEvent } from './outbox.js';

export type BusHandler = (event: EventEnvelope) => Promise<void>;
/** Handles several events at once (e.g. in one transaction); all or nothing, as if each went to the BusHandler in order. */
export type BusBatchHandler = (events: EventEnvelope[]) => Promise<void>;
/** The event types a subscriber wants, or a predicate over each event. */
export type BusFilter = readonly string[] | ((event: EventEnvelope) => boolean);

export interface BusLog {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface BusOptions {
  db: RootDb;
  log?: BusLog | undefined;
  batchSize?: number;
  /** times a subscriber may fail one event before it is recorded dead and stepped over */
  maxAttempts?: number;
  /** wait before attempt `attempts + 1`, after `attempts` failures (default: 1 s doubling, at most 5 min) */
  retryDelayMs?: (attempts: number) => number;
  /** how long an instance holds a subscriber's cursor before another may take it over */
  leaseSeconds?: number;
  /** how often an instance deletes the events every subscriber has passed (default: every minute) */
  pruneEveryMs?: number;
  /**
   * A cursor no instance has moved for this many days belongs to a subscriber
   * no longer wired (a release renamed or dropped it) and no longer holds events
   * back; the cursors of this instance's own subscribers always do (default 7).
   */
  staleCursorDays?: number;
  /** embedded PGlite has no autovacuum: the outbox is vacuumed after events are deleted */
  vacuum?: boolean;
}

export interface EventBus {
  /** wires a subscriber; its name keys its cursor, so keep it stable across releases */
  subscribe(name: string, filter: BusFilter, handler: BusHandler, batch?: BusBatchHandler): void;
  /** delivers what can be delivered now to every subscriber; the number of handler calls that succeeded */
  runOnce(): Promise<number>;
  /** deletes the events every subscriber has passed; how many */
  prune(): Promise<number>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

interface Subscriber {
  name: string;
  wants: (event: EventEnvelope) => boolean;
  handler: BusHandler;
  batch: BusBatchHandler | undefined;
}

interface CursorRow {
  tx: string;
  position: string;
  attempts: number;
}

/** An idle subscriber's cursor is still moved this often (see idleSubscribers). */
const IDLE_REFRESH_SECONDS = 3600;

const defaultDelay = (attempts: number): number => Math.min(1000 * 2 ** Math.max(attempts - 1, 0), 300_000);

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

export function createEventBus(options: BusOptions): EventBus {
  const { db } = options;
  const batchSize = options.batchSize ?? 200;
  const maxAttempts = options.maxAttempts ?? 8;
  const retryDelayMs = options.retryDelayMs ?? defaultDelay;
  const leaseSeconds = options.leaseSeconds ?? 60;
  const pruneEveryMs = options.pruneEveryMs ?? 60_000;
  const staleCursorDays = options.staleCursorDays ?? 7;
  // Tells this instance's leases from another's.
  const instance = randomUUID();
  const subscribers: Subscriber[] = [];
  let running: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  // The first prune comes one interval after start: a start has enough to do.
  let prunedAt = Date.now();

  /** Takes the subscriber's cursor unless another instance holds it or it is waiting to retry. */
  const lease = async (name: string): Promise<CursorRow | undefined> => {
    await sql`insert into platform.bus_cursors (subscriber) values (${name}) on conflict (subscriber) do nothing`.execute(db);
    const result = await sql<CursorRow>`
      update platform.bus_cursors
      set leased_by = ${instance}, leased_until = now() + make_interval(secs => ${leaseSeconds})
      where subscriber = ${name}
        and (leased_by is null or leased_by = ${instance} or leased_until < now())
        and (retry_at is null or retry_at <= now())
      returning tx::text, position::text, attempts`.execute(db);
    return result.rows[0];
  };

  /** Moves the cursor (only while this instance still holds it) and, when `release`, lets go of it. */
  const advance = async (name: string, to: { tx: string; position: string }, release: boolean): Promise<boolean> => {
    const result = await sql`
      update platform.bus_cursors
      set tx = ${to.tx}::bigint, position = ${to.position}::bigint, attempts = 0, retry_at = null, last_error = null, updated_at = now(),
          leased_until = case when ${release} then null else now() + make_interval(secs => ${leaseSeconds}) end,
          leased_by = case when ${release} then null else leased_by end
      where subscriber = ${name} and leased_by = ${instance}`.execute(db);
    return Number(result.numAffectedRows ?? 0) > 0;
  };

  const fail = async (name: string, event: StoredEvent, attempts: number, error: unknown): Promise<void> => {
    const delay = retryDelayMs(attempts);
    await sql`
      update platform.bus_cursors
      set attempts = ${attempts}, last_error = ${message(error)}, retry_at = now() + make_interval(secs => ${delay / 1000}),
          leased_by = null, leased_until = null, updated_at = now()
      where subscriber = ${name} and leased_by = ${instance}`.execute(db);
    options.log?.warn({ err: error, subscriber: name, event: event.id, type: event.type, attempts }, 'a subscriber failed an event; it is tried again');
  };

  const bury = async (name: string, event: StoredEvent, attempts: number, error: unknown): Promise<void> => {
    await sql`
      insert into platform.bus_dead_events (subscriber, event_id, type, attempts, error)
      values (${name}, ${event.id}::uuid, ${event.type}, ${attempts}, ${message(error)})
      on conflict (subscriber, event_id) do nothing`.execute(db);
    options.log?.error({ err: error, subscriber: name, event: event.id, type: event.type, attempts }, 'a subscriber failed an event too often; it is recorded dead and stepped over');
  };

  /**
   * Hands a subscriber with a batch handler the events it wants of one fetch at once; false when
   * that failed, and each is then handed out alone, so the one that fails is retried and, in the
   * end, recorded dead by itself (a handler is idempotent by event id: the batch left nothing or
   * only what is made once anyway).
   */
  const deliverBatch = async (subscriber: Subscriber, events: StoredEvent[]): Promise<boolean> => {
    if (!subscriber.batch) return false;
    const wanted = events.filter((event) => subscriber.wants(event)).map(({ tx: _tx, position: _position, ...envelope }) => envelope);
    if (wanted.length < 2) return false;
    try {
      await subscriber.batch(wanted);
      return true;
    } catch {
      return false;
    }
  };

  /** Delivers to one subscriber until it is caught up, fails, or loses its lease; the number delivered. */
  const drain = async (subscriber: Subscriber): Promise<number> => {
    const cursor = await lease(subscriber.name);
    if (!cursor) return 0;
    let at = { tx: cursor.tx, position: cursor.position };
    let attempts = cursor.attempts;
    let delivered = 0;
    for (;;) {
      const events = await eventsAfter(db, at, batchSize);
      // Not while an event waits for its retry: that one goes alone and counts its attempts.
      const batched = attempts === 0 && (await deliverBatch(subscriber, events));
      const last = events.at(-1);
      if (batched && last) {
        delivered += events.filter((event) => subscriber.wants(event)).length;
        at = { tx: last.tx, position: last.position };
      }
      for (const event of batched ? [] : events) {
        if (subscriber.wants(event)) {
          try {
            const { tx: _tx, position: _position, ...envelope } = event;
            await subscriber.handler(envelope);
            delivered += 1;
          } catch (error) {
            attempts += 1;
            if (attempts < maxAttempts) {
              // Keep what succeeded before this event, then wait for the retry.
              if (await advance(subscriber.name, at, false)) await fail(subscriber.name, event, attempts, error);
              return delivered;
            }
            await bury(subscriber.name, event, attempts, error);
          }
        }
        at = { tx: event.tx, position: event.position };
        attempts = 0;
      }
      const more = events.length === batchSize;
      // A lease lost to another instance (we were too slow): stop; it carries on from the stored cursor.
      if (!(await advance(subscriber.name, at, !more))) return delivered;
      if (!more) return delivered;
    }
  };

  /**
   * Deletes, a batch at a time, the events behind the hindmost cursor that
   * counts: every subscriber wired here (and none is missing its cursor, or
   * nothing goes) and any other moved within staleCursorDays. Events at or
   * before a cursor were delivered or stepped over, and their transactions
   * had ended (eventsAfter), so none can commit behind it later.
   */
  const prune = async (): Promise<number> => {
    const names = subscribers.map((subscriber) => subscriber.name);
    if (names.length === 0) return 0;
    const batch = 10_000;
    let deleted = 0;
    for (;;) {
      const result = await sql`
        with horizon as (
          select tx, position from platform.bus_cursors
          where (subscriber = any(${names}::text[]) or updated_at > now() - make_interval(days => ${staleCursorDays}))
            and (select count(*) from platform.bus_cursors where subscriber = any(${names}::text[])) = ${names.length}
          order by tx, position limit 1
        ), passed as (
          select o.position from platform.outbox o, horizon h
          where (o.tx, o.position) <= (h.tx, h.position)
          order by o.tx, o.position limit ${batch}
        )
        delete from platform.outbox where position in (select position from passed)`.execute(db);
      const count = Number(result.numAffectedRows ?? 0);
      deleted += count;
      if (count < batch) break;
    }
    if (deleted > 0 && options.vacuum) await sql`vacuum platform.outbox`.execute(db);
    return deleted;
  };

  /**
   * The subscribers with nothing to do, in one statement: a cursor with no event after it in the outbox,
   * moved within the hour. The others are drained (four statements each, one a write), so an idle pass
   * costs one read instead of four statements per subscriber: measured on an idle embedded platform, the
   * bus's 40 statements a second were half of its idle CPU (2.4 → 1.25 s in 30 s). A cursor still moves at least hourly, so
   * another release's prune (staleCursorDays) keeps counting it.
   */
  const idleSubscribers = async (): Promise<Set<string>> => {
    const result = await sql<{ subscriber: string }>`
      select c.subscriber from platform.bus_cursors c
      where c.subscriber = any(${subscribers.map((subscriber) => subscriber.name)}::text[])
        and c.updated_at > now() - make_interval(secs => ${IDLE_REFRESH_SECONDS})
        and not exists (select from platform.outbox o where (o.tx, o.position) > (c.tx, c.position))`.execute(db);
    return new Set(result.rows.map((row) => row.subscriber));
  };

  const pass = async (): Promise<number> => {
    let total = 0;
    const idle = await idleSubscribers().catch((error: unknown) => {
      options.log?.error({ err: error }, 'the event bus could not read its cursors');
      return new Set<string>();
    });
    for (const subscriber of subscribers) {
      if (idle.has(subscriber.name)) continue;
      try {
        total += await drain(subscriber);
      } catch (error) {
        // The database itself failed (not a handler): the next pass tries again.
        options.log?.error({ err: error, subscriber: subscriber.name }, 'the event bus could not deliver');
      }
    }
    if (Date.now() - prunedAt >= pruneEveryMs) {
      prunedAt = Date.now();
      await prune().catch((error: unknown) => options.log?.error({ err: error }, 'the event bus could not delete delivered events'));
    }
    return total;
  };

  const runOnce = (): Promise<number> => {
    // One pass at a time in a process; a caller arriving meanwhile waits for a fresh one after it.
    const next = (running ?? Promise.resolve(0)).catch(() => 0).then(pass);
    const tracked = next.catch(() => 0);
    running = tracked;
    void tracked.then(() => {
      if (running === tracked) running = undefined;
    });
    return next;
  };

  const schedule = (intervalMs: number): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce()
        .catch(() => undefined)
        .finally(() => schedule(intervalMs));
    }, intervalMs);
  };

  return {
    subscribe(name, filter, handler, batch) {
      if (subscribers.some((subscriber) => subscriber.name === name)) throw new Error(`a subscriber named ${name} is already wired`);
      const wants = typeof filter === 'function' ? filter : (event: EventEnvelope) => filter.includes(event.type);
      subscribers.push({ name, wants, handler, batch });
    },
    runOnce,
    prune,
    start(intervalMs = 500) {
      if (!stopped) return;
      stopped = false;
      schedule(intervalMs);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
