-- One-off data loads that ran (see once.ts): demo data is loaded exactly once.
create table platform.loads (
  key text primary key,
  loaded_at timestamptz not null default now()
);
