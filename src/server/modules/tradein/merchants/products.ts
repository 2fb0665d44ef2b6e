import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { duplicate, fieldError, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { productPolicy } from '../policies/product.js';
import type { ProductInput, ProductView } from './schema.js';

/** A merchant's product catalogue: the models it sells under a programme's categories. */

function toProductView(r: {
  id: number;
  organization_id: number;
  category: string;
  brand: string;
  model: string;
  efficiency_grade: number | null;
  reference_price_fen: number;
  status: 'active' | 'withdrawn';
}): ProductView {
  return {
    id: Number(r.id),
    organizationId: Number(r.organization_id),
    category: r.category,
    brand: r.brand,
    model: r.model,
    efficiencyGrade: r.efficiency_grade,
    referencePriceFen: Number(r.reference_price_fen),
    status: r.status,
  };
}

export async function listProducts(deps: AppDeps, ctx: RequestContext, q: { organizationId?: number | undefined; category?: string | undefined }) {
  const db = deps.database.db;
  const business = ctx.actor.role === 'enterprise' || ctx.actor.role === 'merchant';
  const orgId = business ? ctx.actor.organizationId! : q.organizationId;
  authorize(ctx.actor, productPolicy, 'list', { grants: await grantsOf(db, ctx.actor, 'tradein'), ...(orgId !== undefined ? { organization_id: orgId } : {}) });
  let query = db.selectFrom('tradein_products').selectAll();
  if (orgId !== undefined) query = query.where('organization_id', '=', orgId);
  if (q.category) query = query.where('category', '=', q.category);
  return (await query.orderBy('id').limit(1000).execute()).map(toProductView);
}

export async function createProduct(deps: AppDeps, ctx: RequestContext, input: ProductInput): Promise<ProductView> {
  const orgId = ctx.actor.organizationId ?? -1;
  authorize(ctx.actor, productPolicy, 'create', { organization_id: orgId });
  const id = await inTransaction(deps.database, async (tx) => {
    const known = await tx.selectFrom('tradein_categories').select('category').where('category', '=', input.category).executeTakeFirst();
    if (!known) throw fieldError('category', 'field.tradein.categoryUnknown');
    const clash = await tx
      .selectFrom('tradein_products')
      .select('id')
      .where('organization_id', '=', orgId)
      .where('category', '=', input.category)
      .where('brand', '=', input.brand)
      .where('model', '=', input.model)
      .executeTakeFirst();
    if (clash) throw duplicate('model', 'model');
    const now = nowIso();
    const row = await tx
      .insertInto('tradein_products')
      .values({
        organization_id: orgId,
        category: input.category,
        brand: input.brand,
        model: input.model,
        efficiency_grade: input.efficiencyGrade,
        reference_price_fen: input.referencePriceFen,
        status: 'active',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx, { entity: 'tradein_product', entityId: Number(row.id), action: 'create', after: input });
    return Number(row.id);
  });
  return toProductView(await deps.database.db.selectFrom('tradein_products').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

export async function updateProduct(
  deps: AppDeps,
  ctx: RequestContext,
  id: number,
  input: { efficiencyGrade?: number | null | undefined; referencePriceFen?: number | undefined; status?: 'active' | 'withdrawn' | undefined },
): Promise<ProductView> {
  await inTransaction(deps.database, async (tx: Tx) => {
    const before = await tx.selectFrom('tradein_products').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound();
    authorize(ctx.actor, productPolicy, 'update', { organization_id: Number(before.organization_id) }, id);
    await tx
      .updateTable('tradein_products')
      .set({
        ...(input.efficiencyGrade !== undefined ? { efficiency_grade: input.efficiencyGrade } : {}),
        ...(input.referencePriceFen !== undefined ? { reference_price_fen: input.referencePriceFen } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, ctx, { entity: 'tradein_product', entityId: id, action: 'update', before: toProductView(before), after: input });
  });
  return toProductView(await deps.database.db.selectFrom('tradein_products').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}
