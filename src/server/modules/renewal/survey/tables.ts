import type { Generated } from 'kysely';
import type { SurveyResponseStatus, SurveyRoundStatus } from '../../../../shared/enums/renewalSurvey.js';

/** A yearly survey round (调查年度), opened and closed by the renewal `manage` department or the office. One per year. */
export interface RenewalSurveyRoundTable {
  id: Generated<number>;
  year: number;
  status: SurveyRoundStatus;
  /** The date enterprises should have answered by (YYYY-MM-DD); informative, the round stays open until closed. */
  deadline: string;
  opened_by: number | null;
  closed_at: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

/**
 * One enterprise of a round's register (规上工业企业名录, from 市工信局's list). It counts in every denominator whether or
 * not it has an account: `organization_id` is the enterprise organisation with the same credit code, when there is one.
 */
export interface RenewalSurveyRegisterTable {
  id: Generated<number>;
  round_id: number;
  credit_code: string;
  name: string;
  /** The town (organisation of kind town) that checks its response. */
  town_id: number;
  /** `industry` dictionary code. */
  industry: string;
  organization_id: number | null;
  is_demo: number;
  created_at: string;
}

/** An enterprise's response for one register row; moves on record_timeline (kind `renewal_survey_response`). */
export interface RenewalSurveyResponseTable {
  id: Generated<number>;
  register_id: number;
  round_id: number;
  status: SurveyResponseStatus;
  has_rd_tools: number;
  /** JSON array of `renewal_digital_rd_tool` codes; empty unless has_rd_tools. */
  rd_tools_json: string;
  key_processes: number;
  cnc_processes: number;
  transformed: number;
  transformation_note: string | null;
  app_5g_count: number;
  app_5g_names: string | null;
  /** Recorded by the manager for an enterprise without an account. */
  on_behalf: number;
  return_reason: string | null;
  submitted_at: string | null;
  checked_at: string | null;
  checked_by: number | null;
  created_by: number | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface SurveyTables {
  renewal_survey_rounds: RenewalSurveyRoundTable;
  renewal_survey_register: RenewalSurveyRegisterTable;
  renewal_survey_responses: RenewalSurveyResponseTable;
}
