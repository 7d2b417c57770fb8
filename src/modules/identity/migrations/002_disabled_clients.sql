-- OpenID clients a platform administrator has disabled. A disabled client is
-- moved out of identity.clients, so the provider no longer finds it (no new
-- tokens) and the bearer-token check refuses its tokens; kept here, with who
-- disabled it and when, so its id is never reused and it can be enabled again.
create table identity.disabled_clients (
  client_id text primary key check (client_id ~ '^[A-Za-z0-9._:-]{1,120}$'),
  secret_hash text,
  metadata jsonb not null,
  institution_id uuid,
  skip_consent boolean not null default false,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  disabled_at timestamptz not null default now(),
  disabled_by text not null
);
