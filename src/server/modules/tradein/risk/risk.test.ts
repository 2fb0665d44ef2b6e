import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { nowIso } from '../../../db/time.js';
import { createTradeinWorld, REFERENCE_PRICES, type Shop, type TradeinWorld } from './testFixture.js';
import { serialKey } from '../redemptions/sale.js';

interface ReviewItem {
  redemptionId: number;
  status: string;
  score: number;
  flags: { ruleCode: string; reason: string; params: Record<string, unknown> }[];
  redemption: { status: string; subsidy: number };
}

/**
 * The seeded programmes' releases, vouchers and sales are dated around "now": the file sets its clock to a morning
 * inside the national programmes' window (2025-01-01 – 2026-12-31), before 08:00 in Shanghai (still the day before
 * in UTC), so that the tests do not depend on the day they run on.
 */
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

describe('risk control: explainable rules, review queue, decisions', () => {
  let w: TradeinWorld;
  let shop0: Shop;
  let shop1: Shop;
  let shop2: Shop;
  let mobileSeq = 0;
  /** A fresh mobile number nobody else shares a 9-digit prefix with (unless a test means them to). */
  const freshMobile = () => `1370${String(++mobileSeq).padStart(5, '0')}00`;

  const review = async (redemptionId: number, lang = 'zh-CN') => {
    const res = await w.commerce.get(`/api/tradein/risk/reviews/${redemptionId}`, { 'accept-language': lang });
    return res.statusCode === 404 ? null : (res.json() as ReviewItem & { decisions: unknown[] });
  };

  beforeAll(async () => {
    w = await createTradeinWorld(3);
    [shop0, shop1, shop2] = w.shops as [Shop, Shop, Shop];
    await w.disableAllRules();
  });
  afterAll(() => w.t.close());

  it('rules are configuration data with history; parameters are checked against the rule; only managers edit', async () => {
    const rules = (await w.commerce.get('/api/tradein/risk/rules')).json();
    expect(rules.map((r: { code: string }) => r.code)).toEqual([
      'price_markup',
      'shared_mobile_prefix',
      'shared_device',
      'shared_address',
      'merchant_burst',
      'old_item_proof_reuse',
      'resident_merchant_hopping',
    ]);
    const markup = rules[0];
    expect(markup).toMatchObject({ enabled: false, version: 2, action: 'review', params: { marginBp: 1000 } });
    expect(markup.description).toContain('先涨价后打折');
    const bad = await w.commerce.put('/api/tradein/risk/rules/price_markup', {
      enabled: true,
      action: 'review',
      score: 40,
      params: { marginBp: -5 },
      note: '错误',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toContain('params.marginBp');
    const unknown = await w.commerce.put('/api/tradein/risk/rules/merchant_burst', {
      enabled: true,
      action: 'review',
      score: 1,
      params: { windowMinutes: 10, count: 5, extra: 1 },
      note: '多余参数',
    });
    expect(unknown.statusCode).toBe(400);
    expect(
      (await w.finance.put('/api/tradein/risk/rules/price_markup', { enabled: true, action: 'review', score: 1, params: { marginBp: 1 }, note: '财政局' }))
        .statusCode,
    ).toBe(403);
    expect((await shop0.client.get('/api/tradein/risk/rules')).statusCode).toBe(403);
    const history = (await w.finance.get('/api/tradein/risk/rules/price_markup/history')).json();
    expect(history.map((h: { version: number; current: boolean; enabled: boolean }) => [h.version, h.current, h.enabled])).toEqual([
      [2, true, false],
      [1, false, true],
    ]);
    expect(history[0].note).toBe('测试调整阈值');
    const audit = await w.t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'outcome'])
      .where('entity', '=', 'tradein_risk_rule')
      .where('entity_id', '=', 'price_markup')
      .execute();
    // The change, and 市财政局's refused attempt.
    expect(audit.map((a) => `${a.action}:${a.outcome}`).sort()).toEqual(['update:denied', 'update:ok']);
  });

  it('先涨价后打折: fires above the margin with the prices in the reason, not at the margin', async () => {
    await w.setRule('price_markup', { enabled: true, params: { marginBp: 1000 } });
    // 10% above 4,000 yuan is 4,400.00 exactly: allowed.
    const atMargin = await w.buy(shop0, await w.resident(freshMobile()), 'refrigerator', 440_000);
    expect(atMargin.status).toBe('accepted');
    expect(await review(atMargin.id)).toBeNull();
    const above = await w.buy(shop0, await w.resident(freshMobile()), 'refrigerator', 440_001);
    expect(above.status).toBe('accepted');
    const zh = (await review(above.id))!;
    expect(zh.status).toBe('open');
    expect(zh.flags).toHaveLength(1);
    expect(zh.flags[0]!.ruleCode).toBe('price_markup');
    expect(zh.flags[0]!.reason).toBe('成交价 4,400.01 元高于目录参考价 4,000.00 元 10%，超过允许的 10%，疑似先涨价后打折');
    const en = (await review(above.id, 'en'))!;
    expect(en.flags[0]!.reason).toContain('4,400.01 yuan');
    expect(en.flags[0]!.reason).toContain('raised before the discount');
    const clearlyAbove = await w.buy(shop0, await w.resident(freshMobile()), 'television', REFERENCE_PRICES.tv * 2);
    expect((await review(clearlyAbove.id))!.flags[0]!.reason).toContain('100%');
    await w.setRule('price_markup', { enabled: false });
  });

  it('shared mobile prefix: the third resident of one number block at one merchant is flagged, not the second', async () => {
    await w.setRule('shared_mobile_prefix', { enabled: true, params: { prefixLength: 9, minResidents: 3, windowMinutes: 60 } });
    const first = await w.buy(shop0, await w.resident('13950000101'), 'refrigerator', 400_000);
    const second = await w.buy(shop0, await w.resident('13950000102'), 'refrigerator', 400_000);
    // Same block, other merchant: counts for that merchant only.
    const elsewhere = await w.buy(shop1, await w.resident('13950000103'), 'refrigerator', 400_000);
    expect(await review(first.id)).toBeNull();
    expect(await review(second.id)).toBeNull();
    expect(await review(elsewhere.id)).toBeNull();
    const third = await w.buy(shop0, await w.resident('13950000199'), 'refrigerator', 400_000);
    const r = (await review(third.id))!;
    expect(r.flags.map((f) => f.ruleCode)).toEqual(['shared_mobile_prefix']);
    expect(r.flags[0]!.reason).toBe('60 分钟内有 3 位手机号前缀相同（139500001**）的居民在本商户核销');
    // A different tenth digit is another block at nine digits.
    const other = await w.buy(shop0, await w.resident('13950000201'), 'refrigerator', 400_000);
    expect(await review(other.id)).toBeNull();
    // The number itself is never stored in the signal, only its keyed hash and the prefix mask.
    const signals = await w.t.deps.database.db.selectFrom('tradein_risk_signals').selectAll().where('kind', '=', 'mobile_prefix').execute();
    expect(JSON.stringify(signals)).not.toContain('13950000199');
    await w.setRule('shared_mobile_prefix', { enabled: false });
  });

  it('shared device: two residents whose vouchers were claimed on one phone are flagged at the second sale', async () => {
    await w.setRule('shared_device', { enabled: true, params: { minResidents: 2, windowMinutes: 60 } });
    const a = await w.buy(shop0, await w.resident(freshMobile()), 'washing_machine', 200_000, {}, 'phone-7f3a9c');
    expect(await review(a.id)).toBeNull();
    const stranger = await w.buy(shop0, await w.resident(freshMobile()), 'washing_machine', 200_000, {}, 'phone-other-1');
    expect(await review(stranger.id)).toBeNull();
    // The till's own device id is recorded but not used to link residents: every sale at a till shares it.
    const c = await w.resident(freshMobile());
    const vc = await w.claim(c, 'washing_machine');
    const tillSale = await w.sell(shop0, vc.code, shop0.products.washer, 200_000, {}, { 'x-device-id': 'phone-7f3a9c' });
    expect(await review(tillSale.json().id)).toBeNull();
    const b = await w.buy(shop0, await w.resident(freshMobile()), 'washing_machine', 200_000, {}, 'phone-7f3a9c');
    const r = (await review(b.id))!;
    expect(r.flags.map((f) => f.ruleCode)).toEqual(['shared_device']);
    expect(r.flags[0]!.reason).toMatch(/^60 分钟内有 2 位在同一设备（[0-9a-f]{8}…）上领券的居民在本商户核销$/);
    const sightings = await w.t.deps.database.db.selectFrom('tradein_device_sightings').select(['event', 'device_hash']).execute();
    expect(sightings.filter((s) => s.event === 'redemption')).toHaveLength(1);
    expect(JSON.stringify(sightings)).not.toContain('phone-7f3a9c');
    await w.setRule('shared_device', { enabled: false });
  });

  it('shared delivery address: the same address written differently links two residents', async () => {
    await w.setRule('shared_address', { enabled: true, params: { minResidents: 2, windowMinutes: 60 } });
    const a = await w.buy(shop0, await w.resident(freshMobile()), 'air_conditioner', 300_000, { deliveryAddress: '晋江市青阳街道阳光路 8 号 101室' });
    expect(await review(a.id)).toBeNull();
    const elsewhere = await w.buy(shop0, await w.resident(freshMobile()), 'air_conditioner', 300_000, { deliveryAddress: '晋江市青阳街道阳光路9号101室' });
    expect(await review(elsewhere.id)).toBeNull();
    const b = await w.buy(shop0, await w.resident(freshMobile()), 'air_conditioner', 300_000, { deliveryAddress: '晋江市青阳街道阳光路８号，１０１室' });
    const r = (await review(b.id))!;
    expect(r.flags.map((f) => f.ruleCode)).toEqual(['shared_address']);
    expect(r.flags[0]!.reason).toBe('60 分钟内有 2 位送货地址相同（晋江市青阳街***）的居民在本商户核销');
    await w.setRule('shared_address', { enabled: false });
  });

  it('burst: the Nth redemption of one merchant within M minutes is flagged, the (N−1)th is not', async () => {
    await w.setRule('merchant_burst', { enabled: true, params: { count: 3, windowMinutes: 10 } });
    const one = await w.buy(shop2, await w.resident(freshMobile()), 'refrigerator', 400_000);
    // A sale older than the window does not count.
    await w.t.deps.database.db
      .updateTable('tradein_redemptions')
      .set({ created_at: new Date(Date.now() - 11 * 60_000).toISOString() })
      .where('id', '=', one.id)
      .execute();
    const two = await w.buy(shop2, await w.resident(freshMobile()), 'refrigerator', 400_000);
    const three = await w.buy(shop2, await w.resident(freshMobile()), 'refrigerator', 400_000);
    expect(await review(two.id)).toBeNull();
    expect(await review(three.id)).toBeNull();
    const four = await w.buy(shop2, await w.resident(freshMobile()), 'refrigerator', 400_000);
    const r = (await review(four.id))!;
    expect(r.flags.map((f) => f.ruleCode)).toEqual(['merchant_burst']);
    expect(r.flags[0]!.reason).toBe('本商户 10 分钟内核销 3 笔，疑似集中刷单');
    expect((await review(four.id, 'en'))!.flags[0]!.reason).toBe('This merchant redeemed 3 vouchers within 10 minutes');
    await w.setRule('merchant_burst', { enabled: false });
  });

  it('old-item proof used twice: the second redemption is held at once (the rule’s action), the first is not', async () => {
    await w.setRule('old_item_proof_reuse', { enabled: true });
    const db = w.t.deps.database.db;
    const uploader = await db.selectFrom('users').select('id').where('username', '=', 'demo_merchant').executeTakeFirstOrThrow();
    const photo = async () =>
      Number(
        (
          await db
            .insertInto('attachments')
            .values({
              organization_id: shop0.organizationId,
              uploaded_by: Number(uploader.id),
              filename: 'old.jpg',
              mime_type: 'image/jpeg',
              size_bytes: 10,
              sha256: 'x',
              storage_key: `k${Math.random()}`,
              created_at: nowIso(),
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    const first = await w.buy(shop0, await w.resident(freshMobile()), 'television', 300_000, {
      oldItemProof: { reference: 'HS-2025-0001', attachmentId: await photo() },
    });
    expect(first.status).toBe('accepted');
    expect(await review(first.id)).toBeNull();
    const again = await w.buy(shop1, await w.resident(freshMobile()), 'television', 300_000, {
      oldItemProof: { reference: 'hs 2025 0001', attachmentId: await photo() },
    });
    expect(again.status).toBe('held');
    const r = (await review(again.id))!;
    expect(r.status).toBe('held');
    expect(r.flags[0]!.reason).toBe(`旧机交售凭证 hs 2025 0001 已用于其他核销（#${first.id}）`);
    // The same photo with another reference is caught too.
    const samePhoto = await photo();
    await w.buy(shop0, await w.resident(freshMobile()), 'television', 300_000, { oldItemProof: { reference: 'HS-2025-0100', attachmentId: samePhoto } });
    const photoAgain = await w.buy(shop0, await w.resident(freshMobile()), 'television', 300_000, {
      oldItemProof: { reference: 'HS-2025-0101', attachmentId: samePhoto },
    });
    expect(photoAgain.status).toBe('held');
    await w.setRule('old_item_proof_reuse', { enabled: false });
  });

  it('merchant hopping: a resident redeeming at a third merchant within the window is flagged', async () => {
    await w.setRule('resident_merchant_hopping', { enabled: true, params: { minMerchants: 3, windowMinutes: 30 } });
    const r = await w.resident(freshMobile());
    const a = await w.buy(shop0, r, 'refrigerator', 400_000);
    const b = await w.buy(shop1, r, 'television', 300_000);
    // Twice at the same merchant is still two merchants.
    const c = await w.buy(shop1, r, 'washing_machine', 200_000);
    for (const x of [a, b, c]) expect(await review(x.id)).toBeNull();
    const d = await w.buy(shop2, r, 'air_conditioner', 300_000);
    const rv = (await review(d.id))!;
    expect(rv.flags.map((f) => f.ruleCode)).toEqual(['resident_merchant_hopping']);
    expect(rv.flags[0]!.reason).toBe('该居民 30 分钟内在 3 家不同商户核销');
    await w.setRule('resident_merchant_hopping', { enabled: false });
  });

  it('several rules on one sale add their scores; the queue filters, sorts by score and pages', async () => {
    await w.setRule('price_markup', { enabled: true, score: 40 });
    await w.setRule('shared_address', { enabled: true, score: 25, params: { minResidents: 2, windowMinutes: 60 } });
    await w.buy(shop1, await w.resident(freshMobile()), 'refrigerator', 400_000, { deliveryAddress: '晋江市梅岭街道双响路1号' });
    const both = await w.buy(shop1, await w.resident(freshMobile()), 'refrigerator', 500_000, { deliveryAddress: '晋江市梅岭街道双响路1号' });
    const r = (await review(both.id))!;
    expect(r.score).toBe(65);
    expect(r.flags.map((f) => f.ruleCode).sort()).toEqual(['price_markup', 'shared_address']);
    await w.setRule('price_markup', { enabled: false });
    await w.setRule('shared_address', { enabled: false });

    const all = (await w.commerce.get('/api/tradein/risk/reviews?pageSize=200')).json();
    expect(all.items[0].redemptionId).toBe(both.id);
    const scores = all.items.map((i: ReviewItem) => i.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    const open = (await w.commerce.get('/api/tradein/risk/reviews?status=open&pageSize=200')).json();
    const held = (await w.commerce.get('/api/tradein/risk/reviews?status=held')).json();
    expect(open.total + held.total).toBe(all.total);
    expect(held.items.length).toBeGreaterThan(0);
    expect(held.items.every((i: ReviewItem) => i.status === 'held' && i.redemption.status === 'held')).toBe(true);
    const byRule = (await w.commerce.get('/api/tradein/risk/reviews?ruleCode=shared_device')).json();
    expect(byRule.items.every((i: ReviewItem) => i.flags.some((f) => f.ruleCode === 'shared_device'))).toBe(true);
    expect(byRule.total).toBe(1);
    const byMerchant = (await w.commerce.get(`/api/tradein/risk/reviews?organizationId=${shop2.organizationId}`)).json();
    expect(byMerchant.items.map((i: ReviewItem) => i.redemption)).toEqual(
      expect.arrayContaining([expect.objectContaining({ organizationId: shop2.organizationId })]),
    );
    expect(byMerchant.items.every((i: { redemption: { organizationId: number } }) => i.redemption.organizationId === shop2.organizationId)).toBe(true);
    const page2 = (await w.commerce.get('/api/tradein/risk/reviews?pageSize=2&page=2')).json();
    expect(page2).toMatchObject({ page: 2, pageSize: 2, total: all.total });
    expect(page2.items.map((i: ReviewItem) => i.redemptionId)).toEqual(all.items.slice(2, 4).map((i: ReviewItem) => i.redemptionId));
    const minScore = (await w.commerce.get('/api/tradein/risk/reviews?minScore=60')).json();
    expect(minScore.items.length).toBeGreaterThan(0);
    expect(minScore.items.every((i: ReviewItem) => i.score >= 60)).toBe(true);
    // … and it leaves out exactly the lower scores.
    expect(minScore.total).toBe(all.items.filter((i: ReviewItem) => i.score >= 60).length);
    expect(minScore.total).toBeLessThan(all.total);
    // 市财政局 and auditors follow the queue; merchants and residents do not see it.
    expect((await w.finance.get('/api/tradein/risk/reviews')).statusCode).toBe(200);
    expect((await w.auditor.get('/api/tradein/risk/reviews')).statusCode).toBe(200);
    expect((await shop0.client.get('/api/tradein/risk/reviews')).statusCode).toBe(403);
  });

  it('hold, clear and reject with a note: the redemption follows, illegal moves are 409, every decision is audited', async () => {
    const queue = (await w.commerce.get('/api/tradein/risk/reviews?status=open&pageSize=200')).json().items as ReviewItem[];
    const [x, y] = queue as [ReviewItem, ReviewItem];
    const decide = (id: number, decision: string, note = '核查') => w.commerce.post(`/api/tradein/risk/reviews/${id}/decision`, { decision, note });

    expect((await w.finance.post(`/api/tradein/risk/reviews/${x.redemptionId}/decision`, { decision: 'hold', note: '财政局' })).statusCode).toBe(403);
    expect((await w.auditor.post(`/api/tradein/risk/reviews/${x.redemptionId}/decision`, { decision: 'hold', note: '审计' })).statusCode).toBe(403);
    expect((await decide(x.redemptionId, 'hold', ' ')).statusCode).toBe(400);

    const held = await decide(x.redemptionId, 'hold', '待商户补充发票原件');
    expect(held.statusCode).toBe(200);
    expect(held.json()).toMatchObject({ status: 'held', note: '待商户补充发票原件', redemption: { status: 'held' } });
    expect((await decide(x.redemptionId, 'hold')).json().error.code).toBe('INVALID_STATE');
    const cleared = (await decide(x.redemptionId, 'clear', '发票原件核对无误')).json();
    expect(cleared).toMatchObject({ status: 'cleared', redemption: { status: 'accepted' } });
    expect(cleared.decisions.map((d: { decision: string; fromStatus: string; toStatus: string }) => `${d.decision}:${d.fromStatus}→${d.toStatus}`)).toEqual([
      'hold:open→held',
      'clear:held→cleared',
    ]);
    for (const d of ['hold', 'clear', 'reject']) expect((await decide(x.redemptionId, d)).statusCode).toBe(409);

    const budget = async () => (await w.commerce.get(`/api/tradein/programs/${w.applianceId}`)).json().budget.usedFen as number;
    const before = await budget();
    const rejected = (await decide(y.redemptionId, 'reject', '核实为虚假交易')).json();
    expect(rejected).toMatchObject({ status: 'rejected', redemption: { status: 'rejected' } });
    expect(await budget()).toBe(before - y.redemption.subsidy);
    expect((await decide(y.redemptionId, 'clear')).statusCode).toBe(409);
    const notice = await w.t.deps.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('dedupe_key', '=', `tradein-risk-reject:${y.redemptionId}`)
      .executeTakeFirst();
    expect(notice?.kind).toBe('tradein_redemption_rejected');
    // A rejected sale keeps its serial number blocked (a return gives it up; a sale judged false does not).
    const rejectedRow = await w.t.deps.database.db
      .selectFrom('tradein_redemptions')
      .select(['serial_key', 'serial_number'])
      .where('id', '=', y.redemptionId)
      .executeTakeFirstOrThrow();
    expect(rejectedRow.serial_key).toBe(serialKey(rejectedRow.serial_number));

    // A held one goes straight to rejected too.
    const heldOne = (await w.commerce.get('/api/tradein/risk/reviews?status=held')).json().items[0] as ReviewItem;
    expect((await decide(heldOne.redemptionId, 'reject', '旧机凭证重复使用')).json().status).toBe('rejected');

    const audit = await w.t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'tradein_redemption')
      .where('action', 'in', ['risk_hold', 'risk_clear', 'risk_reject'])
      .execute();
    expect(audit.map((a) => `${a.entity_id}:${a.action}`).sort()).toEqual(
      [`${x.redemptionId}:risk_hold`, `${x.redemptionId}:risk_clear`, `${y.redemptionId}:risk_reject`, `${heldOne.redemptionId}:risk_reject`].sort(),
    );
  });

  it('a redemption reversed while under review can no longer be decided', async () => {
    const open = (await w.commerce.get('/api/tradein/risk/reviews?status=open&pageSize=200')).json().items as ReviewItem[];
    const target = open[open.length - 1]!;
    expect((await w.commerce.post(`/api/tradein/redemptions/${target.redemptionId}/reverse`, { reason: '顾客退货' })).statusCode).toBe(200);
    const res = await w.commerce.post(`/api/tradein/risk/reviews/${target.redemptionId}/decision`, { decision: 'clear', note: '无问题' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'INVALID_STATE' });
    expect((await w.commerce.post('/api/tradein/risk/reviews/999999/decision', { decision: 'clear', note: '不存在' })).statusCode).toBe(404);
  });
});
