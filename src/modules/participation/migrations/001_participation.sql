-- Participation (P14): page feedback, ratings of services after their result,
-- ideas, and the facts behind the public performance figures. Services,
-- institutions and applications are plain references (no foreign keys across
-- modules); nothing here identifies the person who gave feedback.
create schema if not exists participation;

-- "Was this page useful?": the page's path (never its query string), its
-- language, the device class and the day; the free text with personal codes,
-- e-mail addresses and phone numbers masked before it is stored. The comment
-- can be added once, by whoever holds the one-time key (kept as its hash).
create table participation.page_feedback (
  id uuid primary key default gen_random_uuid(),
  path text not null,
  lang text not null check (lang in ('lv', 'en')),
  device text not null check (device in ('mobile', 'tablet', 'desktop')),
  day date not null,
  useful boolean not null,
  comment text,
  comment_key text unique,
  -- the service the page is about, when it is one's page
  service_id uuid,
  institution_id uuid
);
create index page_feedback_institution on participation.page_feedback (institution_id, day desc);
create index page_feedback_service on participation.page_feedback (service_id, day desc);

-- Rate limiting of anonymous feedback per network and window; the network is a
-- hash of its prefix (IPv4 /24, IPv6 /48), never an address, and old windows go.
create table participation.rate_windows (
  network text not null,
  window_start timestamptz not null,
  hits integer not null,
  primary key (network, window_start)
);

-- One row per application, fed by applications.status_changed: when it began,
-- when it was expected to complete, when and how it was completed. The
-- performance figures are computed from this table alone.
create table participation.application_facts (
  application_id uuid primary key,
  number text not null,
  service_id uuid not null,
  institution_id uuid not null,
  applicant text not null,
  submitted_by text,
  started_at timestamptz not null,
  expected_at timestamptz,
  completed_at timestamptz,
  completed_code text,
  last_event_at timestamptz not null
);
create index application_facts_service on participation.application_facts (service_id, started_at);
create index application_facts_institution on participation.application_facts (institution_id, started_at);
create index application_facts_number on participation.application_facts (number);

-- A rating of a service after an application's result: once per application.
create table participation.ratings (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null unique,
  service_id uuid not null,
  institution_id uuid not null,
  score smallint not null check (score between 1 and 5),
  ease text check (ease in ('easy', 'hard')),
  comment text,
  created_at timestamptz not null
);
create index ratings_service on participation.ratings (service_id, created_at desc);
create index ratings_institution on participation.ratings (institution_id, created_at desc);

-- The event ids already handled (the bus delivers at least once).
create table participation.handled_events (
  event_id uuid primary key,
  handled_at timestamptz not null default now()
);

-- Ideas for improving a service: proposed by a signed-in person, supported
-- once per person, answered by the institution with a state and its reason.
-- The author's personal code lets them see their ideas; lists never show it.
create table participation.ideas (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  institution_id uuid not null,
  author text not null,
  title text not null,
  body text not null,
  state text not null default 'proposed' check (state in ('proposed', 'under_review', 'planned', 'done', 'declined')),
  state_reason text,
  state_changed_at timestamptz,
  supporters integer not null default 0,
  created_at timestamptz not null,
  -- moderation by a platform administrator: hidden from every list but the author's, who sees why
  hidden_reason text,
  hidden_at timestamptz
);
create index ideas_service on participation.ideas (service_id, created_at desc);
create index ideas_institution on participation.ideas (institution_id, created_at desc);
create index ideas_author on participation.ideas (author, created_at desc);

create table participation.idea_supports (
  idea_id uuid not null,
  personal_code text not null,
  created_at timestamptz not null,
  primary key (idea_id, personal_code)
);

-- Page visits (SDG Regulation 2020/1121 Art. 3): counts per day, page (path
-- without query), country (from the operator's proxy header; '--' unknown) and
-- device class. No cookie, no address, nothing per person; workspace and
-- console pages are not counted.
create table participation.page_visits (
  day date not null,
  path text not null,
  country text not null,
  device text not null,
  visits integer not null,
  primary key (day, path, country, device)
);
