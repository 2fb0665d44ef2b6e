import type { Kysely } from 'kysely';
import type { DialectName } from '../../../db/database.js';
import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

// A migration sees the database as it was when it was written (see ModuleMigration).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const COPIED = ['organization_id', 'kind', 'params_json', 'link', 'dedupe_key', 'created_at', 'read_at'] as const;

/**
 * Every organisation-wide notification (user_id null) becomes one row per active member of its organisation, with
 * its read mark (read by the organisation is read by each), and the shared row goes: from now on every row names
 * its reader. A notification of an organisation without active members had no one to read it and is not kept.
 */
async function fanOut(db: AnyDb, into: string, from: string): Promise<void> {
  await db
    .insertInto(into)
    .columns(['user_id', ...COPIED])
    .expression(
      db
        .selectFrom(`${from} as n`)
        .innerJoin('users as u', (j) => j.onRef('u.organization_id', '=', 'n.organization_id').on('u.status', '=', 'active'))
        .where('n.user_id', 'is', null)
        .select(['u.id as user_id', ...COPIED.map((c) => `n.${c}` as const)])
        .orderBy('n.id')
        .orderBy('u.id'),
    )
    .execute();
}

/**
 * That an organisation was told, once per dedupe key (the key's former global uniqueness, kept per organisation),
 * filled from the organisation-wide notifications there are. Both dialects: notify writes it.
 */
async function createOrganizationNotifications(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('organization_notifications')
    .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('organization_notifications_pkey', ['organization_id', 'dedupe_key'])
    .execute();
  const columns = ['organization_id', 'dedupe_key', 'kind', 'params_json', 'link', 'created_at'] as const;
  await db
    .insertInto('organization_notifications')
    .columns([...columns])
    .expression(
      db
        .selectFrom('notifications')
        .select([...columns])
        .where('user_id', 'is', null)
        .where('organization_id', 'is not', null)
        .orderBy('id'),
    )
    .execute();
}

/**
 * SQLite cannot drop the column's inline UNIQUE (dedupe_key), and user_id NOT NULL needs a new table anyway: the
 * table is made again with the new keys, the users' rows copied with their ids and the organisations' fanned out.
 */
async function rebuildOnSqlite(db: AnyDb): Promise<void> {
  await withId(db.schema.createTable('notifications_per_user'), 'sqlite')
    .addColumn('user_id', bigint, (c) => c.notNull().references('users.id'))
    .addColumn('organization_id', bigint, (c) => c.references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addUniqueConstraint('notifications_dedupe_key_key', ['user_id', 'dedupe_key'])
    .execute();
  await db
    .insertInto('notifications_per_user')
    .columns(['id', 'user_id', ...COPIED])
    .expression(
      db
        .selectFrom('notifications')
        .where('user_id', 'is not', null)
        .select(['id', 'user_id', ...COPIED])
        .orderBy('id'),
    )
    .execute();
  await fanOut(db, 'notifications_per_user', 'notifications');
  await db.schema.dropTable('notifications').execute();
  await db.schema.alterTable('notifications_per_user').renameTo('notifications').execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'read_at']).execute();
  await db.schema.createIndex('notifications_org').on('notifications').columns(['organization_id', 'read_at']).execute();
}

/**
 * On PostgreSQL the keys change in place: the global UNIQUE (dedupe_key) becomes UNIQUE (user_id, dedupe_key) under
 * the same name (Citus enforces a unique key only when it holds the distribution column, user_id), and user_id
 * becomes NOT NULL (a distribution column cannot be null). The primary key widens in 20261203_1810.
 */
async function changeOnPostgres(db: AnyDb): Promise<void> {
  await db.schema.alterTable('notifications').dropConstraint('notifications_dedupe_key_key').execute();
  await fanOut(db, 'notifications', 'notifications');
  await db.deleteFrom('notifications').where('user_id', 'is', null).execute();
  await db.schema
    .alterTable('notifications')
    .alterColumn('user_id', (c) => c.setNotNull())
    .execute();
  await db.schema.alterTable('notifications').addUniqueConstraint('notifications_dedupe_key_key', ['user_id', 'dedupe_key']).execute();
}

/**
 * Notifications are distributed by their reader (issue 15, test/citus/REPORT.md): organisation-wide ones fan out to
 * one row per member, a dedupe key is unique per user, and organization_notifications remembers which organisation
 * was told what.
 */
export const notificationsPerUserMigration: ModuleMigration = {
  name: '20261203_1800_platform_notifications_per_user',
  async up(db: AnyDb, dialect: DialectName) {
    await createOrganizationNotifications(db);
    await (dialect === 'postgres' ? changeOnPostgres(db) : rebuildOnSqlite(db));
  },
};
