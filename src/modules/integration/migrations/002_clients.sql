-- API clients, self-service (issue #14, P17): institution staff and third
-- parties ask for a client; a platform administrator approves (identity then
-- registers it) or refuses with a reason. The client itself, its secret hash
-- and its metadata live in identity.clients; here only the request, who owns
-- the client, and whether its first secret was handed out.
create table integration.client_requests (
  id uuid primary key default gen_random_uuid(),
  -- the institution whose systems use the client (null: a third party, public scopes only)
  institution_id uuid,
  -- the requester (personal code, 11 digits) and their name as it was
  requested_by text not null,
  requester_name text not null,
  name text not null,
  -- e-mail addresses told about the client (approval, a disabled webhook)
  contacts text[] not null,
  scopes text[] not null,
  grant_types text[] not null,
  redirect_uris text[] not null default '{}',
  auth_method text not null check (auth_method in ('client_secret_basic', 'private_key_jwt')),
  jwks_uri text,
  status text not null default 'pending' check (status in ('pending', 'approved', 'refused')),
  decided_by text,
  decided_at timestamptz,
  reason text,
  -- the registered client's id (identity.clients), once approved
  client_id text unique,
  -- when its owner was shown the first secret: it is shown once, then only rotated
  secret_issued_at timestamptz,
  created_at timestamptz not null default now()
);
create index client_requests_pending on integration.client_requests (created_at) where status = 'pending';
create index client_requests_requester on integration.client_requests (requested_by);
create index client_requests_institution on integration.client_requests (institution_id);

-- A client's own rate limit set by a platform administrator (else API_RATE_LIMIT / API_RATE_BURST).
-- In the database, so every instance limits the client alike.
create table integration.client_limits (
  client_id text primary key,
  per_minute integer not null check (per_minute between 1 and 10000000),
  burst integer not null check (burst between 1 and 10000000),
  set_by text not null,
  set_at timestamptz not null default now()
);
