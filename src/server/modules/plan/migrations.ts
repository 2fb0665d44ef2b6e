import type { CreateTableBuilder } from 'kysely';
import { bigint, withId, type ModuleMigration } from '../../db/migrations.js';
import { distributableKeysMigration } from '../../db/distributable.js';

/** A responsible-unit table: one row per unit named for a task, indicator or milestone, in the plan's order. */
function unitColumns<T extends string>(table: CreateTableBuilder<T, never>) {
  return table
    .addColumn('organization_id', bigint, (c) => c.references('organizations.id'))
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull());
}

export const planMigrations: ModuleMigration[] = [
  {
    name: '0100_plan_init',
    async up(db, dialect) {
      await withId(db.schema.createTable('plans'), dialect)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('doc_number', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('issued_on', 'text', (c) => c.notNull())
        .addColumn('start_year', 'integer', (c) => c.notNull())
        .addColumn('end_year', 'integer', (c) => c.notNull())
        .addColumn('region_code', 'text', (c) => c.notNull())
        .addColumn('region_name', 'text', (c) => c.notNull())
        .addColumn('parent_plans_json', 'text', (c) => c.notNull())
        .addColumn('preamble', 'text', (c) => c.notNull())
        .addColumn('general_requirements', 'text', (c) => c.notNull())
        .addColumn('towns_implement_all', 'integer', (c) => c.notNull())
        .addColumn('format_version', 'integer', (c) => c.notNull())
        .addColumn('raw_json', 'text', (c) => c.notNull())
        .addColumn('file_hash', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('plan_actions'), dialect)
        .addColumn('plan_id', bigint, (c) => c.notNull().references('plans.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('section', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .addUniqueConstraint('plan_actions_plan_code', ['plan_id', 'code'])
        .execute();

      await withId(db.schema.createTable('plan_tasks'), dialect)
        .addColumn('plan_id', bigint, (c) => c.notNull().references('plans.id'))
        .addColumn('action_id', bigint, (c) => c.notNull().references('plan_actions.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('towns_implement', 'integer', (c) => c.notNull())
        .addColumn('all_departments', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .addUniqueConstraint('plan_tasks_action_number', ['action_id', 'number'])
        .execute();

      await unitColumns(
        withId(db.schema.createTable('task_units'), dialect).addColumn('task_id', bigint, (c) => c.notNull().references('plan_tasks.id')),
      ).execute();
      await db.schema.createIndex('task_units_task').on('task_units').column('task_id').execute();
      await db.schema.createIndex('task_units_organization').on('task_units').column('organization_id').execute();

      await withId(db.schema.createTable('indicators'), dialect)
        .addColumn('plan_id', bigint, (c) => c.notNull().references('plans.id'))
        .addColumn('action_id', bigint, (c) => c.notNull().references('plan_actions.id'))
        .addColumn('task_id', bigint, (c) => c.references('plan_tasks.id'))
        .addColumn('related_task', 'integer')
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('clause_text', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('comparator', 'text', (c) => c.notNull())
        .addColumn('baseline_year', 'integer')
        .addColumn('baseline_value', 'double precision')
        .addColumn('year_on_year', 'integer', (c) => c.notNull())
        .addColumn('town_breakdown', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('metric', 'text')
        .addColumn('lower_bound_metric', 'text')
        .addColumn('is_effort', 'integer', (c) => c.notNull())
        .addColumn('assigned_by_office', 'integer', (c) => c.notNull())
        .addColumn('parent_plan_code', 'text')
        .addColumn('parent_indicator_code', 'text')
        .addColumn('parent_indicator_id', bigint, (c) => c.references('indicators.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('indicators_plan_code', ['plan_id', 'code'])
        .execute();
      await db.schema.createIndex('indicators_action').on('indicators').column('action_id').execute();
      await db.schema.createIndex('indicators_parent_ref').on('indicators').columns(['parent_plan_code', 'parent_indicator_code']).execute();

      await withId(db.schema.createTable('indicator_targets'), dialect)
        .addColumn('indicator_id', bigint, (c) => c.notNull().references('indicators.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addUniqueConstraint('indicator_targets_year', ['indicator_id', 'year'])
        .execute();

      await unitColumns(
        withId(db.schema.createTable('indicator_units'), dialect).addColumn('indicator_id', bigint, (c) => c.notNull().references('indicators.id')),
      ).execute();
      await db.schema.createIndex('indicator_units_indicator').on('indicator_units').column('indicator_id').execute();
      await db.schema.createIndex('indicator_units_organization').on('indicator_units').column('organization_id').execute();

      await withId(db.schema.createTable('milestones'), dialect)
        .addColumn('plan_id', bigint, (c) => c.notNull().references('plans.id'))
        .addColumn('action_id', bigint, (c) => c.notNull().references('plan_actions.id'))
        .addColumn('task_id', bigint, (c) => c.references('plan_tasks.id'))
        .addColumn('related_task', 'integer')
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('title_en', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('due_year', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('done_at', 'text')
        .addColumn('done_by', bigint, (c) => c.references('users.id'))
        .addColumn('evidence_note', 'text')
        .addColumn('evidence_attachment_id', bigint, (c) => c.references('attachments.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .addUniqueConstraint('milestones_plan_code', ['plan_id', 'code'])
        .execute();
      await db.schema.createIndex('milestones_action').on('milestones').column('action_id').execute();

      await unitColumns(
        withId(db.schema.createTable('milestone_units'), dialect).addColumn('milestone_id', bigint, (c) => c.notNull().references('milestones.id')),
      ).execute();
      await db.schema.createIndex('milestone_units_milestone').on('milestone_units').column('milestone_id').execute();

      await withId(db.schema.createTable('plan_revisions'), dialect)
        .addColumn('plan_id', bigint, (c) => c.notNull().references('plans.id'))
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', bigint, (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', bigint)
        .addColumn('actor_username', 'text')
        .addColumn('note', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('plan_revisions_entity').on('plan_revisions').columns(['entity', 'entity_id', 'id']).execute();
    },
  },
  // Citus-distributable keys (issue 15, test/citus/REPORT.md), PostgreSQL only: see db/distributable.ts.
  distributableKeysMigration('20261203_1700', 'plan', {
    primaryKeys: [{ table: 'plan_import_jobs', column: 'user_id' }],
    actorForeignKeys: [
      { table: 'milestones', constraint: 'milestones_done_by_fkey' },
      { table: 'plan_matters', constraint: 'plan_matters_answered_by_fkey' },
      { table: 'plan_matters', constraint: 'plan_matters_raised_by_fkey' },
      { table: 'plan_reporting_periods', constraint: 'plan_reporting_periods_opened_by_fkey' },
      { table: 'plan_reports', constraint: 'plan_reports_decided_by_fkey' },
      { table: 'plan_reports', constraint: 'plan_reports_updated_by_fkey' },
      { table: 'plan_supervision_orders', constraint: 'plan_supervision_orders_raised_by_fkey' },
      { table: 'plan_supervision_orders', constraint: 'plan_supervision_orders_signed_by_fkey' },
    ],
  }),
  // The reports' group (by the filing organisation): the reports' keys take organization_id, and so do their
  // evidence and the dashboard rows derived from them. Foreign keys Citus cannot keep are dropped; what each one
  // guaranteed is checked where the row is written (attachments: the services' ownership checks; the reported
  // baseline's report: acceptReport, in the transaction that reads the report; reports are never deleted).
  distributableKeysMigration('20261203_1800', 'plan', {
    childColumns: [{ table: 'plan_report_evidence', column: 'organization_id', parent: 'plan_reports', via: 'report_id' }],
    droppedForeignKeys: [
      { table: 'milestones', constraint: 'milestones_evidence_attachment_id_fkey' },
      { table: 'plan_matter_evidence', constraint: 'plan_matter_evidence_attachment_id_fkey' },
      { table: 'plan_supervision_order_evidence', constraint: 'plan_supervision_order_evidence_attachment_id_fkey' },
      { table: 'plan_report_evidence', constraint: 'plan_report_evidence_attachment_id_fkey' },
      { table: 'plan_reported_baselines', constraint: 'plan_reported_baselines_report_id_fkey' },
    ],
    primaryKeys: [
      {
        table: 'plan_reports',
        column: 'organization_id',
        referencedBy: [{ table: 'plan_report_evidence', constraint: 'plan_report_evidence_report_id_fkey', column: 'organization_id', via: 'report_id' }],
      },
      { table: 'plan_dashboard_observations', column: 'organization_id', key: ['report_id'] },
      { table: 'plan_dashboard_overdue', column: 'organization_id', key: ['report_id'] },
    ],
  }),
  {
    // The evidence's key takes the organisation too, under its own name (the kernel would rename it `_pkey`); its
    // old columns keep an index, for the evidence of a list of reports. PostgreSQL only, like the kernel's keys.
    name: '20261203_1810_plan_report_evidence_key',
    async up(db, dialect) {
      if (dialect !== 'postgres') return;
      await db.schema.alterTable('plan_report_evidence').dropConstraint('plan_report_evidence_pk').execute();
      await db.schema
        .alterTable('plan_report_evidence')
        .addPrimaryKeyConstraint('plan_report_evidence_pk', ['organization_id', 'report_id', 'attachment_id'])
        .execute();
      await db.schema.createIndex('plan_report_evidence_by_key').on('plan_report_evidence').columns(['report_id', 'attachment_id']).execute();
    },
  },
];
