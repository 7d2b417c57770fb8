-- The audit trail: append-only. Sign-ins, role and mandate changes, and reads of
-- personal data are written here; nothing may change or remove a row.
create schema if not exists audit;

create table audit.events (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  -- who acted: 'person:<personal code>', 'client:<client id>', 'system'
  actor text not null,
  -- on whose behalf (a personal code or a registration number), when not for themselves
  on_behalf_of text,
  -- '<module>.<verb>', e.g. 'access.mandate_granted', 'identity.signed_in'
  action text not null,
  -- what it concerned: 'mandate:<id>', 'person:<personal code>', …
  target text,
  -- where from: the client's address and user agent
  ip text,
  user_agent text,
  details jsonb not null default '{}'
);

create index events_actor on audit.events (actor, occurred_at desc);
create index events_target on audit.events (target, occurred_at desc);
create index events_on_behalf_of on audit.events (on_behalf_of, occurred_at desc) where on_behalf_of is not null;

create function audit.refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'the audit trail is append-only' using errcode = 'insufficient_privilege';
end $$;

create trigger events_append_only before update or delete on audit.events
  for each row execute function audit.refuse_change();
create trigger events_no_truncate before truncate on audit.events
  for each statement execute function audit.refuse_change();
