-- The queue's page is read as runs of open applications, each in the queue's order straight from an index
-- (applications.repo.ts, queueRuns), and stops after the page's rows instead of sorting every application of
-- the queue: not completed, overdue or not (two ranges of the first index), and completed but not yet closed
-- (the second). The due date is keyed as coalesce(expected_at, 'infinity'): one order with the undated last,
-- so "not overdue" is one range in order; the id settles ties. The queue's index of 005 goes: with it beside
-- them, PostgreSQL (which cannot know that open and not completed go together) estimated a run at one row and
-- sorted all 7,800 overdue ones of the largest queue. The status index is keyed the same way, so a run of one
-- status is in order too.
drop index applications.applications_queue;
create index applications_queue_due on applications.applications (institution_id, (coalesce(expected_at, 'infinity'::timestamptz)), submitted_at, id)
  include (status, service_id, expected_at, completed_at, closed_at) where closed_at is null and completed_at is null;
create index applications_queue_completed on applications.applications (institution_id, (coalesce(expected_at, 'infinity'::timestamptz)), submitted_at, id)
  include (status, service_id, expected_at, completed_at, closed_at) where closed_at is null and completed_at is not null;
drop index applications.applications_queue_status;
create index applications_queue_status on applications.applications (institution_id, status, (coalesce(expected_at, 'infinity'::timestamptz)), submitted_at, id)
  include (service_id, expected_at, completed_at, closed_at);
