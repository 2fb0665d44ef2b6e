import type { ModuleMigration } from '../../db/migrations.js';
import { sql, type SqlBool } from 'kysely';
import { projectCodesMigration, projectsMigrations } from './projects/migrations.js';
import { fundingMigrations } from './funding/migrations.js';
import { surveyMigrations } from './survey/migrations.js';
import { certificationNumbersMigration, standardsMigrations } from './standards/migrations.js';
import { distributableKeysMigration, type ReferencingKey } from '../../db/distributable.js';

const ORG = 'organization_id';
/** A project child's foreign key to its project, made again on (organization_id, project_id). */
const toProject = (table: string): ReferencingKey => ({ table, constraint: `${table}_project_id_fkey`, column: ORG, via: 'project_id' });
/** A project child taking its project's enterprise. */
const projectChild = (table: string) => ({ table, column: ORG, parent: 'renewal_projects', via: 'project_id' });

export const renewalMigrations: ModuleMigration[] = [
  ...projectsMigrations,
  ...fundingMigrations,
  ...surveyMigrations,
  ...standardsMigrations,
  // Citus-distributable keys (issue 15, test/citus/REPORT.md), PostgreSQL only: see db/distributable.ts.
  distributableKeysMigration('20261203_1700', 'renewal', {
    primaryKeys: [
      { table: 'renewal_brands', column: 'organization_id' },
      { table: 'renewal_certifications', column: 'organization_id' },
      { table: 'renewal_project_imports', column: 'user_id' },
      { table: 'renewal_rd_reports', column: 'organization_id' },
      { table: 'renewal_recognitions', column: 'organization_id' },
      { table: 'renewal_standards', column: 'organization_id' },
    ],
    actorForeignKeys: [
      { table: 'renewal_brands', constraint: 'renewal_brands_confirmed_by_fkey' },
      { table: 'renewal_brands', constraint: 'renewal_brands_created_by_fkey' },
      { table: 'renewal_certifications', constraint: 'renewal_certifications_confirmed_by_fkey' },
      { table: 'renewal_certifications', constraint: 'renewal_certifications_created_by_fkey' },
      { table: 'renewal_funding_applications', constraint: 'renewal_funding_applications_applied_by_fkey' },
      { table: 'renewal_funding_applications', constraint: 'renewal_funding_applications_decided_by_fkey' },
      { table: 'renewal_funding_payments', constraint: 'renewal_funding_payments_recorded_by_fkey' },
      { table: 'renewal_projects', constraint: 'renewal_projects_approved_by_fkey' },
      { table: 'renewal_projects', constraint: 'renewal_projects_created_by_fkey' },
      { table: 'renewal_projects', constraint: 'renewal_projects_town_checked_by_fkey' },
      { table: 'renewal_rd_reports', constraint: 'renewal_rd_reports_confirmed_by_fkey' },
      { table: 'renewal_rd_reports', constraint: 'renewal_rd_reports_created_by_fkey' },
      { table: 'renewal_recognitions', constraint: 'renewal_recognitions_created_by_fkey' },
      { table: 'renewal_standards', constraint: 'renewal_standards_confirmed_by_fkey' },
      { table: 'renewal_standards', constraint: 'renewal_standards_created_by_fkey' },
      { table: 'renewal_survey_responses', constraint: 'renewal_survey_responses_checked_by_fkey' },
      { table: 'renewal_survey_responses', constraint: 'renewal_survey_responses_created_by_fkey' },
      { table: 'renewal_survey_rounds', constraint: 'renewal_survey_rounds_opened_by_fkey' },
    ],
  }),
  // The project children take the project's enterprise and every key and foreign key of the group holds it, so a
  // project with its equipment, funding and payments lives on one shard (issue 15; the layout's renewal_projects group).
  distributableKeysMigration('20261203_1800', 'renewal', {
    childColumns: [
      projectChild('renewal_project_new_equipment'),
      projectChild('renewal_project_old_equipment'),
      projectChild('renewal_project_interest_subsidies'),
      projectChild('renewal_funding_applications'),
      // Filled from the applications, just filled above.
      { table: 'renewal_funding_payments', column: ORG, parent: 'renewal_funding_applications', via: 'application_id' },
    ],
    primaryKeys: [
      {
        table: 'renewal_projects',
        column: ORG,
        referencedBy: [
          toProject('renewal_project_new_equipment'),
          toProject('renewal_project_old_equipment'),
          toProject('renewal_project_interest_subsidies'),
          toProject('renewal_funding_applications'),
          // A recognition of an enterprise has no project: the key holds only when there is one (MATCH SIMPLE).
          toProject('renewal_recognitions'),
        ],
      },
      {
        table: 'renewal_funding_applications',
        column: ORG,
        referencedBy: [{ table: 'renewal_funding_payments', constraint: 'renewal_funding_payments_application_id_fkey', column: ORG, via: 'application_id' }],
      },
      { table: 'renewal_funding_payments', column: ORG },
      { table: 'renewal_project_new_equipment', column: ORG },
      { table: 'renewal_project_old_equipment', column: ORG },
      { table: 'renewal_project_interest_subsidies', column: ORG, key: ['project_id'] },
    ],
    uniqueKeys: [
      { table: 'renewal_project_new_equipment', column: ORG, name: 'renewal_project_new_equipment_row', kind: 'index', columns: ['project_id', 'position'] },
      { table: 'renewal_project_old_equipment', column: ORG, name: 'renewal_project_old_equipment_row', kind: 'index', columns: ['project_id', 'position'] },
      {
        table: 'renewal_funding_applications',
        column: ORG,
        name: 'renewal_funding_one_open',
        kind: 'index',
        columns: ['project_id', 'source'],
        where: sql<SqlBool>`status = 'applied'`,
      },
      {
        table: 'renewal_funding_payments',
        column: ORG,
        name: 'renewal_funding_payment_reference',
        kind: 'constraint',
        columns: ['application_id', 'reference'],
      },
    ],
  }),
  // Global codes and certificate numbers in lookup tables of their own (both databases; see each).
  projectCodesMigration,
  certificationNumbersMigration,
];
