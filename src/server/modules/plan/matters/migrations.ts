import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

export const matterMigrations: ModuleMigration[] = [
  {
    name: '20261203_1640_plan_matters',
    async up(db, dialect) {
      await withId(db.schema.createTable('plan_matters'), dialect)
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('urgency', 'text', (c) => c.notNull())
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('raised_by', bigint, (c) => c.references('users.id'))
        .addColumn('raised_at', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('escalated_to_organization_id', bigint, (c) => c.references('organizations.id'))
        .addColumn('escalated_at', 'text')
        .addColumn('escalation_note', 'text')
        .addColumn('answer', 'text')
        .addColumn('answered_by', bigint, (c) => c.references('users.id'))
        .addColumn('answered_by_organization_id', bigint, (c) => c.references('organizations.id'))
        .addColumn('answered_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('closing_note', 'text')
        .addColumn('withdrawn_reason', 'text')
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The unit's own list, and the office's overdue listing (open matters by deadline).
      await db.schema.createIndex('plan_matters_organization').on('plan_matters').columns(['organization_id', 'status']).execute();
      await db.schema.createIndex('plan_matters_due').on('plan_matters').columns(['status', 'due_at']).execute();

      await db.schema
        .createTable('plan_matter_evidence')
        .addColumn('matter_id', bigint, (c) => c.notNull().references('plan_matters.id'))
        .addColumn('attachment_id', bigint, (c) => c.notNull().references('attachments.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('plan_matter_evidence_pk', ['matter_id', 'attachment_id'])
        .execute();
    },
  },
];
