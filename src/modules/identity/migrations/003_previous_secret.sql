-- Secret rotation with an overlap (issue #14): when a client's secret is
-- rotated, the hash of the one it replaces stays valid until
-- previous_secret_expires_at, so the client's deployments can switch over
-- without a moment of refused tokens. After that only the new one is valid.
alter table identity.clients add column previous_secret_hash text;
alter table identity.clients add column previous_secret_expires_at timestamptz;
