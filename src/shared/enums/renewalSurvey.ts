/**
 * The enterprise digitalisation survey (企业数字化调查, 晋政文〔2024〕98号 二(一)2): a yearly round over the register of
 * industrial enterprises above scale, one response per enterprise, checked by its town.
 */

export const SURVEY_ROUND_STATUSES = ['open', 'closed'] as const;
export type SurveyRoundStatus = (typeof SURVEY_ROUND_STATUSES)[number];

/** draft → submitted → checked by the town, or returned with a reason and submitted again. */
export const SURVEY_RESPONSE_STATUSES = ['draft', 'submitted', 'checked', 'returned'] as const;
export type SurveyResponseStatus = (typeof SURVEY_RESPONSE_STATUSES)[number];

/** The dictionary of digital R&D / design tools an enterprise may name. */
export const DIGITAL_RD_TOOL_DICTIONARY = 'renewal_digital_rd_tool';

/** The year the plan measures the key-process CNC rate's growth from (较2023年提高5个百分点以上). */
export const SURVEY_BASELINE_YEAR = 2023;

/** A rate as a percentage to one decimal, or null when there is nothing to divide by. */
export function percent(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}
