import { sql } from 'kysely';
import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

export const fundingMigrations: ModuleMigration[] = [
  {
    // Funding applications of renewal projects and their payments; new tables, nothing to fill. The CHECKs hold
    // what every row must be whatever wrote it: nothing paid beyond what was granted, nothing granted beyond what
    // was requested without a stated reason, a rejection with its reason, a loan complete or absent.
    name: '20261201_1621_renewal_funding_applications',
    async up(db, dialect) {
      await withId(db.schema.createTable('renewal_funding_applications'), dialect)
        .addColumn('project_id', bigint, (c) => c.notNull().references('renewal_projects.id'))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_fen', bigint, (c) => c.notNull())
        .addColumn('granted_fen', bigint)
        .addColumn('paid_fen', bigint, (c) => c.notNull().defaultTo(0))
        .addColumn('applied_on', 'text', (c) => c.notNull())
        .addColumn('granted_on', 'text')
        .addColumn('granting_organization_id', bigint, (c) => c.references('organizations.id'))
        .addColumn('grant_document', 'text')
        .addColumn('over_request_reason', 'text')
        .addColumn('rejection_reason', 'text')
        .addColumn('note', 'text')
        .addColumn('loan_bank', 'text')
        .addColumn('loan_principal_fen', bigint)
        .addColumn('loan_rate_bp', 'integer')
        .addColumn('subsidy_points_bp', 'integer')
        .addColumn('loan_from', 'text')
        .addColumn('loan_to', 'text')
        .addColumn('subsidy_day_basis', 'integer')
        .addColumn('subsidy_computed_fen', bigint)
        .addColumn('applied_by', bigint, (c) => c.references('users.id'))
        .addColumn('decided_by', bigint, (c) => c.references('users.id'))
        .addColumn('decided_at', 'text')
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('renewal_funding_amounts', sql`requested_fen > 0 and (granted_fen is null or granted_fen > 0) and paid_fen >= 0`)
        // The rule the issue asks the database to hold: no source pays more than it granted.
        .addCheckConstraint('renewal_funding_paid_within_granted', sql`paid_fen <= coalesce(granted_fen, 0)`)
        .addCheckConstraint(
          'renewal_funding_granted_within_requested',
          sql`granted_fen is null or granted_fen <= requested_fen or over_request_reason is not null`,
        )
        .addCheckConstraint(
          'renewal_funding_status',
          sql`status in ('applied', 'granted', 'partially_paid', 'paid', 'rejected')
            and ((status = 'rejected') = (rejection_reason is not null))
            and ((status in ('granted', 'partially_paid', 'paid')) = (granted_fen is not null and granted_on is not null and granting_organization_id is not null))
            and (status <> 'paid' or paid_fen = granted_fen)
            and (status not in ('applied', 'rejected') or paid_fen = 0)`,
        )
        .addCheckConstraint('renewal_funding_dates', sql`granted_on is null or granted_on >= applied_on`)
        .addCheckConstraint(
          'renewal_funding_loan',
          sql`(loan_principal_fen is null and loan_rate_bp is null and subsidy_points_bp is null and loan_from is null and loan_to is null)
            or (loan_principal_fen > 0 and loan_rate_bp > 0 and subsidy_points_bp > 0 and subsidy_points_bp <= loan_rate_bp and loan_to > loan_from)`,
        )
        .execute();
      await db.schema.createIndex('renewal_funding_project').on('renewal_funding_applications').columns(['project_id', 'source']).execute();
      await db.schema.createIndex('renewal_funding_status_applied').on('renewal_funding_applications').columns(['status', 'applied_on']).execute();
      await db.schema.createIndex('renewal_funding_granted_on').on('renewal_funding_applications').columns(['source', 'granted_on']).execute();
      // One open application per project and source: a second click, or a second tab, does not file it twice.
      await db.schema
        .createIndex('renewal_funding_one_open')
        .on('renewal_funding_applications')
        .columns(['project_id', 'source'])
        .unique()
        .where(sql.ref('status'), '=', 'applied')
        .execute();

      await withId(db.schema.createTable('renewal_funding_payments'), dialect)
        .addColumn('application_id', bigint, (c) => c.notNull().references('renewal_funding_applications.id'))
        .addColumn('paid_on', 'text', (c) => c.notNull())
        .addColumn('amount_fen', bigint, (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('recorded_by', bigint, (c) => c.references('users.id'))
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('renewal_funding_payment_amount', sql`amount_fen > 0`)
        .addUniqueConstraint('renewal_funding_payment_reference', ['application_id', 'reference'])
        .execute();
      await db.schema.createIndex('renewal_funding_payments_date').on('renewal_funding_payments').columns(['paid_on']).execute();
    },
  },
  {
    // The interest subsidy each project has been granted, one row per project, so the per-project cap is decided by
    // the database (a conditional update) when two grants race; filled from the grants made so far.
    name: '20261201_1701_renewal_interest_subsidy_totals',
    async up(db) {
      await db.schema
        .createTable('renewal_project_interest_subsidies')
        .addColumn('project_id', bigint, (c) => c.primaryKey().references('renewal_projects.id'))
        .addColumn('granted_fen', bigint, (c) => c.notNull())
        .addColumn('cap_fen', bigint)
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('renewal_interest_subsidy_within_cap', sql`granted_fen >= 0 and (cap_fen is null or granted_fen <= cap_fen)`)
        .execute();
      // Only 贴息 applications carry a loan (a CHECK on the applications holds it); granted ones count.
      await db
        .insertInto('renewal_project_interest_subsidies')
        .columns(['project_id', 'granted_fen', 'cap_fen', 'updated_at'])
        .expression((eb) =>
          eb
            .selectFrom('renewal_funding_applications')
            .select((s) => [
              'project_id',
              s.fn.sum<number>('granted_fen').as('granted_fen'),
              s.lit(null).as('cap_fen'),
              s.fn.max('updated_at').as('updated_at'),
            ])
            .where('loan_principal_fen', 'is not', null)
            .where('status', 'in', ['granted', 'partially_paid', 'paid'])
            .groupBy('project_id'),
        )
        .execute();
    },
  },
];
