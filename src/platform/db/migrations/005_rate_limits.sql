-- Rate limits shared by every instance: one row per key (an API client and the
-- family of its calls, a source address…) holding its theoretical arrival time
-- (GCRA, the token bucket as one timestamp). Unlogged: no write-ahead log for
-- a counter that may be forgotten in a crash (a forgotten row is a full bucket).
create unlogged table platform.rate_limits (
  key text primary key,
  tat timestamptz not null
);

create index rate_limits_tat on platform.rate_limits (tat);
