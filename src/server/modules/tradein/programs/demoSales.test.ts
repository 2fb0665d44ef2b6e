import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { verifyAuditTrail } from '../../platform/audit/auditTrail.js';
import { tradeinModule } from '../index.js';
import { tradeinMetrics } from '../metrics.js';
import { seedTradeinDemo } from './demo.js';
import { DEMO_SALES_RESIDENT_COUNT, demoSalesResidents, seedTradeinSalesDemo } from './demoSales.js';

/**
 * The demo sales: residents labelled 演示 claim from the demo programmes' release through the claim service and
 * half of them buy at the demo merchant's stores in several towns through the till's service, once per database.
 * The clock is a morning inside the demo programmes' year, so the test does not depend on the day it runs on.
 */
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const count = async (table: 'tradein_vouchers' | 'tradein_redemptions' | 'users' | 'tradein_stores' | 'audit_log' | 'tradein_risk_flags') =>
  Number(
    (
      await t.deps.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const snapshot = async () => ({
  vouchers: await count('tradein_vouchers'),
  redemptions: await count('tradein_redemptions'),
  users: await count('users'),
  stores: await count('tradein_stores'),
  audit: await count('audit_log'),
});

describe('demo sales', () => {
  it('wait for the demo programmes: without them nothing is made', async () => {
    const before = await snapshot();
    expect(await seedTradeinSalesDemo(t.deps)).toEqual({ claimed: 0, redeemed: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('residents labelled 演示 claim vouchers and about half buy at the demo merchant, over its products and several towns', async () => {
    await seedTradeinDemo(t.deps);
    const result = await seedTradeinSalesDemo(t.deps);
    expect(result).toEqual({ claimed: DEMO_SALES_RESIDENT_COUNT, redeemed: DEMO_SALES_RESIDENT_COUNT / 2 });
    const db = t.deps.database.db;

    const holders = await db
      .selectFrom('tradein_vouchers as v')
      .innerJoin('users as u', 'u.id', 'v.holder_user_id')
      .innerJoin('tradein_programs as g', 'g.id', 'v.program_id')
      .select(['u.display_name', 'u.is_demo', 'u.role', 'g.code', 'v.status'])
      .execute();
    expect(holders).toHaveLength(DEMO_SALES_RESIDENT_COUNT);
    for (const h of holders) {
      expect(h.display_name).toContain('演示');
      expect(h).toMatchObject({ is_demo: 1, role: 'resident' });
      expect(h.code).toMatch(/^demo-(appliance|digital)-20260610$/);
    }
    expect(holders.filter((h) => h.status === 'redeemed')).toHaveLength(result.redeemed);
    expect(holders.filter((h) => h.status === 'active')).toHaveLength(result.claimed - result.redeemed);

    const sales = await db
      .selectFrom('tradein_redemptions as r')
      .innerJoin('tradein_stores as s', 's.id', 'r.store_id')
      .innerJoin('tradein_products as p', 'p.id', 'r.product_id')
      .select(['r.status', 'r.serial_number', 'r.invoice_number', 'r.price_fen', 'p.reference_price_fen', 's.town_id', 's.name as store', 'p.model'])
      .execute();
    expect(sales).toHaveLength(result.redeemed);
    for (const s of sales) {
      // Accepted, not held by risk control: the demo sales look like ordinary ones.
      expect(s.status).toBe('accepted');
      expect(s.serial_number).toContain('演示');
      expect(s.store).toContain('演示');
      expect(s.model).toContain('演示');
      expect(s.invoice_number).toMatch(/^\d{20}$/);
      expect(Number(s.price_fen)).toBeLessThanOrEqual(Number(s.reference_price_fen));
    }
    expect(await count('tradein_risk_flags')).toBe(0);
    expect(new Set(sales.map((s) => s.model)).size).toBe(4);
    expect(new Set(sales.map((s) => s.town_id)).size).toBe(3);

    // A demo resident signs in with the demo password and finds the purchase made with their voucher.
    const first = await t.login(demoSalesResidents()[0]!.mobile);
    const mine = (await first.get('/api/tradein/redemptions/mine')).json();
    expect(mine.items).toHaveLength(1);
  });

  it('keep the budget and the releases whole: no pool issues over its quota, the budget used is the subsidies that stand', async () => {
    const db = t.deps.database.db;
    const pools = await db
      .selectFrom('tradein_pools as p')
      .leftJoin('tradein_vouchers as v', 'v.pool_id', 'p.id')
      .select(['p.id', 'p.quota', 'p.issued', sql<number>`count(v.id)`.as('vouchers')])
      .groupBy(['p.id', 'p.quota', 'p.issued'])
      .execute();
    expect(pools.length).toBeGreaterThan(0);
    for (const p of pools) {
      expect(p.issued).toBeLessThanOrEqual(p.quota);
      expect(Number(p.vouchers)).toBe(p.issued);
    }
    const programs = await db
      .selectFrom('tradein_programs as g')
      .leftJoin('tradein_redemptions as r', (j) => j.onRef('r.program_id', '=', 'g.id').on('r.status', 'in', ['accepted', 'held']))
      .select([
        'g.code',
        'g.budget_used_fen',
        sql<number>`g.budget_central_fen + g.budget_provincial_fen + g.budget_city_fen`.as('total'),
        sql<number>`coalesce(sum(r.subsidy_fen), 0)`.as('subsidies'),
      ])
      .groupBy(['g.id', 'g.code', 'g.budget_used_fen', 'g.budget_central_fen', 'g.budget_provincial_fen', 'g.budget_city_fen'])
      .execute();
    for (const g of programs) {
      expect(Number(g.budget_used_fen)).toBe(Number(g.subsidies));
      expect(Number(g.budget_used_fen)).toBeLessThanOrEqual(Number(g.total));
    }
    expect(programs.filter((g) => g.code.startsWith('demo-') && Number(g.budget_used_fen) > 0)).toHaveLength(2);
  });

  it("show in the plan's trade-in indicators, in the city and in a town", async () => {
    const day = { from: shanghaiInstant('2026-06-01').toISOString(), to: shanghaiInstant('2026-07-01').toISOString() };
    const metric = (name: string) => tradeinMetrics.find((m) => m.name === name)!;
    const db = t.deps.database.db;
    expect(await metric('tradein.appliance.subsidisedUnits').compute(db, day)).toBeGreaterThan(0);
    expect(await metric('tradein.digital.subsidisedUnits').compute(db, day)).toBeGreaterThan(0);
    expect(await metric('tradein.appliance.subsidyAmount').compute(db, day)).toBeGreaterThan(0);
    const town = await db.selectFrom('tradein_stores').select('town_id').where('name', 'like', '%·%').orderBy('id').executeTakeFirstOrThrow();
    expect(await metric('tradein.appliance.subsidisedUnits').compute(db, { ...day, townId: Number(town.town_id) })).toBeGreaterThan(0);
  });

  it('are made once: a second run, or the module demo seed at the next start, adds nothing; the audit chain holds', async () => {
    const before = await snapshot();
    expect(await seedTradeinSalesDemo(t.deps)).toEqual({ claimed: 0, redeemed: 0 });
    expect(await snapshot()).toEqual(before);
    // The module's seed also makes the demo showrooms (and audits them) the first time it runs here.
    await tradeinModule.seed!.demo!(t.deps);
    const { audit: _audit, ...made } = before;
    expect(await snapshot()).toMatchObject(made);
    expect(await verifyAuditTrail(t.deps.database.db)).toMatchObject({ ok: true });
  });
});
