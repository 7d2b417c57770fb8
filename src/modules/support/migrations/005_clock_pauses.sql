-- A ticket keeps the periods its resolution clock stood still (from an
-- agent's reply to the person's next message, the closing or a reopening:
-- support.clock.ts pausesOf), kept with due_at in the transaction of every
-- change (tickets.core.ts refreshClock), as [{"from": ISO, "until": ISO or
-- null}]. A queue page then works out its clocks from its rows alone instead
-- of a subquery over every ticket's thread.
alter table support.tickets add column pauses jsonb not null default '[]';

-- The tickets already there: a reply opens a pause unless one is open (the
-- entry before it was a reply), a message, closing or reopening ends the
-- open one (the entry before it was a reply); the edges alternate.
with marks as (
  select ticket_id, id, kind, created_at,
    lag(kind) over (partition by ticket_id order by created_at, id) as before
  from support.entries
  where kind in ('message', 'reply', 'closed', 'reopened')
), edges as (
  select ticket_id, created_at,
    row_number() over (partition by ticket_id order by created_at, id) as n
  from marks
  where (kind = 'reply' and before is distinct from 'reply') or (kind <> 'reply' and before = 'reply')
), iso as (
  select ticket_id, n, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at from edges
), pauses as (
  select o.ticket_id, jsonb_agg(jsonb_build_object('from', o.at, 'until', c.at) order by o.n) as list
  from iso o left join iso c on c.ticket_id = o.ticket_id and c.n = o.n + 1
  where o.n % 2 = 1
  group by o.ticket_id
)
update support.tickets t set pauses = pauses.list from pauses where pauses.ticket_id = t.id;
