import type { RequestContext } from '../../../core/context.js';
import { enterMany } from '../../../core/workflow.js';
import type { Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import type { Parsed } from './import.js';
import { projectCode } from './service.js';
import { projectWorkflow } from './workflow.js';
import { holdProjectCodes } from './codes.js';

/**
 * Writes checked rows of an import into the library, in the import's transaction: one multi-row insert, one update
 * giving the rows without a code of their own a project code (it needs the id), and their timeline entries and
 * audit records in a batch — a few statements per chunk instead of seven per project (bench/renewal). Rows are
 * matched to their ids by code: a temporary one, unique to the job and row, until the update. Every final code is
 * then held in renewal_project_codes in one more insert (a code taken meanwhile fails the import there).
 */
export async function writeProjects(tx: Tx, ctx: RequestContext, jobId: number, rows: readonly Parsed[]): Promise<void> {
  const now = nowIso();
  const codeOf = (p: Parsed) => p.code ?? `pending-${jobId}-${p.row}`;
  const inserted = await tx
    .insertInto('renewal_projects')
    .values(
      rows.map((p) => ({
        code: codeOf(p),
        name: p.name,
        organization_id: p.organizationId,
        town_id: p.townId,
        sector: p.sector,
        industry: p.industry,
        type: p.type,
        status: p.startedOn ? ('under_construction' as const) : ('in_library' as const),
        origin: 'imported' as const,
        year: Number(p.plannedStart.slice(0, 4)),
        planned_investment_fen: p.planned,
        planned_equipment_fen: p.equipment,
        actual_investment_fen: null,
        actual_equipment_fen: null,
        adds_land: p.addsLand ? 1 : 0,
        simplified: 0,
        skipped_step: null,
        energy_saved_tce: p.energy,
        emissions_reduced_t: p.emissions,
        planned_start: p.plannedStart,
        planned_end: p.plannedEnd,
        started_on: p.startedOn,
        completed_on: null,
        description: null,
        evidence_json: null,
        return_reason: null,
        returned_from: null,
        submitted_at: null,
        town_checked_at: null,
        town_checked_by: null,
        approved_at: now,
        approved_by: ctx.actor.userId,
        approved_by_organization_id: ctx.actor.organizationId,
        created_by: ctx.actor.userId,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })),
    )
    .returning(['id', 'code'])
    .execute();
  const idOf = new Map(inserted.map((r) => [r.code, Number(r.id)]));
  const ids = rows.map((p) => idOf.get(codeOf(p))!);
  const uncoded = rows.flatMap((p, i) => (p.code ? [] : [{ id: ids[i]!, code: projectCode(Number(p.plannedStart.slice(0, 4)), ids[i]!) }]));
  const [first, ...rest] = uncoded;
  if (first)
    await tx
      .updateTable('renewal_projects')
      .set((eb) => {
        let code = eb.case().when('id', '=', first.id).then(first.code);
        for (const u of rest) code = code.when('id', '=', u.id).then(u.code);
        return { code: code.else(eb.ref('code')).end() };
      })
      .where(
        'id',
        'in',
        uncoded.map((u) => u.id),
      )
      .execute();
  await holdProjectCodes(
    tx,
    rows.map((p, i) => ({ code: p.code ?? projectCode(Number(p.plannedStart.slice(0, 4)), ids[i]!), organizationId: p.organizationId, projectId: ids[i]! })),
  );
  await enterMany(
    tx,
    ctx,
    projectWorkflow,
    rows.map((p, i) => ({
      id: ids[i]!,
      action: p.startedOn ? ('importStarted' as const) : ('import' as const),
      organizationId: p.organizationId,
      params: { importId: jobId, row: p.row },
    })),
  );
}
