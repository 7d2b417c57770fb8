-- The queue's page is read as runs of open applications, each in the queue's order straight from an index
-- (applications.repo.ts, queueRuns), and stops after the page's rows instead of sorting every application of
-- the queue: not completed (overdue, due later, with no due date: ranges of the first index) and completed but
-- not yet closed (the second). The queue's index of 005 goes: with it beside them, PostgreSQL (which cannot
-- know that open and not completed go together) estimated a run at one row and sorted all 7,800 overdue ones.
-- The status index takes submitted_at into its key, so a run of one status is in order too.
drop index applications.applications_queue;
create index applications_queue_due on applications.applications (institution_id, expected_at, submitted_at)
  include (status, service_id, id) where closed_at is null and completed_at is null;
create index applications_queue_completed on applications.applications (institution_id, expected_at, submitted_at)
  include (status, service_id, id) where closed_at is null and completed_at is not null;
drop index applications.applications_queue_status;
create index applications_queue_status on applications.applications (institution_id, status, expected_at, submitted_at)
  include (service_id, completed_at, closed_at, id);
