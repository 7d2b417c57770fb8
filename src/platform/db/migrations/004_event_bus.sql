-- One outbox for every module, CloudEvents-shaped, read by the event bus
-- (platform/jobs/bus.ts) with one durable cursor per subscriber.
--
-- Rows are read in (tx, position) order and only once every transaction with
-- a smaller id has ended (tx < the snapshot's xmin): identity positions are
-- handed out before commit, so a cursor over positions alone could step past
-- a row whose transaction commits later. tx is the top-level transaction id
-- (xid8, which never wraps) as bigint, so it orders and indexes on 15 and 17.
alter table platform.outbox rename to outbox_relayed;
alter index platform.outbox_pkey rename to outbox_relayed_pkey;
alter index platform.outbox_unpublished rename to outbox_relayed_unpublished;

create table platform.outbox (
  position bigint generated always as identity primary key,
  tx bigint not null default (pg_current_xact_id()::text::bigint),
  id uuid not null unique,
  type text not null,
  source text not null,
  subject text,
  occurred_at timestamptz not null,
  actor jsonb not null,
  data jsonb not null
);
create index outbox_order on platform.outbox (tx, position);

-- What the old relay had not handed out yet is carried over; what it had was
-- delivered to every subscriber of the time and is not delivered again.
insert into platform.outbox (id, type, source, subject, occurred_at, actor, data)
select gen_random_uuid(), topic, '/' || split_part(topic, '.', 1),
       coalesce(payload->>'applicationId', payload->>'mandateId', payload->>'serviceId'),
       created_at, '{"kind": "system", "id": "platform"}'::jsonb, payload
from platform.outbox_relayed
where published_at is null
order by id;

drop table platform.outbox_relayed;

-- Each subscriber's place in the outbox, its retries, and who holds it now.
-- A lease (not a transaction held open) guards it: handlers run their own
-- transactions, and on embedded PGlite any statement issued while another
-- transaction is open waits for it.
create table platform.bus_cursors (
  subscriber text primary key,
  tx bigint not null default 0,
  position bigint not null default 0,
  attempts integer not null default 0,
  retry_at timestamptz,
  last_error text,
  leased_by text,
  leased_until timestamptz,
  updated_at timestamptz not null default now()
);

-- Events a subscriber failed past its last attempt: kept for a person to look at.
create table platform.bus_dead_events (
  subscriber text not null,
  event_id uuid not null,
  type text not null,
  attempts integer not null,
  error text not null,
  died_at timestamptz not null default now(),
  primary key (subscriber, event_id)
);
