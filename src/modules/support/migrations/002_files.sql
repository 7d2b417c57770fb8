-- Files on questions and replies: the person's (or a visitor's) message and an
-- agent's reply may carry files, checked as application attachments are. A
-- file hangs on its thread entry (merging moves entries, so files follow);
-- its bytes live in the platform's file store, addressed by SHA-256.
create table support.files (
  id uuid primary key default gen_random_uuid(),
  entry_id bigint not null references support.entries (id),
  filename text not null,
  media_type text not null,
  size_bytes integer not null check (size_bytes > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null
);
create index files_entry on support.files (entry_id);
