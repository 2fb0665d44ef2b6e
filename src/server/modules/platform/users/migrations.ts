import { sql } from 'kysely';
import { bigint, type ModuleMigration } from '../../../db/migrations.js';

/** Migrations of platform/users (named by date, after every earlier one). */
export const userMigrations: ModuleMigration[] = [
  {
    // Usernames, mobiles and ID numbers unique across every account by their own value (issue 15: on Citus `users`
    // is distributed by id, where `UNIQUE (username)` cannot be enforced). Filled from the accounts there are; on
    // PostgreSQL the unique constraints on users give way to plain indexes (sign-in and the duplicate checks still
    // look accounts up by them); on SQLite they stay, changing nothing.
    name: '20261203_1800_platform_user_identifiers',
    async up(db, dialect) {
      await db.schema
        .createTable('user_identifiers')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('user_id', bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('user_identifiers_pkey', ['value', 'kind'])
        .addCheckConstraint('user_identifier_kind', sql`kind in ('username', 'mobile', 'id_number')`)
        .execute();
      await db.schema.createIndex('user_identifiers_user').on('user_identifiers').columns(['user_id', 'kind']).execute();
      for (const [kind, column] of [
        ['username', 'username'],
        ['mobile', 'mobile_hash'],
        ['id_number', 'id_number_hash'],
      ] as const) {
        await db
          .insertInto('user_identifiers')
          .columns(['kind', 'value', 'user_id'])
          .expression((eb) =>
            eb
              .selectFrom('users')
              .select([sql.lit(kind).as('kind'), `${column} as value`, 'id as user_id'])
              .where(column, 'is not', null),
          )
          .execute();
        if (dialect !== 'postgres') continue;
        await db.schema.alterTable('users').dropConstraint(`users_${column}_key`).execute();
        await db.schema.createIndex(`users_${column}`).on('users').column(column).execute();
      }
    },
  },
];
