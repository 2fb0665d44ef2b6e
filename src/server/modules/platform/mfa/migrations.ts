import { sql } from 'kysely';
import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

const sqlPurpose = sql`purpose in ('signin', 'enrol')`;

/** Migrations of platform/mfa (named 20261202_1xxx_platform_…, after every earlier one). */
export const mfaMigrations: ModuleMigration[] = [
  {
    // Second factors of officials (等保2.0 level 3: two kinds of authentication for administrators and officials).
    name: '20261202_1100_platform_mfa',
    async up(db, dialect) {
      await db.schema
        .createTable('mfa_authenticators')
        .addColumn('user_id', bigint, (c) => c.primaryKey().references('users.id'))
        .addColumn('secret_enc', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text')
        .addColumn('last_step', bigint)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('mfa_recovery_codes'), dialect)
        .addColumn('user_id', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      // A code is looked up by its hash within its account, and two equal codes of one account cannot exist.
      await db.schema.createIndex('mfa_recovery_codes_user_hash').on('mfa_recovery_codes').columns(['user_id', 'code_hash']).unique().execute();

      await db.schema
        .createTable('mfa_challenges')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('login_name', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull().check(sqlPurpose))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('mfa_challenges_expires').on('mfa_challenges').column('expires_at').execute();
    },
  },
];
