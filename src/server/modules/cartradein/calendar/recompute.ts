import type { RequestContext } from '../../../core/context.js';
import type { Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAuditMany } from '../../platform/audit/auditTrail.js';
import { CAR_TRANSITIONS } from '../applications/stateMachine.js';
import type { CarRule } from '../programs/rules.js';
import { loadRuleVersion } from '../programs/service.js';
import type { CarApplicationStatus } from '../tables.js';
import { addWorkingDays, loadCalendar } from './workingDays.js';
import { shanghaiDate } from '../../../core/time.js';

/**
 * A deadline is fixed when its step starts, with the calendar of that day. When a year of the calendar changes
 * (the office enters it, or a shipped year is loaded), the deadlines still running are counted again, so an
 * application submitted before the year was entered does not keep a deadline that counted holidays as working days.
 */

// From the state machine: review runs while an application can be approved; payment from approval until paid.
const AWAITING_REVIEW: readonly CarApplicationStatus[] = CAR_TRANSITIONS.approve.from;
const AWAITING_PAYMENT: readonly CarApplicationStatus[] = [...CAR_TRANSITIONS.addToBatch.from, ...CAR_TRANSITIONS.markPaid.from];

export interface RecomputedDeadline {
  applicationId: number;
  step: 'review' | 'payment';
  before: string;
  after: string;
}

interface Pending {
  id: number;
  status: CarApplicationStatus;
  step: 'review' | 'payment';
  ruleVersionId: number;
  start: string;
  dueOn: string;
}

/**
 * Counts again, inside the caller's transaction and with the calendar as it now stands, every running deadline
 * that `year` can change, writes those that moved and audits each (before/after). Returns the ones that moved.
 */
export async function recomputeDeadlines(tx: Tx, ctx: RequestContext, year: number): Promise<RecomputedDeadline[]> {
  const firstDay = `${year}-01-01`;
  const lastDay = `${year}-12-31`;
  // A deadline that ended before the year never counted one of its days; the start is checked below.
  const rows = await tx
    .selectFrom('cartradein_applications')
    .select(['id', 'status', 'rule_version_id', 'submitted_at', 'review_due_on', 'approved_at', 'payment_due_on'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', AWAITING_REVIEW), eb('review_due_on', '>=', firstDay)]),
        eb.and([eb('status', 'in', AWAITING_PAYMENT), eb('payment_due_on', '>=', firstDay)]),
      ]),
    )
    .orderBy('id')
    .execute();
  const pending: Pending[] = [];
  for (const r of rows) {
    const review = AWAITING_REVIEW.includes(r.status);
    const startedAt = review ? r.submitted_at : r.approved_at;
    const dueOn = review ? r.review_due_on : r.payment_due_on;
    if (startedAt === null || dueOn === null) continue;
    const start = shanghaiDate(startedAt);
    // Counting starts the day after the start: a step started on the year's last day counts none of its days.
    if (start >= lastDay) continue;
    pending.push({ id: Number(r.id), status: r.status, step: review ? 'review' : 'payment', ruleVersionId: Number(r.rule_version_id), start, dueOn });
  }

  const rules = new Map<number, CarRule>();
  const calendars = new Map<string, Map<string, boolean>>();
  const moved: RecomputedDeadline[] = [];
  for (const p of pending) {
    let rule = rules.get(p.ruleVersionId);
    if (!rule) rules.set(p.ruleVersionId, (rule = await loadRuleVersion(tx, p.ruleVersionId)));
    let calendar = calendars.get(p.start);
    if (!calendar) calendars.set(p.start, (calendar = await loadCalendar(tx, p.start)));
    const days = p.step === 'review' ? rule.deadlines.reviewWorkingDays : rule.deadlines.paymentWorkingDays;
    const after = addWorkingDays(p.start, days, calendar);
    if (after === p.dueOn) continue;
    const column = p.step === 'review' ? 'review_due_on' : 'payment_due_on';
    const set = p.step === 'review' ? { review_due_on: after } : { payment_due_on: after };
    // Guarded by what was read: an application decided meanwhile keeps what its decision wrote.
    const res = await tx
      .updateTable('cartradein_applications')
      .set({ ...set, updated_at: nowIso() })
      .where('id', '=', p.id)
      .where('status', '=', p.status)
      .where(column, '=', p.dueOn)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1) moved.push({ applicationId: p.id, step: p.step, before: p.dueOn, after });
  }

  const key = (step: RecomputedDeadline['step']) => (step === 'review' ? 'reviewDueOn' : 'paymentDueOn');
  await appendAuditMany(
    tx,
    'main',
    moved.map((m) => ({
      ctx,
      entry: {
        entity: 'cartradein_application',
        entityId: m.applicationId,
        action: 'recomputeDeadline',
        before: { [key(m.step)]: m.before },
        after: { [key(m.step)]: m.after, calendarYear: year },
      },
    })),
  );
  return moved;
}
