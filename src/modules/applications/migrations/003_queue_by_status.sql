-- An institution's queue filtered by status (received, in progress, awaiting the applicant…) finds its rows
-- through this index instead of walking every application the institution ever had (measured on 1,000,000
-- applications: the queue of status=received took 250 ms, most of it reading ~280,000 of one institution's rows).
create index applications_queue_status on applications.applications (institution_id, status, expected_at);
