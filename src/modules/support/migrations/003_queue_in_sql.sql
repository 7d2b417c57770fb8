-- The desk's queues are filtered, sorted and paged in SQL (overdue first, then
-- the oldest). A ticket's next due time is kept on its row: the first-reply
-- target while unanswered (or the resolution target if that falls earlier),
-- then the resolution target, both in Latvian working days with the pauses
-- while the person was awaited (support.clock.ts computes it at every change
-- of the ticket). An open ticket past it is overdue. Rows from before this
-- migration get it the first time a queue is read.
alter table support.tickets add column due_at timestamptz;

create index tickets_open_queue on support.tickets (queue_institution_id, opened_at) where state in ('open', 'awaiting_person');
create index tickets_overdue on support.tickets (queue_institution_id, due_at) where state = 'open';
create index tickets_open_assignee on support.tickets (assignee, opened_at) where state in ('open', 'awaiting_person');
create index tickets_due_unknown on support.tickets (id) where due_at is null and state in ('open', 'awaiting_person');
