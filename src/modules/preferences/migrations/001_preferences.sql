-- Notification preferences (P10): per person, keyed by personal code (DDMMYY-NNNNN,
-- a plain reference to identity's persons, no foreign key across modules).
create schema if not exists preferences;

-- The person's choices. channels: {kind: [channel, …]} for the kinds the person
-- has chosen for; a kind not in it takes the defaults. Quiet hours are minutes of
-- the day in Europe/Riga; both null means none.
create table preferences.settings (
  personal_code text primary key,
  language text not null default 'lv' check (language in ('lv', 'en')),
  channels jsonb not null default '{}'::jsonb,
  quiet_from smallint check (quiet_from between 0 and 1439),
  quiet_until smallint check (quiet_until between 0 and 1439),
  updated_at timestamptz not null default now(),
  check ((quiet_from is null) = (quiet_until is null))
);

-- Addresses the person has confirmed: one e-mail and one phone in use.
create table preferences.addresses (
  personal_code text not null,
  channel text not null check (channel in ('email', 'sms')),
  address text not null,
  confirmed_at timestamptz not null,
  primary key (personal_code, channel)
);

-- Pending confirmations: only a hash of the link token (e-mail) or of the code
-- (SMS) is kept; each is single-use, expires, and a code allows few attempts.
create table preferences.confirmations (
  id uuid primary key default gen_random_uuid(),
  personal_code text not null,
  channel text not null check (channel in ('email', 'sms')),
  address text not null,
  secret_hash text not null,
  attempts smallint not null default 0,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create unique index confirmations_secret on preferences.confirmations (secret_hash);
create index confirmations_person on preferences.confirmations (personal_code, channel, created_at);

-- Web push subscriptions, one per device (the browser's PushSubscription JSON).
create table preferences.push_subscriptions (
  id uuid primary key default gen_random_uuid(),
  personal_code text not null,
  endpoint text not null unique,
  subscription jsonb not null,
  user_agent text,
  created_at timestamptz not null default now()
);
create index push_subscriptions_person on preferences.push_subscriptions (personal_code);

-- The development sink of confirmation messages, used when no real sender is
-- wired in: it holds the link or code in clear, as a mail outbox would.
create table preferences.dev_confirmations (
  id bigint generated always as identity primary key,
  personal_code text not null,
  channel text not null,
  address text not null,
  language text not null,
  link text,
  code text,
  created_at timestamptz not null default now()
);
