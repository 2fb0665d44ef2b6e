import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../../db/database.js';
import { bigint, type ModuleMigration } from '../../../db/migrations.js';

/*
 * Why triggers: the dashboard's observations must follow every report the moment it is accepted, returned,
 * corrected or re-accepted, whichever path writes it — the API, a bulk import, a period being opened, the demo seed,
 * a repair made by hand in SQL. Maintained in the writing transaction, they are never stale and need no queue.
 *
 * - `plan_dashboard_observations`: one row per accepted report with a value (what reporting/observations.ts reads).
 * - `plan_dashboard_overdue`: one row per report in a status that counts as missing once its deadline passes.
 * - `plan_dashboard_state`: one row whose version every change to what the dashboard reads bumps (reports,
 *   periods, reported baselines and the plan tree), so a dashboard answer cached in memory under a version is
 *   exactly the recomputed one while the version stands. On PostgreSQL the bump is a deferred constraint trigger,
 *   run once per transaction at commit: the state row is locked only for the commit itself, never while the
 *   transaction still waits on other rows (which could deadlock two bulk writers).
 *
 * Status lists are literals here because a migration must keep meaning what it meant when it ran; they are
 * reporting/observations.ts's MISSING_STATUSES and 'accepted'.
 */
const MISSING = `('pending', 'draft', 'returned', 'corrected')`;

/** Tables whose changes the dashboard reads: every one bumps the version. */
const WATCHED = [
  'plan_reports',
  'plan_reporting_periods',
  'plan_reported_baselines',
  'plans',
  'plan_actions',
  'plan_tasks',
  'indicators',
  'indicator_targets',
  'indicator_units',
  'milestones',
] as const;

const OBSERVATION_COLUMNS = 'report_id, plan_id, indicator_id, organization_id, lead, period_id, starts_at, ends_at, value';
const OVERDUE_COLUMNS = 'report_id, plan_id, indicator_id, organization_id, role, period_id, deadline_at';

/** Where report `r` comes from: a trigger's new row with its period, or every report joined with its period. */
const TRIGGER_ROW = { r: 'new', from: `from plan_reporting_periods p where p.id = new.period_id and` };
const ALL_REPORTS = { r: 'r', from: `from plan_reports r join plan_reporting_periods p on p.id = r.period_id where` };

/** The observation and overdue rows of report `r` in period `p`. */
const observationRows = ({ r, from }: typeof TRIGGER_ROW) =>
  `select ${r}.id, ${r}.plan_id, ${r}.indicator_id, ${r}.organization_id, case when ${r}.role = 'lead' then 1 else 0 end,
          ${r}.period_id, p.starts_at, p.ends_at, ${r}.value
   ${from} ${r}.status = 'accepted' and ${r}.value is not null`;
const overdueRows = ({ r, from }: typeof TRIGGER_ROW) =>
  `select ${r}.id, ${r}.plan_id, ${r}.indicator_id, ${r}.organization_id, ${r}.role, ${r}.period_id, p.deadline_at
   ${from} ${r}.status in ${MISSING}`;

/**
 * Refills both maintained tables from the reports and bumps the version: the backfill of the migration and what
 * `plan:dashboard-rebuild` runs (in one transaction, so readers see the old rows or the new ones).
 */
export async function rebuildMaintainedObservations(db: Kysely<unknown>, now = new Date().toISOString()): Promise<void> {
  await sql.raw(`delete from plan_dashboard_observations`).execute(db);
  await sql.raw(`delete from plan_dashboard_overdue`).execute(db);
  await sql.raw(`insert into plan_dashboard_observations (${OBSERVATION_COLUMNS}) ${observationRows(ALL_REPORTS)}`).execute(db);
  await sql.raw(`insert into plan_dashboard_overdue (${OVERDUE_COLUMNS}) ${overdueRows(ALL_REPORTS)}`).execute(db);
  await sql`update plan_dashboard_state set version = version + 1, changed_at = ${now} where id = 1`.execute(db);
}

const SQLITE_NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
const REPORT_CHANGED = ['status', 'value', 'role', 'organization_id', 'indicator_id', 'period_id', 'plan_id'];

async function sqliteTriggers(db: Kysely<unknown>) {
  const bump = `update plan_dashboard_state set version = version + 1, changed_at = ${SQLITE_NOW} where id = 1;`;
  const clear = `delete from plan_dashboard_observations where report_id = old.id; delete from plan_dashboard_overdue where report_id = old.id;`;
  const fill = `insert into plan_dashboard_observations (${OBSERVATION_COLUMNS}) ${observationRows(TRIGGER_ROW)};
                insert into plan_dashboard_overdue (${OVERDUE_COLUMNS}) ${overdueRows(TRIGGER_ROW)};`;
  const statements = [
    `create trigger plan_dashboard_report_insert after insert on plan_reports begin ${fill} ${bump} end`,
    `create trigger plan_dashboard_report_update after update of ${REPORT_CHANGED.join(', ')} on plan_reports
     when ${REPORT_CHANGED.map((c) => `new.${c} is not old.${c}`).join(' or ')}
     begin ${clear} ${fill} ${bump} end`,
    `create trigger plan_dashboard_report_delete after delete on plan_reports begin ${clear} ${bump} end`,
    `create trigger plan_dashboard_period_dates after update of starts_at, ends_at, deadline_at on plan_reporting_periods begin
       update plan_dashboard_observations set starts_at = new.starts_at, ends_at = new.ends_at where period_id = new.id;
       update plan_dashboard_overdue set deadline_at = new.deadline_at where period_id = new.id;
     end`,
  ];
  for (const table of WATCHED.filter((t) => t !== 'plan_reports'))
    for (const event of ['insert', 'update', 'delete'])
      statements.push(`create trigger plan_dashboard_${table}_${event} after ${event} on ${table} begin ${bump} end`);
  for (const s of statements) await sql.raw(s).execute(db);
}

async function postgresTriggers(db: Kysely<unknown>) {
  const statements = [
    `create function plan_dashboard_report_cells() returns trigger language plpgsql as $$
     begin
       if tg_op <> 'INSERT' then
         delete from plan_dashboard_observations where report_id = old.id;
         delete from plan_dashboard_overdue where report_id = old.id;
       end if;
       if tg_op <> 'DELETE' then
         insert into plan_dashboard_observations (${OBSERVATION_COLUMNS}) ${observationRows(TRIGGER_ROW)};
         insert into plan_dashboard_overdue (${OVERDUE_COLUMNS}) ${overdueRows(TRIGGER_ROW)};
       end if;
       return null;
     end $$`,
    `create trigger plan_dashboard_report_cells after insert or update of ${REPORT_CHANGED.join(', ')} or delete on plan_reports
     for each row execute function plan_dashboard_report_cells()`,
    `create function plan_dashboard_period_dates() returns trigger language plpgsql as $$
     begin
       update plan_dashboard_observations set starts_at = new.starts_at, ends_at = new.ends_at where period_id = new.id;
       update plan_dashboard_overdue set deadline_at = new.deadline_at where period_id = new.id;
       return null;
     end $$`,
    `create trigger plan_dashboard_period_dates after update of starts_at, ends_at, deadline_at on plan_reporting_periods
     for each row execute function plan_dashboard_period_dates()`,
    // Once per transaction (a transaction-local setting remembers it), at commit.
    `create function plan_dashboard_bump() returns trigger language plpgsql as $$
     begin
       if current_setting('huanxin.plan_dashboard_bumped', true) is distinct from '1' then
         perform set_config('huanxin.plan_dashboard_bumped', '1', true);
         update plan_dashboard_state set version = version + 1,
           changed_at = to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') where id = 1;
       end if;
       return null;
     end $$`,
  ];
  for (const table of WATCHED)
    statements.push(
      `create constraint trigger plan_dashboard_${table}_bump after insert or update or delete on ${table}
       deferrable initially deferred for each row execute function plan_dashboard_bump()`,
    );
  for (const s of statements) await sql.raw(s).execute(db);
}

/** Tables the dashboard keeps up to date, maintained by triggers and backfilled from the existing reports. */
export const dashboardMigrations: ModuleMigration[] = [
  {
    name: '20261203_1660_plan_dashboard_maintained',
    async up(db, dialect: DialectName) {
      await db.schema
        .createTable('plan_dashboard_observations')
        .addColumn('report_id', bigint, (c) => c.primaryKey())
        .addColumn('plan_id', bigint, (c) => c.notNull())
        .addColumn('indicator_id', bigint, (c) => c.notNull())
        .addColumn('organization_id', bigint, (c) => c.notNull())
        .addColumn('lead', 'integer', (c) => c.notNull())
        .addColumn('period_id', bigint, (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .execute();
      // An indicator's city observations (lead rows) and one organisation's (a town's breakdown): covering, no lookups.
      await db.schema
        .createIndex('plan_dashboard_observations_indicator')
        .on('plan_dashboard_observations')
        .columns(['indicator_id', 'lead', 'period_id', 'starts_at', 'ends_at', 'value'])
        .execute();
      await db.schema
        .createIndex('plan_dashboard_observations_organization')
        .on('plan_dashboard_observations')
        .columns(['organization_id', 'indicator_id', 'period_id', 'starts_at', 'ends_at', 'value'])
        .execute();
      await db.schema
        .createTable('plan_dashboard_overdue')
        .addColumn('report_id', bigint, (c) => c.primaryKey())
        .addColumn('plan_id', bigint, (c) => c.notNull())
        .addColumn('indicator_id', bigint, (c) => c.notNull())
        .addColumn('organization_id', bigint, (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('period_id', bigint, (c) => c.notNull())
        .addColumn('deadline_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('plan_dashboard_overdue_indicator')
        .on('plan_dashboard_overdue')
        .columns(['indicator_id', 'role', 'organization_id', 'deadline_at'])
        .execute();
      await db.schema.createIndex('plan_dashboard_overdue_period').on('plan_dashboard_overdue').column('period_id').execute();
      await db.schema.createIndex('plan_dashboard_observations_period').on('plan_dashboard_observations').column('period_id').execute();
      await db.schema
        .createTable('plan_dashboard_state')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('version', bigint, (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into plan_dashboard_state (id, version, changed_at) values (1, 0, ${new Date().toISOString()})`.execute(db);
      if (dialect === 'postgres') await postgresTriggers(db);
      else await sqliteTriggers(db);
      await rebuildMaintainedObservations(db);
    },
  },
];
