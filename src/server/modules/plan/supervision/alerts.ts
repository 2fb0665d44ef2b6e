import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema.js';

/**
 * Three-colour alerts (scaffold: the supervision work fills it in; the briefing and the dashboard read it).
 * blue: a deadline within the configured days; yellow: behind the pro-rata schedule (序时进度); red: overdue.
 */
export type AlertColour = 'blue' | 'yellow' | 'red';

export interface PlanAlert {
  subject: 'indicator' | 'order';
  subjectId: number;
  colour: AlertColour;
  /** The indicator's name or the order's matter, as the plan writes it. */
  title: string;
  /** The lead unit (indicator) or the unit the order is addressed to. */
  organizationId: number | null;
  unitName: string | null;
  /** Why, in a message key's parameters (for the briefing's sentence). */
  reason: string;
}

/** The alerts standing on the given day (YYYY-MM-DD, Asia/Shanghai) for one plan, red first. */
export async function listCurrentAlerts(_db: Kysely<DatabaseSchema>, _planId: number, _day: string): Promise<PlanAlert[]> {
  return [];
}
