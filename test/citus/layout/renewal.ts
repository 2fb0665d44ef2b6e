import { distributed, REFERENCE, USERS_GROUP, type Layout } from './roles.js';

const PROJECTS = 'renewal_projects';

export const renewalLayout: Layout = {
  // Equipment renewal is per enterprise: projects, their equipment lists, funding and the enterprise's own
  // certifications, standards, brands and R&D reports are colocated by the enterprise's organisation id.
  renewal_projects: distributed('organization_id'),
  renewal_project_new_equipment: distributed('organization_id', PROJECTS),
  renewal_project_old_equipment: distributed('organization_id', PROJECTS),
  renewal_project_interest_subsidies: distributed('organization_id', PROJECTS),
  renewal_funding_applications: distributed('organization_id', PROJECTS),
  renewal_funding_payments: distributed('organization_id', PROJECTS),
  renewal_recognitions: distributed('organization_id', PROJECTS),
  renewal_brands: distributed('organization_id', PROJECTS),
  renewal_certifications: distributed('organization_id', PROJECTS),
  renewal_standards: distributed('organization_id', PROJECTS),
  renewal_rd_reports: distributed('organization_id', PROJECTS),
  // A project code names one project across every enterprise: held by the code, each on its own shard.
  renewal_project_codes: distributed('code'),
  // A certificate number of a kind is one enterprise's whoever claims it: held by the number, each on its own shard.
  renewal_certification_numbers: distributed('number_key'),
  // An import job belongs to the user who uploaded the file.
  renewal_project_imports: distributed('user_id', USERS_GROUP),

  // The yearly survey: one round a year, a register of a few thousand enterprises and their answers.
  renewal_survey_rounds: REFERENCE,
  renewal_survey_register: REFERENCE,
  renewal_survey_responses: REFERENCE,
};
