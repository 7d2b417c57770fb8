-- The audit trail becomes hash-chained (tamper-evident). The append-only trigger
-- stops ordinary writers; the chain catches whoever goes around it (a superuser
-- UPDATE, `ALTER TABLE … DISABLE TRIGGER`, a deleted row): each entry's hash
-- commits to its own fields and to the previous entry's hash, so a changed,
-- removed or reordered entry no longer matches. `npm run audit:verify` recomputes
-- the chain independently (src/modules/audit/audit.chain.ts) and names the first
-- entry that does not match.

-- Chain position. Ids come from a sequence and can commit out of order when
-- several instances write at once; `seq` is taken under the chain-head lock, so
-- it is gapless and in chain order.
alter table audit.events add column seq bigint;
alter table audit.events add column prev_hash text;
alter table audit.events add column hash text;

-- The head of the chain: one row, updated by every append. Locking it (the
-- UPDATE below takes its row lock until commit) serialises appends across
-- connections and instances, and an append rolled back with its transaction
-- leaves the head as it was. Verify also compares it with the last entry, so
-- entries cut from the end of the trail are noticed too.
create table audit.chain_head (
  singleton boolean primary key default true check (singleton),
  seq bigint not null,
  hash text not null
);

-- The canonical serialisation, version-tagged: every field as UTF-8 bytes behind
-- a tag byte (0x00 for null, 0x01 for a value) and ended by 0x00. Text can hold
-- no NUL byte, so the encoding is unambiguous ('' and null differ, no field can
-- swallow its neighbour). Timestamps in UTC with microseconds, details as
-- jsonb's own (normalised) text. The verifier builds the same bytes in TypeScript.
create function audit.entry_hash(
  seq bigint, id bigint, occurred_at timestamptz, actor text, on_behalf_of text, action text,
  target text, ip text, user_agent text, details jsonb, prev_hash text
) returns text language sql stable as $$
  select encode(sha256(
    convert_to('audit-chain-v1', 'UTF8') || '\x00'::bytea
    || (select coalesce(string_agg(
          case when field is null then '\x0000'::bytea
               else '\x01'::bytea || convert_to(field, 'UTF8') || '\x00'::bytea end,
          ''::bytea order by ord), ''::bytea)
        from unnest(array[
          seq::text, id::text,
          to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          actor, on_behalf_of, action, target, ip, user_agent, details::text, prev_hash
        ]) with ordinality as fields(field, ord))
  ), 'hex')
$$;

-- Chain every existing entry, oldest first, so a trail from before this
-- migration verifies after the upgrade. The append-only trigger is set aside for
-- this one transaction (the migration runs in one) and restored below.
alter table audit.events disable trigger events_append_only;
do $$
declare
  entry record;
  previous text := repeat('0', 64);
  n bigint := 0;
begin
  for entry in select * from audit.events order by id loop
    n := n + 1;
    update audit.events
       set seq = n,
           prev_hash = previous,
           hash = audit.entry_hash(n, entry.id, entry.occurred_at, entry.actor, entry.on_behalf_of, entry.action,
                                   entry.target, entry.ip, entry.user_agent, entry.details, previous)
     where id = entry.id
     returning hash into previous;
  end loop;
  insert into audit.chain_head (seq, hash) values (n, previous);
end $$;
alter table audit.events enable trigger events_append_only;

alter table audit.events alter column seq set not null;
alter table audit.events alter column prev_hash set not null;
alter table audit.events alter column hash set not null;
create unique index events_seq on audit.events (seq);

-- Every insert is chained here, whoever writes it: the writer cannot choose its
-- own position or hash.
create function audit.chain_append() returns trigger language plpgsql as $$
declare
  previous text;
begin
  update audit.chain_head set seq = seq + 1 where singleton returning seq, hash into new.seq, previous;
  new.prev_hash := previous;
  new.hash := audit.entry_hash(new.seq, new.id, new.occurred_at, new.actor, new.on_behalf_of, new.action,
                               new.target, new.ip, new.user_agent, new.details, previous);
  update audit.chain_head set hash = new.hash where singleton;
  return new;
end $$;

create trigger events_chain before insert on audit.events
  for each row execute function audit.chain_append();

-- The head changes only through an append (a trigger calling it), never directly.
create function audit.refuse_head_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and pg_trigger_depth() > 1 then
    return new;
  end if;
  raise exception 'the audit chain head changes only when an entry is appended' using errcode = 'insufficient_privilege';
end $$;

create trigger chain_head_guard before update or delete on audit.chain_head
  for each row execute function audit.refuse_head_change();
create trigger chain_head_no_truncate before truncate on audit.chain_head
  for each statement execute function audit.refuse_head_change();
