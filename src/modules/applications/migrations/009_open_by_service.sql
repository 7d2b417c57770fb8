-- The queue's capped total for one service (`?service=…`, no status) counted the institution's open
-- applications through the status index and dropped the other services' by filter: on 1,000,000
-- applications 260,000 index entries for 261 counted, 100–160 ms (the bench's slowest read, its 1-user p99
-- at 66 ms). The open applications of a service, by institution, are a small index of their own (512 kB
-- there) and the count reads 261 entries of it (0.03 ms).
create index applications_open_by_service on applications.applications (institution_id, service_id) where closed_at is null;
