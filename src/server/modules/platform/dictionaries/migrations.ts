import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

export const dictionaryMigrations: ModuleMigration[] = [
  {
    // Code lists the modules declare and officials keep (event types, material kinds, industries, equipment types).
    name: '20261201_1207_platform_dictionaries',
    async up(db, dialect) {
      await withId(db.schema.createTable('dictionaries'), dialect)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name_zh', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('description_zh', 'text')
        .addColumn('description_en', 'text')
        .addColumn('owner_module', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('dictionary_items'), dialect)
        .addColumn('dictionary_id', bigint, (c) => c.notNull().references('dictionaries.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('label_zh', 'text', (c) => c.notNull())
        .addColumn('label_en', 'text', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('parent_id', bigint, (c) => c.references('dictionary_items.id'))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();
      // One meaning per code and dictionary, removed items included.
      await db.schema.createIndex('dictionary_items_code').on('dictionary_items').columns(['dictionary_id', 'code']).unique().execute();
    },
  },
];
