import type { OrderByItemBuilder, Updateable } from 'kysely';
import type { AppDeps } from '../../../../core/deps.js';
import type { RequestContext } from '../../../../core/context.js';
import { AppError, badRequest, invalidState, notFound, type FieldIssue } from '../../../../core/errors.js';
import { authorize } from '../../../../core/policy.js';
import { inTransaction, type Queryable, type Tx } from '../../../../db/database.js';
import { move } from '../../../../core/workflow.js';
import { nowIso } from '../../../../db/time.js';
import type { Page } from '../../../../http/pagination.js';
import { openAttachment } from '../../../platform/attachments/service.js';
import { timelineOf } from '../../../platform/timeline/timeline.js';
import { readsAllReports } from '../policies/common.js';
import { planReportPolicy } from '../policies/report.js';
import { EDITABLE_STATUSES, REPORT_STATUSES, UNSUBMITTED_STATUSES, type PlanReportTable, type ReportEventAction, type ReportStatus } from '../tables.js';
import { checkBaselineValue, checkReportValue, needsBaseline } from '../valueRules.js';
import { evidenceOf, replaceEvidence } from './evidence.js';
import type { ReportDetailView, ReportFilters, ReportListQuery, ReportSortKey, ReportView, SaveReportInput } from './schema.js';
import { planReportWorkflow } from './workflow.js';

/** A report with what its views and checks need from its period, indicator, organisation and baseline. */
export function reportRows(db: Queryable) {
  return db
    .selectFrom('plan_reports as r')
    .innerJoin('plan_reporting_periods as p', 'p.id', 'r.period_id')
    .innerJoin('indicators as i', 'i.id', 'r.indicator_id')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .leftJoin('plan_reported_baselines as b', 'b.indicator_id', 'r.indicator_id')
    .select([
      'r.id',
      'r.plan_id',
      'r.period_id',
      'r.indicator_id',
      'r.organization_id',
      'r.role',
      'r.status',
      'r.value',
      'r.baseline_value',
      'r.narrative',
      'r.late',
      'r.first_submitted_at',
      'r.submitted_at',
      'r.submission_count',
      'r.returned_at',
      'r.return_reason',
      'r.accepted_at',
      'r.updated_at',
      'p.period',
      'p.status as period_status',
      'p.deadline_date',
      'p.deadline_at',
      'p.starts_at',
      'p.ends_at',
      'i.code as indicator_code',
      'i.name as indicator_name',
      'i.name_en as indicator_name_en',
      'i.unit',
      'i.kind',
      'i.baseline_year',
      'i.baseline_value as plan_baseline_value',
      'i.year_on_year',
      'o.name as organization_name',
      'o.kind as organization_kind',
      'b.value as reported_baseline',
      'b.report_id as baseline_report_id',
    ]);
}
type ReportRowsQuery = ReturnType<typeof reportRows>;
export type ReportRow = Awaited<ReturnType<ReportRowsQuery['executeTakeFirstOrThrow']>>;

/** Whether this report must carry the indicator's baseline value (only the lead reports it, and only once). */
function baselineDue(r: ReportRow): boolean {
  if (r.role !== 'lead') return false;
  // The report whose baseline was accepted keeps showing it as its own.
  if (r.baseline_report_id !== null && Number(r.baseline_report_id) === Number(r.id)) return true;
  return needsBaseline(
    { kind: r.kind, baseline_year: r.baseline_year, baseline_value: r.plan_baseline_value, year_on_year: r.year_on_year },
    r.reported_baseline === null ? null : Number(r.reported_baseline),
  );
}

const isOverdue = (r: { status: ReportStatus; deadline_at: string }, now: number) =>
  UNSUBMITTED_STATUSES.includes(r.status) && Date.parse(r.deadline_at) <= now;

export function reportView(r: ReportRow, evidence: ReportView['evidence'], now = Date.now()): ReportView {
  return {
    id: Number(r.id),
    planId: Number(r.plan_id),
    periodId: Number(r.period_id),
    period: r.period,
    deadlineDate: r.deadline_date,
    indicator: { id: Number(r.indicator_id), code: r.indicator_code, name: r.indicator_name, nameEn: r.indicator_name_en, unit: r.unit, kind: r.kind },
    organization: { id: Number(r.organization_id), name: r.organization_name, kind: r.organization_kind },
    role: r.role,
    status: r.status,
    value: r.value === null ? null : Number(r.value),
    baselineValue: r.baseline_value === null ? null : Number(r.baseline_value),
    needsBaseline: baselineDue(r),
    baselineYear: r.baseline_year,
    narrative: r.narrative,
    late: r.late === 1,
    overdue: isOverdue(r, now),
    firstSubmittedAt: r.first_submitted_at,
    submittedAt: r.submitted_at,
    submissionCount: r.submission_count,
    returnedAt: r.returned_at,
    returnReason: r.return_reason,
    acceptedAt: r.accepted_at,
    updatedAt: r.updated_at,
    evidence,
  };
}

/** Narrows a report query to what the actor may read: the office and auditors everything, a unit its own. */
export function scopedTo(qb: ReportRowsQuery, ctx: RequestContext): ReportRowsQuery {
  return readsAllReports(ctx.actor) ? qb : qb.where('r.organization_id', '=', ctx.actor.organizationId ?? -1);
}

export function filtered(qb: ReportRowsQuery, f: ReportFilters, now = Date.now()): ReportRowsQuery {
  if (f.planId !== undefined) qb = qb.where('r.plan_id', '=', f.planId);
  if (f.periodId !== undefined) qb = qb.where('r.period_id', '=', f.periodId);
  if (f.period !== undefined) qb = qb.where('p.period', '=', f.period);
  if (f.indicatorId !== undefined) qb = qb.where('r.indicator_id', '=', f.indicatorId);
  if (f.organizationId !== undefined) qb = qb.where('r.organization_id', '=', f.organizationId);
  if (f.status !== undefined) qb = qb.where('r.status', '=', f.status);
  if (f.role !== undefined) qb = qb.where('r.role', '=', f.role);
  if (f.late !== undefined) qb = qb.where('r.late', '=', f.late === 'true' ? 1 : 0);
  if (f.overdue !== undefined) {
    const nowIsoText = new Date(now).toISOString();
    qb =
      f.overdue === 'true'
        ? qb.where('r.status', 'in', [...UNSUBMITTED_STATUSES]).where('p.deadline_at', '<=', nowIsoText)
        : qb.where((eb) => eb.or([eb('r.status', 'not in', [...UNSUBMITTED_STATUSES]), eb('p.deadline_at', '>', nowIsoText)]));
  }
  return qb;
}

/**
 * Orders the list by one whitelisted column, then by id in the same direction so pages never overlap. Reports
 * without a value or not yet handed in come last either way, on SQLite and PostgreSQL alike (their default places
 * for NULL differ). Indicators sort in the plan's order and statuses in the order of the workflow, not by code.
 */
export function sortedBy(qb: ReportRowsQuery, sort: ReportSortKey | undefined, order: 'asc' | 'desc'): ReportRowsQuery {
  if (sort === undefined) return qb.orderBy('p.period', 'desc').orderBy('i.position').orderBy('r.id');
  const dir = (ob: OrderByItemBuilder) => (order === 'asc' ? ob.asc() : ob.desc());
  switch (sort) {
    case 'period':
      qb = qb.orderBy('p.period', order);
      break;
    case 'indicator':
      qb = qb.orderBy('i.plan_id', order).orderBy('i.position', order).orderBy('i.id', order);
      break;
    case 'organization':
      qb = qb.orderBy('o.name', order);
      break;
    case 'value':
      qb = qb.orderBy('r.value', (ob) => dir(ob).nullsLast());
      break;
    case 'submittedAt':
      qb = qb.orderBy('r.submitted_at', (ob) => dir(ob).nullsLast());
      break;
    case 'status':
      qb = qb.orderBy((eb) => {
        let c = eb.case().when('r.status', '=', REPORT_STATUSES[0]).then(0);
        for (const [i, s] of REPORT_STATUSES.entries()) if (i > 0) c = c.when('r.status', '=', s).then(i);
        return c.end();
      }, order);
      break;
  }
  return qb.orderBy('r.id', order);
}

export async function listReports(
  deps: AppDeps,
  ctx: RequestContext,
  q: ReportFilters & Pick<ReportListQuery, 'page' | 'pageSize' | 'sort' | 'order'>,
): Promise<Page<ReportView>> {
  authorize(ctx.actor, planReportPolicy, 'list');
  const db = deps.database.db;
  const base = filtered(scopedTo(reportRows(db), ctx), q);
  const total = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await sortedBy(base, q.sort, q.order)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const evidence = await evidenceOf(
    db,
    rows.map((r) => Number(r.id)),
  );
  return { items: rows.map((r) => reportView(r, evidence.get(Number(r.id)) ?? [])), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}

async function loadRow(db: Queryable, id: number): Promise<ReportRow> {
  const r = await reportRows(db).where('r.id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  return r;
}

export async function getReport(deps: AppDeps, ctx: RequestContext, id: number): Promise<ReportDetailView> {
  const db = deps.database.db;
  const r = await loadRow(db, id);
  authorize(ctx.actor, planReportPolicy, 'read', { id, organizationId: Number(r.organization_id) }, id);
  const evidence = await evidenceOf(db, [id]);
  const timeline = await timelineOf(db, planReportWorkflow, id);
  return {
    ...reportView(r, evidence.get(id) ?? []),
    events: timeline.map((e) => ({
      id: e.id,
      action: e.action,
      // Every entry of a report is a move between two statuses: reports are created `pending`, off the timeline.
      fromStatus: e.fromStatus ?? '',
      toStatus: e.toStatus,
      value: typeof e.params.value === 'number' ? e.params.value : null,
      reason: e.reasons[0] ?? null,
      actorUserId: e.actorUserId,
      at: e.at,
    })),
  };
}

/** The value a timeline entry keeps: the report's value as it stands after the move. */
const valueParams = (value: number | null | undefined) => ({ value: value === null || value === undefined ? null : Number(value) });

/**
 * Checks a unit's edits against the report's indicator and returns the columns to write. Problems are collected
 * (not thrown) so a whole Excel file can be reported at once; `path` prefixes name the fields.
 */
export async function checkEdits(
  tx: Queryable,
  ctx: RequestContext,
  r: ReportRow,
  input: SaveReportInput,
): Promise<{ set: Updateable<PlanReportTable>; issues: FieldIssue[]; attachmentIds: number[] | undefined }> {
  const issues: FieldIssue[] = [];
  const set: Updateable<PlanReportTable> = {};
  const indicator = { kind: r.kind, unit: r.unit };
  if (input.value !== undefined) {
    if (input.value !== null) {
      const problem = checkReportValue(indicator, input.value);
      if (problem) issues.push({ path: 'value', reason: problem });
    }
    set.value = input.value;
  }
  if (input.baselineValue !== undefined) {
    if (input.baselineValue !== null) {
      if (!baselineDue(r)) issues.push({ path: 'baselineValue', reason: 'field.report.baselineNotNeeded' });
      else {
        const problem = checkBaselineValue(indicator, input.baselineValue);
        if (problem) issues.push({ path: 'baselineValue', reason: problem });
      }
    }
    set.baseline_value = input.baselineValue;
  }
  if (input.narrative !== undefined) set.narrative = input.narrative === null || input.narrative === '' ? null : input.narrative;
  let attachmentIds: number[] | undefined;
  if (input.attachmentIds !== undefined) {
    attachmentIds = [...new Set(input.attachmentIds)];
    // This check is also what the evidence's dropped foreign key to attachments guaranteed (see replaceEvidence).
    if (attachmentIds.length) {
      const own = await tx
        .selectFrom('attachments')
        .select('id')
        .where('id', 'in', attachmentIds)
        .where('organization_id', '=', ctx.actor.organizationId ?? -1)
        .execute();
      const ownIds = new Set(own.map((a) => Number(a.id)));
      attachmentIds.forEach((a, i) => {
        if (!ownIds.has(a)) issues.push({ path: `attachmentIds.${i}`, reason: 'field.report.evidenceNotOwn' });
      });
    }
  }
  return { set, issues, attachmentIds };
}

function assertEditable(r: ReportRow): void {
  if (r.period_status !== 'open') throw new AppError(409, 'PERIOD_CLOSED', 'error.PERIOD_CLOSED');
  if (!EDITABLE_STATUSES.includes(r.status)) throw invalidState(r.status);
}

/** Saves a unit's edits in an open transaction (also used by the Excel import); returns the new status. */
export async function saveReportIn(
  tx: Tx,
  ctx: RequestContext,
  r: ReportRow,
  input: SaveReportInput,
  action: Extract<ReportEventAction, 'save' | 'import'> = 'save',
): Promise<ReportStatus> {
  authorize(ctx.actor, planReportPolicy, 'save', { id: Number(r.id), organizationId: Number(r.organization_id) }, Number(r.id));
  assertEditable(r);
  const { set, issues, attachmentIds } = await checkEdits(tx, ctx, r, input);
  if (issues.length) throw badRequest(issues);
  const moved = await move(tx, ctx, planReportWorkflow, {
    id: Number(r.id),
    action,
    from: r.status,
    set: { ...set, updated_by: ctx.actor.userId },
    params: valueParams(set.value === undefined ? r.value : (set.value as number | null)),
    organizationId: Number(r.organization_id),
    audit: { before: { value: r.value, narrative: r.narrative }, after: { ...input } },
  });
  await replaceEvidence(tx, { id: Number(r.id), organizationId: Number(r.organization_id) }, attachmentIds);
  return moved.to;
}

export async function saveReport(deps: AppDeps, ctx: RequestContext, id: number, input: SaveReportInput): Promise<ReportDetailView> {
  await inTransaction(deps.database, async (tx) => saveReportIn(tx, ctx, await loadRow(tx, id), input));
  return getReport(deps, ctx, id);
}

/**
 * Hands a report in (saving any edits sent with it first). A report needs its value, a narrative and, for the
 * lead of a growth indicator without a baseline, the baseline value. The first submission after the deadline
 * marks the report late for good; a resubmission after a return is not late again — the unit handed in on time.
 */
export async function submitReport(deps: AppDeps, ctx: RequestContext, id: number, input: SaveReportInput, now = Date.now()): Promise<ReportDetailView> {
  await inTransaction(deps.database, async (tx) => {
    let r = await loadRow(tx, id);
    authorize(ctx.actor, planReportPolicy, 'submit', { id, organizationId: Number(r.organization_id) }, id);
    assertEditable(r);
    if (Object.values(input).some((v) => v !== undefined)) {
      await saveReportIn(tx, ctx, r, input);
      r = await loadRow(tx, id);
    }
    const issues: FieldIssue[] = [];
    if (r.value === null) issues.push({ path: 'value', reason: 'field.report.valueRequired' });
    if (!r.narrative?.trim()) issues.push({ path: 'narrative', reason: 'field.report.narrativeRequired' });
    if (baselineDue(r) && r.baseline_value === null)
      issues.push({ path: 'baselineValue', reason: 'field.report.baselineRequired', params: { year: r.baseline_year } });
    if (issues.length) throw badRequest(issues);
    const at = new Date(now).toISOString();
    const late = r.first_submitted_at === null ? (now >= Date.parse(r.deadline_at) ? 1 : 0) : r.late;
    await move(tx, ctx, planReportWorkflow, {
      id,
      action: 'submit',
      from: r.status,
      set: { submitted_at: at, first_submitted_at: r.first_submitted_at ?? at, submission_count: r.submission_count + 1, late, updated_by: ctx.actor.userId },
      params: valueParams(r.value),
      organizationId: Number(r.organization_id),
      // The audit trail tells a report handed in again after a return from its first submission.
      audit: { action: r.submission_count > 0 ? 'resubmit' : 'submit', after: { value: r.value, baselineValue: r.baseline_value, late: late === 1 } },
    });
  });
  return getReport(deps, ctx, id);
}

/** The office sends a submitted report back with its reason; the unit is told in the same transaction. */
export async function returnReport(deps: AppDeps, ctx: RequestContext, id: number, reason: string): Promise<ReportDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const r = await loadRow(tx, id);
    authorize(ctx.actor, planReportPolicy, 'return', { id, organizationId: Number(r.organization_id) }, id);
    await move(tx, ctx, planReportWorkflow, {
      id,
      action: 'return',
      from: r.status,
      set: { returned_at: nowIso(), return_reason: reason, decided_by: ctx.actor.userId },
      reasons: [reason],
      params: valueParams(null),
      organizationId: Number(r.organization_id),
      audit: { after: { reason } },
      // A report can be returned more than once: each return is its own notice.
      notify: (m) => ({
        organizationId: Number(r.organization_id),
        kind: 'plan_report_returned',
        params: { indicator: r.indicator_name, period: r.period, reason },
        link: `/plan/reports/${id}`,
        dedupeKey: `plan-report-returned:${id}:timeline:${m.timelineId}`,
      }),
    });
  });
  return getReport(deps, ctx, id);
}

/**
 * The office accepts a submitted report: from now on its value is an observation of the indicator, and a
 * baseline it carries becomes the indicator's reported baseline (once; a later one does not replace it).
 */
export async function acceptReport(deps: AppDeps, ctx: RequestContext, id: number): Promise<ReportDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const r = await loadRow(tx, id);
    authorize(ctx.actor, planReportPolicy, 'accept', { id, organizationId: Number(r.organization_id) }, id);
    const at = nowIso();
    await move(tx, ctx, planReportWorkflow, {
      id,
      action: 'accept',
      from: r.status,
      set: { accepted_at: at, decided_by: ctx.actor.userId },
      params: valueParams(r.value),
      organizationId: Number(r.organization_id),
      audit: { after: { value: r.value } },
      notify: {
        organizationId: Number(r.organization_id),
        kind: 'plan_report_accepted',
        params: { indicator: r.indicator_name, period: r.period },
        link: `/plan/reports/${id}`,
        dedupeKey: `plan-report-accepted:${id}`,
      },
    });
    // No foreign key to the report (a reference table may not point at a distributed one): the report was read in
    // this transaction and reports are never deleted, so the id stays the baseline's provenance.
    if (r.baseline_value !== null && baselineDue(r))
      await tx
        .insertInto('plan_reported_baselines')
        .values({ indicator_id: Number(r.indicator_id), value: Number(r.baseline_value), report_id: id, accepted_at: at })
        .onConflict((oc) => oc.column('indicator_id').doNothing())
        .execute();
  });
  return getReport(deps, ctx, id);
}

/** An evidence file of a report, for whoever may read the report (the office reads other units' files this way). Audited. */
export async function readReportEvidence(deps: AppDeps, ctx: RequestContext, id: number, attachmentId: number, download = false) {
  const db = deps.database.db;
  const r = await loadRow(db, id);
  authorize(ctx.actor, planReportPolicy, 'read', { id, organizationId: Number(r.organization_id) }, id);
  const cited = await db
    .selectFrom('plan_report_evidence')
    .select('attachment_id')
    .where('organization_id', '=', Number(r.organization_id))
    .where('report_id', '=', id)
    .where('attachment_id', '=', attachmentId)
    .executeTakeFirst();
  if (!cited) throw notFound();
  return openAttachment(deps, ctx, attachmentId, { record: { entity: 'plan_report', id }, download });
}
