-- A form posted after its sender's web session had ended (idle or expired):
-- kept for a short while against a one-time token (only its hash is stored;
-- the token itself is in the sender's browser), so that after signing in
-- again the person is back on the same page with what they had typed (P6).
create table identity.kept_posts (
  token_hash text primary key,
  path text not null,
  fields jsonb not null,
  expires_at timestamptz not null
);
create index kept_posts_expires_at on identity.kept_posts (expires_at);
