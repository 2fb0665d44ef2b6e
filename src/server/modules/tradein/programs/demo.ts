import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { windowPhase } from '../../../../shared/programWindow.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { maskBankAccount } from '../../../../shared/validators/bankAccount.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { DEFAULT_PROGRAMS } from './defaults.js';
import { insertProgram } from './service.js';

/**
 * Demo data that works on any day: with demo data on, every start makes sure an appliance and a digital
 * programme are live around today (labelled 演示, marked as examples), with the national rules' categories, a
 * release at midnight so a release is open whenever someone looks, and the demo merchant enrolled with a store,
 * an online shop and a few products so the till and online orders can be tried at once. Demo programmes that have ended are closed, so they do not
 * ask the office to roll them over. The seeded national programmes are left as they are: their end is real.
 */
export const DEMO_MERCHANT_NAME = '晋江示范家电商场有限公司（演示）';
const DEMO_KINDS = ['appliance', 'digital'] as const;
const DEMO_NOTE =
  '演示数据：本活动由演示种子按启动当日生成（有效期一年），仅供体验，不是官方活动；关闭演示数据（HUANXIN_DEMO=0）后不再生成。' +
  ' Demo data: made by the demo seed around the day of start-up (valid for a year), for trying the platform only; not an official programme.';

const DEMO_PRODUCTS: Record<string, { category: string; brand: string; model: string; grade: number | null; priceFen: number }[]> = {
  appliance: [
    { category: 'refrigerator', brand: '演示牌', model: 'BCD-500（演示）', grade: 1, priceFen: 459_900 },
    { category: 'air_conditioner', brand: '演示牌', model: 'KFR-35GW（演示）', grade: 1, priceFen: 329_900 },
    { category: 'television', brand: '演示牌', model: '65E（演示）', grade: 2, priceFen: 399_900 },
  ],
  digital: [{ category: 'mobile_phone', brand: '演示牌', model: 'X1（演示）', grade: null, priceFen: 399_900 }],
};

export async function seedTradeinDemo(deps: AppDeps, now = new Date()): Promise<void> {
  const today = shanghaiDate(now);
  const ctx = systemContext('seed-demo');
  await inTransaction(deps.database, async (tx) => {
    const demos = await tx.selectFrom('tradein_programs').selectAll().where('code', 'like', 'demo-%').where('status', '=', 'active').execute();
    for (const p of demos)
      if (windowPhase({ validFrom: p.valid_from, validTo: p.valid_to }, today).phase === 'ended') {
        await tx.updateTable('tradein_programs').set({ status: 'closed', updated_at: nowIso() }).where('id', '=', p.id).execute();
        await appendAudit(tx, ctx, {
          entity: 'tradein_program',
          entityId: Number(p.id),
          action: 'update',
          before: { status: 'active' },
          after: { status: 'closed', reason: 'demo programme ended' },
        });
      }
    for (const kind of DEMO_KINDS) {
      // A demo programme that still has a month to run is enough; otherwise start the next one today.
      const live = demos.find((p) => p.kind === kind && windowPhase({ validFrom: p.valid_from, validTo: p.valid_to }, today).phase === 'open');
      if (live) continue;
      const model = DEFAULT_PROGRAMS.find((p) => p.kind === kind && !p.isExample)!;
      const code = `demo-${kind}-${today.replaceAll('-', '')}`;
      if (await tx.selectFrom('tradein_programs').select('id').where('code', '=', code).executeTakeFirst()) continue;
      const id = await insertProgram(
        tx,
        {
          code,
          name: `（演示）${model.name}`,
          kind,
          status: 'active',
          validFrom: today,
          validTo: addDays(today, 364),
          budget: { centralFen: model.budgetCentralFen, provincialFen: model.budgetProvincialFen, cityFen: model.budgetCityFen },
          voucherValidDays: model.voucherValidDays,
          releaseTime: '00:00',
          rounding: model.rounding,
          isExample: true,
          sourceNote: DEMO_NOTE,
          categories: model.categories,
        },
        null,
      );
      await appendAudit(tx, ctx, { entity: 'tradein_program', entityId: id, action: 'seed', after: { code, demo: true } });
      await enrolDemoMerchant(tx, deps, id, kind);
    }
  });
}

async function enrolDemoMerchant(tx: Tx, deps: AppDeps, programId: number, kind: (typeof DEMO_KINDS)[number]): Promise<void> {
  const org = await tx.selectFrom('organizations').select(['id', 'town_id']).where('name', '=', DEMO_MERCHANT_NAME).where('is_demo', '=', 1).executeTakeFirst();
  if (!org || org.town_id === null) return;
  const now = nowIso();
  const account = '6222020200012345678';
  const merchant = await tx
    .insertInto('tradein_merchants')
    .values({
      organization_id: org.id,
      program_id: programId,
      status: 'approved',
      bank_name: '中国工商银行晋江支行（演示）',
      account_name: DEMO_MERCHANT_NAME,
      bank_account_enc: deps.sealer.seal(account),
      bank_account_hash: deps.sealer.lookup(account),
      bank_account_mask: maskBankAccount(account),
      review_note: '演示数据',
      reviewed_by: null,
      reviewed_at: now,
      applied_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const categories = (await tx.selectFrom('tradein_categories').select('category').where('program_id', '=', programId).execute()).map((c) => c.category);
  await tx
    .insertInto('tradein_merchant_categories')
    .values(categories.map((category) => ({ merchant_id: merchant.id, category })))
    .execute();
  await tx
    .insertInto('tradein_stores')
    .values({ merchant_id: merchant.id, name: '示范家电商场（演示门店）', town_id: org.town_id, address: '晋江市青阳街道（演示地址）' })
    .execute();
  // Its online shop beside the store (线上线下相结合), selling what the enrolment sells.
  const shop = await tx
    .insertInto('tradein_online_stores')
    .values({
      merchant_id: merchant.id,
      organization_id: org.id,
      platform: 'jd',
      shop_name: kind === 'appliance' ? '示范家电京东旗舰店（演示）' : '示范数码京东专营店（演示）',
      shop_url: `https://mall.jd.com/demo-${kind}-${Number(merchant.id)}.html`,
      status: 'active',
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('tradein_online_store_categories')
    .values(categories.map((category) => ({ online_store_id: shop.id, category })))
    .execute();
  for (const p of DEMO_PRODUCTS[kind] ?? []) {
    const exists = await tx.selectFrom('tradein_products').select('id').where('organization_id', '=', org.id).where('model', '=', p.model).executeTakeFirst();
    if (exists) continue;
    await tx
      .insertInto('tradein_products')
      .values({
        organization_id: org.id,
        category: p.category,
        brand: p.brand,
        model: p.model,
        efficiency_grade: p.grade,
        reference_price_fen: p.priceFen,
        status: 'active',
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}
