import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';
import { copyIntoRecordTimeline } from '../../platform/timeline/copyOldTimeline.js';

export const reportingMigrations: ModuleMigration[] = [
  {
    name: '0150_plan_reporting',
    async up(db, dialect) {
      await withId(db.schema.createTable('plan_reporting_periods'), dialect)
        .addColumn('plan_id', bigint, (c) => c.notNull().references('plans.id'))
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('frequency', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('deadline_date', 'text', (c) => c.notNull())
        .addColumn('deadline_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('opened_by', bigint, (c) => c.references('users.id'))
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addUniqueConstraint('plan_reporting_periods_plan_period', ['plan_id', 'period'])
        .execute();
      await db.schema.createIndex('plan_reporting_periods_deadline').on('plan_reporting_periods').columns(['status', 'deadline_at']).execute();

      await withId(db.schema.createTable('plan_reports'), dialect)
        .addColumn('period_id', bigint, (c) => c.notNull().references('plan_reporting_periods.id'))
        .addColumn('plan_id', bigint, (c) => c.notNull().references('plans.id'))
        .addColumn('indicator_id', bigint, (c) => c.notNull().references('indicators.id'))
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision')
        .addColumn('baseline_value', 'double precision')
        .addColumn('narrative', 'text')
        .addColumn('late', 'integer', (c) => c.notNull())
        .addColumn('first_submitted_at', 'text')
        .addColumn('submitted_at', 'text')
        .addColumn('submission_count', 'integer', (c) => c.notNull())
        .addColumn('returned_at', 'text')
        .addColumn('return_reason', 'text')
        .addColumn('accepted_at', 'text')
        .addColumn('decided_by', bigint, (c) => c.references('users.id'))
        .addColumn('updated_by', bigint, (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('plan_reports_period_indicator_org', ['period_id', 'indicator_id', 'organization_id'])
        .execute();
      // Covering indexes for the two hot reads, so neither touches the table rows (measured by bench/plan: with 144,000
      // reports, fetching the lead's accepted values through a non-covering index cost ~150 ms on SQLite, one random
      // page read per report): an indicator's accepted values by role (the dashboard's observations), and an
      // organisation's reports by status (the workspace, and a town's own observations).
      await db.schema
        .createIndex('plan_reports_organization')
        .on('plan_reports')
        .columns(['organization_id', 'status', 'indicator_id', 'period_id', 'value'])
        .execute();
      await db.schema.createIndex('plan_reports_indicator').on('plan_reports').columns(['indicator_id', 'role', 'status', 'period_id', 'value']).execute();

      await db.schema
        .createTable('plan_report_evidence')
        .addColumn('report_id', bigint, (c) => c.notNull().references('plan_reports.id'))
        .addColumn('attachment_id', bigint, (c) => c.notNull().references('attachments.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('plan_report_evidence_pk', ['report_id', 'attachment_id'])
        .execute();

      await withId(db.schema.createTable('plan_report_events'), dialect)
        .addColumn('report_id', bigint, (c) => c.notNull().references('plan_reports.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text', (c) => c.notNull())
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision')
        .addColumn('reason', 'text')
        .addColumn('actor_user_id', bigint, (c) => c.references('users.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('plan_report_events_report').on('plan_report_events').columns(['report_id', 'id']).execute();

      await db.schema
        .createTable('plan_reported_baselines')
        .addColumn('indicator_id', bigint, (c) => c.primaryKey().references('indicators.id'))
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('report_id', bigint, (c) => c.notNull().references('plan_reports.id'))
        .addColumn('accepted_at', 'text', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('plan_import_jobs'), dialect)
        .addColumn('user_id', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('total_rows', 'integer', (c) => c.notNull())
        .addColumn('processed_rows', 'integer', (c) => c.notNull())
        .addColumn('imported_rows', 'integer', (c) => c.notNull())
        .addColumn('errors_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('plan_import_jobs_user').on('plan_import_jobs').column('user_id').execute();
    },
  },
  {
    // The reports' history moves to the platform's record_timeline (20261201_1100_platform_record_timeline), which
    // every kind of record shares: the value reported with an entry goes into its params, a return's reason into its
    // reasons, and the entry takes the report's organisation.
    name: '20261201_1102_plan_report_events_to_timeline',
    async up(db) {
      await copyIntoRecordTimeline(db, 'plan_report', 'plan_report_events', async (after, limit) =>
        (
          await db
            .selectFrom('plan_report_events as e')
            .leftJoin('plan_reports as r', 'r.id', 'e.report_id')
            .selectAll('e')
            .select('r.organization_id')
            .where('e.id', '>', after)
            .orderBy('e.id')
            .limit(limit)
            .execute()
        ).map((e) => ({
          formerId: Number(e.id),
          entityId: Number(e.report_id),
          action: e.action,
          from: e.from_status,
          to: e.to_status,
          actorUserId: e.actor_user_id === null ? null : Number(e.actor_user_id),
          actorRole: null,
          organizationId: e.organization_id === null ? null : Number(e.organization_id),
          note: null,
          reasons: e.reason === null ? [] : [e.reason],
          params: { value: e.value === null ? null : Number(e.value) },
          at: e.at,
        })),
      );
      await db.schema.dropTable('plan_report_events').execute();
    },
  },
];
