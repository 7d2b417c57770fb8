-- Status changes are announced on the platform's one outbox (platform.outbox,
-- written by status-register.engine.ts). Whatever the module's own outbox had
-- not handed out yet is carried over, completed from the application as it
-- stands (the old rows said less than subscribers now need); then it goes.
insert into platform.outbox (id, type, source, subject, occurred_at, actor, data)
select gen_random_uuid(), o.topic, '/applications', o.payload->>'applicationId', o.created_at,
       '{"kind": "platform", "id": "platform"}'::jsonb,
       o.payload || jsonb_build_object(
         'serviceTitle', a.service_title,
         'applicantKind', a.applicant_kind,
         'submittedBy', a.submitted_by,
         'statusLabel', coalesce(l.label, jsonb_build_object('lv', o.payload->>'code', 'en', o.payload->>'code')),
         'final', coalesce(o.payload->>'code', '') in ('delivered', 'rejected', 'withdrawn', 'cancelled'),
         'expectedCompletionAt', to_char(a.expected_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         'link', '/workspace/applications/' || a.number)
from applications.outbox o
join applications.applications a on a.id::text = o.payload->>'applicationId'
left join applications.status_labels l on l.institution_id = a.institution_id and l.code = o.payload->>'code'
where o.published_at is null
order by o.id;

drop table applications.outbox;
