-- Applications that wait for their fee (P2). When a service charges a fee, the
-- answers are held as they were paid for, under the id the application will
-- have; the payment names that id, and once it is captured the application is
-- submitted from the hold — exactly once, since the id is the application's
-- primary key and the hold records when it was submitted.
create table applications.held_submissions (
  application_id uuid primary key,
  service_id uuid not null,
  applicant text not null,
  applicant_kind text not null check (applicant_kind in ('person', 'company')),
  author text not null,
  basis text not null check (basis in ('self', 'board_member', 'parent', 'guardian', 'mandate')),
  mandate_id uuid,
  form_version integer not null,
  -- the form's answers and the chosen files (by SHA-256, in the drafts' store) as paid for
  data jsonb not null,
  files jsonb not null default '[]',
  data_sha256 text not null,
  -- the fees charged: [{code, description{lv,en}, amount}] in cents
  fees jsonb not null,
  created_at timestamptz not null default now(),
  submitted_at timestamptz
);

create index held_submissions_waiting on applications.held_submissions (service_id, applicant, author) where submitted_at is null;
