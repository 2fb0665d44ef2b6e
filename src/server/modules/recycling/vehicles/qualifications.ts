import type { Selectable } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { Actor, RequestContext } from '../../../core/context.js';
import { AppError, fieldError, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { enter, move } from '../../../core/workflow.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { paginate } from '../../../http/pagination.js';
import type { DismantlingQualificationStanding } from '../../../../shared/enums/recyclingVehicles.js';
import type { Grants } from '../../platform/grants/policy.js';
import { grantsOf } from '../../platform/grants/service.js';
import { dismantlingQualificationPolicy } from '../policies/dismantlingQualification.js';
import type { QualificationView, RegisterQualificationInput } from './schema.js';
import type { DismantlingQualificationTable } from './tables.js';
import { dismantlingQualificationWorkflow } from './workflow.js';

type QualificationRow = Selectable<DismantlingQualificationTable> & { organization_name: string; vehicles: number | string | null };

function qualificationBase(db: Queryable) {
  return db
    .selectFrom('recycling_dismantling_qualifications as q')
    .innerJoin('organizations as o', 'o.id', 'q.organization_id')
    .selectAll('q')
    .select((eb) => [
      'o.name as organization_name',
      eb
        .selectFrom('recycling_scrapped_vehicles as v')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('v.qualification_id', '=', 'q.id')
        .as('vehicles'),
    ]);
}

/** An active qualification means something only inside its validity, by the Shanghai date. */
export function standingOf(
  q: Pick<DismantlingQualificationTable, 'status' | 'valid_from' | 'valid_to'>,
  today = shanghaiDate(),
): DismantlingQualificationStanding {
  if (q.status !== 'active') return q.status;
  if (today < q.valid_from) return 'not_yet_valid';
  if (today > q.valid_to) return 'expired';
  return 'valid';
}

function toView(r: QualificationRow, actor: Actor, grants: Grants): QualificationView {
  return {
    id: Number(r.id),
    organizationId: Number(r.organization_id),
    organizationName: r.organization_name,
    number: r.number,
    issuedBy: r.issued_by,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    status: r.status,
    standing: standingOf(r),
    revokedAt: r.revoked_at,
    revokedReason: r.revoked_reason,
    vehicles: Number(r.vehicles ?? 0),
    isDemo: Number(r.is_demo) === 1,
    createdAt: r.created_at,
    actions: r.status === 'active' && dismantlingQualificationPolicy.can(actor, 'revoke', { grants }) ? ['revoke'] : [],
  };
}

/** Supervisors see every qualification; a recycler its own organisation's. */
export async function listQualifications(
  deps: AppDeps,
  ctx: RequestContext,
  q: { page: number; pageSize: number; status?: DismantlingQualificationTable['status'] | undefined; organizationId?: number | undefined },
) {
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'recycling');
  authorize(ctx.actor, dismantlingQualificationPolicy, 'list', { grants });
  let base = qualificationBase(db);
  if (ctx.actor.role === 'recycler') base = base.where('q.organization_id', '=', ctx.actor.organizationId ?? -1);
  if (q.status) base = base.where('q.status', '=', q.status);
  if (q.organizationId) base = base.where('q.organization_id', '=', q.organizationId);
  const page = await paginate(base.clearSelect(), () => base.orderBy('q.id', 'desc'), q);
  return { ...page, items: page.items.map((r) => toView(r, ctx.actor, grants)) };
}

/** The qualification an organisation takes vehicles in under today, or why it may not. */
export async function qualificationStanding(db: Queryable, organizationId: number) {
  const rows = await qualificationBase(db).where('q.organization_id', '=', organizationId).orderBy('q.id', 'desc').execute();
  const active = rows.find((r) => r.status === 'active');
  const latest = active ?? rows[0];
  if (!latest) return { qualified: false, reason: 'none' as const, row: null };
  const standing = standingOf(latest);
  if (standing === 'valid') return { qualified: true, reason: null, row: latest };
  return { qualified: false, reason: standing === 'superseded' ? ('revoked' as const) : standing, row: latest };
}

export async function myQualification(deps: AppDeps, ctx: RequestContext) {
  authorize(ctx.actor, dismantlingQualificationPolicy, 'list');
  const s = await qualificationStanding(deps.database.db, ctx.actor.organizationId ?? -1);
  return { qualified: s.qualified, reason: s.reason, qualification: s.row ? toView(s.row, ctx.actor, { manage: false, confirmPayment: false }) : null };
}

/**
 * Only a qualified dismantling enterprise may take in a scrapped vehicle (报废机动车回收管理办法): 409 naming why
 * not — no qualification registered, not yet valid, expired, revoked.
 */
export async function requireQualified(tx: Tx, organizationId: number): Promise<{ id: number }> {
  const s = await qualificationStanding(tx, organizationId);
  if (!s.qualified || !s.row)
    throw new AppError(409, 'DISMANTLER_NOT_QUALIFIED', `error.recycling.dismantlerNotQualified.${s.reason ?? 'none'}`, {
      number: s.row?.number ?? '',
      validTo: s.row?.valid_to ?? '',
    });
  return { id: Number(s.row.id) };
}

/**
 * 市商务局 registers a recycler's qualification as the provincial department granted it. The organisation must be an
 * active enterprise with a recycler account. A newer qualification supersedes the one in force.
 */
export async function registerQualification(deps: AppDeps, ctx: RequestContext, input: RegisterQualificationInput) {
  if (input.validTo < input.validFrom) throw fieldError('validTo', 'field.recycling.vehicle.validityOrder');
  const id = await inTransaction(deps.database, async (tx) => {
    const grants = await grantsOf(tx, ctx.actor, 'recycling');
    authorize(ctx.actor, dismantlingQualificationPolicy, 'register', { grants, organization_id: input.organizationId });
    const org = await tx
      .selectFrom('organizations')
      .select(['id', 'name'])
      .where('id', '=', input.organizationId)
      .where('kind', '=', 'enterprise')
      .where('status', '=', 'active')
      .where((eb) =>
        eb.exists(eb.selectFrom('users').select('users.id').whereRef('users.organization_id', '=', 'organizations.id').where('users.role', '=', 'recycler')),
      )
      .executeTakeFirst();
    if (!org) throw fieldError('organizationId', 'field.recycling.vehicle.notARecycler');
    const current = await tx
      .selectFrom('recycling_dismantling_qualifications')
      .select(['id', 'number'])
      .where('organization_id', '=', input.organizationId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (current)
      await move(tx, ctx, dismantlingQualificationWorkflow, {
        id: Number(current.id),
        action: 'supersede',
        from: 'active',
        organizationId: input.organizationId,
        params: { by: input.number },
      });
    const now = nowIso();
    let row: { id: number };
    try {
      row = await tx
        .insertInto('recycling_dismantling_qualifications')
        .values({
          organization_id: input.organizationId,
          number: input.number,
          issued_by: input.issuedBy,
          valid_from: input.validFrom,
          valid_to: input.validTo,
          status: 'active',
          registered_by: ctx.actor.userId,
          revoked_at: null,
          revoked_reason: null,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    } catch (e) {
      if (isUniqueViolation(e))
        throw new AppError(409, 'DUPLICATE', 'error.DUPLICATE', { field: input.number }, [
          { path: 'number', reason: 'field.recycling.vehicle.qualificationNumberUsed' },
        ]);
      throw e;
    }
    const qid = Number(row.id);
    await enter(tx, ctx, dismantlingQualificationWorkflow, {
      id: qid,
      action: 'register',
      organizationId: input.organizationId,
      params: { number: input.number, validFrom: input.validFrom, validTo: input.validTo },
      audit: {
        after: { organizationId: input.organizationId, number: input.number, issuedBy: input.issuedBy, validFrom: input.validFrom, validTo: input.validTo },
      },
      notify: (m) => ({
        userId: null,
        organizationId: input.organizationId,
        kind: 'recycling_dismantling_qualified',
        params: { number: input.number, validTo: input.validTo },
        link: '/recycling/vehicles',
        dedupeKey: `recycling:qualification:${qid}:timeline:${m.timelineId}`,
      }),
    });
    return qid;
  });
  return loadQualification(deps, ctx, id);
}

export async function revokeQualification(deps: AppDeps, ctx: RequestContext, id: number, reason: string) {
  await inTransaction(deps.database, async (tx) => {
    const grants = await grantsOf(tx, ctx.actor, 'recycling');
    const q = await tx.selectFrom('recycling_dismantling_qualifications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!q) throw notFound();
    authorize(ctx.actor, dismantlingQualificationPolicy, 'revoke', { grants, organization_id: Number(q.organization_id) }, id);
    await move(tx, ctx, dismantlingQualificationWorkflow, {
      id,
      action: 'revoke',
      from: q.status,
      set: { revoked_at: nowIso(), revoked_reason: reason },
      reasons: [reason],
      organizationId: Number(q.organization_id),
      notify: (m) => ({
        userId: null,
        organizationId: Number(q.organization_id),
        kind: 'recycling_dismantling_revoked',
        params: { number: q.number, reasons: reason },
        link: '/recycling/vehicles',
        dedupeKey: `recycling:qualification:${id}:timeline:${m.timelineId}`,
      }),
    });
  });
  return loadQualification(deps, ctx, id);
}

async function loadQualification(deps: AppDeps, ctx: RequestContext, id: number): Promise<QualificationView> {
  const db = deps.database.db;
  const row = await qualificationBase(db).where('q.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return toView(row, ctx.actor, await grantsOf(db, ctx.actor, 'recycling'));
}
