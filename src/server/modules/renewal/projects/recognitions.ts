import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { fieldError, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { paginate } from '../../../http/pagination.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { recognitionPolicy } from '../policies/recognition.js';
import type { RecognitionInput, RecognitionListQuery, RecognitionView } from './schema.js';

function selectRecognitions(db: Queryable) {
  return db
    .selectFrom('renewal_recognitions as r')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .innerJoin('organizations as t', 't.id', 'r.town_id')
    .leftJoin('renewal_projects as p', (j) => j.onRef('p.organization_id', '=', 'r.organization_id').onRef('p.id', '=', 'r.project_id'))
    .selectAll('r')
    .select(['o.name as organization_name', 't.name as town_name', 'p.code as project_code', 'p.name as project_name']);
}
type RecognitionRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectRecognitions>['executeTakeFirst']>>>;

const toView = (r: RecognitionRow): RecognitionView => ({
  id: Number(r.id),
  kind: r.kind,
  level: r.level,
  title: r.title,
  recognizedOn: r.recognized_on,
  organizationId: Number(r.organization_id),
  organizationName: r.organization_name,
  projectId: r.project_id === null ? null : Number(r.project_id),
  projectCode: r.project_code,
  projectName: r.project_name,
  townId: Number(r.town_id),
  townName: r.town_name,
  note: r.note,
  isDemo: Number(r.is_demo) === 1,
  createdAt: r.created_at,
});

export async function listRecognitions(deps: AppDeps, ctx: RequestContext, q: RecognitionListQuery) {
  authorize(ctx.actor, recognitionPolicy, 'list', { grants: await grantsOf(deps.database.db, ctx.actor, 'renewal') });
  let base = selectRecognitions(deps.database.db);
  if (q.kind) base = base.where('r.kind', '=', q.kind);
  if (q.level) base = base.where('r.level', '=', q.level);
  if (q.townId) base = base.where('r.town_id', '=', q.townId);
  if (q.year) base = base.where('r.recognized_on', '>=', `${q.year}-01-01`).where('r.recognized_on', '<=', `${q.year}-12-31`);
  const column = q.sort === 'level' ? 'r.level' : 'r.recognized_on';
  const page = await paginate(base.clearSelect(), () => base.orderBy(column, q.order).orderBy('r.id', q.order), q);
  return { ...page, items: page.items.map(toView) };
}

/**
 * 市工信局 records a recognition of a project (which names its enterprise and town) or of an enterprise (its
 * registered town). A project or enterprise holds one recognition per kind and level.
 */
export async function createRecognition(deps: AppDeps, ctx: RequestContext, input: RecognitionInput): Promise<RecognitionView> {
  const id = await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, recognitionPolicy, 'create', { grants: await grantsOf(tx, ctx.actor, 'renewal') });
    let organizationId: number;
    let townId: number;
    if (input.projectId) {
      const p = await tx.selectFrom('renewal_projects').select(['organization_id', 'town_id']).where('id', '=', input.projectId).executeTakeFirst();
      if (!p) throw fieldError('projectId', 'field.renewal.projects.notAProject');
      organizationId = Number(p.organization_id);
      townId = Number(p.town_id);
    } else {
      if (!input.organizationId) throw fieldError('organizationId', 'field.renewal.projects.recognitionHolder');
      const o = await tx
        .selectFrom('organizations')
        .select(['id', 'town_id'])
        .where('id', '=', input.organizationId)
        .where('kind', '=', 'enterprise')
        .executeTakeFirst();
      if (!o || o.town_id === null) throw fieldError('organizationId', 'field.renewal.projects.notAnEnterprise');
      organizationId = Number(o.id);
      townId = Number(o.town_id);
    }
    let same = tx
      .selectFrom('renewal_recognitions')
      .select('id')
      .where('kind', '=', input.kind)
      .where('level', '=', input.level)
      .where('organization_id', '=', organizationId);
    same = input.projectId ? same.where('project_id', '=', input.projectId) : same.where('project_id', 'is', null);
    if (await same.executeTakeFirst()) throw fieldError('level', 'field.renewal.projects.alreadyRecognised');
    const row = await tx
      .insertInto('renewal_recognitions')
      .values({
        kind: input.kind,
        level: input.level,
        title: input.title,
        recognized_on: input.recognizedOn,
        organization_id: organizationId,
        project_id: input.projectId ?? null,
        town_id: townId,
        note: input.note ?? null,
        created_by: ctx.actor.userId!,
        is_demo: 0,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx, {
      entity: 'renewal_recognition',
      entityId: Number(row.id),
      action: 'create',
      organizationId,
      after: { ...input, organizationId, townId },
    });
    return Number(row.id);
  });
  return toView((await selectRecognitions(deps.database.db).where('r.id', '=', id).executeTakeFirstOrThrow()) as RecognitionRow);
}

/** A recognition recorded by mistake is withdrawn (audited with what it said). */
export async function removeRecognition(deps: AppDeps, ctx: RequestContext, id: number): Promise<void> {
  await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, recognitionPolicy, 'remove', { grants: await grantsOf(tx, ctx.actor, 'renewal') }, id);
    const r = await tx.selectFrom('renewal_recognitions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound();
    await tx.deleteFrom('renewal_recognitions').where('id', '=', id).execute();
    await appendAudit(tx, ctx, { entity: 'renewal_recognition', entityId: id, action: 'remove', organizationId: Number(r.organization_id), before: r });
  });
}
