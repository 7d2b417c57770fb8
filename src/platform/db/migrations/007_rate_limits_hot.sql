-- Every API request moves its bucket's time on (rate-limit.ts). With `tat` indexed each move was a new row
-- version in both indexes; without it the update is HOT (heap-only, pruned in place) and one client's many
-- concurrent requests no longer grow the indexes. The table holds a row per active bucket: the sweep of full
-- buckets (one request in 1,000) and a client's own buckets are read by a scan of it, or by the key's index.
drop index platform.rate_limits_tat;
