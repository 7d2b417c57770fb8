-- Extensions every module may use. Both are "trusted" in PostgreSQL 13+, and
-- PGlite loads them at open (see database.ts).
create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- unaccent() is STABLE (it reads a dictionary chosen at run time); naming the
-- dictionary makes the result fixed, so the wrapper may be IMMUTABLE and used in
-- index expressions and generated columns.
create or replace function platform.fold(value text) returns text
  language sql immutable parallel safe strict
  as $$ select lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
