-- The platform's outbox: events of modules that keep no outbox of their own
-- (mandates granted or revoked, …), written in the same transaction as the
-- change and relayed to subscribers by platform/jobs/relay.ts.
create table platform.outbox (
  id bigint generated always as identity primary key,
  topic text not null,
  payload jsonb not null,
  created_at timestamptz not null default now(),
  published_at timestamptz
);

create index outbox_unpublished on platform.outbox (id) where published_at is null;
