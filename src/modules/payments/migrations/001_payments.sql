-- Payments (P2): fees paid in the e-application through a payment provider.
-- A payment is a state machine (created → started → submitted → success |
-- failed | cancelled | error); every update a provider reports is kept, applied
-- or not, so a repeated or reordered callback is visible and changes nothing.
create schema if not exists payments;

create table payments.payments (
  id uuid primary key,
  -- what the payment is for: an application, by the id it gets when submitted (a plain reference)
  application_id uuid not null,
  service_id uuid not null,
  institution_id uuid not null,
  service_title jsonb not null,
  -- the party applied for (personal code or registration number) and the person who pays
  payer text not null,
  paid_by text not null,
  -- the fees charged: [{code, description{lv,en}, amount}] in cents
  lines jsonb not null,
  amount integer not null check (amount > 0),
  currency text not null default 'EUR',
  provider text not null,
  provider_payment_id text,
  -- where the provider's page is (redirect), and the platform's path to come back to
  next_url text,
  return_path text not null,
  state text not null check (state in ('created', 'started', 'submitted', 'success', 'failed', 'cancelled', 'error')),
  state_at timestamptz not null,
  failure text,
  captured_at timestamptz,
  refunded integer not null default 0 check (refunded >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (provider, provider_payment_id)
);
create index payments_application on payments.payments (application_id, created_at);
create index payments_payer on payments.payments (payer, created_at desc);
create index payments_open on payments.payments (state_at) where state in ('created', 'started', 'submitted');
create index payments_captured on payments.payments (institution_id, captured_at) where captured_at is not null;

-- Every update reported about a payment: by a callback, a status query or the platform itself.
-- provider_event_id makes a repeated callback a no-op.
create table payments.updates (
  id bigint generated always as identity primary key,
  payment_id uuid not null references payments.payments (id),
  source text not null check (source in ('callback', 'query', 'platform')),
  provider_event_id text,
  from_state text not null,
  reported text not null,
  applied boolean not null,
  detail text,
  received_at timestamptz not null default now(),
  unique (payment_id, provider_event_id)
);

create table payments.refunds (
  id uuid primary key,
  payment_id uuid not null references payments.payments (id),
  amount integer not null check (amount > 0),
  reason text not null,
  state text not null check (state in ('submitted', 'success', 'failed')),
  provider_refund_id text,
  requested_by text not null,
  institution_id uuid not null,
  created_at timestamptz not null default now(),
  settled_at timestamptz
);
create index refunds_payment on payments.refunds (payment_id, created_at);
create index refunds_settled on payments.refunds (institution_id, settled_at) where state = 'success';

-- The development provider's own books (DEMO only): what a real provider keeps on its side.
create table payments.dev_transactions (
  id uuid primary key,
  reference text not null,
  amount integer not null,
  currency text not null,
  description text not null,
  return_url text not null,
  callback_url text not null,
  state text not null,
  refunded integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
