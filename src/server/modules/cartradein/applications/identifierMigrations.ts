import type { Kysely } from 'kysely';
import { distributableKeysMigration } from '../../../db/distributable.js';
import { bigint, type ModuleMigration } from '../../../db/migrations.js';

// A migration sees the database as it was when it was written (see ModuleMigration).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** Each identifier's lookup table, and the application's unique constraint it takes over (see identifiers.ts). */
const LOOKUPS = [
  { table: 'cartradein_old_vins', column: 'old_vin' },
  { table: 'cartradein_new_vins', column: 'new_vin' },
  { table: 'cartradein_new_invoice_numbers', column: 'new_invoice_number' },
  { table: 'cartradein_scrapping_certificate_nos', column: 'scrapping_certificate_no' },
] as const;

/**
 * The lookup tables, filled from every application there is (the old unique constraints guarantee one holder per
 * value). On PostgreSQL the applications' global unique constraints go (Citus cannot enforce them on a table
 * distributed by applicant; the lookup tables' primary keys now do); the VINs keep a plain index for the list's
 * search. On SQLite the unique columns stay, changing nothing.
 */
async function createLookups(db: AnyDb, dialect: string): Promise<void> {
  for (const { table, column } of LOOKUPS) {
    await db.schema
      .createTable(table)
      .addColumn(column, 'text', (c) => c.primaryKey())
      .addColumn('applicant_user_id', bigint, (c) => c.notNull())
      .addColumn('application_id', bigint, (c) => c.notNull())
      .execute();
    await db
      .insertInto(table)
      .columns([column, 'applicant_user_id', 'application_id'])
      .expression(db.selectFrom('cartradein_applications').select([column, 'applicant_user_id', 'id']).where(column, 'is not', null).orderBy('id'))
      .execute();
    if (dialect !== 'postgres') continue;
    await db.schema.alterTable('cartradein_applications').dropConstraint(`cartradein_applications_${column}_key`).execute();
  }
  if (dialect !== 'postgres') return;
  await db.schema.createIndex('cartradein_applications_old_vin').on('cartradein_applications').column('old_vin').execute();
  await db.schema.createIndex('cartradein_applications_new_vin').on('cartradein_applications').column('new_vin').execute();
}

/** Car applications and their evidence distribute by applicant (issue 15, test/citus/REPORT.md). */
export const carIdentifierMigrations: ModuleMigration[] = [
  // Citus-distributable keys, PostgreSQL only but for the evidence's new column: see db/distributable.ts.
  distributableKeysMigration('20261203_1800', 'cartradein', {
    childColumns: [{ table: 'cartradein_application_evidence', column: 'applicant_user_id', parent: 'cartradein_applications', via: 'application_id' }],
    // assessSubmission checks, in the submission's transaction, that every cited upload exists and is the applicant's.
    droppedForeignKeys: [{ table: 'cartradein_application_evidence', constraint: 'cartradein_application_evidence_attachment_id_fkey' }],
    primaryKeys: [
      {
        table: 'cartradein_applications',
        column: 'applicant_user_id',
        replacesIndex: 'cartradein_applications_applicant',
        referencedBy: [
          {
            table: 'cartradein_application_evidence',
            constraint: 'cartradein_application_evidence_application_id_fkey',
            column: 'applicant_user_id',
            via: 'application_id',
          },
        ],
      },
      {
        table: 'cartradein_application_evidence',
        column: 'applicant_user_id',
        key: ['application_id', 'attachment_id'],
        constraint: 'cartradein_application_evidence_pk',
      },
    ],
  }),
  {
    // A car, a new car's invoice and a scrapping certificate are subsidised once across every applicant.
    name: '20261203_1810_cartradein_identifier_lookups',
    up: (db, dialect) => createLookups(db, dialect),
  },
];
