import type { AppDeps } from '../../../core/deps.js';
import type { Actor, RequestContext } from '../../../core/context.js';
import { AppError, badRequest, fieldError, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { enter, move } from '../../../core/workflow.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { paginate, type Page } from '../../../http/pagination.js';
import { openAttachment, type OpenedFile } from '../../platform/attachments/service.js';
import type { Grants } from '../../platform/grants/policy.js';
import { grantsOf } from '../../platform/grants/service.js';
import { creditPolicy } from '../policies/credit.js';
import { personalDataIssues } from './privacy.js';
import { NOBODY } from './queries.js';
import type { ListViolationsQuery, ViolationInput, ViolationView } from './schema.js';
import { violationWorkflow } from './workflow.js';

/** Evidence must be the recording official's own uploads: nobody cites another person's file as what they found. */
async function evidenceIssues(db: Queryable, ctx: RequestContext, ids: readonly number[]): Promise<FieldIssue[]> {
  if (!ids.length) return [];
  const own = new Set(
    (
      await db
        .selectFrom('attachments')
        .select('id')
        .where('id', 'in', [...ids])
        .where('uploaded_by', '=', ctx.actor.userId ?? NOBODY)
        .execute()
    ).map((r) => Number(r.id)),
  );
  return ids.flatMap((a, i) => (own.has(a) ? [] : [{ path: `evidence.${i}`, reason: 'field.recycling.evidenceInvalid' as const }]));
}

/**
 * A department records a violation it found. What is published — the description and the penalty — is checked for
 * ID numbers, mobiles, VINs and whole plates first and refused with a field error; the recording official's
 * department is the issuing unit. Disclosed until the date given, or the violation date plus the parameter.
 */
export async function recordViolation(deps: AppDeps, ctx: RequestContext, input: ViolationInput): Promise<ViolationView> {
  authorize(ctx.actor, creditPolicy, 'recordViolation');
  const days = await deps.parameters.get('recycling.creditDisclosureDays');
  const id = await inTransaction(deps.database, async (tx) => {
    const dealer = await tx.selectFrom('recycling_dealers').select(['id', 'organization_id']).where('id', '=', input.dealerId).executeTakeFirst();
    if (!dealer) throw fieldError('dealerId', 'field.recycling.dealerUnknown');
    const issuer = ctx.actor.organizationId;
    if (issuer === null) throw fieldError('dealerId', 'field.recycling.violationNotDepartment');
    const discloseUntil = input.discloseUntil ?? addDays(input.occurredOn, days);
    const issues: FieldIssue[] = [
      ...personalDataIssues({ description: input.description, penaltyText: input.penaltyText }),
      ...(await evidenceIssues(tx, ctx, input.evidence)),
    ];
    if (input.occurredOn > shanghaiDate()) issues.push({ path: 'occurredOn', reason: 'field.recycling.violationInFuture' });
    if (discloseUntil < input.occurredOn) issues.push({ path: 'discloseUntil', reason: 'field.recycling.violationUntilBefore' });
    if (issues.length) throw badRequest(issues);
    const now = nowIso();
    const row = await tx
      .insertInto('recycling_dealer_violations')
      .values({
        dealer_id: input.dealerId,
        occurred_on: input.occurredOn,
        type: input.type,
        description: input.description,
        penalty_text: input.penaltyText,
        penalty_fen: input.penaltyFen,
        evidence_json: JSON.stringify([...new Set(input.evidence)]),
        issuing_organization_id: issuer,
        recorded_by: ctx.actor.userId,
        status: 'in_force',
        revoked_reason: null,
        revoked_at: null,
        disclose_until: discloseUntil,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const violationId = Number(row.id);
    await enter(tx, ctx, violationWorkflow, {
      id: violationId,
      action: 'record',
      organizationId: issuer,
      params: { dealerId: input.dealerId, type: input.type, occurredOn: input.occurredOn },
      audit: { after: { ...input, discloseUntil } },
      // The dealer hears of the record against it (its accounts, when it has any here).
      notify:
        dealer.organization_id === null
          ? null
          : (m) => ({
              userId: null,
              organizationId: Number(dealer.organization_id),
              kind: 'recycling_dealer_violation',
              params: { id: violationId, on: input.occurredOn },
              link: '/recycling/dealer-trades',
              dedupeKey: `recycling:dealer-violation:${violationId}:timeline:${m.timelineId}`,
            }),
    });
    return violationId;
  });
  return loadViolation(deps, ctx, id);
}

/** Revoked on appeal, with its reason: it no longer counts for the grade and leaves the public page. */
export async function revokeViolation(deps: AppDeps, ctx: RequestContext, id: number, reason: string): Promise<ViolationView> {
  await inTransaction(deps.database, async (tx) => {
    const v = await tx.selectFrom('recycling_dealer_violations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!v) throw notFound();
    const grants = await grantsOf(tx, ctx.actor, 'recycling');
    authorize(ctx.actor, creditPolicy, 'revokeViolation', { grants, issuingOrganizationId: Number(v.issuing_organization_id) }, id);
    if (v.status === 'revoked') throw new AppError(409, 'VIOLATION_REVOKED', 'error.VIOLATION_REVOKED');
    await move(tx, ctx, violationWorkflow, {
      id,
      action: 'revoke',
      from: v.status,
      set: { revoked_reason: reason, revoked_at: nowIso() },
      reasons: [reason],
      organizationId: Number(v.issuing_organization_id),
    });
  });
  return loadViolation(deps, ctx, id);
}

function violationRows(db: Queryable) {
  return db
    .selectFrom('recycling_dealer_violations as v')
    .innerJoin('recycling_dealers as d', 'd.id', 'v.dealer_id')
    .innerJoin('organizations as iu', 'iu.id', 'v.issuing_organization_id')
    .selectAll('v')
    .select(['d.name as dealer_name', 'd.credit_code', 'd.town_id', 'd.organization_id as dealer_organization_id', 'iu.name as issuing_unit']);
}
type ViolationRow = Awaited<ReturnType<ReturnType<typeof violationRows>['execute']>>[number];

async function toViews(db: Queryable, actor: Actor, grants: Grants, rows: ViolationRow[]): Promise<ViolationView[]> {
  const mayOpen = creditPolicy.can(actor, 'readEvidence');
  const ids = mayOpen ? [...new Set(rows.flatMap((r) => JSON.parse(r.evidence_json) as number[]))] : [];
  const files = ids.length
    ? new Map(
        (await db.selectFrom('attachments').select(['id', 'filename', 'mime_type', 'size_bytes']).where('id', 'in', ids).execute()).map((a) => [
          Number(a.id),
          { id: Number(a.id), filename: a.filename, mimeType: a.mime_type, sizeBytes: Number(a.size_bytes) },
        ]),
      )
    : new Map();
  return rows.map((r) => ({
    id: Number(r.id),
    dealerId: Number(r.dealer_id),
    dealerName: r.dealer_name,
    creditCode: r.credit_code,
    occurredOn: r.occurred_on,
    type: r.type,
    description: r.description,
    penaltyText: r.penalty_text,
    penaltyFen: r.penalty_fen === null ? null : Number(r.penalty_fen),
    issuingUnit: r.issuing_unit,
    issuingOrganizationId: Number(r.issuing_organization_id),
    status: r.status,
    revokedReason: r.revoked_reason,
    revokedAt: r.revoked_at,
    discloseUntil: r.disclose_until,
    evidence: mayOpen ? (JSON.parse(r.evidence_json) as number[]).flatMap((a) => (files.has(a) ? [files.get(a)!] : [])) : [],
    mayRevoke: r.status === 'in_force' && creditPolicy.can(actor, 'revokeViolation', { grants, issuingOrganizationId: Number(r.issuing_organization_id) }),
    isDemo: Number(r.is_demo) === 1,
    createdAt: r.created_at,
  }));
}

function visibleViolations(db: Queryable, actor: Actor) {
  const base = violationRows(db);
  if (actor.role === 'town') return base.where('d.town_id', '=', actor.organizationId ?? NOBODY);
  if (actor.role === 'enterprise' || actor.role === 'merchant' || actor.role === 'recycler')
    return base.where('d.organization_id', '=', actor.organizationId ?? NOBODY);
  return base;
}

export async function loadViolation(deps: AppDeps, ctx: RequestContext, id: number): Promise<ViolationView> {
  const db = deps.database.db;
  const row = await visibleViolations(db, ctx.actor).where('v.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  authorize(
    ctx.actor,
    creditPolicy,
    'readViolation',
    { dealerOrganizationId: row.dealer_organization_id === null ? null : Number(row.dealer_organization_id) },
    id,
  );
  return (await toViews(db, ctx.actor, await grantsOf(db, ctx.actor, 'recycling'), [row]))[0]!;
}

/** Violations, newest first (revoked ones too, marked): officials all, a town its town's dealers', a dealer its own. */
export async function listViolations(deps: AppDeps, ctx: RequestContext, q: ListViolationsQuery): Promise<Page<ViolationView>> {
  authorize(ctx.actor, creditPolicy, 'listViolations');
  const db = deps.database.db;
  let base = visibleViolations(db, ctx.actor);
  if (q.dealerId) base = base.where('v.dealer_id', '=', q.dealerId);
  if (q.status) base = base.where('v.status', '=', q.status);
  if (q.type) base = base.where('v.type', '=', q.type);
  const page = await paginate(base, (b) => b.orderBy('v.occurred_on', 'desc').orderBy('v.id', 'desc'), q);
  return { ...page, items: await toViews(db, ctx.actor, await grantsOf(db, ctx.actor, 'recycling'), page.items) };
}

/** An evidence file of a violation, for officials and auditors (uploaded by another unit's official). Audited. */
export async function readViolationEvidence(deps: AppDeps, ctx: RequestContext, id: number, attachmentId: number, download = false): Promise<OpenedFile> {
  authorize(ctx.actor, creditPolicy, 'readEvidence');
  const v = await deps.database.db.selectFrom('recycling_dealer_violations').select('evidence_json').where('id', '=', id).executeTakeFirst();
  if (!v || !(JSON.parse(v.evidence_json) as number[]).includes(attachmentId)) throw notFound();
  return openAttachment(deps, ctx, attachmentId, { record: { entity: 'recycling_dealer_violation', id }, download });
}
