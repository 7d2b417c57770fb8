-- A status event's application is no longer checked by a foreign key. The check
-- cost a lookup in applications_pkey and a row lock for every stored event (the
-- trigger was a tenth of the time of storing a 1,000-event batch and moving its
-- applications). Its one writer, the status register's engine
-- (status-register.repo.ts writeEvents), stores events only for applications it
-- has locked, or inserted, in the same transaction, and applications are never
-- deleted, so there is nothing left for the key to catch.
alter table applications.status_events drop constraint status_events_application_id_fkey;
