-- Applications and the central status register (P2, P8, P11, P12): e-forms,
-- drafts, submitted applications (on the platform or registered by an
-- institution's own system), their status timeline, attachments and results,
-- lead times, and the outbox of status events for the notifications module.
create schema if not exists applications;

-- E-forms (P2): a JSON Schema plus presentation hints, one row per version.
-- service_id is a plain reference to catalog.services (no foreign key across modules).
create table applications.forms (
  service_id uuid not null,
  version integer not null check (version >= 1),
  schema jsonb not null,
  presentation jsonb not null,
  created_by text,
  created_at timestamptz not null default now(),
  primary key (service_id, version)
);

-- Lead times (P12) declared by service managers; services without a row use
-- the catalog's processing time.
create table applications.lead_times (
  service_id uuid primary key,
  duration text not null,
  day_kind text not null check (day_kind in ('working', 'calendar')),
  legal_basis jsonb,
  updated_by text not null,
  updated_at timestamptz not null default now()
);

-- Institution-specific wording of the common status codes (P8).
create table applications.status_labels (
  institution_id uuid not null,
  code text not null,
  label jsonb not null,
  updated_by text not null,
  updated_at timestamptz not null default now(),
  primary key (institution_id, code)
);

-- Human-readable numbers YYYY-NNNNNN: one counter row per year, incremented in
-- the submitting transaction (its row lock orders concurrent submissions, and a
-- rolled-back submission gives its number back).
create table applications.number_counters (
  year integer primary key,
  last bigint not null
);

create table applications.applications (
  id uuid primary key,
  number text not null unique,
  service_id uuid not null,
  institution_id uuid not null,
  -- the service's title when the application was made (lv/en)
  service_title jsonb not null,
  -- the party applied for: a personal code or a registration number
  applicant text not null,
  applicant_kind text not null check (applicant_kind in ('person', 'company')),
  -- who submitted it on the platform and on which ground (null when registered by an institution)
  submitted_by text,
  basis text check (basis in ('self', 'board_member', 'parent', 'guardian', 'mandate')),
  mandate_id uuid,
  origin text not null check (origin in ('platform', 'external')),
  -- the institution's own case number
  external_id text,
  form_version integer,
  data jsonb not null default '{}',
  status text not null,
  status_at timestamptz not null,
  -- what is awaited from the applicant while awaiting_client
  awaiting text,
  submitted_at timestamptz not null,
  -- occurredAt of the newest applied status event: later events must not be older
  last_event_at timestamptz not null,
  -- the lead time in force at submission, and the periods the clock was paused
  lead_time jsonb not null,
  pauses jsonb not null default '[]',
  -- null while the clock is paused or once completed; kept for overdue filters and ordering
  expected_at timestamptz,
  -- first time decided, delivered or rejected: the clock stops
  completed_at timestamptz,
  -- when it reached a final status (delivered, rejected, withdrawn, cancelled)
  closed_at timestamptz,
  receipt jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
) with (fillfactor = 80);
-- Most status changes touch no indexed column (the queue index names closed_at,
-- not status), and fillfactor leaves room on the page: they are HOT updates.

create unique index applications_external on applications.applications (institution_id, external_id) where external_id is not null;
create index applications_applicant on applications.applications (applicant, submitted_at desc);
create index applications_queue on applications.applications (institution_id, expected_at) where closed_at is null;
create index applications_completed on applications.applications (service_id, completed_at desc) where completed_at is not null;

create table applications.drafts (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  applicant text not null,
  author text not null,
  data jsonb not null default '{}',
  step text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (service_id, applicant, author)
);

-- Every status an application passed through (P8, P11). event_id is the
-- sending institution's idempotency key: a retried event is stored once.
create table applications.status_events (
  id bigint generated always as identity primary key,
  application_id uuid not null references applications.applications (id),
  -- the institution that recorded it (null when the applicant did)
  institution_id uuid,
  event_id text,
  code text not null check (code in ('submitted', 'received', 'in_progress', 'awaiting_client', 'decided', 'delivered', 'rejected', 'withdrawn', 'cancelled')),
  from_code text,
  occurred_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  actor text not null,
  actor_role text not null check (actor_role in ('applicant', 'case_handler', 'system', 'platform')),
  -- internal note (institution only), note for the applicant, what is awaited, the applicant's answer
  note text,
  note_for_applicant text,
  awaiting text,
  message text,
  unique (institution_id, event_id)
);

create index status_events_application on applications.status_events (application_id, occurred_at, id);

-- Contents of files, by SHA-256 (the database file store; the filesystem store keeps them under DATA_DIR).
create table applications.blobs (
  sha256 text primary key,
  content bytea not null
);

create table applications.files (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references applications.applications (id),
  purpose text not null check (purpose in ('attachment', 'response', 'result')),
  slot text,
  status_event_id bigint references applications.status_events (id),
  filename text not null,
  media_type text not null,
  size integer not null,
  sha256 text not null,
  created_at timestamptz not null default now()
);

create index files_application on applications.files (application_id);

create table applications.results (
  application_id uuid primary key references applications.applications (id),
  summary jsonb not null,
  data jsonb,
  delivered_at timestamptz not null,
  delivered_by text not null
);

-- Events for other modules (notifications), written in the same transaction
-- as the change and published later by the job queue.
create table applications.outbox (
  id bigint generated always as identity primary key,
  topic text not null,
  payload jsonb not null,
  created_at timestamptz not null default now(),
  published_at timestamptz
);

create index outbox_unpublished on applications.outbox (id) where published_at is null;
