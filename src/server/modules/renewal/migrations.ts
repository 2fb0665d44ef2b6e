import type { ModuleMigration } from '../../db/migrations.js';
import { projectsMigrations } from './projects/migrations.js';
import { fundingMigrations } from './funding/migrations.js';
import { surveyMigrations } from './survey/migrations.js';
import { standardsMigrations } from './standards/migrations.js';
import { distributableKeysMigration } from '../../db/distributable.js';

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
];
