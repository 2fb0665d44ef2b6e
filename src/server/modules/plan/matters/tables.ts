import type { Generated } from 'kysely';

/**
 * Major matters (重大事项): "重大事项及时按程序请示报告" (晋政文〔2024〕98号, 保障措施一). A department or town raises
 * a matter to the work team office with its urgency and evidence; the office answers it or escalates it to the
 * work team (工作专班, led by the vice-mayor in charge of development and reform), whose answer goes back to the
 * unit; the unit closes it. Its history is the platform's record_timeline.
 */
export const MATTER_STATUSES = ['raised', 'escalated', 'answered', 'closed', 'withdrawn'] as const;
export type MatterStatus = (typeof MATTER_STATUSES)[number];
/** Statuses in which an answer is owed: past `due_at` such a matter is overdue. */
export const AWAITING_ANSWER: readonly MatterStatus[] = ['raised', 'escalated'];

/** 一般 / 紧急 / 特急: each sets how many days the answer may take (system parameters). */
export const MATTER_URGENCIES = ['normal', 'urgent', 'critical'] as const;
export type MatterUrgency = (typeof MATTER_URGENCIES)[number];

/** The work team's organisation (seeded by this module's migration): escalated matters go to its members. */
export const WORK_TEAM = { code: 'work-team', name: '工作专班（分管发改副市长牵头）' } as const;

export interface PlanMatterTable {
  id: Generated<number>;
  title: string;
  description: string;
  urgency: MatterUrgency;
  /** The unit (department or town) that raised it. */
  organization_id: number;
  raised_by: number | null;
  raised_at: string;
  /** End of the Asia/Shanghai day by which the answer is owed, ISO UTC. */
  due_at: string;
  status: MatterStatus;
  escalated_to_organization_id: number | null;
  escalated_at: string | null;
  escalation_note: string | null;
  answer: string | null;
  answered_by: number | null;
  /** The office's or the work team's organisation, whichever answered. */
  answered_by_organization_id: number | null;
  answered_at: string | null;
  closed_at: string | null;
  closing_note: string | null;
  withdrawn_reason: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface PlanMatterEvidenceTable {
  matter_id: number;
  attachment_id: number;
  position: number;
}

export interface MatterTables {
  plan_matters: PlanMatterTable;
  plan_matter_evidence: PlanMatterEvidenceTable;
}

declare module '../../../db/schema.js' {
  interface DatabaseSchema extends MatterTables {}
}
