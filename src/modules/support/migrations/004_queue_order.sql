-- A queue page picks an institution's open tickets in (opened_at, number)
-- order, the overdue ones and the others as two runs that stop after the page
-- (support.repo.ts queuePage). This index gives that order and carries every
-- column the queue's filters look at, so the runs are read from the index
-- alone and only the page's rows from the table. It supersedes 003's
-- tickets_open_queue.
create index tickets_queue_order on support.tickets (queue_institution_id, opened_at, number)
  include (state, due_at, assignee, subject_code)
  where state in ('open', 'awaiting_person');
drop index support.tickets_open_queue;

-- Statistics on "late" as the queue asks it: the planner otherwise multiplies
-- the shares of open tickets and of past due times as if unrelated (only open
-- and awaiting tickets have a due time), expects a few dozen late tickets
-- where a busy queue has thousands, and sorts them all instead of reading the
-- index above in order.
create statistics support.tickets_late on ((case when state = 'open' then due_at end)) from support.tickets;
