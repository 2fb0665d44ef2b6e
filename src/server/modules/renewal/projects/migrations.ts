import { sql } from 'kysely';
import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

export const projectsMigrations: ModuleMigration[] = [
  {
    // Renewal and retrofit projects with their old and new equipment; new tables, nothing to fill.
    name: '20261201_1601_renewal_projects',
    async up(db, dialect) {
      await withId(db.schema.createTable('renewal_projects'), dialect)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('town_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('sector', 'text', (c) => c.notNull())
        .addColumn('industry', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('planned_investment_fen', bigint, (c) => c.notNull())
        .addColumn('planned_equipment_fen', bigint, (c) => c.notNull())
        .addColumn('actual_investment_fen', bigint)
        .addColumn('actual_equipment_fen', bigint)
        .addColumn('adds_land', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('simplified', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('skipped_step', 'text')
        .addColumn('energy_saved_tce', 'double precision')
        .addColumn('emissions_reduced_t', 'double precision')
        .addColumn('planned_start', 'text')
        .addColumn('planned_end', 'text')
        .addColumn('started_on', 'text')
        .addColumn('completed_on', 'text')
        .addColumn('description', 'text')
        .addColumn('evidence_json', 'text')
        .addColumn('return_reason', 'text')
        .addColumn('returned_from', 'text')
        .addColumn('submitted_at', 'text')
        .addColumn('town_checked_at', 'text')
        .addColumn('town_checked_by', bigint, (c) => c.references('users.id'))
        .addColumn('approved_at', 'text')
        .addColumn('approved_by', bigint, (c) => c.references('users.id'))
        .addColumn('approved_by_organization_id', bigint, (c) => c.references('organizations.id'))
        .addColumn('created_by', bigint, (c) => c.references('users.id'))
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // The equipment share is part of the investment, never more; nothing is negative.
        .addCheckConstraint('renewal_projects_planned_fen', sql`planned_equipment_fen >= 0 and planned_equipment_fen <= planned_investment_fen`)
        .addCheckConstraint(
          'renewal_projects_actual_fen',
          sql`(actual_investment_fen is null or actual_investment_fen >= 0) and (actual_equipment_fen is null or (actual_investment_fen is not null and actual_equipment_fen >= 0 and actual_equipment_fen <= actual_investment_fen))`,
        )
        .addCheckConstraint('renewal_projects_schedule', sql`planned_start is null or planned_end is null or planned_start <= planned_end`)
        .addCheckConstraint(
          'renewal_projects_done',
          sql`completed_on is null or (started_on is not null and started_on <= completed_on and actual_investment_fen is not null)`,
        )
        .addCheckConstraint(
          'renewal_projects_energy',
          sql`(energy_saved_tce is null or energy_saved_tce >= 0) and (emissions_reduced_t is null or emissions_reduced_t >= 0)`,
        )
        .execute();
      await db.schema.createIndex('renewal_projects_org_status').on('renewal_projects').columns(['organization_id', 'status']).execute();
      await db.schema.createIndex('renewal_projects_town_status').on('renewal_projects').columns(['town_id', 'status']).execute();
      await db.schema.createIndex('renewal_projects_status_year').on('renewal_projects').columns(['status', 'year']).execute();
      await db.schema.createIndex('renewal_projects_started').on('renewal_projects').columns(['type', 'started_on']).execute();
      await db.schema.createIndex('renewal_projects_completed').on('renewal_projects').column('completed_on').execute();

      await withId(db.schema.createTable('renewal_project_old_equipment'), dialect)
        .addColumn('project_id', bigint, (c) => c.notNull().references('renewal_projects.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('years_in_service', 'integer', (c) => c.notNull())
        .addColumn('is_machine_tool', 'integer', (c) => c.notNull().defaultTo(0))
        .addCheckConstraint('renewal_project_old_equipment_count', sql`count >= 1 and years_in_service >= 0`)
        .execute();
      await db.schema
        .createIndex('renewal_project_old_equipment_row')
        .on('renewal_project_old_equipment')
        .columns(['project_id', 'position'])
        .unique()
        .execute();

      await withId(db.schema.createTable('renewal_project_new_equipment'), dialect)
        .addColumn('project_id', bigint, (c) => c.notNull().references('renewal_projects.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('equipment_code', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('amount_fen', bigint)
        .addColumn('is_first_set', 'integer', (c) => c.notNull().defaultTo(0))
        .addCheckConstraint('renewal_project_new_equipment_count', sql`count >= 1 and (amount_fen is null or amount_fen >= 0)`)
        .execute();
      // Imports of a department's existing list (progress polled by the page).
      await withId(db.schema.createTable('renewal_project_imports'), dialect)
        .addColumn('user_id', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('total_rows', 'integer', (c) => c.notNull())
        .addColumn('processed_rows', 'integer', (c) => c.notNull())
        .addColumn('imported_rows', 'integer', (c) => c.notNull())
        .addColumn('errors_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema
        .createIndex('renewal_project_new_equipment_row')
        .on('renewal_project_new_equipment')
        .columns(['project_id', 'position'])
        .unique()
        .execute();
    },
  },
  {
    // Smart-manufacturing demonstration factories and excellent scenes; a new table, nothing to fill.
    name: '20261201_1602_renewal_recognitions',
    async up(db, dialect) {
      await withId(db.schema.createTable('renewal_recognitions'), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('recognized_on', 'text', (c) => c.notNull())
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('project_id', bigint, (c) => c.references('renewal_projects.id'))
        .addColumn('town_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('note', 'text')
        .addColumn('created_by', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('renewal_recognitions_date').on('renewal_recognitions').columns(['recognized_on', 'town_id']).execute();
      // Looked up by kind, level and holder (the service keeps one per project or enterprise, kind and level).
      await db.schema.createIndex('renewal_recognitions_once').on('renewal_recognitions').columns(['kind', 'level', 'organization_id', 'project_id']).execute();
    },
  },
];

/**
 * A project code names one project across the whole library, and stays so on Citus, where the projects are
 * distributed by enterprise and a unique key holds only within one: the codes move to a table of their own keyed by
 * the code (distributed by it), filled from the projects. It cannot be made unique per enterprise instead: an imported
 * list keeps the department's codes, which are checked against every enterprise's, and may look like issued ones.
 * On PostgreSQL the projects' own unique constraint goes (Citus refuses it); SQLite keeps it, changing nothing there.
 */
export const projectCodesMigration: ModuleMigration = {
  name: '20261203_1810_renewal_project_codes',
  async up(db, dialect) {
    await db.schema
      .createTable('renewal_project_codes')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
      .addColumn('project_id', bigint, (c) => c.notNull())
      .execute();
    await db
      .insertInto('renewal_project_codes')
      .columns(['code', 'organization_id', 'project_id'])
      .expression((eb) => eb.selectFrom('renewal_projects').select(['code', 'organization_id', 'id']))
      .execute();
    if (dialect === 'postgres') await db.schema.alterTable('renewal_projects').dropConstraint('renewal_projects_code_key').execute();
  },
};
