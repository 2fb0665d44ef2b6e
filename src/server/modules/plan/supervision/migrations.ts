import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

export const supervisionMigrationList: ModuleMigration[] = [
  {
    name: '20261203_1620_plan_supervision_orders',
    async up(db, dialect) {
      await withId(db.schema.createTable('plan_supervision_orders'), dialect)
        .addColumn('plan_id', bigint, (c) => c.notNull().references('plans.id'))
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('subject_id', bigint, (c) => c.notNull())
        .addColumn('subject_title', 'text', (c) => c.notNull())
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('matter', 'text', (c) => c.notNull())
        .addColumn('requirement', 'text', (c) => c.notNull())
        .addColumn('deadline_date', 'text', (c) => c.notNull())
        .addColumn('deadline_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('feedback', 'text')
        .addColumn('return_reason', 'text')
        .addColumn('review_note', 'text')
        .addColumn('return_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('raised_by', bigint, (c) => c.references('users.id'))
        .addColumn('issued_at', 'text')
        .addColumn('signed_at', 'text')
        .addColumn('signed_by', bigint, (c) => c.references('users.id'))
        .addColumn('fed_back_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // A unit's orders by status (its list and workspace), and the open orders by deadline (overdue, alerts).
      await db.schema.createIndex('plan_supervision_orders_org').on('plan_supervision_orders').columns(['organization_id', 'status', 'deadline_at']).execute();
      await db.schema.createIndex('plan_supervision_orders_deadline').on('plan_supervision_orders').columns(['status', 'deadline_at']).execute();
      await db.schema.createIndex('plan_supervision_orders_subject').on('plan_supervision_orders').columns(['subject', 'subject_id']).execute();

      await db.schema
        .createTable('plan_supervision_order_evidence')
        .addColumn('order_id', bigint, (c) => c.notNull().references('plan_supervision_orders.id'))
        .addColumn('attachment_id', bigint, (c) => c.notNull().references('attachments.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('plan_supervision_order_evidence_pk', ['order_id', 'attachment_id'])
        .execute();

      await withId(db.schema.createTable('plan_alerts'), dialect)
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('plan_id', bigint, (c) => c.notNull().references('plans.id'))
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('subject_id', bigint, (c) => c.notNull())
        .addColumn('colour', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('organization_id', bigint, (c) => c.references('organizations.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('params_json', 'text', (c) => c.notNull())
        .addColumn('computed_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('plan_alerts_day_subject', ['plan_id', 'day', 'subject', 'subject_id'])
        .execute();
      await db.schema.createIndex('plan_alerts_org').on('plan_alerts').columns(['organization_id', 'day']).execute();
    },
  },
];
