import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { move, type MoveInput, type Moved, type WorkflowNotification } from '../../../core/workflow.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import type { ProjectStatus } from '../../../../shared/enums/renewalProjects.js';
import { grantedOrganizations } from '../../platform/grants/service.js';
import { projectPolicy } from '../policies/project.js';
import type { ProjectRow } from './queries.js';
import type { CompleteInput } from './schema.js';
import { getProject, loadProject, recordOf } from './service.js';
import { projectWorkflow, type ProjectAction } from './workflow.js';

type ProjectMove = Omit<MoveInput<'renewal_projects', ProjectAction>, 'id' | 'action' | 'from'>;
type Audience = 'enterprise' | 'town' | 'managers';

const LINKS: Record<Audience, string> = {
  enterprise: '/renewal/projects/mine',
  town: '/renewal/projects/town',
  managers: '/renewal/projects/library',
};

/** Who hears of a move: each organisation once per timeline entry. */
async function notices(tx: Tx, p: ProjectRow, kind: string, audiences: Audience[], params: Record<string, string | number> = {}) {
  const organizations: [Audience, number][] = [];
  for (const a of audiences) {
    if (a === 'enterprise') organizations.push([a, Number(p.organization_id)]);
    if (a === 'town') organizations.push([a, Number(p.town_id)]);
    if (a === 'managers') for (const id of await grantedOrganizations(tx, 'renewal', 'manage')) organizations.push([a, id]);
  }
  return (m: Moved<ProjectStatus>): WorkflowNotification[] =>
    organizations.map(([a, organizationId]) => ({
      userId: null,
      organizationId,
      kind,
      params: { code: p.code, name: p.name, ...params },
      link: `${LINKS[a]}?id=${p.id}`,
      dedupeKey: `renewal:project:${p.id}:timeline:${m.timelineId}:${organizationId}`,
    }));
}

async function moveTo(tx: Tx, ctx: RequestContext, p: ProjectRow, action: ProjectAction, rec: ProjectMove) {
  return move(tx, ctx, projectWorkflow, { id: Number(p.id), action, from: p.status, organizationId: Number(p.organization_id), ...rec });
}

/** Whether the project qualifies for the simplified path: no new land, and equipment at least the configured share. */
export function qualifiesForSimplified(p: Pick<ProjectRow, 'adds_land' | 'planned_investment_fen' | 'planned_equipment_fen'>, sharePercent: number): boolean {
  const total = Number(p.planned_investment_fen);
  return Number(p.adds_land) === 0 && total > 0 && Number(p.planned_equipment_fen) * 100 >= sharePercent * total;
}

/**
 * The enterprise submits its draft (or a returned project). A project that adds no land and mainly replaces
 * equipment takes the simplified path when the office has it skip the town check: it waits for the department
 * at once, and says so.
 */
export async function submitProject(deps: AppDeps, ctx: RequestContext, id: number) {
  const skip = await deps.parameters.get('renewal.simplifiedSkipStep');
  const share = await deps.parameters.get('renewal.simplifiedEquipmentSharePercent');
  await inTransaction(deps.database, async (tx) => {
    const p = await loadProject(tx, id);
    authorize(ctx.actor, projectPolicy, 'submit', await recordOf(tx, ctx, p), id);
    const simplified = skip === 'town_check' && qualifiesForSimplified(p, share);
    const set = {
      submitted_at: nowIso(),
      simplified: simplified ? 1 : 0,
      skipped_step: simplified ? ('town_check' as const) : null,
      return_reason: null,
      returned_from: null,
    };
    if (simplified)
      await moveTo(tx, ctx, p, 'submitSimplified', {
        set,
        params: { skipped: 'town_check', equipmentSharePercent: share },
        audit: { after: { simplified: true, skipped: 'town_check' } },
        notify: await notices(tx, p, 'renewal_project_awaiting_approval', ['managers']),
      });
    else await moveTo(tx, ctx, p, 'submit', { set, notify: await notices(tx, p, 'renewal_project_submitted', ['town']) });
  });
  return getProject(deps, ctx, id);
}

/** The project's town passes it on to the department. */
export async function townPassProject(deps: AppDeps, ctx: RequestContext, id: number, note?: string) {
  await inTransaction(deps.database, async (tx) => {
    const p = await loadProject(tx, id);
    authorize(ctx.actor, projectPolicy, 'townCheck', await recordOf(tx, ctx, p), id);
    await moveTo(tx, ctx, p, 'townPass', {
      set: { town_checked_at: nowIso(), town_checked_by: ctx.actor.userId },
      note: note ?? null,
      notify: await notices(tx, p, 'renewal_project_awaiting_approval', ['managers']),
    });
  });
  return getProject(deps, ctx, id);
}

async function returnProject(deps: AppDeps, ctx: RequestContext, id: number, reason: string, action: 'townReturn' | 'departmentReturn') {
  await inTransaction(deps.database, async (tx) => {
    const p = await loadProject(tx, id);
    authorize(ctx.actor, projectPolicy, action === 'townReturn' ? 'townCheck' : 'approve', await recordOf(tx, ctx, p), id);
    const from = action === 'townReturn' ? 'town_check' : 'approval';
    await moveTo(tx, ctx, p, action, {
      set: { return_reason: reason, returned_from: from },
      reasons: [reason],
      notify: await notices(tx, p, 'renewal_project_returned', ['enterprise'], { reason }),
    });
  });
  return getProject(deps, ctx, id);
}

export const townReturnProject = (deps: AppDeps, ctx: RequestContext, id: number, reason: string) => returnProject(deps, ctx, id, reason, 'townReturn');
export const departmentReturnProject = (deps: AppDeps, ctx: RequestContext, id: number, reason: string) =>
  returnProject(deps, ctx, id, reason, 'departmentReturn');

/** The renewal manager (市工信局 by default) approves the project into the project library (入库). */
export async function approveProject(deps: AppDeps, ctx: RequestContext, id: number, note?: string) {
  await inTransaction(deps.database, async (tx) => {
    const p = await loadProject(tx, id);
    authorize(ctx.actor, projectPolicy, 'approve', await recordOf(tx, ctx, p), id);
    await moveTo(tx, ctx, p, 'approve', {
      set: { approved_at: nowIso(), approved_by: ctx.actor.userId, approved_by_organization_id: ctx.actor.organizationId },
      note: note ?? null,
      notify: await notices(tx, p, 'renewal_project_approved', ['enterprise', 'town']),
    });
  });
  return getProject(deps, ctx, id);
}

/** The enterprise marks construction started (the date it started, not in the future). */
export async function startProject(deps: AppDeps, ctx: RequestContext, id: number, startedOn: string) {
  if (startedOn > shanghaiDate()) throw badRequest([{ path: 'startedOn', reason: 'field.renewal.projects.dateInFuture' }]);
  await inTransaction(deps.database, async (tx) => {
    const p = await loadProject(tx, id);
    authorize(ctx.actor, projectPolicy, 'start', await recordOf(tx, ctx, p), id);
    await moveTo(tx, ctx, p, 'start', {
      set: { started_on: startedOn },
      params: { startedOn },
      notify: await notices(tx, p, 'renewal_project_started', ['town']),
    });
  });
  return getProject(deps, ctx, id);
}

/**
 * The enterprise completes (竣工) the project: the actual investment and its equipment share in fen, the date, and
 * evidence files its own accounts uploaded (acceptance report, invoices, photos).
 */
export async function completeProject(deps: AppDeps, ctx: RequestContext, id: number, input: CompleteInput) {
  await inTransaction(deps.database, async (tx) => {
    const p = await loadProject(tx, id);
    authorize(ctx.actor, projectPolicy, 'complete', await recordOf(tx, ctx, p), id);
    const issues: FieldIssue[] = [];
    if (input.completedOn > shanghaiDate()) issues.push({ path: 'completedOn', reason: 'field.renewal.projects.dateInFuture' });
    else if (p.started_on && input.completedOn < p.started_on)
      issues.push({ path: 'completedOn', reason: 'field.renewal.projects.completedBeforeStart', params: { date: p.started_on } });
    if (input.actualEquipmentFen > input.actualInvestmentFen) issues.push({ path: 'actualEquipmentFen', reason: 'field.renewal.projects.equipmentOverTotal' });
    for (const [i, attachmentId] of input.evidence.entries()) {
      const a = await tx.selectFrom('attachments').select('organization_id').where('id', '=', attachmentId).executeTakeFirst();
      if (!a || Number(a.organization_id) !== Number(p.organization_id))
        issues.push({ path: `evidence.${i}`, reason: 'field.renewal.projects.evidenceInvalid' });
    }
    if (issues.length) throw badRequest(issues);
    await moveTo(tx, ctx, p, 'complete', {
      set: {
        completed_on: input.completedOn,
        actual_investment_fen: input.actualInvestmentFen,
        actual_equipment_fen: input.actualEquipmentFen,
        evidence_json: JSON.stringify([...new Set(input.evidence)]),
        return_reason: null,
        returned_from: null,
      },
      params: { completedOn: input.completedOn, actualInvestmentFen: input.actualInvestmentFen },
      audit: { after: { actualInvestmentFen: input.actualInvestmentFen, actualEquipmentFen: input.actualEquipmentFen, evidence: input.evidence } },
      notify: await notices(tx, p, 'renewal_project_completed', ['town', 'managers']),
    });
  });
  return getProject(deps, ctx, id);
}

/**
 * The renewal manager returns a completion (竣工) it finds short — the investment not evidenced, the acceptance
 * missing — with its reason: the project is under construction again and its actual figures leave the completed
 * investment until the enterprise completes it again (its evidence files stay, to be added to).
 */
export async function returnCompletion(deps: AppDeps, ctx: RequestContext, id: number, reason: string) {
  await inTransaction(deps.database, async (tx) => {
    const p = await loadProject(tx, id);
    authorize(ctx.actor, projectPolicy, 'approve', await recordOf(tx, ctx, p), id);
    await moveTo(tx, ctx, p, 'returnCompletion', {
      set: { completed_on: null, actual_investment_fen: null, actual_equipment_fen: null, return_reason: reason, returned_from: 'completion' },
      reasons: [reason],
      audit: { before: { completedOn: p.completed_on, actualInvestmentFen: p.actual_investment_fen, actualEquipmentFen: p.actual_equipment_fen } },
      notify: await notices(tx, p, 'renewal_project_completion_returned', ['enterprise', 'town'], { reason }),
    });
  });
  return getProject(deps, ctx, id);
}
