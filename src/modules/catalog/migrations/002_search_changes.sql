-- Every instance keeps an in-memory search index of the register. A change
-- number on each service (from one sequence, renewed by every insert and
-- update, the search columns rewritten after an institution's rename too) lets
-- each instance fetch only what changed since its last look; changed_at lets it
-- look back a few seconds for changes whose transactions committed out of
-- number order.
create sequence catalog.service_changes;

alter table catalog.services
  add column change_seq bigint not null default nextval('catalog.service_changes'),
  add column changed_at timestamptz not null default clock_timestamp();

create function catalog.note_service_change() returns trigger language plpgsql as $$
begin
  new.change_seq := nextval('catalog.service_changes');
  new.changed_at := clock_timestamp();
  return new;
end
$$;

create trigger services_note_change before update on catalog.services
  for each row execute function catalog.note_service_change();

create index services_change_seq on catalog.services (change_seq);
create index services_changed_at on catalog.services (changed_at);
