-- Roles of staff and rights of clients (P9), and mandates (P15). Parties are
-- referred to by their public identifiers: a person by personal code
-- (DDMMYY-NNNNN), a company by its 11-digit registration number.
create schema if not exists access;

create table access.companies (
  registration_number text primary key,
  name text not null,
  created_at timestamptz not null default now()
);

-- Who represents a company by law (from the company register adapter).
create table access.company_representatives (
  registration_number text not null references access.companies (registration_number),
  personal_code text not null,
  role text not null check (role in ('board_member')),
  valid_from date,
  valid_until date,
  primary key (registration_number, personal_code, role)
);

-- Legal representatives of persons (parents of minors, guardians).
create table access.legal_representatives (
  representative text not null,
  represented text not null,
  basis text not null check (basis in ('parent', 'guardian')),
  valid_until date,
  primary key (representative, represented)
);

create table access.role_grants (
  id uuid primary key default gen_random_uuid(),
  personal_code text not null,
  role text not null check (role in ('service_manager', 'case_handler', 'support_agent', 'institution_admin', 'platform_admin')),
  -- absent for platform-wide roles
  institution_id uuid,
  granted_by text not null,
  granted_at timestamptz not null default now(),
  revoked_by text,
  revoked_at timestamptz,
  -- a platform administrator holds the role everywhere; support agents may serve the one desk of all institutions
  check (role <> 'platform_admin' or institution_id is null),
  check (role in ('platform_admin', 'support_agent') or institution_id is not null)
);
create unique index role_grants_current on access.role_grants (personal_code, role, coalesce(institution_id, '00000000-0000-0000-0000-000000000000'::uuid)) where revoked_at is null;
create index role_grants_institution on access.role_grants (institution_id) where revoked_at is null;

create table access.mandates (
  id uuid primary key default gen_random_uuid(),
  grantor text not null,
  grantor_kind text not null check (grantor_kind in ('person', 'company')),
  representative text not null,
  all_services boolean not null,
  services uuid[] not null default '{}',
  valid_from timestamptz not null,
  valid_until timestamptz,
  requires_acceptance boolean not null default false,
  accepted_at timestamptz,
  revoked_at timestamptz,
  revoked_by text,
  created_by text not null,
  created_at timestamptz not null default now(),
  check (all_services or cardinality(services) > 0),
  check (valid_until is null or valid_until > valid_from),
  check (grantor <> representative)
);
create index mandates_grantor on access.mandates (grantor, created_at desc);
create index mandates_representative on access.mandates (representative, created_at desc);

-- Every change of a mandate, in order: its full history.
create table access.mandate_events (
  id bigint generated always as identity primary key,
  mandate_id uuid not null references access.mandates (id),
  event text not null check (event in ('granted', 'accepted', 'revoked')),
  actor text not null,
  occurred_at timestamptz not null default now()
);
create index mandate_events_mandate on access.mandate_events (mandate_id, id);
