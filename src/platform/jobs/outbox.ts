/**
 * The platform's shared outbox. A module announces an event by calling
 * `publish` with the executor of the transaction that makes the change, so the
 * event exists exactly when the change does; the relay then hands it to every
 * subscriber (at least once: subscribers are idempotent).
 */
import { sql } from 'kysely';
import type { RootDb } from '../db/database.js';

/** An event as the relay reads it from an outbox. */
export interface OutboxEvent {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** What the relay reads: a module's outbox, or the platform's. */
export interface OutboxReader {
  unpublishedEvents(limit?: number): Promise<OutboxEvent[]>;
  markPublished(ids: string[]): Promise<void>;
}

/** Writes an event; call it with the transaction of the change it announces. */
export async function publish(executor: RootDb, topic: string, payload: Record<string, unknown>): Promise<void> {
  await sql`insert into platform.outbox (topic, payload) values (${topic}, ${JSON.stringify(payload)}::jsonb)`.execute(executor);
}

export function platformOutbox(db: RootDb): OutboxReader {
  return {
    async unpublishedEvents(limit = 100) {
      const result = await sql<{ id: string; topic: string; payload: Record<string, unknown>; created_at: Date }>`
        select id::text, topic, payload, created_at from platform.outbox where published_at is null order by id limit ${limit}`.execute(db);
      return result.rows.map((row) => ({ id: row.id, topic: row.topic, payload: row.payload, createdAt: row.created_at }));
    },
    async markPublished(ids) {
      if (ids.length === 0) return;
      await sql`update platform.outbox set published_at = now() where id = any(${ids}::bigint[])`.execute(db);
    },
  };
}
