-- The queue of one service (`?service=…`, no status) read its runs from the institution's queue indexes in
-- order and dropped the other services' entries by filter: on 1,000,000 applications, for the second most used
-- service of the largest institution, 5,000 entries (2,500 buffers) for a page of 20 at offset 40 — with a
-- custom plan the completed run even read 740 table rows and sorted them. The open applications of a service
-- get the queue's order of their own (institution, service, due date keyed as the other runs key it,
-- submission, id), so each run is one range read in order and stops at the page; completion is carried to
-- tell the runs apart. It also serves the capped count by service that 009's index served, which goes.
create index applications_queue_service on applications.applications
  (institution_id, service_id, (coalesce(expected_at, 'infinity'::timestamptz)), submitted_at, id)
  include (status, expected_at, completed_at) where closed_at is null;
drop index applications.applications_open_by_service;
