-- An institution's integration manager (issue #14): asks the platform for API
-- clients for the institution's systems and looks after them (secrets, limits).
alter table access.role_grants drop constraint role_grants_role_check;
alter table access.role_grants add constraint role_grants_role_check
  check (role in ('service_manager', 'case_handler', 'support_agent', 'institution_admin', 'integration_manager', 'platform_admin'));
