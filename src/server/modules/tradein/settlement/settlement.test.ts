import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, shanghaiMonth, useFakeClock } from '../../../../../test/helpers/clock.js';
import { runJobOnce } from '../../../core/jobs.js';
import { tradeinModule } from '../index.js';
import { tradeinMetrics } from '../metrics.js';
import { createTradeinWorld, type Resident, type Shop, type TradeinWorld } from '../risk/testFixture.js';
import { settlementCloseJob } from './job.js';
import { periodBounds, periodOf, previousPeriod } from './period.js';

interface Batch {
  id: number;
  merchantId: number;
  organizationId: number;
  status: string;
  subsidy: number;
  subsidyCount: number;
  clawback: number;
  clawbackCount: number;
  net: number;
  bankAccount: string;
  created: boolean;
  lines: { redemptionId: number; kind: string; amount: number }[];
}

async function readXlsx(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows = (name: string) => {
    const out: unknown[][] = [];
    wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };
  return { payees: rows('付款清单'), lines: rows('明细'), yuanFormat: wb.getWorksheet('付款清单')!.getCell('L2').numFmt };
}

/**
 * On a clock the file sets inside the appliance programme (2025-01-01 – 2026-12-31): half past midnight on
 * 1 June 2026 in Shanghai (still 31 May in UTC), so that "the current month" cannot change under the tests and
 * the months they settle are May and April.
 */
const NOW = shanghaiInstant('2026-06-01', '00:30');

describe('settlement of merchants, budget, metrics', () => {
  useFakeClock(NOW);
  let w: TradeinWorld;
  let shop0: Shop;
  let shop1: Shop;
  const current = periodOf(NOW);
  const P = previousPeriod(current); // last month
  const P0 = previousPeriod(P); // the month before
  /** An instant in the middle of a month, for back-dating test sales. */
  const inMonth = (period: string, day = 15) => new Date(new Date(periodBounds(period).from).getTime() + day * 86_400_000).toISOString();
  let mobile = 0;
  const resident = (): Promise<Resident> => w.resident(`1360000${String(++mobile).padStart(4, '0')}`);
  const db = () => w.t.deps.database.db;
  const backdate = (id: number, at: string) => w.backdate(id, at);
  const sales: Record<string, { id: number; subsidy: number; status: string }> = {};

  beforeAll(async () => {
    expect([current, P, P0, shanghaiMonth()]).toEqual(['2026-06', '2026-05', '2026-04', '2026-06']);
    w = await createTradeinWorld(2);
    [shop0, shop1] = w.shops as [Shop, Shop];
    await w.disableAllRules();
    await w.setRule('price_markup', { enabled: true, params: { marginBp: 1000 } });

    // Month P0 at shop 0: three plain sales, one flagged and left open, one flagged and held, one returned.
    sales.fridge = await w.buy(shop0, await resident(), 'refrigerator', 400_000); // 20% → 800.00
    sales.tv = await w.buy(shop0, await resident(), 'television', 323_333); // 20% of 3,233.33 = 646.666 → 646.67 (within 10% of the 3,000.00 reference)
    sales.washer = await w.buy(shop0, await resident(), 'washing_machine', 200_000, { storeId: shop0.storeIds[1] }); // 400.00, second store
    sales.open = await w.buy(shop0, await resident(), 'refrigerator', 500_000); // 先涨价: flagged, open
    sales.held = await w.buy(shop0, await resident(), 'refrigerator', 450_000); // flagged, then held
    sales.returned = await w.buy(shop0, await resident(), 'air_conditioner', 300_000);
    // Month P0 at shop 1.
    sales.ac1 = await w.buy(shop1, await resident(), 'air_conditioner', 300_000); // 600.00
    // An air conditioner is settled only once installed (fulfilment/): the installer records it with a photo.
    await w.install(shop1, sales.ac1.id);
    for (const s of Object.values(sales)) await backdate(s.id, inMonth(P0));
    expect((await w.commerce.post(`/api/tradein/risk/reviews/${sales.held.id}/decision`, { decision: 'hold', note: '待核实' })).statusCode).toBe(200);
    expect((await shop0.client.post(`/api/tradein/redemptions/${sales.returned.id}/reverse`, { reason: '顾客退货' })).statusCode).toBe(200);
    await w.setRule('price_markup', { enabled: false });
  });
  afterAll(() => w.t.close());

  it('refuses a month that has not ended, and lets only managers make batches', async () => {
    const res = await w.commerce.post('/api/tradein/settlement/batches', { period: current });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'period', reason: 'settlement.periodNotEnded' });
    expect((await w.finance.post('/api/tradein/settlement/batches', { period: P0 })).statusCode).toBe(403);
    expect((await shop0.client.post('/api/tradein/settlement/batches', { period: P0 })).statusCode).toBe(403);
    expect((await w.commerce.post('/api/tradein/settlement/batches', { period: '2026-13' })).statusCode).toBe(400);
  });

  let first: Batch;
  it('a month’s batch holds the accepted redemptions in exact fen; held, open-review and returned ones stay out; idempotent', async () => {
    const res = await w.commerce.post('/api/tradein/settlement/batches', { period: P0 });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Batch[];
    expect(items.map((b) => [b.merchantId, b.created])).toEqual([
      [shop0.merchantId, true],
      [shop1.merchantId, true],
    ]);
    first = items[0]!;
    expect(first).toMatchObject({
      status: 'draft',
      subsidy: 80_000 + 64_667 + 40_000,
      subsidyCount: 3,
      clawback: 0,
      clawbackCount: 0,
      net: 184_667,
      bankAccount: '**** **** **** 3440',
    });
    expect(items[1]).toMatchObject({ subsidy: 60_000, net: 60_000, subsidyCount: 1 });
    const detail = (await w.commerce.get(`/api/tradein/settlement/batches/${first.id}`)).json() as Batch;
    expect(detail.lines.map((l) => l.redemptionId).sort((a, b) => a - b)).toEqual([sales.fridge!.id, sales.tv!.id, sales.washer!.id].sort((a, b) => a - b));
    expect(detail.lines.reduce((s, l) => s + l.amount, 0)).toBe(detail.net);
    const ids = detail.lines.map((l) => l.redemptionId);
    expect(ids).not.toContain(sales.held!.id);
    expect(ids).not.toContain(sales.open!.id);
    expect(ids).not.toContain(sales.returned!.id);
    const settled = await db().selectFrom('tradein_redemptions').select(['id', 'settlement_batch_id']).where('id', 'in', ids).execute();
    expect(settled).toHaveLength(3);
    expect(settled.every((r) => Number(r.settlement_batch_id) === first.id)).toBe(true);

    const again = (await w.commerce.post('/api/tradein/settlement/batches', { period: P0, merchantId: shop0.merchantId })).json().items as Batch[];
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: first.id, created: false, net: 184_667 });
    expect(await db().selectFrom('tradein_settlement_batches').select('id').execute()).toHaveLength(2);
    // A merchant sees its own batches only, with the account masked.
    const mine = (await shop0.client.get('/api/tradein/settlement/batches')).json();
    expect(mine.items.map((b: Batch) => b.id)).toEqual([first.id]);
    expect((await shop0.client.get(`/api/tradein/settlement/batches/${items[1]!.id}`)).statusCode).toBe(403);
    expect((await w.auditor.get(`/api/tradein/settlement/batches?period=${P0}`)).json().total).toBe(2);
  });

  it('moves draft → approved → confirmed → paid, each step by its bureau; every other move is 409 INVALID_STATE', async () => {
    const step = (client: typeof w.commerce, action: string, body: object = {}) => client.post(`/api/tradein/settlement/batches/${first.id}/${action}`, body);
    expect((await step(w.finance, 'confirm')).json().error.code).toBe('INVALID_STATE');
    expect((await step(w.finance, 'paid', { paymentReference: 'PAY-1' })).json().error.code).toBe('INVALID_STATE');
    expect((await step(w.finance, 'approve')).statusCode).toBe(403);
    expect((await step(shop0.client, 'approve')).statusCode).toBe(403);
    const approved = await step(w.commerce, 'approve', { note: '核对无误' });
    expect(approved.json()).toMatchObject({ status: 'approved' });
    expect((await step(w.commerce, 'approve')).statusCode).toBe(409);
    expect((await step(w.commerce, 'confirm')).statusCode).toBe(403);
    expect((await step(w.office, 'confirm')).statusCode).toBe(403);
    expect((await step(w.finance, 'paid', { paymentReference: 'PAY-1' })).statusCode).toBe(409);
    expect((await step(w.finance, 'confirm')).json().status).toBe('confirmed');
    expect((await step(w.finance, 'paid', {})).statusCode).toBe(400);
    const paid = (await step(w.finance, 'paid', { paymentReference: 'GK2026-0001' })).json();
    expect(paid).toMatchObject({ status: 'paid', paymentReference: 'GK2026-0001' });
    for (const [c, a] of [
      [w.commerce, 'approve'],
      [w.finance, 'confirm'],
      [w.finance, 'paid'],
    ] as const)
      expect((await step(c, a, a === 'paid' ? { paymentReference: 'X-2' } : {})).statusCode).toBe(409);
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'tradein_settlement_batch')
      .where('entity_id', '=', String(first.id))
      .where('outcome', '=', 'ok')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'approve', 'confirm', 'markPaid']);
    const notice = await db()
      .selectFrom('notifications')
      .select(['kind', 'organization_id'])
      .where('dedupe_key', '=', `tradein-settlement-paid:${first.id}`)
      .executeTakeFirstOrThrow();
    expect(Number(notice.organization_id)).toBe(shop0.organizationId);
  });

  it('the payment file opens, shows 元 with two decimals and fen, masked to 市商务局 and full to 市财政局 only (audited)', async () => {
    const commerceFile = await w.commerce.get(`/api/tradein/settlement/export.xlsx?period=${P0}`);
    expect(commerceFile.statusCode).toBe(200);
    expect(commerceFile.headers['content-type']).toContain('spreadsheetml');
    const c = await readXlsx(commerceFile.rawPayload);
    expect(c.payees[0]).toEqual([
      '批次号',
      '结算期',
      '补贴活动',
      '商户',
      '开户银行',
      '户名',
      '银行账号',
      '补贴笔数',
      '补贴金额（元）',
      '扣回笔数',
      '扣回金额（元）',
      '应付金额（元）',
      '应付金额（分）',
      '状态',
      '支付凭证号',
    ]);
    const row = c.payees.find((r) => r[0] === first.id)!;
    expect(row.slice(6, 13)).toEqual(['**** **** **** 3440', 3, 1846.67, 0, 0, 1846.67, 184_667]);
    expect(row[13]).toBe('已支付');
    expect(c.yuanFormat).toBe('#,##0.00');
    const total = c.payees[c.payees.length - 1]!;
    expect(total[0]).toBe('合计');
    expect(total[12]).toBe(184_667 + 60_000);
    expect(c.lines.length - 1).toBe(4);
    expect(JSON.stringify(c.payees) + JSON.stringify(c.lines)).not.toContain('6222020200112233440');
    const before = await db().selectFrom('audit_log').select('id').where('action', '=', 'read_bank_account').execute();
    expect(before).toHaveLength(0);

    const auditorFile = await readXlsx((await w.auditor.get(`/api/tradein/settlement/batches/${first.id}/export.xlsx`)).rawPayload);
    expect(auditorFile.payees[1]![6]).toBe('**** **** **** 3440');
    expect((await shop0.client.get(`/api/tradein/settlement/batches/${first.id}/export.xlsx`)).statusCode).toBe(403);

    const financeRes = await w.finance.get(`/api/tradein/settlement/batches/${first.id}/export.xlsx`);
    const f = await readXlsx(financeRes.rawPayload);
    expect(f.payees[1]![6]).toBe('6222020200112233440');
    expect(f.payees[1]![12]).toBe(184_667);
    const reads = await db().selectFrom('audit_log').select(['entity_id', 'actor_username']).where('action', '=', 'read_bank_account').execute();
    expect(reads).toEqual([{ entity_id: String(first.id), actor_username: 'demo_finance' }]);
  });

  it('a settled redemption returned later is clawed back from the next batch; a claw-back larger than the batch waits', async () => {
    // Returned in month P, after its subsidy was paid with P0's batch.
    const clawed = await shop0.client.post(`/api/tradein/redemptions/${sales.fridge!.id}/reverse`, { reason: '顾客退货' });
    expect(clawed.json()).toMatchObject({ status: 'reversed', clawbackPending: true });
    await db()
      .updateTable('tradein_redemptions')
      .set({ reversed_at: inMonth(P, 3) })
      .where('id', '=', sales.fridge!.id)
      .execute();
    // The open review is cleared: that P0 sale joins the next batch.
    expect((await w.commerce.post(`/api/tradein/risk/reviews/${sales.open!.id}/decision`, { decision: 'clear', note: '价格含安装费，合理' })).statusCode).toBe(
      200,
    );
    sales.p = await w.buy(shop0, await resident(), 'refrigerator', 400_000); // 800.00
    await backdate(sales.p.id, inMonth(P, 10));
    // Shop 1: its P0 sale (600.00, unpaid draft) is returned; a small sale in P cannot absorb it.
    await shop1.client.post(`/api/tradein/redemptions/${sales.ac1!.id}/reverse`, { reason: '顾客退货' });
    await db()
      .updateTable('tradein_redemptions')
      .set({ reversed_at: inMonth(P, 4) })
      .where('id', '=', sales.ac1!.id)
      .execute();
    sales.small = await w.buy(shop1, await resident(), 'washing_machine', 100_000); // 200.00
    await backdate(sales.small.id, inMonth(P, 12));

    // The month-end job closes P (and only once); the API then finds the same batches.
    const now = new Date(new Date(periodBounds(current).from).getTime() + 3 * 3600_000);
    expect(settlementCloseJob.runKey(new Date(new Date(periodBounds(current).from).getTime() + 3600_000))).toBeNull();
    expect(settlementCloseJob.runKey(now)).toBe(P);
    expect(await runJobOnce(w.t.deps, settlementCloseJob, now)).toBe(true);
    expect(await runJobOnce(w.t.deps, settlementCloseJob, now)).toBe(false);
    const items = (await w.commerce.post('/api/tradein/settlement/batches', { period: P })).json().items as Batch[];
    expect(items.map((b) => b.created)).toEqual([false, false]);
    const [b0, b1] = items as [Batch, Batch];
    expect(b0).toMatchObject({ merchantId: shop0.merchantId, subsidy: 100_000 + 80_000, subsidyCount: 2, clawback: 80_000, clawbackCount: 1, net: 100_000 });
    const lines = (await w.commerce.get(`/api/tradein/settlement/batches/${b0.id}`)).json().lines as Batch['lines'];
    expect(lines.find((l) => l.kind === 'clawback')).toMatchObject({ redemptionId: sales.fridge!.id, amount: -80_000 });
    const fridge = await db()
      .selectFrom('tradein_redemptions')
      .select(['clawback_pending', 'settlement_batch_id'])
      .where('id', '=', sales.fridge!.id)
      .executeTakeFirstOrThrow();
    expect(fridge).toEqual({ clawback_pending: 0, settlement_batch_id: first.id });
    // Shop 1: the 600.00 claw-back does not fit in 200.00; it stays pending for a later batch.
    expect(b1).toMatchObject({ merchantId: shop1.merchantId, subsidy: 20_000, clawback: 0, net: 20_000 });
    const ac1 = await db().selectFrom('tradein_redemptions').select('clawback_pending').where('id', '=', sales.ac1!.id).executeTakeFirstOrThrow();
    expect(ac1.clawback_pending).toBe(1);
    const ready = await db().selectFrom('notifications').select('kind').where('dedupe_key', 'like', `tradein-settlement-ready:${P}:%`).execute();
    expect(ready.length).toBeGreaterThan(0);
    // The held sale is still out of every batch.
    const held = await db()
      .selectFrom('tradein_redemptions')
      .select(['status', 'settlement_batch_id'])
      .where('id', '=', sales.held!.id)
      .executeTakeFirstOrThrow();
    expect(held).toEqual({ status: 'held', settlement_batch_id: null });
  });

  it('the budget view adds up by funding source; committed is active vouchers at the category cap; the burn-down ends at the totals', async () => {
    // One voucher claimed and not used yet (the returned sales' vouchers came back to their holders too).
    await w.claim(await resident(), 'television');
    expect((await shop0.client.get(`/api/tradein/programs/${w.applianceId}/budget`)).statusCode).toBe(403);
    const b = (await w.finance.get(`/api/tradein/programs/${w.applianceId}/budget`)).json();
    const program = (await w.finance.get(`/api/tradein/programs/${w.applianceId}`)).json();
    expect(b.budget).toEqual({
      total: program.budget.totalFen,
      central: program.budget.centralFen,
      provincial: program.budget.provincialFen,
      city: program.budget.cityFen,
    });
    for (const key of ['budget', 'committed', 'redeemed', 'settled', 'paid', 'uncommitted'])
      expect(b[key].central + b[key].provincial + b[key].city, key).toBe(b[key].total);
    // Accepted and held subsidies: what the programme's running total says.
    expect(b.redeemed.total).toBe(program.budget.usedFen);
    const standing = await db().selectFrom('tradein_redemptions').select(['subsidy_fen']).where('status', 'in', ['accepted', 'held']).execute();
    expect(b.redeemed.total).toBe(standing.reduce((s, r) => s + Number(r.subsidy_fen), 0));
    expect(b.redeemed.count).toBe(standing.length);
    const active = await db().selectFrom('tradein_vouchers').select('id').where('status', '=', 'active').execute();
    expect(b.committed.activeVouchers).toBe(active.length);
    expect(b.committed.total).toBe(active.length * 200_000);
    // Approved or later: only P0's shop-0 batch (paid); P's are drafts.
    expect(b.settled.total).toBe(184_667);
    expect(b.paid.total).toBe(184_667);
    expect(b.uncommitted.total).toBe(b.budget.total - b.redeemed.total - b.committed.total);
    // The central share is 4,000 of 5,000 万元: 80%, split to the fen.
    // 80% / 10% / 10% of 1,846.67: 1,477.336 / 184.667 / 184.667 → the two fen left over go to the largest remainders.
    expect(b.paid).toEqual({ total: 184_667, central: 147_733, provincial: 18_467, city: 18_467 });
    const last = b.burnDown[b.burnDown.length - 1];
    expect(last).toEqual({ date: expect.any(String), redeemed: b.redeemed.total, paid: b.paid.total, remaining: b.budget.total - b.redeemed.total });
    expect(b.burnDown[0].date).toBe('2025-01-01');
    // One point a day from the programme's first day to today (Shanghai), which ends at the totals above.
    expect(last.date).toBe('2026-06-01');
    expect(b.burnDown).toHaveLength(517);
    const series = b.burnDown.map((d: { redeemed: number }) => d.redeemed);
    expect(series.every((v: number, i: number) => i === 0 || v >= series[i - 1])).toBe(true);
  });

  it('metrics: subsidised units and 万元 in a window, by the store’s town', async () => {
    // The sales' own four; delivery, online and after-sales metrics follow (their tests are in fulfilment/ and aftersales/).
    expect(tradeinModule.metrics?.map((m) => m.name).slice(0, 4)).toEqual([
      'tradein.appliance.subsidisedUnits',
      'tradein.appliance.subsidyAmount',
      'tradein.digital.subsidisedUnits',
      'tradein.digital.subsidyAmount',
    ]);
    const metric = (name: string) => tradeinMetrics.find((m) => m.name === name)!;
    const p0 = periodBounds(P0);
    const p = periodBounds(P);
    // Accepted in P0: tv, washer (paid, standing) and the cleared one; the returned and held ones do not count.
    expect(await metric('tradein.appliance.subsidisedUnits').compute(db(), p0)).toBe(3);
    expect(await metric('tradein.appliance.subsidyAmount').compute(db(), p0)).toBeCloseTo((64_667 + 40_000 + 100_000) / 1_000_000, 10);
    expect(await metric('tradein.appliance.subsidisedUnits').compute(db(), { from: p0.from, to: p.to })).toBe(5);
    // The washer was sold at shop 0's second store, in another town than its first.
    const [storeA, storeB] = await Promise.all(
      shop0.storeIds.map((id) => db().selectFrom('tradein_stores').select('town_id').where('id', '=', id).executeTakeFirstOrThrow()),
    );
    expect(await metric('tradein.appliance.subsidisedUnits').compute(db(), { ...p0, townId: Number(storeB!.town_id) })).toBe(1);
    expect(await metric('tradein.appliance.subsidisedUnits').compute(db(), { ...p0, townId: Number(storeA!.town_id) })).toBe(2);
    expect(await metric('tradein.appliance.subsidyAmount').compute(db(), { ...p0, townId: Number(storeB!.town_id) })).toBe(0.04);
    expect(await metric('tradein.digital.subsidisedUnits').compute(db(), { from: p0.from, to: p.to })).toBe(0);
    expect(await metric('tradein.digital.subsidyAmount').compute(db(), { from: p0.from, to: p.to })).toBe(0);
  });
});
