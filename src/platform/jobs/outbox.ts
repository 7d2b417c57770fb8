/**
 * The platform's one outbox. A module announces an event by calling `publish`
 * with the executor of the transaction that makes the change, so the event
 * exists exactly when the change does; the event bus (bus.ts) then hands it to
 * every subscriber, each at its own pace (at least once: subscribers
 * de-duplicate by `event.id`).
 *
 * The envelope is shaped like CloudEvents 1.0 (id, type, source, subject,
 * time, specversion) with an `actor` extension: who caused the change.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { RootDb } from '../db/database.js';

/** Who caused an event: a person (personal code), an institution's system (client id) or the platform itself. */
export interface EventActor {
  kind: 'person' | 'system' | 'platform';
  id: string;
}

/** An event as subscribers receive it. */
export interface EventEnvelope<Type extends string = string, Data = unknown> {
  specversion: '1.0';
  /** unique and stable across redeliveries: subscribers de-duplicate by it */
  id: string;
  /** `<module>.<what_happened>`, e.g. `applications.status_changed` */
  type: Type;
  /** the publishing module, e.g. `/applications` */
  source: string;
  /** what it is about, e.g. the application's id */
  subject: string | null;
  /** when it happened (ISO 8601, UTC) */
  time: string;
  actor: EventActor;
  data: Data;
}

/** What a module publishes; the outbox gives it its id and, unless said, its time. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  type: Type;
  source: string;
  subject?: string | null;
  time?: Date;
  actor: EventActor;
  data: Data;
}

/** Writes events; call it with the transaction of the change they announce. Returns their ids. */
export async function publish(executor: RootDb, ...events: NewEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const ids = events.map(() => randomUUID());
  const time = new Date().toISOString();
  const first = events[0] as NewEvent;
  const firstActor = JSON.stringify(first.actor);
  // One statement for a whole batch (the status register writes thousands at once), in the order given. The
  // rows travel as one JSON document: cheaper on both sides than arrays of JSON texts, which the driver
  // escapes character by character and the server parses twice. A type, source or actor equal to the first
  // event's goes once, as a parameter, rather than in every row (a batch's events mostly share them).
  const rows = events.map((e, n) => ({
    id: ids[n],
    type: e.type === first.type ? undefined : e.type,
    source: e.source === first.source ? undefined : e.source,
    subject: e.subject ?? undefined,
    occurred_at: e.time?.toISOString() ?? time,
    actor: e.actor === first.actor || JSON.stringify(e.actor) === firstActor ? undefined : e.actor,
    data: e.data,
  }));
  await sql`
    insert into platform.outbox (id, type, source, subject, occurred_at, actor, data)
    select id, coalesce(type, ${first.type}), coalesce(source, ${first.source}), subject, occurred_at, coalesce(actor, ${firstActor}::jsonb), coalesce(data, 'null'::jsonb)
    from rows from (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as (id uuid, type text, source text, subject text, occurred_at timestamptz, actor jsonb, data jsonb))
         with ordinality as t(id, type, source, subject, occurred_at, actor, data, seq)
    order by seq`.execute(executor);
  return ids;
}

/** A stored event with its place in the outbox (the bus's cursor order). */
export interface StoredEvent extends EventEnvelope {
  tx: string;
  position: string;
}

interface OutboxRow {
  tx: string;
  position: string;
  id: string;
  type: string;
  source: string;
  subject: string | null;
  occurred_at: Date | string;
  actor: EventActor;
  data: unknown;
}

const toEnvelope = (row: OutboxRow): StoredEvent => ({
  specversion: '1.0',
  id: row.id,
  type: row.type,
  source: row.source,
  subject: row.subject,
  time: new Date(row.occurred_at).toISOString(),
  actor: row.actor,
  data: row.data,
  tx: row.tx,
  position: row.position,
});

/**
 * The oldest transaction id that may still write to this database's outbox:
 * the oldest transaction running in this database, or the next id when none
 * is. PostgreSQL's own snapshot xmin spans the whole server, so another
 * database's long transaction (a tenant's report, a test's CREATE DATABASE)
 * would hold every event back; only transactions known to run elsewhere are
 * left out (pg_stat_activity names their database), any other counts.
 */
const HORIZON = sql`(
  select coalesce(
    (select min(running::text::bigint) from pg_snapshot_xip(current.snapshot) as running
     where running::text::bigint % 4294967296 not in (
       select backend_xid::text::bigint from pg_stat_activity where backend_xid is not null and datname <> current_database())),
    pg_snapshot_xmax(current.snapshot)::text::bigint)
  from (select pg_current_snapshot() as snapshot) current
)`;

/**
 * The events after a place in the outbox, in order, that no transaction still
 * open can precede: only rows of transactions older than every one running in
 * this database (tx < horizon), so a row committed later never lands behind a cursor.
 */
export async function eventsAfter(db: RootDb, after: { tx: string; position: string }, limit: number): Promise<StoredEvent[]> {
  const result = await sql<OutboxRow>`
    select o.tx::text as tx, o.position::text as position, o.id::text as id, o.type, o.source, o.subject, o.occurred_at, o.actor, o.data
    from platform.outbox o
    where (o.tx, o.position) > (${after.tx}::bigint, ${after.position}::bigint)
      and o.tx < ${HORIZON}
    -- qualified: by the numbers, not by the text the select list makes of them
    order by o.tx, o.position
    limit ${limit}`.execute(db);
  return result.rows.map(toEnvelope);
}

/** Events of one subject, oldest first (tests, support): whatever their delivery. */
export async function eventsAbout(db: RootDb, subject: string): Promise<EventEnvelope[]> {
  const result = await sql<OutboxRow>`
    select o.tx::text as tx, o.position::text as position, o.id::text as id, o.type, o.source, o.subject, o.occurred_at, o.actor, o.data
    from platform.outbox o where o.subject = ${subject} order by o.tx, o.position`.execute(db);
  return result.rows.map((row) => {
    const { tx: _tx, position: _position, ...event } = toEnvelope(row);
    return event;
  });
}
