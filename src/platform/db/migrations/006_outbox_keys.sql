-- The outbox kept three indexes, each written for every event: the identity's
-- primary key (position), a unique index on the envelope's id, and the bus's
-- reading order (tx, position). Only the last is read (eventsAfter walks it;
-- nothing looks an event up by its position or its id), so it becomes the
-- primary key and the other two go. Positions stay unique (an identity), and
-- ids stay unique as random UUIDs (crypto.randomUUID in outbox.ts,
-- gen_random_uuid in SQL); subscribers de-duplicate by them as before. The id
-- index was the costly one: a random key lands on a random leaf page of an
-- index that grows with every event ever published.
alter table platform.outbox drop constraint outbox_pkey;
alter table platform.outbox drop constraint outbox_id_key;
drop index platform.outbox_order;
alter table platform.outbox add constraint outbox_pkey primary key (tx, position);
