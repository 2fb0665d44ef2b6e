import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema.js';
import type { Queryable } from '../../../db/database.js';
import type { Evaluation } from '../status/evaluate.js';
import { DAY_MS } from '../status/time.js';
import { UNIT_OWES_STATUSES, type AlertColour, type AlertSubject, type OrderStatus } from './tables.js';

/**
 * Three-colour alerts: what the office must look at today, indicator by indicator and order by order.
 * red: overdue (reports missing, a target's due date passed unmet, an order past its deadline the unit still owes);
 * yellow: behind the pro-rata schedule 序时进度 (progress share below the schedule's share minus a tolerance);
 * blue: a deadline within the configured days (a target, a report not handed in, an order's deadline).
 * The colours are computed once a day (job.ts) and stored, so the dashboard, the workspace and the briefing read
 * the same answer at once.
 */
export type { AlertColour };

export interface PlanAlert {
  subject: AlertSubject;
  subjectId: number;
  colour: AlertColour;
  /** The indicator's name or the order's matter, as the plan writes it. */
  title: string;
  /** The lead unit (indicator) or the unit the order is addressed to. */
  organizationId: number | null;
  unitName: string | null;
  /** Why: a message key (`plan.alert.reason.…`) whose parameters are `params` (for the briefing's sentence). */
  reason: string;
  params: Record<string, string | number>;
}

export interface AlertThresholds {
  blueDays: number;
  yellowTolerancePoints: number;
}

export interface Colouring {
  colour: AlertColour;
  reason: string;
  params: Record<string, string | number>;
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const daysUntil = (due: number, now: number) => Math.ceil((due - now) / DAY_MS);

/**
 * The colour of one indicator from its evaluation (status/evaluate.ts): nothing is recomputed here but the shares.
 * `reportDueSoon` is the nearest deadline of a report on it still to hand in, when within the blue window.
 */
export function indicatorColour(e: Evaluation, missingReports: number, asOf: number, t: AlertThresholds, reportDueSoon: string | null): Colouring | null {
  if (e.status === 'overdue') return { colour: 'red', reason: 'plan.alert.reason.reportsMissing', params: { count: missingReports } };
  if (e.status === 'behind' && e.target && asOf >= e.target.due && e.actual !== null)
    return { colour: 'red', reason: 'plan.alert.reason.targetMissed', params: { year: e.target.year, target: e.target.value, actual: e.actual } };
  if (e.actual !== null && e.expected !== null && e.target && e.target.value > 0) {
    const progress = (e.actual / e.target.value) * 100;
    const schedule = (e.expected / e.target.value) * 100;
    if (progress < schedule - t.yellowTolerancePoints)
      return { colour: 'yellow', reason: 'plan.alert.reason.behindSchedule', params: { progress: round1(progress), schedule: round1(schedule) } };
  }
  if (e.target && e.target.due > asOf && daysUntil(e.target.due, asOf) <= t.blueDays && (e.actual === null || e.actual < e.target.value))
    return { colour: 'blue', reason: 'plan.alert.reason.targetDueSoon', params: { year: e.target.year, days: daysUntil(e.target.due, asOf) } };
  if (reportDueSoon !== null) return { colour: 'blue', reason: 'plan.alert.reason.reportDueSoon', params: { deadline: reportDueSoon } };
  return null;
}

/** How far an order has come, as a share of its work: signed a quarter, in hand (or sent back to it) a half. */
const ORDER_PROGRESS: Partial<Record<OrderStatus, number>> = { issued: 0, signed: 25, handling: 50, returned: 50 };

export interface OrderForAlert {
  status: OrderStatus;
  deadline_date: string;
  deadline_at: string;
  issued_at: string | null;
}

/** The colour of one order: only what the unit still owes has one (a draft, an answer awaiting review or a closed order none). */
export function orderColour(o: OrderForAlert, now: number, t: AlertThresholds): Colouring | null {
  if (!UNIT_OWES_STATUSES.includes(o.status)) return null;
  const due = Date.parse(o.deadline_at);
  if (now >= due)
    return { colour: 'red', reason: 'plan.alert.reason.orderOverdue', params: { deadline: o.deadline_date, days: Math.floor((now - due) / DAY_MS) + 1 } };
  const issued = o.issued_at === null ? null : Date.parse(o.issued_at);
  if (issued !== null && due > issued) {
    const elapsed = ((now - issued) / (due - issued)) * 100;
    const progress = ORDER_PROGRESS[o.status] ?? 0;
    if (progress < elapsed - t.yellowTolerancePoints)
      return { colour: 'yellow', reason: 'plan.alert.reason.orderBehind', params: { elapsed: round1(elapsed), progress } };
  }
  if (daysUntil(due, now) <= t.blueDays) return { colour: 'blue', reason: 'plan.alert.reason.orderDueSoon', params: { deadline: o.deadline_date } };
  return null;
}

const COLOUR_RANK: Record<AlertColour, number> = { red: 0, yellow: 1, blue: 2 };

/** The day (≤ `day`) of the latest stored alerts of a plan, or null when none were ever computed. */
export async function latestAlertDay(db: Queryable, planId: number, day: string): Promise<string | null> {
  const row = await db
    .selectFrom('plan_alerts')
    .select((eb) => eb.fn.max('day').as('day'))
    .where('plan_id', '=', planId)
    .where('day', '<=', day)
    .executeTakeFirst();
  return (row?.day as string | null | undefined) ?? null;
}

/**
 * The alerts standing on the given day (YYYY-MM-DD, Asia/Shanghai) for one plan, red first: those computed that
 * day, or on the last day they were computed before it (a day the job has not run yet shows yesterday's).
 */
export async function listCurrentAlerts(db: Kysely<DatabaseSchema> | Queryable, planId: number, day: string): Promise<PlanAlert[]> {
  const standing = await latestAlertDay(db, planId, day);
  if (standing === null) return [];
  const rows = await db
    .selectFrom('plan_alerts as a')
    .leftJoin('organizations as o', 'o.id', 'a.organization_id')
    .select(['a.subject', 'a.subject_id', 'a.colour', 'a.title', 'a.organization_id', 'o.name as unit_name', 'a.reason', 'a.params_json'])
    .where('a.plan_id', '=', planId)
    .where('a.day', '=', standing)
    .orderBy('a.id')
    .execute();
  return rows
    .map((r) => ({
      subject: r.subject,
      subjectId: Number(r.subject_id),
      colour: r.colour,
      title: r.title,
      organizationId: r.organization_id === null ? null : Number(r.organization_id),
      unitName: r.unit_name ?? null,
      reason: r.reason,
      params: JSON.parse(r.params_json) as Record<string, string | number>,
    }))
    .sort((a, b) => COLOUR_RANK[a.colour] - COLOUR_RANK[b.colour]);
}
