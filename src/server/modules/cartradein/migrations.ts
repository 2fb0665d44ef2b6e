import { sql } from 'kysely';
import { bigint, withId, type ModuleMigration } from '../../db/migrations.js';
import { copyIntoRecordTimeline } from '../platform/timeline/copyOldTimeline.js';
import { carApplicationTownMigrations } from './applications/townMigration.js';
import { carBudgetMigrations } from './budget/migrations.js';
import { promotionEventMigrations } from './events/migrations.js';
import { calendarMigrations } from './calendar/migrations.js';
import { carIdentifierMigrations } from './applications/identifierMigrations.js';

export const cartradeinMigrations: ModuleMigration[] = [
  {
    name: '0300_cartradein_init',
    async up(db, dialect) {
      await withId(db.schema.createTable('cartradein_programs'), dialect)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_to', 'text', (c) => c.notNull())
        // Set right after the first rule version is written (the two rows point at each other).
        .addColumn('current_rule_version_id', bigint)
        .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('source_note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('cartradein_rule_versions'), dialect)
        .addColumn('program_id', bigint, (c) => c.notNull().references('cartradein_programs.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('rule_json', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', bigint)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('cartradein_rule_versions_key', ['program_id', 'version'])
        .execute();

      await withId(db.schema.createTable('cartradein_payment_batches'), dialect)
        .addColumn('batch_no', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('application_count', 'integer', (c) => c.notNull())
        .addColumn('total_fen', bigint, (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', bigint)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('paid_at', 'text')
        .addColumn('paid_on', 'text')
        .addColumn('payment_reference', 'text')
        .addColumn('settled_by', bigint)
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('cartradein_applications'), dialect)
        .addColumn('program_id', bigint, (c) => c.notNull().references('cartradein_programs.id'))
        .addColumn('rule_version_id', bigint, (c) => c.notNull().references('cartradein_rule_versions.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('applicant_user_id', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        // One subsidy per car, ever, whatever the outcome of the application: unique in the database itself.
        .addColumn('old_vin', 'text', (c) => c.notNull().unique())
        .addColumn('old_plate', 'text', (c) => c.notNull())
        .addColumn('old_registered_on', 'text', (c) => c.notNull())
        .addColumn('old_owned_since', 'text', (c) => c.notNull())
        .addColumn('old_energy_type', 'text', (c) => c.notNull())
        .addColumn('old_emission_standard', 'text')
        // NULLs are distinct in both dialects, so replacement applications (no certificate) do not collide.
        .addColumn('scrapping_certificate_no', 'text', (c) => c.unique())
        .addColumn('deregistered_on', 'text')
        .addColumn('transfer_record_no', 'text')
        .addColumn('transferred_on', 'text')
        .addColumn('new_vin', 'text', (c) => c.notNull().unique())
        .addColumn('new_invoice_number', 'text', (c) => c.notNull().unique())
        .addColumn('new_invoice_date', 'text', (c) => c.notNull())
        .addColumn('new_price_fen', bigint, (c) => c.notNull())
        .addColumn('new_energy_type', 'text', (c) => c.notNull())
        .addColumn('new_displacement_ml', 'integer')
        .addColumn('bank_name', 'text', (c) => c.notNull())
        .addColumn('account_name', 'text', (c) => c.notNull())
        .addColumn('bank_account_enc', 'text', (c) => c.notNull())
        .addColumn('bank_account_hash', 'text', (c) => c.notNull())
        .addColumn('bank_account_mask', 'text', (c) => c.notNull())
        .addColumn('eligible', 'integer', (c) => c.notNull())
        .addColumn('reasons_json', 'text', (c) => c.notNull())
        .addColumn('amount_fen', bigint, (c) => c.notNull())
        .addColumn('certificate_check', 'text', (c) => c.notNull())
        .addColumn('certificate_check_source', 'text')
        .addColumn('certificate_check_note', 'text')
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('review_due_on', 'text', (c) => c.notNull())
        .addColumn('approved_at', 'text')
        .addColumn('payment_due_on', 'text')
        .addColumn('decided_by', bigint)
        .addColumn('payment_batch_id', bigint, (c) => c.references('cartradein_payment_batches.id'))
        .addColumn('payment_reference', 'text')
        .addColumn('paid_at', 'text')
        .addColumn('resubmissions', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('cartradein_applications_money', sql`new_price_fen > 0 and amount_fen >= 0 and amount_fen <= new_price_fen`)
        .addCheckConstraint('cartradein_applications_distinct_cars', sql`old_vin <> new_vin`)
        .execute();
      await db.schema.createIndex('cartradein_applications_applicant').on('cartradein_applications').columns(['applicant_user_id', 'id']).execute();
      await db.schema.createIndex('cartradein_applications_status').on('cartradein_applications').columns(['status', 'review_due_on']).execute();
      await db.schema.createIndex('cartradein_applications_approved').on('cartradein_applications').columns(['approved_at']).execute();
      await db.schema.createIndex('cartradein_applications_batch').on('cartradein_applications').columns(['payment_batch_id']).execute();

      await db.schema
        .createTable('cartradein_application_evidence')
        .addColumn('application_id', bigint, (c) => c.notNull().references('cartradein_applications.id'))
        .addColumn('attachment_id', bigint, (c) => c.notNull().references('attachments.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('cartradein_application_evidence_pk', ['application_id', 'attachment_id'])
        .execute();

      await withId(db.schema.createTable('cartradein_application_events'), dialect)
        .addColumn('application_id', bigint, (c) => c.notNull().references('cartradein_applications.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', bigint)
        .addColumn('actor_role', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('reasons_json', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .execute();
      await db.schema.createIndex('cartradein_application_events_app').on('cartradein_application_events').columns(['application_id', 'id']).execute();

      await withId(db.schema.createTable('cartradein_events'), dialect)
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('starts_on', 'text', (c) => c.notNull())
        .addColumn('ends_on', 'text', (c) => c.notNull())
        .addColumn('town_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('visitors', 'integer')
        .addColumn('sales_fen', bigint)
        .addColumn('subsidies_redeemed_fen', bigint)
        .addColumn('subsidies_redeemed_count', 'integer')
        .addColumn('results_reported_at', 'text')
        .addColumn('created_by', bigint)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('cartradein_events_dates', sql`ends_on >= starts_on`)
        .execute();
      await db.schema.createIndex('cartradein_events_dates').on('cartradein_events').columns(['starts_on', 'type']).execute();
      await db.schema.createIndex('cartradein_events_town').on('cartradein_events').columns(['town_id', 'starts_on']).execute();

      await db.schema
        .createTable('cartradein_event_merchants')
        .addColumn('event_id', bigint, (c) => c.notNull().references('cartradein_events.id'))
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addPrimaryKeyConstraint('cartradein_event_merchants_pk', ['event_id', 'organization_id'])
        .execute();

      await db.schema
        .createTable('cartradein_calendar')
        .addColumn('date', 'text', (c) => c.primaryKey())
        .addColumn('working', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .execute();
    },
  },
  {
    // A programme rolled over into the next year remembers the one it continues.
    name: '20261201_0901_cartradein_programs_rolled_over_from',
    async up(db) {
      await db.schema
        .alterTable('cartradein_programs')
        .addColumn('rolled_over_from_id', bigint, (c) => c.references('cartradein_programs.id'))
        .execute();
    },
  },
  {
    // The applications' timeline moves to the platform's record_timeline (20261201_1100_platform_record_timeline),
    // which every kind of record shares; the entries keep their order, actors, reasons and notes.
    name: '20261201_1101_cartradein_application_events_to_timeline',
    async up(db) {
      await copyIntoRecordTimeline(db, 'cartradein_application', 'cartradein_application_events', async (after, limit) =>
        (await db.selectFrom('cartradein_application_events').selectAll().where('id', '>', after).orderBy('id').limit(limit).execute()).map((e) => ({
          formerId: Number(e.id),
          entityId: Number(e.application_id),
          action: e.action,
          from: e.from_status,
          to: e.to_status,
          actorUserId: e.actor_user_id === null ? null : Number(e.actor_user_id),
          actorRole: e.actor_role,
          // Residents' applications belong to no organisation of their own.
          organizationId: null,
          note: e.note,
          reasons: JSON.parse(e.reasons_json) as string[],
          params: {},
          at: e.at,
        })),
      );
      await db.schema.dropTable('cartradein_application_events').execute();
    },
  },
  ...promotionEventMigrations,
  ...carBudgetMigrations,
  ...calendarMigrations,
  ...carApplicationTownMigrations,
  ...carIdentifierMigrations,
];
