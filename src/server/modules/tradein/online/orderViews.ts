import type { AppDeps } from '../../../core/deps.js';
import type { Actor } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { Queryable } from '../../../db/database.js';
import { computeSubsidy, parseRule, rateFor } from '../programs/rules.js';
import type { SubsidyRounding } from '../tables.js';
import { formatVoucherCode } from '../vouchers/voucherCode.js';
import type { OnlineOrderView } from './schema.js';

/** Orders with what their views show: shop, product, voucher and its rule, delivery town. */
export function selectOrders(db: Queryable) {
  return db
    .selectFrom('tradein_online_orders as x')
    .innerJoin('tradein_online_stores as s', 's.id', 'x.online_store_id')
    .innerJoin('organizations as o', 'o.id', 'x.organization_id')
    .innerJoin('tradein_vouchers as v', 'v.id', 'x.voucher_id')
    .innerJoin('tradein_products as p', 'p.id', 'x.product_id')
    .innerJoin('organizations as tw', 'tw.id', 'x.delivery_town_id');
}

export const ORDER_COLUMNS = [
  'x.id',
  'x.online_store_id',
  'x.organization_id',
  'x.holder_user_id',
  'x.voucher_id',
  'x.product_id',
  'x.order_number',
  'x.serial_number',
  'x.invoice_number',
  'x.price_fen',
  'x.delivery_town_id',
  'x.delivery_address_enc',
  'x.delivery_address_mask',
  'x.status',
  'x.expires_at',
  'x.redemption_id',
  'x.decided_at',
  'x.created_at',
  's.platform',
  's.shop_name',
  'o.name as organization_name',
  'v.code as voucher_code',
  'v.category',
  'v.program_id',
  'v.rule_version_id',
  'p.brand as product_brand',
  'p.model as product_model',
  'p.efficiency_grade',
  'tw.name as town_name',
] as const;

export const selectOrderRows = (db: Queryable) => selectOrders(db).select(ORDER_COLUMNS);
export type OrderRow = Awaited<ReturnType<ReturnType<typeof selectOrderRows>['executeTakeFirstOrThrow']>>;

export async function loadOrderRow(db: Queryable, id: number): Promise<OrderRow> {
  const row = await selectOrderRows(db).where('x.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/**
 * The subsidy each order would give, by its voucher's rule and the programme's rounding — the same computation
 * the sale makes (redemptions/sale.ts); null where the product is not eligible or the price is above the ceiling.
 */
async function subsidiesOf(db: Queryable, rows: readonly OrderRow[]): Promise<Map<number, number | null>> {
  const versionIds = [...new Set(rows.map((r) => Number(r.rule_version_id)))];
  const programIds = [...new Set(rows.map((r) => Number(r.program_id)))];
  const versions = versionIds.length ? await db.selectFrom('tradein_rule_versions').select(['id', 'rule_json']).where('id', 'in', versionIds).execute() : [];
  const programs = programIds.length ? await db.selectFrom('tradein_programs').select(['id', 'rounding']).where('id', 'in', programIds).execute() : [];
  const rules = new Map(versions.map((v) => [Number(v.id), parseRule(v.rule_json)]));
  const rounding = new Map<number, SubsidyRounding>(programs.map((p) => [Number(p.id), p.rounding]));
  const out = new Map<number, number | null>();
  for (const r of rows) out.set(Number(r.id), subsidyFor(rules.get(Number(r.rule_version_id)), rounding.get(Number(r.program_id)), r));
  return out;
}

function subsidyFor(rule: ReturnType<typeof parseRule> | undefined, rounding: SubsidyRounding | undefined, r: OrderRow): number | null {
  if (!rule || !rounding) return null;
  const price = Number(r.price_fen);
  if (rule.priceCeilingFen !== null && price > rule.priceCeilingFen) return null;
  const rate = rateFor(rule, r.efficiency_grade);
  return rate === null ? null : computeSubsidy(price, rate, rule.capFen, rounding);
}

/**
 * Who reads a delivery address in full: the resident it goes to and the business that delivers it. Everyone else
 * (supervisors) reads the mask.
 */
function seesFullAddress(actor: Actor, r: OrderRow): boolean {
  if (actor.role === 'resident') return actor.userId === Number(r.holder_user_id);
  return (actor.role === 'merchant' || actor.role === 'enterprise') && actor.organizationId === Number(r.organization_id);
}

export async function toOrderViews(deps: AppDeps, actor: Actor, rows: readonly OrderRow[]): Promise<OnlineOrderView[]> {
  const subsidies = await subsidiesOf(deps.database.db, rows);
  return rows.map((r) => {
    const subsidy = subsidies.get(Number(r.id)) ?? null;
    return {
      id: Number(r.id),
      onlineStoreId: Number(r.online_store_id),
      platform: r.platform,
      shopName: r.shop_name,
      organizationId: Number(r.organization_id),
      organizationName: r.organization_name,
      voucherCode: formatVoucherCode(r.voucher_code),
      category: r.category,
      programId: Number(r.program_id),
      productId: Number(r.product_id),
      productBrand: r.product_brand,
      productModel: r.product_model,
      orderNumber: r.order_number,
      serialNumber: r.serial_number,
      invoiceNumber: r.invoice_number,
      price: Number(r.price_fen),
      subsidy,
      payable: subsidy === null ? null : Number(r.price_fen) - subsidy,
      deliveryTownId: Number(r.delivery_town_id),
      deliveryTownName: r.town_name,
      deliveryAddress: seesFullAddress(actor, r) ? deps.sealer.open(r.delivery_address_enc) : r.delivery_address_mask,
      status: r.status,
      expiresAt: r.expires_at,
      redemptionId: r.redemption_id === null ? null : Number(r.redemption_id),
      decidedAt: r.decided_at,
      createdAt: r.created_at,
    };
  });
}

export async function orderView(deps: AppDeps, actor: Actor, id: number): Promise<OnlineOrderView> {
  const [view] = await toOrderViews(deps, actor, [await loadOrderRow(deps.database.db, id)]);
  return view!;
}
