import { sql } from 'kysely';
import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

const APPROVED = ['approved', 'in_payment', 'paid'];

export const carBudgetMigrations: ModuleMigration[] = [
  {
    // A budget row per car programme, with its split's history. Programmes that exist get a row with no split
    // ("not set", approvals not limited, as before) and what their applications already drew: the approved and
    // paid amounts, so the figures and the CHECK start from the truth once a split is set.
    name: '20261201_1201_cartradein_budgets',
    async up(db, dialect) {
      await db.schema
        .createTable('cartradein_budgets')
        .addColumn('program_id', bigint, (c) => c.primaryKey().references('cartradein_programs.id'))
        .addColumn('central_fen', bigint)
        .addColumn('provincial_fen', bigint)
        .addColumn('city_fen', bigint)
        .addColumn('total_fen', bigint)
        .addColumn('approved_fen', bigint, (c) => c.notNull().defaultTo(0))
        .addColumn('paid_fen', bigint, (c) => c.notNull().defaultTo(0))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint(
          'cartradein_budgets_split',
          sql`(central_fen is null and provincial_fen is null and city_fen is null and total_fen is null) or (central_fen >= 0 and provincial_fen >= 0 and city_fen >= 0 and total_fen = central_fen + provincial_fen + city_fen)`,
        )
        // Approvals can never pass the budget, whatever their concurrency: the row is updated in the approval's transaction.
        .addCheckConstraint(
          'cartradein_budgets_within',
          sql`approved_fen >= 0 and paid_fen >= 0 and paid_fen <= approved_fen and (total_fen is null or approved_fen <= total_fen)`,
        )
        .execute();

      await withId(db.schema.createTable('cartradein_budget_versions'), dialect)
        .addColumn('program_id', bigint, (c) => c.notNull().references('cartradein_programs.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('central_fen', bigint, (c) => c.notNull())
        .addColumn('provincial_fen', bigint, (c) => c.notNull())
        .addColumn('city_fen', bigint, (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', bigint)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('cartradein_budget_versions_key', ['program_id', 'version'])
        .execute();

      const now = new Date().toISOString();
      const programs = await db.selectFrom('cartradein_programs').select('id').execute();
      const sums = await db
        .selectFrom('cartradein_applications')
        .select(['program_id', 'status', sql<number>`coalesce(sum(amount_fen), 0)`.as('fen')])
        .where('status', 'in', APPROVED)
        .groupBy(['program_id', 'status'])
        .execute();
      for (const p of programs) {
        const of = (statuses: string[]) =>
          sums.filter((s) => Number(s.program_id) === Number(p.id) && statuses.includes(s.status as string)).reduce((n, s) => n + Number(s.fen), 0);
        await db
          .insertInto('cartradein_budgets')
          .values({ program_id: p.id, approved_fen: of(APPROVED), paid_fen: of(['paid']), version: 0, updated_at: now })
          .execute();
      }
    },
  },
];
