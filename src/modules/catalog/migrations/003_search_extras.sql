-- Text other modules contribute to a service's search, e.g. the questions and
-- answers of its FAQ (customer support). The catalog keeps it per service and
-- contributing source and folds it into the service's search columns, so the
-- catalog never reads another module's tables and both the in-memory index and
-- the SQL search find it.
create table catalog.search_extras (
  service_id uuid not null references catalog.services (id),
  source text not null check (source ~ '^[a-z][a-z0-9_.-]{0,39}$'),
  text_lv text not null,
  text_en text not null,
  updated_at timestamptz not null default now(),
  primary key (service_id, source)
);
