import type { AppDeps } from '../../../core/deps.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { notify } from '../../platform/notifications/service.js';
import { observedOf, specOf, withReportedBaseline } from '../dashboard/service.js';
import { metricRegistry } from '../metrics/index.js';
import { combinedObservationSource } from '../observations/source.js';
import { readPlanTree } from '../plans/planTree.js';
import { reportedObservationSource } from '../reporting/observations.js';
import { EDITABLE_STATUSES } from '../reporting/tables.js';
import { evaluateIndicator } from '../status/evaluate.js';
import { indicatorColour, latestAlertDay, orderColour, type AlertThresholds, type Colouring } from './alerts.js';
import type { AlertColour, AlertSubject } from './tables.js';

/** What the plan module measures with (as plan/index.ts wires the dashboard): metrics and accepted reports. */
const observations = combinedObservationSource(metricRegistry, reportedObservationSource);

interface AlertRow extends Colouring {
  subject: AlertSubject;
  subjectId: number;
  title: string;
  organizationId: number | null;
}

export interface AlertRunCounts {
  day: string;
  red: number;
  yellow: number;
  blue: number;
  /** Units told of an alert newly red or yellow. */
  notified: number;
}

export async function alertThresholds(deps: AppDeps): Promise<AlertThresholds> {
  return {
    blueDays: await deps.parameters.get('plan.alerts.blueDays'),
    yellowTolerancePoints: await deps.parameters.get('plan.alerts.yellowTolerancePoints'),
  };
}

/** Every indicator of the plan evaluated as of `now` (the dashboard's evaluation), coloured. */
async function indicatorAlerts(db: Queryable, planId: number, now: number, t: AlertThresholds): Promise<AlertRow[]> {
  const tree = await readPlanTree(db, planId);
  if (!tree) return [];
  const planStart = tree.plan.issued_on;
  const observed = await observations.observe(
    db,
    tree.indicators.map((r) => observedOf(r, planStart)),
    { asOf: new Date(now).toISOString() },
  );
  // The nearest deadline of a report still to hand in per indicator, when it falls within the blue window.
  const today = shanghaiDate(now);
  const soon = await db
    .selectFrom('plan_reports as r')
    .innerJoin('plan_reporting_periods as p', 'p.id', 'r.period_id')
    .select((eb) => ['r.indicator_id', eb.fn.min('p.deadline_date').as('deadline')])
    .where('r.plan_id', '=', planId)
    .where('p.status', '=', 'open')
    .where('r.status', 'in', [...EDITABLE_STATUSES])
    .where('p.deadline_date', '>=', today)
    .where('p.deadline_date', '<=', addDays(today, t.blueDays))
    .where('p.deadline_at', '>', new Date(now).toISOString())
    .groupBy('r.indicator_id')
    .execute();
  const dueSoon = new Map(soon.map((s) => [Number(s.indicator_id), String(s.deadline)]));
  const out: AlertRow[] = [];
  for (const row of tree.indicators) {
    const id = Number(row.id);
    const o = observed.get(id);
    const spec = withReportedBaseline(specOf(row, tree.targetsByIndicator.get(id), planStart), o);
    const e = evaluateIndicator({
      indicator: spec,
      observations: o?.observations ?? [],
      missingReports: o?.missingReports ?? 0,
      asOf: now,
      name: { zh: row.name, en: row.name_en },
    });
    const c = indicatorColour(e, o?.missingReports ?? 0, now, t, dueSoon.get(id) ?? null);
    if (!c) continue;
    const lead = (tree.unitsByIndicator.get(id) ?? []).find((u) => u.role === 'lead');
    out.push({
      ...c,
      subject: 'indicator',
      subjectId: id,
      title: row.name,
      organizationId: lead?.organization_id == null ? null : Number(lead.organization_id),
    });
  }
  return out;
}

async function orderAlerts(db: Queryable, planId: number, now: number, t: AlertThresholds): Promise<AlertRow[]> {
  const orders = await db
    .selectFrom('plan_supervision_orders')
    .select(['id', 'status', 'matter', 'organization_id', 'deadline_date', 'deadline_at', 'issued_at'])
    .where('plan_id', '=', planId)
    .where('status', 'not in', ['draft', 'closed'])
    .orderBy('id')
    .execute();
  return orders.flatMap((o) => {
    const c = orderColour(o, now, t);
    return c ? [{ ...c, subject: 'order' as const, subjectId: Number(o.id), title: o.matter, organizationId: Number(o.organization_id) }] : [];
  });
}

const NOTIFIED: readonly AlertColour[] = ['red', 'yellow'];

/**
 * Computes the day's alerts of one plan as of `now` and replaces that day's stored rows in one transaction, so a
 * rerun the same day (the office's refresh, a retried job) leaves one answer. A unit is told of an alert that is red
 * or yellow today and was not that colour on the last day computed before; the dedupe key (subject, colour, day)
 * keeps a rerun from telling it twice.
 */
export async function computePlanAlerts(deps: AppDeps, planId: number, now: Date): Promise<AlertRunCounts> {
  const db = deps.database.db;
  const t = await alertThresholds(deps);
  const at = now.getTime();
  const day = shanghaiDate(now);
  const rows = [...(await indicatorAlerts(db, planId, at, t)), ...(await orderAlerts(db, planId, at, t))];
  const counts: AlertRunCounts = { day, red: 0, yellow: 0, blue: 0, notified: 0 };
  for (const r of rows) counts[r.colour] += 1;
  await inTransaction(deps.database, async (tx) => {
    const before = await latestAlertDay(tx, planId, addDays(day, -1));
    const previous = new Map<string, AlertColour>();
    if (before !== null)
      for (const p of await tx
        .selectFrom('plan_alerts')
        .select(['subject', 'subject_id', 'colour'])
        .where('plan_id', '=', planId)
        .where('day', '=', before)
        .execute())
        previous.set(`${p.subject}:${Number(p.subject_id)}`, p.colour);
    await tx.deleteFrom('plan_alerts').where('plan_id', '=', planId).where('day', '=', day).execute();
    const computedAt = nowIso();
    for (let i = 0; i < rows.length; i += 200)
      await tx
        .insertInto('plan_alerts')
        .values(
          rows.slice(i, i + 200).map((r) => ({
            day,
            plan_id: planId,
            subject: r.subject,
            subject_id: r.subjectId,
            colour: r.colour,
            title: r.title,
            organization_id: r.organizationId,
            reason: r.reason,
            params_json: JSON.stringify(r.params),
            computed_at: computedAt,
          })),
        )
        .execute();
    for (const r of rows) {
      if (!NOTIFIED.includes(r.colour) || r.organizationId === null) continue;
      if (previous.get(`${r.subject}:${r.subjectId}`) === r.colour) continue;
      const fresh = await notify(tx, {
        organizationId: r.organizationId,
        kind: `plan_alert_${r.colour}`,
        params: { title: r.title, subject: r.subject },
        link: r.subject === 'order' ? `/plan/orders/${r.subjectId}` : '/plan/workspace',
        dedupeKey: `plan-alert:${r.subject}:${r.subjectId}:${r.colour}:${day}`,
      });
      if (fresh) counts.notified += 1;
    }
  });
  return counts;
}

/** The day's alerts of every plan (the daily job). */
export async function computeAllAlerts(deps: AppDeps, now: Date): Promise<AlertRunCounts[]> {
  const plans = await deps.database.db.selectFrom('plans').select('id').orderBy('id').execute();
  const out: AlertRunCounts[] = [];
  for (const p of plans) out.push(await computePlanAlerts(deps, Number(p.id), now));
  return out;
}
