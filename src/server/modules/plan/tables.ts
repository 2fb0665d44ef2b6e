import type { Generated } from 'kysely';
import type { IndicatorKind } from '../../../shared/enums/plan.js';

/**
 * Table types of the plan module. A plan file is loaded into these tables; everything the file says can be
 * exported back from them (see plans/planLoader.ts). Booleans are integers, timestamps ISO text, JSON text.
 */

export type { IndicatorKind };
export type Comparator = '≥' | '>' | '≈';
export type IndicatorSource = 'reported' | 'computed';
export type UnitRole = 'lead' | 'co';
export type MilestoneStatus = 'not_started' | 'done';
export type RevisionSource = 'file' | 'edit';

export interface PlanTable {
  id: Generated<number>;
  code: string;
  doc_number: string;
  title: string;
  issuer: string;
  /** YYYY-MM-DD, the date the plan was issued; progress is measured from this day (Asia/Shanghai). */
  issued_on: string;
  start_year: number;
  end_year: number;
  region_code: string;
  region_name: string;
  /** JSON array of the parent plans' document numbers, as the file lists them. */
  parent_plans_json: string;
  preamble: string;
  general_requirements: string;
  towns_implement_all: number;
  format_version: number;
  /** The file as last loaded (provenance; the export is rebuilt from the tables so it carries later edits). */
  raw_json: string;
  /** sha256 of the last loaded file's canonical JSON: start-up loading skips a file it has already loaded. */
  file_hash: string;
  /** Incremented whenever the plan's content changes (by a file or an edit). */
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PlanActionTable {
  id: Generated<number>;
  plan_id: number;
  code: string;
  section: 'task' | 'measure';
  number: string;
  title: string;
  text: string;
  position: number;
  /** Set when a later file no longer has the action; kept because reports may point at its indicators. */
  retired_at: string | null;
}

export interface PlanTaskTable {
  id: Generated<number>;
  plan_id: number;
  action_id: number;
  number: number;
  title: string;
  text: string;
  towns_implement: number;
  all_departments: number;
  note: string | null;
  position: number;
  retired_at: string | null;
}

/** A responsible unit of a task, indicator or milestone: the name as the plan writes it, matched to an organisation. */
interface UnitRow {
  id: Generated<number>;
  /** Null when no organisation has this name (a unit of another city's plan). */
  organization_id: number | null;
  unit_name: string;
  role: UnitRole;
  position: number;
}

export interface TaskUnitTable extends UnitRow {
  task_id: number;
}

export interface IndicatorTable {
  id: Generated<number>;
  plan_id: number;
  action_id: number;
  /** The task the indicator belongs to; null for section-level indicators (see related_task). */
  task_id: number | null;
  /** Section-level indicators: the number of the most closely related task in the same action. */
  related_task: number | null;
  code: string;
  name: string;
  name_en: string;
  clause_text: string;
  unit: string;
  kind: IndicatorKind;
  comparator: Comparator;
  baseline_year: number | null;
  /** Reported once, later (the plan states only the year). */
  baseline_value: number | null;
  year_on_year: number;
  town_breakdown: number;
  source: IndicatorSource;
  metric: string | null;
  lower_bound_metric: string | null;
  is_effort: number;
  assigned_by_office: number;
  /** The parent plan's indicator as the file names it; resolved to parent_indicator_id once that plan is loaded. */
  parent_plan_code: string | null;
  parent_indicator_code: string | null;
  parent_indicator_id: number | null;
  position: number;
  retired_at: string | null;
  updated_at: string;
}

export interface IndicatorTargetTable {
  id: Generated<number>;
  indicator_id: number;
  year: number;
  /** A double: targets such as 2.5 万辆 are not integers. */
  value: number;
}

export interface IndicatorUnitTable extends UnitRow {
  indicator_id: number;
}

export interface MilestoneTable {
  id: Generated<number>;
  plan_id: number;
  action_id: number;
  task_id: number | null;
  related_task: number | null;
  code: string;
  title: string;
  title_en: string;
  text: string;
  due_year: number;
  status: MilestoneStatus;
  done_at: string | null;
  done_by: number | null;
  evidence_note: string | null;
  evidence_attachment_id: number | null;
  position: number;
  retired_at: string | null;
}

export interface MilestoneUnitTable extends UnitRow {
  milestone_id: number;
}

/** One changed field of one plan record: edited targets, baselines and units keep their history. */
export interface PlanRevisionTable {
  id: Generated<number>;
  plan_id: number;
  entity: 'plan' | 'action' | 'task' | 'indicator' | 'milestone';
  entity_id: number;
  field: string;
  before_json: string | null;
  after_json: string | null;
  source: RevisionSource;
  actor_user_id: number | null;
  actor_username: string | null;
  note: string | null;
  at: string;
}

export interface PlanTables {
  plans: PlanTable;
  plan_actions: PlanActionTable;
  plan_tasks: PlanTaskTable;
  task_units: TaskUnitTable;
  indicators: IndicatorTable;
  indicator_targets: IndicatorTargetTable;
  indicator_units: IndicatorUnitTable;
  milestones: MilestoneTable;
  milestone_units: MilestoneUnitTable;
  plan_revisions: PlanRevisionTable;
}

// The module's tables join the database schema Kysely types every query with (see db/schema.ts).
declare module '../../db/schema.js' {
  interface DatabaseSchema extends PlanTables {}
}
