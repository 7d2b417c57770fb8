-- Notifications (P10): the workspace inbox, deliveries over every channel, the
-- mail outbox and development sinks, templates institutions override, the
-- shared VAPID keys and the API's rate-limit counters.
create schema if not exists notifications;

-- One row per (event or request, recipient): the person's inbox item and the unit
-- of de-duplication (dedup_key: the same event or API reference never makes two).
create table notifications.notifications (
  id uuid primary key default gen_random_uuid(),
  dedup_key text not null unique,
  recipient text not null,
  kind text not null,
  template text not null,
  language text not null check (language in ('lv', 'en')),
  subject text not null,
  body text not null,
  short_text text not null,
  link text,
  -- plain references to other modules (no foreign keys across modules)
  service_id uuid,
  application_id uuid,
  institution_id uuid,
  client_id text,
  reference text,
  created_at timestamptz not null default now(),
  read_at timestamptz
);

create index notifications_inbox on notifications.notifications (recipient, created_at desc, id desc);

-- One row per (notification, channel, address). status: queued → sending → sent
-- (or delivered), with retrying between attempts; failed is the dead letter.
create table notifications.deliveries (
  id uuid primary key default gen_random_uuid(),
  notification_id uuid not null references notifications.notifications (id) on delete cascade,
  channel text not null check (channel in ('inbox', 'email', 'sms', 'push', 'eaddress')),
  address text not null,
  status text not null check (status in ('queued', 'sending', 'retrying', 'sent', 'delivered', 'failed')),
  attempts integer not null default 0,
  not_before timestamptz,
  claimed_at timestamptz,
  message_id text,
  provider_ref text,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (notification_id, channel, address)
);

create index deliveries_open on notifications.deliveries (status, claimed_at) where status in ('queued', 'sending', 'retrying');
create index deliveries_failed on notifications.deliveries (updated_at desc) where status = 'failed';

-- E-mail kept when no SMTP_URL is set (the console shows it).
create table notifications.mail_outbox (
  delivery_id uuid primary key,
  message_id text not null,
  recipient text not null,
  subject text not null,
  text_body text not null,
  html_body text not null,
  raw text not null,
  created_at timestamptz not null default now()
);

-- Development sinks of SMS and the e-address: what would have been sent.
create table notifications.sink (
  delivery_id uuid primary key,
  channel text not null,
  address text not null,
  payload jsonb not null,
  created_at timestamptz not null default now()
);

-- Settings every instance shares (the VAPID key pair of web push).
create table notifications.settings (
  key text primary key,
  value jsonb not null,
  created_at timestamptz not null default now()
);

-- An institution's own wording of a kind of notification for one of its services.
create table notifications.template_overrides (
  service_id uuid not null,
  kind text not null,
  language text not null check (language in ('lv', 'en')),
  subject text not null,
  body text not null,
  short_text text not null,
  updated_by text not null,
  updated_at timestamptz not null default now(),
  primary key (service_id, kind, language)
);

-- Requests per API client per minute, shared by every instance.
create table notifications.rate_windows (
  client_id text not null,
  window_start timestamptz not null,
  count integer not null,
  primary key (client_id, window_start)
);

-- Events the relay gave up on after repeated failures, kept for the console.
create table notifications.dead_events (
  event_key text primary key,
  topic text not null,
  payload jsonb not null,
  error text not null,
  created_at timestamptz not null default now()
);
