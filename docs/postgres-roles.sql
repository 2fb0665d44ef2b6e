-- Huanxin on PostgreSQL: the two database roles (等保2.0 level 3 audit retention).
--
-- * The schema OWNER role owns every table and runs the migrations (`npm run cli -- migrate`). Only it can
--   drop or disable the triggers that keep audit_log append-only; keep its password with the DBA, not the app.
-- * The APPLICATION role is what the server's DATABASE_URL connects as. It reads and writes every table, but on
--   audit_log it may only SELECT and INSERT (no UPDATE, DELETE or TRUNCATE), and it may not delete audit_chains
--   rows (each append moves the chain head forward with an UPDATE). It owns nothing, so it cannot drop or
--   disable a trigger, and it must not be a superuser or a member of the owner role.
--
-- Set-up, once, as a superuser:
--   CREATE ROLE huanxin_owner LOGIN;           -- set its password with \password, not on a command line
--   CREATE ROLE huanxin_app LOGIN;             -- likewise
--   CREATE DATABASE huanxin OWNER huanxin_owner;
--   REVOKE CREATE ON SCHEMA public FROM PUBLIC;   -- already so on PostgreSQL 15
-- Then as huanxin_owner, after `npm run cli -- migrate` (and again after each upgrade that adds tables):
--   DATABASE_URL=postgres://huanxin_owner@host/huanxin npm run cli -- db:grant-app-role --role huanxin_app
-- or by hand:
--   psql "postgres://huanxin_owner@host/huanxin" -v app_role=huanxin_app -v schema=public -f docs/postgres-roles.sql
-- and start the server with DATABASE_URL=postgres://huanxin_app@host/huanxin (it applies no DDL when the
-- schema is up to date; run migrations as the owner before starting an upgraded version).

GRANT USAGE ON SCHEMA :"schema" TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA :"schema" TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA :"schema" TO :"app_role";
-- Tables a later migration creates get the same grants (run this file again to re-apply the revokes below).
ALTER DEFAULT PRIVILEGES IN SCHEMA :"schema" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES IN SCHEMA :"schema" GRANT USAGE, SELECT ON SEQUENCES TO :"app_role";
-- The audit trail: append and read only.
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON :"schema".audit_log FROM :"app_role";
REVOKE DELETE, TRUNCATE, REFERENCES, TRIGGER ON :"schema".audit_chains FROM :"app_role";
