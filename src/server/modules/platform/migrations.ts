import { bigint, withId, type ModuleMigration } from '../../db/migrations.js';
import { dictionaryMigrations } from './dictionaries/migrations.js';
import { parameterMigrations } from './parameters/migrations.js';
import { jobMigrations } from './jobs/migrations.js';
import { dataVersionMigrations } from './dataVersions/migrations.js';
import { importJobMigrations } from './imports/migrations.js';
import { mfaMigrations } from './mfa/migrations.js';
import { keysMigrations } from './keys/migrations.js';
import { dutiesMigrations } from './duties/migrations.js';
import { noticeMigrations } from './notices/index.js';
import { auditRetentionMigrations } from './audit/retentionMigrations.js';
import { distributableKeysMigration } from '../../db/distributable.js';
import { notificationsPerUserMigration } from './notifications/migrations.js';
import { userMigrations } from './users/migrations.js';

export const platformMigrations: ModuleMigration[] = [
  {
    name: '0001_platform_init',
    async up(db, dialect) {
      await withId(db.schema.createTable('organizations'), dialect)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('division_code', 'text')
        .addColumn('credit_code', 'text', (c) => c.unique())
        .addColumn('town_id', bigint, (c) => c.references('organizations.id'))
        .addColumn('address', 'text')
        .addColumn('contact_name', 'text')
        .addColumn('contact_mobile_enc', 'text')
        .addColumn('contact_mobile_mask', 'text')
        .addColumn('review_note', 'text')
        .addColumn('reviewed_by', bigint)
        .addColumn('reviewed_at', 'text')
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('organizations_kind_town').on('organizations').columns(['kind', 'town_id']).execute();
      await db.schema.createIndex('organizations_name').on('organizations').column('name').execute();

      await withId(db.schema.createTable('users'), dialect)
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locale', 'text')
        .addColumn('mobile_enc', 'text')
        .addColumn('mobile_hash', 'text', (c) => c.unique())
        .addColumn('mobile_mask', 'text')
        .addColumn('id_number_enc', 'text')
        .addColumn('id_number_hash', 'text', (c) => c.unique())
        .addColumn('id_number_mask', 'text')
        .addColumn('last_login_at', 'text')
        .addColumn('password_changed_at', 'text')
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('users_organization').on('users').column('organization_id').execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('end_reason', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id', 'ended_at']).execute();

      await withId(db.schema.createTable('api_tokens'), dialect)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('created_by', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();

      await withId(db.schema.createTable('login_events'), dialect)
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('user_id', bigint)
        .addColumn('success', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('login_events_at').on('login_events').column('at').execute();

      await db.schema
        .createTable('login_throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('window_started_at', 'text', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .execute();

      await withId(db.schema.createTable('audit_log'), dialect)
        .addColumn('chain', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', bigint)
        .addColumn('actor_username', 'text')
        .addColumn('actor_role', 'text')
        .addColumn('organization_id', bigint)
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .addColumn('request_id', 'text')
        .addColumn('ip', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_chain').on('audit_log').columns(['chain', 'id']).execute();
      await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

      await db.schema
        .createTable('audit_chains')
        .addColumn('chain', 'text', (c) => c.primaryKey())
        .addColumn('last_id', bigint, (c) => c.notNull())
        .addColumn('last_hash', 'text', (c) => c.notNull())
        .addColumn('length', bigint, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('response_status', 'integer')
        .addColumn('response_body', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
        .execute();

      await withId(db.schema.createTable('attachments'), dialect)
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('uploaded_by', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('mime_type', 'text', (c) => c.notNull())
        .addColumn('size_bytes', bigint, (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('storage_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('notifications'), dialect)
        .addColumn('user_id', bigint, (c) => c.references('users.id'))
        .addColumn('organization_id', bigint, (c) => c.references('organizations.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('params_json', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .execute();
      await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'read_at']).execute();
      await db.schema.createIndex('notifications_org').on('notifications').columns(['organization_id', 'read_at']).execute();

      await db.schema
        .createTable('job_runs')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('run_key', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addPrimaryKeyConstraint('job_runs_pk', ['name', 'run_key'])
        .execute();
    },
  },
  {
    // Which department manages a domain or confirms its payments, for every module (trade-in kept its own
    // table, tradein_managers, until 20261201_1001_tradein_managers_to_grants moved the rows here).
    name: '20261201_1000_platform_organization_grants',
    async up(db) {
      await db.schema
        .createTable('organization_grants')
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('capability', 'text', (c) => c.notNull())
        .addColumn('granted_by', bigint)
        .addColumn('granted_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('organization_grants_pk', ['organization_id', 'domain', 'capability'])
        .execute();
      // Notifications look up who holds a capability in a domain.
      await db.schema.createIndex('organization_grants_domain').on('organization_grants').columns(['domain', 'capability']).execute();
    },
  },
  {
    // One timeline for every kind of record that moves through statuses (core/workflow.ts writes it). The modules
    // that kept their own timeline copy it here and drop it in their next migration
    // (20261201_1101_cartradein_application_events_to_timeline, 20261201_1102_plan_report_events_to_timeline).
    name: '20261201_1100_platform_record_timeline',
    async up(db, dialect) {
      await withId(db.schema.createTable('record_timeline'), dialect)
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', bigint, (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', bigint)
        .addColumn('actor_role', 'text')
        .addColumn('organization_id', bigint)
        .addColumn('note', 'text')
        .addColumn('reasons_json', 'text', (c) => c.notNull())
        .addColumn('params_json', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      // A record's page reads its entries in order.
      await db.schema.createIndex('record_timeline_entity').on('record_timeline').columns(['entity', 'entity_id', 'id']).execute();
    },
  },
  ...jobMigrations,
  ...dictionaryMigrations,
  ...dataVersionMigrations,
  ...parameterMigrations,
  ...importJobMigrations,
  ...mfaMigrations,
  ...keysMigrations,
  ...dutiesMigrations,
  ...auditRetentionMigrations,
  ...noticeMigrations,
  ...userMigrations,
  {
    // Burst limits on claims (issue 15), per person and per client address, counted here when there is no Redis.
    name: '20261202_1000_platform_rate_windows',
    async up(db) {
      await db.schema
        .createTable('rate_windows')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .addColumn('window_ends_at', bigint, (c) => c.notNull())
        .execute();
    },
  },
  // Citus-distributable keys (issue 15, test/citus/REPORT.md), PostgreSQL only: see db/distributable.ts.
  distributableKeysMigration('20261203_1700', 'platform', {
    primaryKeys: [
      { table: 'audit_log', column: 'chain', replacesIndex: 'audit_log_chain' },
      { table: 'import_jobs', column: 'user_id' },
      { table: 'login_events', column: 'username' },
      { table: 'mfa_challenges', column: 'user_id' },
      { table: 'mfa_recovery_codes', column: 'user_id' },
      { table: 'record_timeline', column: 'entity_id' },
      { table: 'sessions', column: 'user_id' },
    ],
    actorForeignKeys: [
      { table: 'api_tokens', constraint: 'api_tokens_created_by_fkey' },
      { table: 'attachments', constraint: 'attachments_uploaded_by_fkey' },
      { table: 'key_reencryption_runs', constraint: 'key_reencryption_runs_started_by_fkey' },
      { table: 'notice_reads', constraint: 'notice_reads_user_id_fkey' },
      { table: 'notices', constraint: 'notices_created_by_fkey' },
      { table: 'notices', constraint: 'notices_published_by_fkey' },
    ],
  }),
  // Notifications name their reader (organisation-wide ones fan out), so they distribute with the user.
  notificationsPerUserMigration,
  distributableKeysMigration('20261203_1810', 'platform', {
    primaryKeys: [{ table: 'notifications', column: 'user_id' }],
  }),
];
