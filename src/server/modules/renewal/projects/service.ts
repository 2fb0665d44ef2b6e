import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { enter } from '../../../core/workflow.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { paginate } from '../../../http/pagination.js';
import { isCodeOffered } from '../../platform/dictionaries/service.js';
import { grantsOf } from '../../platform/grants/service.js';
import { openAttachment, type OpenedFile } from '../../platform/attachments/service.js';
import { timelineOf } from '../../platform/timeline/timeline.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { projectPolicy } from '../policies/project.js';
import { equipmentOf, filterProjects, isOverAge, selectProjects, sortProjects, toProjectView, type ProjectRow } from './queries.js';
import type { ProjectDetail, ProjectInput, ProjectListQuery } from './schema.js';
import { bumpDataVersion } from '../../platform/dataVersions/versions.js';
import { RENEWAL_DATA_VERSION } from '../overview/version.js';
import { projectWorkflow } from './workflow.js';
import { holdProjectCodes } from './codes.js';

export const projectCode = (year: number, id: number) => `RP-${year}-${String(id).padStart(6, '0')}`;

export async function loadProject(db: Queryable, id: number): Promise<ProjectRow> {
  const p = await selectProjects(db).where('p.id', '=', id).executeTakeFirst();
  if (!p) throw notFound();
  return p;
}

export const recordOf = async (db: Queryable, ctx: RequestContext, p: ProjectRow) => ({
  grants: await grantsOf(db, ctx.actor, 'renewal'),
  organization_id: Number(p.organization_id),
  town_id: Number(p.town_id),
});

/** The checks a registration or an edit passes besides its schema, by field: codes offered, amounts and dates in order. */
async function checkProject(tx: Tx, input: ProjectInput): Promise<void> {
  const issues: FieldIssue[] = [];
  const town = await tx.selectFrom('organizations').select('id').where('id', '=', input.townId).where('kind', '=', 'town').executeTakeFirst();
  if (!town) issues.push({ path: 'townId', reason: 'field.renewal.projects.notATown' });
  if (!(await isCodeOffered(tx, 'industry', input.industry))) issues.push({ path: 'industry', reason: 'field.renewal.projects.codeNotOffered' });
  if (input.plannedEquipmentFen > input.plannedInvestmentFen) issues.push({ path: 'plannedEquipmentFen', reason: 'field.renewal.projects.equipmentOverTotal' });
  if (input.plannedEnd < input.plannedStart) issues.push({ path: 'plannedEnd', reason: 'field.renewal.projects.endBeforeStart' });
  for (const [i, e] of input.newEquipment.entries())
    if (e.equipmentCode && !(await isCodeOffered(tx, 'renewal_advanced_equipment', e.equipmentCode)))
      issues.push({ path: `newEquipment.${i}.equipmentCode`, reason: 'field.renewal.projects.codeNotOffered' });
  const listed = input.newEquipment.reduce((n, e) => n + (e.amountFen ?? 0), 0);
  if (listed > input.plannedEquipmentFen) issues.push({ path: 'newEquipment', reason: 'field.renewal.projects.equipmentRowsOverShare' });
  if (issues.length) throw badRequest(issues);
}

const columnsOf = (input: ProjectInput) => ({
  name: input.name,
  town_id: input.townId,
  sector: input.sector,
  industry: input.industry,
  type: input.type,
  year: Number(input.plannedStart.slice(0, 4)),
  planned_investment_fen: input.plannedInvestmentFen,
  planned_equipment_fen: input.plannedEquipmentFen,
  adds_land: input.addsLand ? 1 : 0,
  energy_saved_tce: input.energySavedTce ?? null,
  emissions_reduced_t: input.emissionsReducedT ?? null,
  planned_start: input.plannedStart,
  planned_end: input.plannedEnd,
  description: input.description ?? null,
});

/** Replaces a project's equipment rows with the input's, in order. */
export async function writeEquipment(
  tx: Tx,
  project: { id: number; organizationId: number },
  input: Pick<ProjectInput, 'oldEquipment' | 'newEquipment'>,
): Promise<void> {
  const { id: projectId, organizationId } = project;
  await tx.deleteFrom('renewal_project_old_equipment').where('organization_id', '=', organizationId).where('project_id', '=', projectId).execute();
  await tx.deleteFrom('renewal_project_new_equipment').where('organization_id', '=', organizationId).where('project_id', '=', projectId).execute();
  if (input.oldEquipment.length)
    await tx
      .insertInto('renewal_project_old_equipment')
      .values(
        input.oldEquipment.map((e, position) => ({
          organization_id: organizationId,
          project_id: projectId,
          position,
          name: e.name,
          count: e.count,
          years_in_service: e.yearsInService,
          is_machine_tool: e.isMachineTool ? 1 : 0,
        })),
      )
      .execute();
  if (input.newEquipment.length)
    await tx
      .insertInto('renewal_project_new_equipment')
      .values(
        input.newEquipment.map((e, position) => ({
          organization_id: organizationId,
          project_id: projectId,
          position,
          equipment_code: e.equipmentCode ?? null,
          name: e.name,
          count: e.count,
          amount_fen: e.amountFen ?? null,
          is_first_set: e.isFirstSet ? 1 : 0,
        })),
      )
      .execute();
}

/** An enterprise (or public body) registers a project as a draft of its own. */
export async function createProject(deps: AppDeps, ctx: RequestContext, input: ProjectInput): Promise<ProjectDetail> {
  authorize(ctx.actor, projectPolicy, 'create');
  const id = await inTransaction(deps.database, async (tx) => {
    await checkProject(tx, input);
    const now = nowIso();
    const columns = columnsOf(input);
    const row = await tx
      .insertInto('renewal_projects')
      .values({
        ...columns,
        // Replaced at once by the code the id gives (and held in renewal_project_codes then); unique meanwhile.
        code: `pending-${now}-${ctx.actor.userId}-${Math.random().toString(36).slice(2)}`,
        organization_id: ctx.actor.organizationId!,
        status: 'draft',
        origin: 'registered',
        actual_investment_fen: null,
        actual_equipment_fen: null,
        simplified: 0,
        skipped_step: null,
        started_on: null,
        completed_on: null,
        evidence_json: null,
        return_reason: null,
        returned_from: null,
        submitted_at: null,
        town_checked_at: null,
        town_checked_by: null,
        approved_at: null,
        approved_by: null,
        approved_by_organization_id: null,
        created_by: ctx.actor.userId,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pid = Number(row.id);
    const organizationId = ctx.actor.organizationId!;
    const code = projectCode(columns.year, pid);
    await tx.updateTable('renewal_projects').set({ code }).where('organization_id', '=', organizationId).where('id', '=', pid).execute();
    await holdProjectCodes(tx, [{ code, organizationId, projectId: pid }]);
    await writeEquipment(tx, { id: pid, organizationId }, input);
    await enter(tx, ctx, projectWorkflow, {
      id: pid,
      action: 'draft',
      organizationId: ctx.actor.organizationId,
      audit: { after: { name: input.name, plannedInvestmentFen: input.plannedInvestmentFen, townId: input.townId } },
    });
    return pid;
  });
  return getProject(deps, ctx, id);
}

/** The enterprise edits its draft, or a project returned to it, before submitting (again). */
export async function updateProject(deps: AppDeps, ctx: RequestContext, id: number, input: ProjectInput): Promise<ProjectDetail> {
  await inTransaction(deps.database, async (tx) => {
    const p = await loadProject(tx, id);
    authorize(ctx.actor, projectPolicy, 'update', await recordOf(tx, ctx, p), id);
    if (p.status !== 'draft' && p.status !== 'returned') throw badRequest([{ path: 'status', reason: 'field.renewal.projects.notEditable' }]);
    await checkProject(tx, input);
    const columns = columnsOf(input);
    const changed = await tx
      .updateTable('renewal_projects')
      .set({ ...columns, updated_at: nowIso() })
      .where('id', '=', id)
      .where('status', '=', p.status)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw badRequest([{ path: 'status', reason: 'field.renewal.projects.notEditable' }]);
    await writeEquipment(tx, { id, organizationId: Number(p.organization_id) }, input);
    // A returned project is in the overview: its edit changes the figures (a draft's does not, but costs nothing).
    await bumpDataVersion(tx, RENEWAL_DATA_VERSION);
    await appendAudit(tx, ctx, {
      entity: 'renewal_project',
      entityId: id,
      action: 'update',
      organizationId: Number(p.organization_id),
      before: { name: p.name, plannedInvestmentFen: Number(p.planned_investment_fen), plannedEquipmentFen: Number(p.planned_equipment_fen) },
      after: { name: input.name, plannedInvestmentFen: input.plannedInvestmentFen, plannedEquipmentFen: input.plannedEquipmentFen },
    });
  });
  return getProject(deps, ctx, id);
}

async function pageOfProjects(deps: AppDeps, ctx: RequestContext, base: ReturnType<typeof selectProjects>, q: ProjectListQuery) {
  const grants = await grantsOf(deps.database.db, ctx.actor, 'renewal');
  const filtered = filterProjects(base, q);
  const page = await paginate(filtered.clearSelect(), () => sortProjects(filtered, q), q);
  return { ...page, items: page.items.map((p) => toProjectView(ctx.actor, p, grants)) };
}

export async function listMyProjects(deps: AppDeps, ctx: RequestContext, q: ProjectListQuery) {
  authorize(ctx.actor, projectPolicy, 'listMine');
  return pageOfProjects(deps, ctx, selectProjects(deps.database.db).where('p.organization_id', '=', ctx.actor.organizationId ?? -1), q);
}

/** The town's projects; drafts stay the enterprise's own until submitted. */
export async function listTownProjects(deps: AppDeps, ctx: RequestContext, q: ProjectListQuery) {
  authorize(ctx.actor, projectPolicy, 'listTown');
  const base = selectProjects(deps.database.db)
    .where('p.town_id', '=', ctx.actor.organizationId ?? -1)
    .where('p.status', '!=', 'draft');
  return pageOfProjects(deps, ctx, base, q);
}

/** Every submitted project (the department's queue and the library), for the renewal supervisors. */
export async function listAllProjects(deps: AppDeps, ctx: RequestContext, q: ProjectListQuery) {
  authorize(ctx.actor, projectPolicy, 'listAll', { grants: await grantsOf(deps.database.db, ctx.actor, 'renewal') });
  return pageOfProjects(deps, ctx, selectProjects(deps.database.db).where('p.status', '!=', 'draft'), q);
}

export async function getProject(deps: AppDeps, ctx: RequestContext, id: number): Promise<ProjectDetail> {
  const db = deps.database.db;
  const p = await loadProject(db, id);
  const record = await recordOf(db, ctx, p);
  authorize(ctx.actor, projectPolicy, 'read', record, id);
  // A town sees a project once it is submitted; a draft is the enterprise's own.
  if (ctx.actor.role === 'town' && p.status === 'draft') throw notFound();
  const years = await deps.parameters.get('renewal.oldMachineToolYears');
  const { old, fresh } = await equipmentOf(db, { id, organizationId: Number(p.organization_id) });
  const evidenceIds = p.evidence_json ? (JSON.parse(p.evidence_json) as number[]) : [];
  const evidence = evidenceIds.length
    ? await db.selectFrom('attachments').select(['id', 'filename', 'mime_type', 'size_bytes']).where('id', 'in', evidenceIds).orderBy('id').execute()
    : [];
  const timeline = (await timelineOf(db, projectWorkflow, id)).map((e) => ({
    at: e.at,
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorRole: e.actorRole,
    note: e.note,
    reasons: e.reasons,
  }));
  return {
    ...toProjectView(ctx.actor, p, record.grants),
    description: p.description,
    oldEquipment: old.map((e) => ({
      name: e.name,
      count: Number(e.count),
      yearsInService: Number(e.years_in_service),
      isMachineTool: Number(e.is_machine_tool) === 1,
      overAge: isOverAge(e, years),
    })),
    newEquipment: fresh.map((e) => ({
      equipmentCode: e.equipment_code,
      name: e.name,
      count: Number(e.count),
      amountFen: e.amount_fen === null ? null : Number(e.amount_fen),
      isFirstSet: Number(e.is_first_set) === 1,
    })),
    evidence: evidence.map((a) => ({ id: Number(a.id), filename: a.filename, mimeType: a.mime_type, sizeBytes: Number(a.size_bytes) })),
    oldMachineToolYears: years,
    timeline,
  };
}

/** A completion evidence file, opened through the project by anyone who may read the project (audited as viewed). */
export async function openEvidence(deps: AppDeps, ctx: RequestContext, id: number, attachmentId: number, download?: boolean): Promise<OpenedFile> {
  const db = deps.database.db;
  const p = await loadProject(db, id);
  authorize(ctx.actor, projectPolicy, 'read', await recordOf(db, ctx, p), id);
  const ids = p.evidence_json ? (JSON.parse(p.evidence_json) as number[]) : [];
  if (!ids.includes(attachmentId)) throw notFound();
  return openAttachment(deps, ctx, attachmentId, { record: { entity: 'renewal_project', id, kind: 'completion_evidence' }, download });
}
