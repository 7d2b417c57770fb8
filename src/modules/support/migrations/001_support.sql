-- Customer support (P13): one desk for every service. A ticket is a question
-- with its thread; it sits in one queue at a time: an institution's (the
-- provider of the service or application it is about) or, when the queue is
-- null, first-line platform support, which may transfer it. Services,
-- applications, institutions and persons are plain references (no foreign keys
-- across modules).
create schema if not exists support;

-- The small taxonomy of subjects, editable by platform administrators.
create table support.subjects (
  code text primary key check (code ~ '^[a-z][a-z0-9-]{0,39}$'),
  label_lv text not null,
  label_en text not null,
  position integer not null default 0,
  active boolean not null default true
);
insert into support.subjects (code, label_lv, label_en, position) values
  ('applying', 'Pieteikšanās pakalpojumam', 'Applying for a service', 10),
  ('status', 'Pieteikuma izpilde un statuss', 'Progress and status of an application', 20),
  ('documents', 'Dokumenti un rezultāts', 'Documents and the result', 30),
  ('technical', 'Tehniska problēma', 'Technical problem', 40),
  ('other', 'Cits jautājums', 'Another question', 50);

-- Response-time targets of an institution, in Latvian working days.
create table support.targets (
  institution_id uuid primary key,
  first_reply_days integer not null check (first_reply_days between 1 and 60),
  resolution_days integer not null check (resolution_days between 1 and 120),
  updated_at timestamptz not null default now()
);

create sequence support.ticket_numbers start 1001;

create table support.tickets (
  id uuid primary key default gen_random_uuid(),
  number bigint not null unique,
  -- null: first-line platform support
  queue_institution_id uuid,
  subject_code text not null,
  channel text not null check (channel in ('portal', 'workspace', 'api')),
  service_id uuid,
  application_id uuid,
  application_number text,
  -- the party the question belongs to: a person's code, a company's registration number; null for a visitor
  requester text,
  requester_kind text not null check (requester_kind in ('person', 'company', 'visitor')),
  -- the signed-in person who asked (for a company or someone else), null for a visitor
  asked_by text,
  visitor_name text,
  visitor_email text,
  language text not null default 'lv' check (language in ('lv', 'en')),
  state text not null check (state in ('unconfirmed', 'open', 'awaiting_person', 'closed')),
  assignee text,
  created_at timestamptz not null,
  -- when it reached a queue (a visitor's: when the e-mail was confirmed)
  opened_at timestamptz,
  first_reply_at timestamptz,
  closed_at timestamptz,
  -- a visitor's e-mail confirmation: the token's SHA-256, until used
  confirm_hash text unique,
  confirm_expires_at timestamptz,
  -- the visitor's network (IPv4 /24, IPv6 /48), for rate limits
  network text,
  -- the person's rating of the answer once the ticket closed (1–5, once)
  rating smallint check (rating between 1 and 5),
  rating_comment text,
  rated_at timestamptz,
  check (requester_kind = 'visitor' or requester is not null)
);
create index tickets_queue on support.tickets (queue_institution_id, state, opened_at);
create index tickets_requester on support.tickets (requester, created_at desc);
create index tickets_visitor_email on support.tickets (lower(visitor_email), created_at) where requester_kind = 'visitor';
create index tickets_network on support.tickets (network, created_at) where network is not null;

-- The thread: the person's messages, agents' replies (seen by the person),
-- internal notes (never shown to the person), and what happened (transfer,
-- assignment, closing, reopening).
create table support.entries (
  id bigint generated always as identity primary key,
  ticket_id uuid not null references support.tickets (id),
  -- merged: this ticket was a duplicate of the one in to_ticket (its entries moved there)
  kind text not null check (kind in ('message', 'reply', 'note', 'transfer', 'assigned', 'closed', 'reopened', 'merged')),
  -- person: a personal code; agent: a personal code; visitor: null
  author_kind text not null check (author_kind in ('person', 'agent', 'visitor')),
  author text,
  body text,
  from_queue uuid,
  to_queue uuid,
  -- merged: the number of the ticket it was merged into, or merged from
  other_ticket bigint,
  created_at timestamptz not null
);
create index entries_ticket on support.entries (ticket_id, id);

-- Prepared answers of a queue (an institution's; null: first line), in both
-- languages, with the placeholders {name} and {number}.
create table support.canned_answers (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid,
  title text not null,
  body_lv text not null,
  body_en text not null,
  created_at timestamptz not null default now()
);
create index canned_answers_queue on support.canned_answers (institution_id);

-- Frequently asked questions of a service, in Latvian and English, written by
-- the institution's service managers and support agents; shown on the
-- service's page.
create table support.faqs (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  question_lv text not null,
  question_en text not null,
  answer_lv text not null,
  answer_en text not null,
  created_by text not null,
  created_at timestamptz not null default now()
);
create index faqs_service on support.faqs (service_id, created_at);
