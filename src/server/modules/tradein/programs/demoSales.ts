import type { AppDeps } from '../../../core/deps.js';
import { systemContext, type RequestContext } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { shanghaiDate } from '../../../core/time.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { computeCitizenIdCheckChar } from '../../../../shared/validators/citizenId.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { registerResident } from '../../platform/auth/authService.js';
import { DEMO_PASSWORD } from '../../platform/seed/seedDemo.js';
import { redeem } from '../redemptions/service.js';
import { claimVoucher, releaseDailyPools } from '../vouchers/service.js';
import { DEMO_MERCHANT_NAME } from './demo.js';

/**
 * Demo sales, once per database: residents (labelled 演示) claim vouchers from today's release of the live demo
 * programmes and about half of them buy at the demo merchant's stores, so that the trade-in pages, the risk and
 * settlement views and the plan's trade-in indicators show figures on a newcomer's first look. Every step goes
 * through the real services (registration, claim, redemption at the till), so quotas, budgets, risk scoring and the
 * audit trail are what real use would leave. Only the extra stores are inserted directly, as the programme demo
 * inserts the first one: enrolment has no service for a store added later.
 */
export const DEMO_SALES_RESIDENT_COUNT = 24;

/** The demo merchant opens a store in this many other towns, so that sales are placed in several towns. */
const EXTRA_STORE_TOWNS = 2;

const SURNAMES = ['陈', '林', '黄', '吴', '王', '许', '蔡', '李', '张', '洪', '施', '苏'] as const;

export interface DemoSalesResident {
  mobile: string;
  realName: string;
  idNumber: string;
}

/**
 * The demo residents, the same in every database: their mobile numbers are the marker of this seed (looked up by
 * hash, as mobiles are stored sealed). The numbers differ from the fourth digit on, so no two share the mobile
 * prefix the risk rule `shared_mobile_prefix` links (7 digits at the least): the demo sales are not flagged as a
 * scalper's SIM-card block. Birth years differ, so ID numbers never clash with each other or the demo resident.
 */
export function demoSalesResidents(): DemoSalesResident[] {
  return Array.from({ length: DEMO_SALES_RESIDENT_COUNT }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    const first17 = `350582${1960 + i}${String((i % 12) + 1).padStart(2, '0')}${String(((i * 7) % 28) + 1).padStart(2, '0')}8${n}`;
    return {
      mobile: `13${10 + i}8880000`,
      realName: `演示居民${n}（${SURNAMES[i % SURNAMES.length]}）`,
      idNumber: first17 + computeCitizenIdCheckChar(first17),
    };
  });
}

/** A demo product on sale under a live demo programme, with the release it is claimed from and its stores. */
interface SalePlan {
  programId: number;
  category: string;
  productId: number;
  priceFen: number;
  poolId: number;
  storeIds: number[];
}

export async function seedTradeinSalesDemo(deps: AppDeps): Promise<{ claimed: number; redeemed: number }> {
  const none = { claimed: 0, redeemed: 0 };
  const db = deps.database.db;
  const residents = demoSalesResidents();
  const hashes = residents.map((r) => deps.sealer.lookup(r.mobile));
  const done = await db
    .selectFrom('tradein_vouchers as v')
    .innerJoin('users as u', 'u.id', 'v.holder_user_id')
    .select('v.id')
    .where('u.mobile_hash', 'in', hashes)
    .limit(1)
    .executeTakeFirst();
  if (done) return none;

  const org = await db.selectFrom('organizations').select(['id', 'town_id']).where('name', '=', DEMO_MERCHANT_NAME).where('is_demo', '=', 1).executeTakeFirst();
  if (!org || org.town_id === null) return none;
  const till = await db
    .selectFrom('users')
    .select('id')
    .where('organization_id', '=', org.id)
    .where('role', '=', 'merchant')
    .where('status', '=', 'active')
    .orderBy('id')
    .executeTakeFirst();
  if (!till) return none;

  const enrolments = await liveEnrolments(db, Number(org.id));
  if (enrolments.length === 0) return none;
  // Today's release of every live programme is what the daily job would open at its release time anyway; the
  // demo programmes release at midnight, so theirs is open now.
  await releaseDailyPools(deps);
  const plans = await salePlans(deps, Number(org.id), Number(org.town_id), enrolments);
  if (plans.length === 0) return none;

  const userIds: number[] = [];
  for (const r of residents) userIds.push(await demoResident(deps, r));
  const merchant = await contextOf(db, Number(till.id));
  const day = shanghaiDate().replaceAll('-', '');
  let claimed = 0;
  let redeemed = 0;
  for (const [i, userId] of userIds.entries()) {
    const plan = plans[i % plans.length]!;
    const round = Math.floor(i / plans.length);
    const voucher = await refusedAsNull(claimVoucher(deps, await contextOf(db, userId), plan.poolId));
    if (!voucher) continue;
    claimed++;
    // Every other round buys at once; the rest keep an active voucher, as most residents do for a while.
    if (round % 2 !== 0) continue;
    const sale = await refusedAsNull(
      redeem(deps, merchant, {
        voucherCode: voucher.voucher.code,
        productId: plan.productId,
        serialNumber: `演示-${plan.category === 'mobile_phone' ? 'IMEI' : 'SN'}-${day}-${String(i + 1).padStart(3, '0')}`,
        // At or a little under the catalogue price: a markup would send the demo sale to risk review.
        price: Math.max(1, plan.priceFen - ((round / 2) % 3) * 10_000),
        invoiceNumber: demoInvoiceNumber(day, i),
        storeId: plan.storeIds[(round / 2) % plan.storeIds.length]!,
      }),
    );
    if (sale) redeemed++;
  }
  return { claimed, redeemed };
}

/**
 * 20 digits as a 数电发票 number must be; the `2435209999` block is kept for demo data (the tests number theirs
 * from `2435200000`), and the day keeps a database seeded on another day from meeting the same numbers.
 */
function demoInvoiceNumber(day: string, index: number): string {
  return `2435209999${day}${String(index).padStart(2, '0')}`;
}

/**
 * A business refusal (the release ran out, a rule changed) leaves that resident without a sale; the demo goes on
 * with the others rather than stopping the start-up it runs in. Anything else is a fault and is thrown.
 */
async function refusedAsNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return null;
    throw err;
  }
}

/** Registers the resident as a resident registers (real name, ID number), marked demo as the demo resident is. */
async function demoResident(deps: AppDeps, r: DemoSalesResident): Promise<number> {
  const db = deps.database.db;
  const existing = await db.selectFrom('users').select('id').where('mobile_hash', '=', deps.sealer.lookup(r.mobile)).executeTakeFirst();
  if (existing) return Number(existing.id);
  const user = await registerResident(deps, systemContext('seed-demo'), { ...r, password: DEMO_PASSWORD });
  await db.updateTable('users').set({ is_demo: 1 }).where('id', '=', user.id).execute();
  return user.id;
}

/** The context a signed-in session of this account would have (see resolveSession), for calling the services. */
async function contextOf(db: Queryable, userId: number): Promise<RequestContext> {
  const u = await db
    .selectFrom('users')
    .innerJoin('organizations as o', 'o.id', 'users.organization_id')
    .select(['users.username', 'users.role', 'o.id as organization_id', 'o.kind', 'o.town_id'])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  const organizationId = Number(u.organization_id);
  return {
    actor: {
      kind: 'user',
      userId,
      username: u.username,
      role: u.role,
      organizationId,
      organizationKind: u.kind,
      townId: u.kind === 'town' ? organizationId : u.town_id === null ? null : Number(u.town_id),
      sessionId: null,
    },
    requestId: null,
    ip: null,
    locale: 'zh-CN',
  };
}

/** The merchant's approved enrolments in live demo programmes, one row per category enrolled. */
function liveEnrolments(db: Queryable, organizationId: number) {
  const today = shanghaiDate();
  return db
    .selectFrom('tradein_merchants as m')
    .innerJoin('tradein_programs as g', 'g.id', 'm.program_id')
    .innerJoin('tradein_merchant_categories as mc', 'mc.merchant_id', 'm.id')
    .select(['m.id as merchant_id', 'g.id as program_id', 'mc.category'])
    .where('m.organization_id', '=', organizationId)
    .where('m.status', '=', 'approved')
    .where('g.code', 'like', 'demo-%')
    .where('g.status', '=', 'active')
    .where('g.valid_from', '<=', today)
    .where('g.valid_to', '>=', today)
    .orderBy('g.id')
    .execute();
}

/**
 * What can be sold today: each active demo product of the merchant whose category one of its live enrolments
 * covers, with an open release of that programme and category.
 */
async function salePlans(
  deps: AppDeps,
  organizationId: number,
  ownTownId: number,
  enrolments: Awaited<ReturnType<typeof liveEnrolments>>,
): Promise<SalePlan[]> {
  const db = deps.database.db;
  const now = new Date().toISOString();
  const products = await db
    .selectFrom('tradein_products')
    .select(['id', 'category', 'reference_price_fen'])
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'active')
    .where('model', 'like', '%演示%')
    .where('reference_price_fen', 'is not', null)
    .orderBy('id')
    .execute();
  const stores = await demoStores(deps, organizationId, ownTownId, [...new Set(enrolments.map((e) => Number(e.merchant_id)))]);
  const plans: SalePlan[] = [];
  for (const p of products) {
    const enrolment = enrolments.find((e) => e.category === p.category);
    if (!enrolment) continue;
    const pool = await db
      .selectFrom('tradein_pools')
      .select('id')
      .where('program_id', '=', enrolment.program_id)
      .where('category', '=', p.category)
      .where('opens_at', '<=', now)
      .where('closes_at', '>', now)
      .whereRef('issued', '<', 'quota')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const storeIds = stores.get(Number(enrolment.merchant_id)) ?? [];
    if (!pool || storeIds.length === 0) continue;
    plans.push({
      programId: Number(enrolment.program_id),
      category: p.category,
      productId: Number(p.id),
      priceFen: Number(p.reference_price_fen),
      poolId: Number(pool.id),
      storeIds,
    });
  }
  return plans;
}

/**
 * The stores of each demo enrolment, the first one (in the merchant's own town) first, after opening one in each
 * of a few other towns: the plan counts sales by the town of the store, and a demo with every sale in one town
 * shows the other towns' dashboards empty.
 */
async function demoStores(deps: AppDeps, organizationId: number, ownTownId: number, merchantIds: number[]): Promise<Map<number, number[]>> {
  const ctx = systemContext('seed-demo');
  return inTransaction(deps.database, async (tx) => {
    const towns = await tx
      .selectFrom('organizations')
      .select(['id', 'name'])
      .where('kind', '=', 'town')
      .where('status', '=', 'active')
      .where('id', '!=', ownTownId)
      .orderBy('code')
      .limit(EXTRA_STORE_TOWNS)
      .execute();
    for (const merchantId of merchantIds)
      for (const town of towns) {
        const name = `示范家电商场（演示门店·${town.name}）`;
        const exists = await tx.selectFrom('tradein_stores').select('id').where('merchant_id', '=', merchantId).where('name', '=', name).executeTakeFirst();
        if (exists) continue;
        const store = await tx
          .insertInto('tradein_stores')
          .values({ merchant_id: merchantId, name, town_id: Number(town.id), address: `晋江市${town.name}（演示地址）` })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(tx, ctx, {
          entity: 'tradein_store',
          entityId: Number(store.id),
          action: 'seed',
          organizationId,
          after: { merchantId, name, townId: Number(town.id), demo: true },
        });
      }
    const rows = await tx.selectFrom('tradein_stores').select(['id', 'merchant_id']).where('merchant_id', 'in', merchantIds).orderBy('id').execute();
    const byMerchant = new Map<number, number[]>();
    for (const r of rows) byMerchant.set(Number(r.merchant_id), [...(byMerchant.get(Number(r.merchant_id)) ?? []), Number(r.id)]);
    return byMerchant;
  });
}
