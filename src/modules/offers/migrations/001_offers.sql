-- Proactive offers (P10): people subscribe to life events, business events and
-- services; offer rules say when a service is offered to whom. Persons are keyed
-- by personal code (DDMMYY-NNNNN), services and events are plain references to
-- the catalog (no foreign keys across modules).
create schema if not exists offers;

create table offers.subscriptions (
  personal_code text not null,
  topic_kind text not null check (topic_kind in ('event', 'service')),
  -- an event code or a service id
  topic text not null,
  created_at timestamptz not null,
  primary key (personal_code, topic_kind, topic)
);
create index subscriptions_topic on offers.subscriptions (topic_kind, topic);

-- status_reached: an application of source_service reaches status_code → offer
--   offer_service to its applicant.
-- service_published: a service is published in event_code (any event when null)
--   → offer it to the subscribers of that event or of the service itself.
create table offers.rules (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  trigger text not null check (trigger in ('status_reached', 'service_published')),
  source_service_id uuid,
  status_code text,
  event_code text,
  offer_service_id uuid,
  active boolean not null default true,
  created_at timestamptz not null,
  check (trigger <> 'status_reached' or (source_service_id is not null and status_code is not null and offer_service_id is not null))
);
create index rules_status on offers.rules (source_service_id, status_code) where trigger = 'status_reached';

-- Each time a rule fired for a person. The key makes a rule fire once per
-- person (and per offered service, which a status rule fixes); notified_at is
-- set once the notification was handed over, so a crash in between re-sends
-- (under the same de-duplication key) instead of losing it.
create table offers.offers (
  rule_id uuid not null,
  personal_code text not null,
  service_id uuid not null,
  cause text not null,
  created_at timestamptz not null,
  notified_at timestamptz,
  primary key (rule_id, personal_code, service_id)
);
create index offers_person on offers.offers (personal_code, created_at desc);

-- The development sink of offer notifications, used when the notifications core
-- does not provide its `notify`.
create table offers.dev_notifications (
  dedup_key text primary key,
  personal_code text not null,
  template text not null,
  personalisation jsonb not null,
  service_id uuid,
  created_at timestamptz not null default now()
);
