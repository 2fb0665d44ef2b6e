import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { enter } from '../../../core/workflow.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { paginate } from '../../../http/pagination.js';
import { openAttachment, type OpenedFile } from '../../platform/attachments/service.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { timelineOf } from '../../platform/timeline/timeline.js';
import { loose, type AnyClaimSpec, type ClaimRow } from './model.js';
import { evidenceOf, filterClaims, selectClaims, sortClaims, toClaimView } from './queries.js';
import type { ClaimListQuery } from './schema.js';
import { EDITABLE } from './workflow.js';

type Input = { organizationId?: number | undefined; evidence: number[]; note?: string | null | undefined };

export async function loadClaim(db: Queryable, spec: AnyClaimSpec, id: number): Promise<ClaimRow> {
  const row = (await selectClaims(db, spec).where('c.id', '=', id).executeTakeFirst()) as ClaimRow | undefined;
  if (!row) throw notFound();
  return row;
}

/** What the policy looks at: the actor's grants in the model's domain and, once loaded, whose record it is and who recorded it. */
export const recordOf = async (db: Queryable, ctx: RequestContext, spec: AnyClaimSpec, row?: ClaimRow) => ({
  grants: await grantsOf(db, ctx.actor, spec.domain),
  ...(row === undefined ? {} : { organization_id: Number(row.organization_id), created_by: Number(row.created_by) }),
});

/** Whose record it is: an enterprise's own; the confirmer names an enterprise-kind organisation (a body without an account). */
async function organizationFor(tx: Tx, ctx: RequestContext, input: Input): Promise<number> {
  if (ctx.actor.role === 'enterprise') return ctx.actor.organizationId!;
  const org = input.organizationId
    ? await tx.selectFrom('organizations').select('id').where('id', '=', input.organizationId).where('kind', '=', 'enterprise').executeTakeFirst()
    : undefined;
  if (!org) throw badRequest([{ path: 'organizationId', reason: 'field.renewal.standards.notAnEnterprise' }]);
  return Number(org.id);
}

/** Evidence files must be the organisation's own uploads (or the recording confirmer's). */
async function checkEvidence(tx: Tx, ctx: RequestContext, evidence: number[], organizationId: number): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const [i, id] of evidence.entries()) {
    const a = await tx.selectFrom('attachments').select('organization_id').where('id', '=', id).executeTakeFirst();
    const owner = a ? Number(a.organization_id) : null;
    if (owner === null || (owner !== organizationId && owner !== ctx.actor.organizationId))
      issues.push({ path: `evidence.${i}`, reason: 'field.renewal.standards.evidenceInvalid' });
  }
  return issues;
}

async function checkAll(tx: Tx, ctx: RequestContext, spec: AnyClaimSpec, input: Input, organizationId: number, id: number | null) {
  const issues = [...(await spec.check(tx, input, organizationId, id)), ...(await checkEvidence(tx, ctx, input.evidence, organizationId))];
  if (issues.length) throw badRequest(issues);
}

/**
 * Two requests racing past the duplicate check (the same R&D year twice, one certificate number from two tabs):
 * the database's unique index keeps one, and the other gets the field-level 409 the check gives, not a 500.
 */
async function refusingDuplicates<T>(deps: AppDeps, ctx: RequestContext, spec: AnyClaimSpec, input: Input, id: number | null, write: () => Promise<T>) {
  try {
    return await write();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    await inTransaction(deps.database, async (tx) => {
      const organizationId = id === null ? await organizationFor(tx, ctx, input) : Number((await loadClaim(tx, spec, id)).organization_id);
      await spec.check(tx, input, organizationId, id);
    });
    throw err;
  }
}

/** An enterprise records a draft of its own (or the confirmer one for a body without an account). */
export async function createClaim(deps: AppDeps, ctx: RequestContext, spec: AnyClaimSpec, input: Input) {
  const id = await refusingDuplicates(deps, ctx, spec, input, null, () =>
    inTransaction(deps.database, async (tx) => {
      authorize(ctx.actor, spec.policy, 'create', await recordOf(tx, ctx, spec));
      const organizationId = await organizationFor(tx, ctx, input);
      await checkAll(tx, ctx, spec, input, organizationId, null);
      const now = nowIso();
      const row = await loose(tx)
        .insertInto(spec.table)
        .values({
          ...spec.columns(input),
          organization_id: organizationId,
          status: 'draft',
          evidence_json: JSON.stringify([...new Set(input.evidence)]),
          note: input.note ?? null,
          created_by: ctx.actor.userId,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const newId = Number(row.id);
      await spec.holdKeys?.(tx, { id: newId, organizationId, columns: spec.columns(input) });
      await enter(tx, ctx, spec.workflow, {
        id: newId,
        action: 'draft',
        organizationId,
        audit: { after: { ...spec.columns(input), evidence: input.evidence } },
      });
      return newId;
    }),
  );
  return getClaim(deps, ctx, spec, id);
}

/** The organisation edits its draft, or a record returned or withdrawn, before submitting (again). */
export async function updateClaim(deps: AppDeps, ctx: RequestContext, spec: AnyClaimSpec, id: number, input: Input) {
  await refusingDuplicates(deps, ctx, spec, input, id, () =>
    inTransaction(deps.database, async (tx) => {
      const row = await loadClaim(tx, spec, id);
      const organizationId = Number(row.organization_id);
      authorize(ctx.actor, spec.policy, 'update', await recordOf(tx, ctx, spec, row), id);
      if (!(EDITABLE as readonly string[]).includes(row.status)) throw badRequest([{ path: 'status', reason: 'field.renewal.standards.notEditable' }]);
      await checkAll(tx, ctx, spec, input, organizationId, id);
      const changed = await loose(tx)
        .updateTable(spec.table)
        .set({ ...spec.columns(input), evidence_json: JSON.stringify([...new Set(input.evidence)]), note: input.note ?? null, updated_at: nowIso() })
        .where('id', '=', id)
        .where('status', '=', row.status)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1) throw badRequest([{ path: 'status', reason: 'field.renewal.standards.notEditable' }]);
      await spec.holdKeys?.(tx, { id, organizationId, columns: spec.columns(input) }, row);
      await appendAudit(tx, ctx, {
        entity: spec.workflow.kind,
        entityId: id,
        action: 'update',
        organizationId,
        before: { ...spec.view(row), evidence: evidenceOf(row) },
        after: { ...spec.columns(input), evidence: input.evidence },
      });
    }),
  );
  return getClaim(deps, ctx, spec, id);
}

/** The enterprise's own records (mine) or every organisation's but drafts (officials), paged, filtered, sorted. */
export async function listClaims(deps: AppDeps, ctx: RequestContext, spec: AnyClaimSpec, q: ClaimListQuery & Record<string, unknown>) {
  const db = deps.database.db;
  const record = await recordOf(db, ctx, spec);
  const mine = ctx.actor.role === 'enterprise';
  authorize(ctx.actor, spec.policy, mine ? 'listMine' : 'listAll', record);
  const base = mine
    ? selectClaims(db, spec).where('c.organization_id', '=', ctx.actor.organizationId ?? -1)
    : // A draft is its organisation's own until submitted; the confirmer sees the drafts it recorded itself.
      selectClaims(db, spec).where((eb) => eb.or([eb('c.status', '!=', 'draft'), eb('c.created_by', '=', ctx.actor.userId ?? -1)]));
  const filtered = filterClaims(base, spec, q);
  const page = await paginate(filtered.clearSelect(), () => sortClaims(filtered, spec, q), q);
  return { ...page, items: (page.items as ClaimRow[]).map((r) => toClaimView(ctx.actor, spec, r, record.grants)) };
}

export async function getClaim(deps: AppDeps, ctx: RequestContext, spec: AnyClaimSpec, id: number) {
  const db = deps.database.db;
  const row = await loadClaim(db, spec, id);
  const record = await recordOf(db, ctx, spec, row);
  authorize(ctx.actor, spec.policy, 'read', record, id);
  if (row.status === 'draft' && ctx.actor.role !== 'enterprise' && Number(row.created_by) !== ctx.actor.userId) throw notFound();
  const ids = evidenceOf(row);
  const evidence = ids.length
    ? await db.selectFrom('attachments').select(['id', 'filename', 'mime_type', 'size_bytes']).where('id', 'in', ids).orderBy('id').execute()
    : [];
  const timeline = (await timelineOf(db, spec.workflow, id)).map((e) => ({
    at: e.at,
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorRole: e.actorRole,
    note: e.note,
    reasons: e.reasons,
  }));
  return {
    ...toClaimView(ctx.actor, spec, row, record.grants),
    evidence: evidence.map((a) => ({ id: Number(a.id), filename: a.filename, mimeType: a.mime_type, sizeBytes: Number(a.size_bytes) })),
    timeline,
  };
}

/** An evidence file, opened through its record by anyone who may read the record (audited as viewed). */
export async function openClaimEvidence(
  deps: AppDeps,
  ctx: RequestContext,
  spec: AnyClaimSpec,
  id: number,
  attachmentId: number,
  download?: boolean,
): Promise<OpenedFile> {
  const db = deps.database.db;
  const row = await loadClaim(db, spec, id);
  authorize(ctx.actor, spec.policy, 'read', await recordOf(db, ctx, spec, row), id);
  if (!evidenceOf(row).includes(attachmentId)) throw notFound();
  return openAttachment(deps, ctx, attachmentId, { record: { entity: spec.workflow.kind, id, kind: 'evidence' }, download });
}
