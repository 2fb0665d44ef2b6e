import { sql } from 'kysely';
import { bigint, withId, type ModuleMigration } from '../../db/migrations.js';
import { NUMBER_SLOT_NAMES, TEXT_SLOT_NAMES } from '../../../shared/ledgers/definition.js';
import { distributableKeysMigration } from '../../db/distributable.js';

export const ledgersMigrations: ModuleMigration[] = [
  {
    // Ledger kinds as versioned definitions, their assets in typed slots, renewal events; new tables, nothing to fill.
    // Every slot is indexed with its kind: a filter or sort on any field of a large ledger is an index range
    // (bench/ledgers measures it), at the price of slower single-row writes, which ledgers rarely have in a rush.
    name: '20261201_2100_ledgers_kinds_assets_events',
    async up(db, dialect) {
      const real = dialect === 'postgres' ? 'double precision' : 'real';
      await withId(db.schema.createTable('ledger_kinds'), dialect)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('keeper_organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('shipped', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', bigint, (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('ledger_kind_versions'), dialect)
        .addColumn('kind_id', bigint, (c) => c.notNull().references('ledger_kinds.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('definition_json', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', bigint, (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('ledger_kind_versions_once', ['kind_id', 'version'])
        .execute();

      let assets = withId(db.schema.createTable('ledger_assets'), dialect)
        .addColumn('kind_id', bigint, (c) => c.notNull().references('ledger_kinds.id'))
        .addColumn('kind_version', 'integer', (c) => c.notNull())
        .addColumn('town_id', bigint, (c) => c.references('organizations.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('unique_key', 'text')
        .addColumn('old_from', 'text')
        .addColumn('in_service_from', 'text')
        .addColumn('ended_on', 'text')
        .addColumn('replaced_by_id', bigint, (c) => c.references('ledger_assets.id'))
        .addColumn('replaces_id', bigint, (c) => c.references('ledger_assets.id'));
      for (const s of TEXT_SLOT_NAMES) assets = assets.addColumn(s, 'text');
      for (const s of NUMBER_SLOT_NAMES) assets = assets.addColumn(s, real);
      await assets
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', bigint, (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('ledger_asset_shape', sql`status in ('in_service', 'replaced', 'scrapped') and ((status = 'in_service') = (ended_on is null))`)
        .execute();
      await db.schema
        .createIndex('ledger_assets_unique_key')
        .on('ledger_assets')
        .columns(['kind_id', 'unique_key'])
        .unique()
        .where(sql.ref('unique_key'), 'is not', null)
        .execute();
      await db.schema.createIndex('ledger_assets_town').on('ledger_assets').columns(['kind_id', 'town_id', 'status']).execute();
      await db.schema.createIndex('ledger_assets_status').on('ledger_assets').columns(['kind_id', 'status', 'id']).execute();
      await db.schema.createIndex('ledger_assets_old').on('ledger_assets').columns(['kind_id', 'old_from']).execute();
      await db.schema.createIndex('ledger_assets_title').on('ledger_assets').columns(['kind_id', 'title']).execute();
      // And with the town: a town's list, or a keeper's list of one town, filters by a field and sorts by another;
      // SQLite uses one index per table, so without these it walks a whole town or a whole range of the city.
      for (const s of [...TEXT_SLOT_NAMES, ...NUMBER_SLOT_NAMES]) {
        await db.schema.createIndex(`ledger_assets_${s}`).on('ledger_assets').columns(['kind_id', s]).execute();
        await db.schema.createIndex(`ledger_assets_town_${s}`).on('ledger_assets').columns(['kind_id', 'town_id', s]).execute();
      }

      await withId(db.schema.createTable('ledger_events'), dialect)
        .addColumn('kind_id', bigint, (c) => c.notNull().references('ledger_kinds.id'))
        .addColumn('asset_id', bigint, (c) => c.notNull().references('ledger_assets.id'))
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('effect', 'text', (c) => c.notNull())
        .addColumn('occurred_on', 'text', (c) => c.notNull())
        .addColumn('town_id', bigint, (c) => c.references('organizations.id'))
        .addColumn('replacement_id', bigint, (c) => c.references('ledger_assets.id'))
        .addColumn('values_json', 'text', (c) => c.notNull())
        .addColumn('changes_json', 'text', (c) => c.notNull())
        .addColumn('q1', real)
        .addColumn('q2', real)
        .addColumn('q3', real)
        .addColumn('q4', real)
        .addColumn('note', 'text')
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', bigint, (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('ledger_event_effect', sql`effect in ('added', 'upgraded', 'replaced', 'scrapped', 'retrofitted')`)
        .execute();
      await db.schema.createIndex('ledger_events_window').on('ledger_events').columns(['kind_id', 'effect', 'occurred_on']).execute();
      await db.schema.createIndex('ledger_events_town').on('ledger_events').columns(['kind_id', 'town_id', 'effect', 'occurred_on']).execute();
      await db.schema.createIndex('ledger_events_asset').on('ledger_events').columns(['asset_id', 'id']).execute();
    },
  },
  // Citus-distributable keys (issue 15, test/citus/REPORT.md), PostgreSQL only: see db/distributable.ts.
  distributableKeysMigration('20261203_1700', 'ledgers', {
    primaryKeys: [{ table: 'ledger_events', column: 'asset_id', replacesIndex: 'ledger_events_asset' }],
    actorForeignKeys: [
      { table: 'ledger_assets', constraint: 'ledger_assets_created_by_fkey' },
      { table: 'ledger_events', constraint: 'ledger_events_created_by_fkey' },
      { table: 'ledger_kind_versions', constraint: 'ledger_kind_versions_created_by_fkey' },
      { table: 'ledger_kinds', constraint: 'ledger_kinds_created_by_fkey' },
    ],
  }),
  // A replacement asset may live on any shard (assets are distributed by id), so the links between a replaced
  // asset and its successor lose their foreign keys: applyEvent (assets/events.ts) writes both sides and the event
  // in one transaction, from the asset it read in that transaction and the successor it has just inserted, and
  // assets are never deleted.
  distributableKeysMigration('20261203_1800', 'ledgers', {
    droppedForeignKeys: [
      { table: 'ledger_assets', constraint: 'ledger_assets_replaced_by_id_fkey' },
      { table: 'ledger_assets', constraint: 'ledger_assets_replaces_id_fkey' },
      { table: 'ledger_events', constraint: 'ledger_events_replacement_id_fkey' },
    ],
  }),
  {
    // The kind's unique re-import key moves to a lookup table distributed by the key (assets/keys.ts), filled from
    // the assets that hold one. On PostgreSQL the partial unique index on ledger_assets goes (Citus cannot keep a
    // unique index without the asset id) and a plain one stays for finding assets by their key; on SQLite the
    // unique index stays, a second guard that changes nothing.
    name: '20261203_1810_ledgers_asset_keys',
    async up(db, dialect) {
      await db.schema
        .createTable('ledger_asset_keys')
        .addColumn('kind_id', bigint, (c) => c.notNull().references('ledger_kinds.id'))
        .addColumn('unique_key', 'text', (c) => c.notNull())
        .addColumn('asset_id', bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('ledger_asset_keys_pkey', ['kind_id', 'unique_key'])
        .execute();
      await db
        .insertInto('ledger_asset_keys')
        .columns(['kind_id', 'unique_key', 'asset_id'])
        .expression(db.selectFrom('ledger_assets').select(['kind_id', 'unique_key', 'id']).where('unique_key', 'is not', null))
        .execute();
      if (dialect !== 'postgres') return;
      await db.schema.dropIndex('ledger_assets_unique_key').execute();
      await db.schema.createIndex('ledger_assets_by_unique_key').on('ledger_assets').columns(['kind_id', 'unique_key']).execute();
    },
  },
];
