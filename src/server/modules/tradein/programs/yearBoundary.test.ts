import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, DEMO_RESIDENT, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { runJobOnce } from '../../../core/jobs.js';
import { DEFAULT_PROGRAMS } from './defaults.js';
import { computeInvoiceNumber } from '../redemptions/testInvoices.js';
import { expireVouchers, releaseDailyPools } from '../vouchers/service.js';
import { notifyEndingPrograms, programEndingJob } from './ending.js';
import { merchantsToSettle } from '../settlement/service.js';

/**
 * A programme across the end of its window, on a clock the test sets (Asia/Shanghai instants): the warning a
 * month before, claims and releases at the end, vouchers cut at the end and given their days back when the window
 * is extended, sales of the last days settled after it, and the rollover into the next year.
 */
const END = '2030-12-31';
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);

let t: TestApp;
let programId: number;
let merchantId: number;
let productId: number;

async function signIn(username: string, password?: string): Promise<TestClient> {
  return t.login(username, password);
}

function setClock(shanghai: string) {
  vi.setSystemTime(at(shanghai));
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  setClock('2030-11-20T10:00:00');
  t = await createTestApp();
  const commerce = await signIn('demo_department');
  const model = DEFAULT_PROGRAMS.find((p) => p.code === 'appliance-national-2025')!;
  const created = await commerce.post('/api/tradein/programs', {
    code: 'appliance-2030',
    name: '家电以旧换新补贴（2030年）',
    kind: 'appliance',
    status: 'active',
    validFrom: '2030-01-01',
    validTo: END,
    budget: { centralFen: 100_000_000, provincialFen: 10_000_000, cityFen: 10_000_000 },
    voucherValidDays: 7,
    releaseTime: '10:00',
    categories: model.categories.slice(0, 3),
  });
  expect(created.statusCode, created.body).toBe(201);
  programId = created.json().id;
  const merchant = await signIn('demo_merchant');
  const towns = (await t.anonymous.get('/api/towns')).json() as { id: number }[];
  const applied = await merchant.post('/api/tradein/merchants', {
    programId,
    categories: ['refrigerator', 'washing_machine'],
    stores: [{ name: '示范门店', townId: towns[0]!.id, address: '晋江市示范路1号' }],
    bankName: '中国工商银行晋江支行',
    accountName: '示范家电商场',
    bankAccount: '6222020200112233445',
  });
  expect(applied.statusCode, applied.body).toBe(201);
  merchantId = applied.json().id;
  expect((await commerce.post(`/api/tradein/merchants/${merchantId}/approve`, {})).statusCode).toBe(200);
  const product = await merchant.post('/api/tradein/products', {
    category: 'refrigerator',
    brand: '海尔',
    model: 'BCD-2030',
    efficiencyGrade: 1,
    referencePriceFen: 400_000,
  });
  expect(product.statusCode, product.body).toBe(201);
  productId = product.json().id;
});

afterEach(() => setClock('2030-11-20T10:00:00'));

afterAll(async () => {
  await t.close();
  vi.useRealTimers();
});

async function openPool(commerce: TestClient, opensAt: string, closesAt: string, category = 'refrigerator'): Promise<number> {
  const res = await commerce.post(`/api/tradein/programs/${programId}/pools`, {
    category,
    quota: 100,
    opensAt: at(opensAt).toISOString(),
    closesAt: at(closesAt).toISOString(),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('a month before the end', () => {
  it('tells the office and 市商务局 once, and their home pages say so until the end', async () => {
    setClock('2030-11-30T09:30:00');
    expect(await notifyEndingPrograms(t.deps.database.db, new Date())).toBe(0); // 31 days left: not yet
    setClock('2030-12-01T09:30:00');
    const sent = await notifyEndingPrograms(t.deps.database.db, new Date());
    expect(sent).toBeGreaterThanOrEqual(2);
    expect(await notifyEndingPrograms(t.deps.database.db, new Date())).toBe(0);
    expect(await runJobOnce(t.deps, programEndingJob, new Date())).toBe(true);

    for (const username of ['demo_office', 'demo_department']) {
      const client = await signIn(username);
      const inbox = (await client.get('/api/notifications')).json();
      const mine = inbox.items.filter(
        (n: { kind: string; message: string }) => n.kind === 'tradein_program_ending' && n.message.includes('家电以旧换新补贴（2030年）'),
      );
      expect(mine).toHaveLength(1);
      expect(mine[0].message).toContain(END);
      const notices = (await client.get('/api/home/notices', { 'accept-language': 'en' })).json() as { key: string; level: string; message: string }[];
      const notice = notices.find((n) => n.key === `tradein.program-ending:${programId}`);
      expect(notice?.level).toBe('warning');
      expect(notice?.message).toContain('30 days left');
    }
    // Neither a merchant nor the payment confirmer manages the programme.
    for (const username of ['demo_merchant', 'demo_finance']) {
      const notices = (await (await signIn(username)).get('/api/home/notices')).json() as { key: string }[];
      expect(notices.map((n) => n.key)).not.toContain(`tradein.program-ending:${programId}`);
    }
  });
});

describe('at the end of the window', () => {
  it('cuts a late voucher at the end, gives it its days back when the window is extended, and cuts it again when shortened', async () => {
    setClock('2030-12-29T10:00:00');
    const commerce = await signIn('demo_department');
    const pool = await openPool(commerce, '2030-12-29T09:00:00', '2030-12-30T09:00:00', 'washing_machine');
    const resident = await signIn(DEMO_RESIDENT.mobile);
    const claimed = await resident.post(`/api/tradein/pools/${pool}/claims`);
    expect(claimed.statusCode, claimed.body).toBe(201);
    const voucher = claimed.json().voucher;
    expect(voucher.expiresAt).toBe(at('2031-01-01T00:00:00').toISOString());

    // The resident is reminded on the home page to use it before the end.
    const notices = (await resident.get('/api/home/notices')).json() as { key: string; level: string }[];
    expect(notices.find((n) => n.key === `tradein.voucher-program-ending:${programId}`)?.level).toBe('info');

    const extended = await commerce.patch(`/api/tradein/programs/${programId}`, { validTo: '2031-03-31' });
    expect(extended.statusCode, extended.body).toBe(200);
    const mine = async () =>
      ((await resident.get('/api/tradein/vouchers/mine')).json() as { id: number; expiresAt: string }[]).find((v) => v.id === voucher.id)!;
    expect((await mine()).expiresAt).toBe(at('2031-01-05T10:00:00').toISOString());

    const shortened = await commerce.patch(`/api/tradein/programs/${programId}`, { validTo: END });
    expect(shortened.statusCode, shortened.body).toBe(200);
    expect((await mine()).expiresAt).toBe(at('2031-01-01T00:00:00').toISOString());

    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity', '=', 'tradein_program')
      .where('entity_id', '=', String(programId))
      .where('action', '=', 'update')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => JSON.parse(a.after_json!).vouchers)).toEqual([
      { extended: 1, shortened: 0 },
      { extended: 0, shortened: 1 },
    ]);
  });

  it('sells on the last evening, then refuses claims with the date, releases nothing, expires the vouchers — and settles the sale afterwards', async () => {
    setClock('2030-12-31T10:00:00');
    const commerce = await signIn('demo_department');
    const pool = await openPool(commerce, '2030-12-31T09:00:00', '2031-01-01T09:00:00');
    const resident = await signIn(DEMO_RESIDENT.mobile);
    const claimed = await resident.post(`/api/tradein/pools/${pool}/claims`);
    expect(claimed.statusCode, claimed.body).toBe(201);

    setClock('2030-12-31T23:50:00');
    const merchant = await signIn('demo_merchant');
    const sale = await merchant.post('/api/tradein/redemptions', {
      voucherCode: claimed.json().voucher.code,
      productId,
      price: 400_000,
      serialNumber: 'SN-YEAR-END-0001',
      invoiceNumber: computeInvoiceNumber(90_001),
    });
    expect(sale.statusCode, sale.body).toBe(201);

    // 00:30 on New Year's Day: a new year, a new month and the small hours at once.
    setClock('2031-01-01T00:30:00');
    const late = await signIn(DEMO_RESIDENT.mobile);
    const refused = await late.post(`/api/tradein/pools/${pool}/claims`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PROGRAM_ENDED');
    expect(refused.json().error.message).toContain(END);
    expect((await late.put('/api/auth/locale', { locale: 'en' })).statusCode).toBe(204);
    const refusedEn = await (await signIn(DEMO_RESIDENT.mobile)).post(`/api/tradein/pools/${pool}/claims`);
    expect(refusedEn.json().error.message).toBe(`The programme ended on ${END}; no more vouchers are issued`);
    expect((await late.put('/api/auth/locale', { locale: 'zh-CN' })).statusCode).toBe(204);

    setClock('2031-01-01T10:30:00');
    const before = await t.deps.database.db
      .selectFrom('tradein_pools')
      .select('id')
      .where('program_id', '=', programId)
      .where('source', '=', 'schedule')
      .execute();
    await releaseDailyPools(t.deps, new Date());
    const after = await t.deps.database.db
      .selectFrom('tradein_pools')
      .select('id')
      .where('program_id', '=', programId)
      .where('source', '=', 'schedule')
      .execute();
    expect(after).toHaveLength(before.length);

    const expired = await expireVouchers(t.deps, new Date());
    expect(expired).toBeGreaterThanOrEqual(1);
    const stillActive = await t.deps.database.db
      .selectFrom('tradein_vouchers')
      .select('id')
      .where('program_id', '=', programId)
      .where('status', '=', 'active')
      .execute();
    expect(stillActive).toEqual([]);

    // The sale of 31 December is settled in January, after the programme has ended.
    expect(await merchantsToSettle(t.deps.database.db, '2030-12')).toContain(merchantId);
    // Its budget goes on through today: what is settled and paid after the end still shows.
    const budget = (await (await signIn('demo_department')).get(`/api/tradein/programs/${programId}/budget`)).json();
    expect(budget.burnDown.at(-1)).toEqual({
      date: '2031-01-01',
      redeemed: budget.redeemed.total,
      paid: budget.paid.total,
      remaining: budget.budget.total - budget.redeemed.total,
    });
    expect(budget.redeemed.total).toBeGreaterThan(0);

    // The programme is still marked active: its managers are told it has ended until they roll it over or close it.
    const notices = (await (await signIn('demo_department')).get('/api/home/notices')).json() as { key: string; level: string }[];
    expect(notices.find((n) => n.key === `tradein.program-ended:${programId}`)?.level).toBe('error');
  });
});

describe('rolling over into the next year', () => {
  it('copies categories, rules, schedule, budget split and approved merchants into a draft; the old programme keeps its own', async () => {
    setClock('2030-12-15T10:00:00');
    const commerce = await signIn('demo_department');
    const source = (await commerce.get(`/api/tradein/programs/${programId}`)).json();
    const res = await commerce.post(`/api/tradein/programs/${programId}/rollover`, {
      code: 'appliance-2031',
      name: '家电以旧换新补贴（2031年）',
      validTo: '2031-12-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    const next = res.json();
    expect(next).toMatchObject({
      code: 'appliance-2031',
      status: 'draft',
      validFrom: '2031-01-01',
      validTo: '2031-12-31',
      kind: source.kind,
      rolledOverFromId: programId,
      voucherValidDays: source.voucherValidDays,
      releaseTime: source.releaseTime,
      rounding: source.rounding,
      budget: { centralFen: source.budget.centralFen, provincialFen: source.budget.provincialFen, cityFen: source.budget.cityFen, usedFen: 0 },
    });
    expect(next.categories.map((c: { category: string; dailyQuota: number; rule: unknown }) => [c.category, c.dailyQuota, c.rule])).toEqual(
      source.categories.map((c: { category: string; dailyQuota: number; rule: unknown }) => [c.category, c.dailyQuota, c.rule]),
    );
    const history = (await commerce.get(`/api/tradein/programs/${next.id}/categories/refrigerator/history`)).json();
    expect(history).toHaveLength(1);
    expect(history[0].note).toContain('appliance-2030');

    const carried = (await commerce.get(`/api/tradein/merchants?programId=${next.id}`)).json() as { status: string; categories: string[]; stores: unknown[] }[];
    expect(carried).toHaveLength(1);
    expect(carried[0]).toMatchObject({ status: 'approved', categories: ['refrigerator', 'washing_machine'] });
    expect(carried[0]!.stores).toHaveLength(1);

    // The old programme and its vouchers are untouched.
    expect((await commerce.get(`/api/tradein/programs/${programId}`)).json()).toMatchObject({
      code: 'appliance-2030',
      validTo: source.validTo,
      status: source.status,
    });
    const vouchers = await t.deps.database.db.selectFrom('tradein_vouchers').select('program_id').distinct().execute();
    expect(vouchers.map((v) => Number(v.program_id))).not.toContain(next.id);

    // Activated, it releases on its first day.
    expect((await commerce.patch(`/api/tradein/programs/${next.id}`, { status: 'active' })).statusCode).toBe(200);
    await releaseDailyPools(t.deps, at('2031-01-01T10:05:00'));
    const pools = await t.deps.database.db.selectFrom('tradein_pools').select('category').where('program_id', '=', next.id).execute();
    expect(pools.map((p) => p.category).sort()).toEqual(
      next.categories
        .filter((c: { dailyQuota: number }) => c.dailyQuota > 0)
        .map((c: { category: string }) => c.category)
        .sort(),
    );
  });

  it('refuses a window that overlaps the old one, a code in use, and anyone but a manager', async () => {
    setClock('2030-12-15T10:00:00');
    const commerce = await signIn('demo_department');
    const overlap = await commerce.post(`/api/tradein/programs/${programId}/rollover`, {
      code: 'appliance-2031-b',
      name: '重叠',
      validFrom: '2030-12-31',
      validTo: '2031-12-31',
    });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().error.details[0]).toMatchObject({ field: 'validFrom' });
    const taken = await commerce.post(`/api/tradein/programs/${programId}/rollover`, { code: 'appliance-2030', name: '重复', validTo: '2031-12-31' });
    expect(taken.statusCode).toBe(409);
    const unknown = await commerce.post('/api/tradein/programs/999999/rollover', { code: 'appliance-x', name: '不存在', validTo: '2031-12-31' });
    expect(unknown.statusCode).toBe(404);
    for (const username of ['demo_merchant', 'demo_finance', DEMO_RESIDENT.mobile]) {
      const res = await (
        await signIn(username)
      ).post(`/api/tradein/programs/${programId}/rollover`, { code: 'appliance-2031-c', name: '无权', validTo: '2031-12-31' });
      expect(res.statusCode).toBe(403);
    }
    const count = await t.deps.database.db.selectFrom('tradein_programs').select('code').where('code', 'like', 'appliance-2031-%').execute();
    expect(count).toEqual([]);
  });
});

describe('a programme of many years', () => {
  it('shows the last 1,100 days of its burn-down, from the totals of the days before', async () => {
    setClock('2034-03-01T10:00:00');
    const commerce = await signIn('demo_department');
    const model = DEFAULT_PROGRAMS.find((p) => p.code === 'appliance-national-2025')!;
    const created = await commerce.post('/api/tradein/programs', {
      code: 'appliance-long',
      name: '长期活动',
      kind: 'appliance',
      status: 'active',
      validFrom: '2030-01-01',
      validTo: '2035-12-31',
      budget: { centralFen: 100_000_000, provincialFen: 0, cityFen: 0 },
      voucherValidDays: 7,
      releaseTime: '10:00',
      categories: model.categories.slice(0, 1),
    });
    expect(created.statusCode, created.body).toBe(201);
    const budget = (await commerce.get(`/api/tradein/programs/${created.json().id}/budget`)).json();
    expect(budget.burnDown).toHaveLength(1100);
    expect(budget.burnDown[0].date).toBe('2031-02-26'); // 1,099 days before 2034-03-01 (2032 is a leap year)
    expect(budget.burnDown.at(-1).date).toBe('2034-03-01');
  });
});
