import { sql, type Kysely } from 'kysely';
import { bigint, type ModuleMigration } from '../../../db/migrations.js';
import type { DialectName } from '../../../db/database.js';
import { DUTY_LOCK_KEY, TRIGGER_MESSAGES as M } from './duties.js';

/*
 * Why triggers and not only the services' checks: 等保2.0 asks that no account can hold two of the three duties and
 * that the city cannot be locked out, whatever path a change takes — the API, the CLI, an import, a repair made by
 * hand in SQL. The services check first and answer in the caller's language; these triggers are the floor under
 * them. The role lists are literals here because a migration must keep meaning what it meant when it ran.
 *
 * - `administrator_duties` (user_id primary key, duty checked): one row per account, so one duty per account; a row
 *   must agree with the account's role (`…_match`).
 * - an UPDATE of users.role that moves an account from one duty to another, or into a role while a row says it holds
 *   a different duty (the table out of step), is refused (`users_duty_role`): a duty changes hands by a new account,
 *   so what one administrator did is never mixed into another duty's history.
 * - a duty role only in the office organisation (`users_duty_office`, `organizations_duty_kind`).
 * - the last active holder (active account in an active organisation) of admin, security, auditor or office is never
 *   disabled, demoted, moved to an inactive organisation or deleted, nor its organisation suspended
 *   (`users_last_holder`, `users_last_holder_delete`, `organizations_last_holder`). On PostgreSQL they take the
 *   advisory lock of DUTY_LOCK_KEY first, so the count each one makes sees the other transactions' changes.
 */
const DUTY_ROLES = `('admin', 'security', 'auditor')`;
const GUARDED = `('admin', 'security', 'auditor', 'office')`;
const DUTY_CASE = (role: string) => `case ${role} when 'admin' then 'system' when 'security' then 'security' when 'auditor' then 'audit' end`;

/** Another active holder of `role` than `userId` in an active organisation (SQL text over trigger row names). */
const otherHolder = (role: string, userId: string) =>
  `exists (select 1 from users u join organizations o on o.id = u.organization_id
           where u.role = ${role} and u.status = 'active' and o.status = 'active' and u.id <> ${userId})`;
/** The organisation `orgId` holds an active holder of a role no other active organisation holds. */
const onlyHolderOrganization = (orgId: string) =>
  `exists (select 1 from users h where h.organization_id = ${orgId} and h.status = 'active' and h.role in ${GUARDED}
           and not exists (select 1 from users v join organizations w on w.id = v.organization_id
                           where v.role = h.role and v.status = 'active' and w.status = 'active' and w.id <> ${orgId}))`;

async function sqliteTriggers(db: Kysely<unknown>) {
  const statements = [
    `create trigger administrator_duties_match_insert before insert on administrator_duties
     when new.duty is not (select ${DUTY_CASE('role')} from users where id = new.user_id)
     begin select raise(abort, '${M.mismatch}'); end`,
    `create trigger administrator_duties_match_update before update on administrator_duties
     when new.duty is not (select ${DUTY_CASE('role')} from users where id = new.user_id)
     begin select raise(abort, '${M.mismatch}'); end`,
    `create trigger users_duty_role before update of role on users
     when new.role is not old.role and (
       (old.role in ${DUTY_ROLES} and new.role in ${DUTY_ROLES})
       or exists (select 1 from administrator_duties d where d.user_id = new.id and d.duty is not ${DUTY_CASE('new.role')}))
     begin select raise(abort, '${M.secondDuty}'); end`,
    `create trigger users_duty_office_insert before insert on users
     when new.role in ${DUTY_ROLES} and (select kind from organizations where id = new.organization_id) is not 'office'
     begin select raise(abort, '${M.outsideOffice}'); end`,
    `create trigger users_duty_office_update before update of role, organization_id on users
     when new.role in ${DUTY_ROLES} and (select kind from organizations where id = new.organization_id) is not 'office'
     begin select raise(abort, '${M.outsideOffice}'); end`,
    `create trigger organizations_duty_kind before update of kind on organizations
     when new.kind is not 'office' and exists (select 1 from users where organization_id = new.id and role in ${DUTY_ROLES})
     begin select raise(abort, '${M.outsideOffice}'); end`,
    `create trigger users_last_holder before update of role, status, organization_id on users
     when old.role in ${GUARDED} and old.status = 'active'
       and (select status from organizations where id = old.organization_id) = 'active'
       and not (new.role = old.role and new.status = 'active' and (select status from organizations where id = new.organization_id) = 'active')
       and not ${otherHolder('old.role', 'old.id')}
     begin select raise(abort, '${M.lastHolder}'); end`,
    `create trigger users_last_holder_delete before delete on users
     when old.role in ${GUARDED} and old.status = 'active'
       and (select status from organizations where id = old.organization_id) = 'active'
       and not ${otherHolder('old.role', 'old.id')}
     begin select raise(abort, '${M.lastHolder}'); end`,
    `create trigger organizations_last_holder before update of status on organizations
     when old.status = 'active' and new.status is not 'active' and ${onlyHolderOrganization('old.id')}
     begin select raise(abort, '${M.lastHolder}'); end`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}

async function postgresTriggers(db: Kysely<unknown>) {
  const raise = (m: string) => `raise exception '${m}' using errcode = 'P0001'`;
  const statements = [
    `create function hx_duty_of(r text) returns text language sql immutable as $$ select ${DUTY_CASE('r')} $$`,
    `create function hx_administrator_duties_match() returns trigger language plpgsql as $$
     begin
       if new.duty is distinct from (select hx_duty_of(role) from users where id = new.user_id) then ${raise(M.mismatch)}; end if;
       return new;
     end $$`,
    `create trigger administrator_duties_match before insert or update on administrator_duties
     for each row execute function hx_administrator_duties_match()`,
    `create function hx_users_duty() returns trigger language plpgsql as $$
     begin
       if tg_op = 'UPDATE' and new.role is distinct from old.role then
         if hx_duty_of(old.role) is not null and hx_duty_of(new.role) is not null then ${raise(M.secondDuty)}; end if;
         if exists (select 1 from administrator_duties d where d.user_id = new.id and d.duty is distinct from hx_duty_of(new.role)) then
           ${raise(M.secondDuty)};
         end if;
       end if;
       if hx_duty_of(new.role) is not null and (select kind from organizations where id = new.organization_id) is distinct from 'office' then
         ${raise(M.outsideOffice)};
       end if;
       return new;
     end $$`,
    `create trigger users_duty before insert or update of role, organization_id on users
     for each row execute function hx_users_duty()`,
    `create function hx_organizations_duty_kind() returns trigger language plpgsql as $$
     begin
       if exists (select 1 from users where organization_id = new.id and role in ${DUTY_ROLES}) then ${raise(M.outsideOffice)}; end if;
       return new;
     end $$`,
    `create trigger organizations_duty_kind before update of kind on organizations
     for each row when (new.kind is distinct from 'office') execute function hx_organizations_duty_kind()`,
    `create function hx_users_last_holder() returns trigger language plpgsql as $$
     begin
       perform pg_advisory_xact_lock(${DUTY_LOCK_KEY});
       if (select status from organizations where id = old.organization_id) is distinct from 'active' then
         if tg_op = 'DELETE' then return old; end if;
         return new;
       end if;
       if tg_op = 'UPDATE' and new.role = old.role and new.status = 'active'
          and (select status from organizations where id = new.organization_id) = 'active' then
         return new;
       end if;
       if not ${otherHolder('old.role', 'old.id')} then ${raise(M.lastHolder)}; end if;
       if tg_op = 'DELETE' then return old; end if;
       return new;
     end $$`,
    `create trigger users_last_holder before update of role, status, organization_id or delete on users
     for each row when (old.role in ${GUARDED} and old.status = 'active') execute function hx_users_last_holder()`,
    `create function hx_organizations_last_holder() returns trigger language plpgsql as $$
     begin
       perform pg_advisory_xact_lock(${DUTY_LOCK_KEY});
       if ${onlyHolderOrganization('old.id')} then ${raise(M.lastHolder)}; end if;
       return new;
     end $$`,
    `create trigger organizations_last_holder before update of status on organizations
     for each row when (old.status = 'active' and new.status is distinct from 'active') execute function hx_organizations_last_holder()`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}

/** Migrations of platform/duties (named 20261202_13xx_platform_…, after every earlier one). */
export const dutiesMigrations: ModuleMigration[] = [
  {
    name: '20261202_1300_platform_administrator_duties',
    async up(db, dialect: DialectName) {
      await db.schema
        .createTable('administrator_duties')
        .addColumn('user_id', bigint, (c) => c.primaryKey().references('users.id'))
        .addColumn('duty', 'text', (c) => c.notNull().check(sql`duty in ('system', 'security', 'audit')`))
        .addColumn('assigned_at', 'text', (c) => c.notNull())
        .addColumn('assigned_by', bigint)
        .execute();
      // The accounts that already hold a duty role (an installation's admin and auditors, the demo accounts).
      const now = new Date().toISOString();
      await sql`insert into administrator_duties (user_id, duty, assigned_at, assigned_by)
                select id, ${sql.raw(DUTY_CASE('role'))}, cast(${now} as text), null from users where role in ${sql.raw(DUTY_ROLES)}`.execute(db);
      if (dialect === 'postgres') await postgresTriggers(db);
      else await sqliteTriggers(db);
    },
  },
];
