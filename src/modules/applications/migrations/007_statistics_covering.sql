-- The lead-time statistics of one application's view (applications.repo.ts, findApplicationView) read the
-- service's 200 most recently completed applications: their submission too, now from the index alone instead
-- of 200 scattered table rows. Measured on 1,000,000 applications: 202 → 4 buffers a view.
drop index applications.applications_completed;
create index applications_completed on applications.applications (service_id, completed_at desc) include (submitted_at) where completed_at is not null;
