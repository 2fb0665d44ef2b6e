import type { Generated } from 'kysely';

/**
 * Table types of supervision: the office's orders (督办单) to a unit about a matter of the plan that is behind,
 * their evidence, and the three-colour alerts computed each day. An order's history is the platform's
 * record_timeline (kind `plan_supervision_order`). Deadlines are Asia/Shanghai dates; instants are ISO UTC text.
 */

/**
 *   draft ─issue─▶ issued ─sign─▶ signed ─handle─▶ handling ─feedback─▶ fed_back ─close─▶ closed
 *                                   └──────feedback──────────────────────▲   │
 *                                                  returned ◀──return────────┘
 *   (a returned order goes back to handling, or straight to a new feedback)
 */
export const ORDER_STATUSES = ['draft', 'issued', 'signed', 'handling', 'fed_back', 'returned', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** Statuses in which the unit still owes the office something: past the deadline such an order is overdue. */
export const UNIT_OWES_STATUSES: readonly OrderStatus[] = ['issued', 'signed', 'handling', 'returned'];
/** What an order may be raised about. */
export const ORDER_SUBJECTS = ['indicator', 'task', 'milestone'] as const;
export type OrderSubject = (typeof ORDER_SUBJECTS)[number];

export const ALERT_COLOURS = ['red', 'yellow', 'blue'] as const;
export type AlertColour = (typeof ALERT_COLOURS)[number];
export type AlertSubject = 'indicator' | 'order';

export interface SupervisionOrderTable {
  id: Generated<number>;
  plan_id: number;
  subject: OrderSubject;
  subject_id: number;
  /** The indicator's, task's or milestone's name when the order was raised (shown even if the plan is revised). */
  subject_title: string;
  organization_id: number;
  /** 督办事项. */
  matter: string;
  /** 办理要求. */
  requirement: string;
  /** Last day to report back, `YYYY-MM-DD` Asia/Shanghai. */
  deadline_date: string;
  /** End of the deadline day: an order the unit still owes at or after this instant is overdue. */
  deadline_at: string;
  status: OrderStatus;
  feedback: string | null;
  return_reason: string | null;
  review_note: string | null;
  return_count: number;
  raised_by: number | null;
  issued_at: string | null;
  signed_at: string | null;
  signed_by: number | null;
  fed_back_at: string | null;
  closed_at: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface SupervisionOrderEvidenceTable {
  order_id: number;
  attachment_id: number;
  position: number;
}

/** One colour standing on one day for one indicator or order; a day's rows are replaced whole when recomputed. */
export interface PlanAlertTable {
  id: Generated<number>;
  day: string;
  plan_id: number;
  subject: AlertSubject;
  subject_id: number;
  colour: AlertColour;
  title: string;
  organization_id: number | null;
  /** A message key (`plan.alert.reason.…`) and its parameters. */
  reason: string;
  params_json: string;
  computed_at: string;
}

export interface SupervisionTables {
  plan_supervision_orders: SupervisionOrderTable;
  plan_supervision_order_evidence: SupervisionOrderEvidenceTable;
  plan_alerts: PlanAlertTable;
}

declare module '../../../db/schema.js' {
  interface DatabaseSchema extends SupervisionTables {}
}
