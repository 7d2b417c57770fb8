/**
 * The outbox relay: reads the events that modules wrote to their outboxes in
 * the same transaction as their changes, hands each to every subscriber, and
 * only then marks it published. A crash between the two hands the event out
 * again, so delivery is at least once and subscribers de-duplicate (each event
 * has a stable `key`). Several instances may relay side by side for the same
 * reason. An event that keeps failing is given up after a few passes and
 * reported, so one bad event never blocks the rest.
 */
import type { OutboxEvent, OutboxReader } from './outbox.js';

export interface RelayedEvent extends OutboxEvent {
  /** which outbox it came from (`applications`, `platform`) */
  source: string;
  /** unique across outboxes and stable across retries: `${source}:${id}` */
  key: string;
}

export type EventHandler = (event: RelayedEvent) => Promise<void>;

export interface RelayOptions {
  sources: { name: string; reader: OutboxReader }[];
  batchSize?: number;
  /** passes an event may fail before it is given up */
  maxAttempts?: number;
  onError?: (event: RelayedEvent, error: unknown, gaveUp: boolean) => void | Promise<void>;
}

export interface Relay {
  subscribe(handler: EventHandler): void;
  /** one pass over every outbox until nothing is left that can be handed out now; the number of events handed out */
  runOnce(): Promise<number>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export function createRelay(options: RelayOptions): Relay {
  const handlers: EventHandler[] = [];
  const batchSize = options.batchSize ?? 100;
  const maxAttempts = options.maxAttempts ?? 5;
  const failures = new Map<string, number>();
  let running: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;

  const deliver = async (event: RelayedEvent): Promise<boolean> => {
    try {
      for (const handler of handlers) await handler(event);
      failures.delete(event.key);
      return true;
    } catch (error) {
      const attempts = (failures.get(event.key) ?? 0) + 1;
      const gaveUp = attempts >= maxAttempts;
      if (gaveUp) failures.delete(event.key);
      else failures.set(event.key, attempts);
      await options.onError?.(event, error, gaveUp);
      return gaveUp;
    }
  };

  const pass = async (): Promise<number> => {
    let total = 0;
    for (const { name, reader } of options.sources) {
      for (;;) {
        const events = await reader.unpublishedEvents(batchSize);
        const done: string[] = [];
        for (const event of events) {
          if (await deliver({ ...event, source: name, key: `${name}:${event.id}` })) done.push(event.id);
        }
        await reader.markPublished(done);
        total += done.length;
        // A short batch was the last one; a batch of failures is left for the next pass.
        if (events.length < batchSize || done.length === 0) break;
      }
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
    subscribe(handler) {
      handlers.push(handler);
    },
    runOnce,
    start(intervalMs) {
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
