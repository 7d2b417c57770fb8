-- Webhooks (P5, P17): an API client subscribes to event types of the platform's
-- bus; each event it may read is delivered to its endpoint, signed per Standard
-- Webhooks, at least once, retried with backoff for more than a day.
create schema if not exists integration;

create table integration.webhooks (
  id uuid primary key default gen_random_uuid(),
  -- the API client (its subject) that owns the subscription, and its institution (null: a third party)
  client text not null,
  institution_id uuid,
  url text not null,
  event_types text[] not null,
  -- only events about this service / institution (null: any the client may read)
  service_id uuid,
  description text,
  -- whsec_<base64>: the signing secret; the previous one stays valid until previous_until after a rotation
  secret text not null,
  previous_secret text,
  previous_until timestamptz,
  status text not null default 'active' check (status in ('active', 'disabled')),
  disabled_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index webhooks_active on integration.webhooks (status) where status = 'active';
create index webhooks_client on integration.webhooks (client, created_at);

-- One row per (webhook, event): its id is the `webhook-id` header, the same on every attempt.
create table integration.deliveries (
  id uuid primary key default gen_random_uuid(),
  webhook_id uuid not null references integration.webhooks (id) on delete cascade,
  event_id uuid not null,
  event_type text not null,
  payload jsonb not null,
  status text not null check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  -- a sender's claim; another instance takes a delivery over once it has run out
  claimed_until timestamptz,
  last_status_code integer,
  last_error text,
  last_attempt_at timestamptz,
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  unique (webhook_id, event_id)
);

create index deliveries_due on integration.deliveries (next_attempt_at) where status = 'pending';
create index deliveries_log on integration.deliveries (webhook_id, created_at desc);

-- Every attempt, as the delivery log shows it.
create table integration.attempts (
  id bigint generated always as identity primary key,
  delivery_id uuid not null references integration.deliveries (id) on delete cascade,
  attempted_at timestamptz not null default now(),
  status_code integer,
  error text,
  duration_ms integer not null
);

create index attempts_delivery on integration.attempts (delivery_id, id);
