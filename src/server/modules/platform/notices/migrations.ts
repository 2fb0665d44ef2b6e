import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

export const noticeMigrations: ModuleMigration[] = [
  {
    name: '20261203_1650_platform_notices',
    async up(db, dialect) {
      await withId(db.schema.createTable('notices'), dialect)
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('published_by', bigint, (c) => c.references('users.id'))
        .addColumn('withdrawn_at', 'text')
        .addColumn('withdraw_reason', 'text')
        .addColumn('created_by', bigint, (c) => c.references('users.id'))
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The public page and every reader's list: published notices of an audience, newest first.
      await db.schema.createIndex('notices_audience').on('notices').columns(['status', 'audience', 'published_at']).execute();

      await db.schema
        .createTable('notice_recipients')
        .addColumn('notice_id', bigint, (c) => c.notNull().references('notices.id'))
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addPrimaryKeyConstraint('notice_recipients_pk', ['notice_id', 'organization_id'])
        .execute();
      await db.schema.createIndex('notice_recipients_organization').on('notice_recipients').column('organization_id').execute();

      await db.schema
        .createTable('notice_reads')
        .addColumn('notice_id', bigint, (c) => c.notNull().references('notices.id'))
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('user_id', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('confirmed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('notice_reads_pk', ['notice_id', 'organization_id'])
        .execute();
    },
  },
];
