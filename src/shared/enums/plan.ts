/**
 * The plan module's codes that the server stores and the web lists (filters, tags, legends), in the order the
 * pages show them. The server's table types are derived from these, so a new code reaches both sides at once.
 */

/** How an indicator is measured (see server plan/status/evaluate.ts for what each means). */
export const INDICATOR_KINDS = ['cumulative', 'annual', 'level', 'growth', 'share'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** An indicator's evaluation as of a date; the order is the legend's. */
export const INDICATOR_STATUSES = ['on_track', 'at_risk', 'behind', 'not_started', 'overdue'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

/**
 * Where a report is in its workflow: `pending` (due, nothing entered yet) → `draft` → `submitted` → `accepted`,
 * or `submitted` → `returned` (by the office, with a reason) → `corrected` (edited since) → `submitted` again.
 */
export const REPORT_STATUSES = ['pending', 'draft', 'submitted', 'returned', 'corrected', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** Statuses in which the reporting organisation may still change the report. */
export const EDITABLE_REPORT_STATUSES: readonly ReportStatus[] = ['pending', 'draft', 'returned', 'corrected'];
