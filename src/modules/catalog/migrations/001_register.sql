-- The central service register (P3): institutions, the controlled vocabulary of
-- life and business events, services with their version history, and old slugs
-- that keep direct links working (P7).
create schema if not exists catalog;

create table catalog.institutions (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name jsonb not null,
  short_name jsonb not null,
  registration_number text,
  homepage text,
  contact_point jsonb not null default '{}',
  created_at timestamptz not null default now()
);

create table catalog.events (
  code text primary key,
  kind text not null check (kind in ('life', 'business')),
  label jsonb not null,
  description jsonb not null,
  position integer not null default 0
);

create table catalog.services (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references catalog.institutions (id),
  slug text not null unique,
  identifier text not null,
  status text not null default 'draft' check (status in ('draft', 'published', 'withdrawn')),
  version integer not null default 1,
  -- the editable content (ServiceContent without slug and identifier)
  content jsonb not null,
  -- denormalised from content for filtering and search
  title_lv text not null,
  title_en text not null,
  audience text[] not null,
  events text[] not null,
  has_online boolean not null,
  title_lv_folded text generated always as (platform.fold(title_lv)) stored,
  title_en_folded text generated always as (platform.fold(title_en)) stored,
  search_text_lv text not null,
  search_text_en text not null,
  search_lv tsvector generated always as (
    setweight(to_tsvector('simple', platform.fold(title_lv)), 'A') ||
    setweight(to_tsvector('simple', platform.fold(search_text_lv)), 'B')
  ) stored,
  search_en tsvector generated always as (
    setweight(to_tsvector('english', platform.fold(title_en)), 'A') ||
    setweight(to_tsvector('english', platform.fold(search_text_en)), 'B')
  ) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_at timestamptz,
  unique (institution_id, identifier)
);

create index services_search_lv on catalog.services using gin (search_lv);
create index services_search_en on catalog.services using gin (search_en);
create index services_title_lv_trgm on catalog.services using gin (title_lv_folded gin_trgm_ops);
create index services_title_en_trgm on catalog.services using gin (title_en_folded gin_trgm_ops);
create index services_events on catalog.services using gin (events);
create index services_institution on catalog.services (institution_id, status);

create table catalog.service_versions (
  service_id uuid not null references catalog.services (id),
  version integer not null,
  status text not null,
  slug text not null,
  identifier text not null,
  content jsonb not null,
  changed_by text,
  changed_at timestamptz not null default now(),
  primary key (service_id, version)
);

create table catalog.slug_redirects (
  old_slug text primary key,
  service_id uuid not null references catalog.services (id),
  created_at timestamptz not null default now()
);
