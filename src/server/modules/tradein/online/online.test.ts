import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { computeInvoiceNumber } from '../redemptions/testInvoices.js';
import { createTradeinWorld, type Resident, type Shop, type TradeinWorld } from '../risk/testFixture.js';
import { otherPlaceNamed } from './city.js';
import { expireDueOrders } from './expiryJob.js';

useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

const EN = { 'accept-language': 'en' };
let seq = 0;

describe('online stores and orders confirmed on the resident’s phone', () => {
  let w: TradeinWorld;
  let shop: Shop;
  let other: Shop;
  let storeId: number;
  let alice: Resident;
  let bob: Resident;
  let townId: number;

  const order = (voucherCode: string, extra: Record<string, unknown> = {}) => {
    seq++;
    return {
      onlineStoreId: storeId,
      voucherCode,
      productId: shop.products.fridge,
      orderNumber: `JD-2026-${String(seq).padStart(6, '0')}`,
      serialNumber: `SN-ONLINE-${String(seq).padStart(6, '0')}`,
      invoiceNumber: computeInvoiceNumber(900_000 + seq),
      price: 300_000,
      deliveryTownId: townId,
      deliveryAddress: '福建省泉州市晋江市青阳街道示范路8号3栋',
      ...extra,
    };
  };
  const voucherStatus = async (id: number) =>
    (await w.t.deps.database.db.selectFrom('tradein_vouchers').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  beforeAll(async () => {
    w = await createTradeinWorld(2);
    [shop, other] = w.shops as [Shop, Shop];
    await w.disableAllRules();
    alice = await w.resident('13900000101');
    bob = await w.resident('13900000102');
    townId = w.towns[0]!.id;
  });
  afterAll(() => w.t.close());

  it('an enterprise enrols an online store; categories must be its enrolment’s; a shop is enrolled once', async () => {
    const body = {
      merchantId: shop.merchantId,
      platform: 'jd',
      shopName: '示范家电京东自营旗舰店',
      shopUrl: 'https://mall.jd.com/index-1000001.html',
      categories: ['refrigerator', 'television', 'washing_machine'],
    };
    const bad = await shop.client.post('/api/tradein/online-stores', { ...body, categories: ['refrigerator', 'smartphone'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toMatchObject([{ field: 'categories.1', reason: 'tradein.categoryNotEnrolled' }]);
    expect((await shop.client.post('/api/tradein/online-stores', { ...body, categories: [] })).statusCode).toBe(400);
    const url = await shop.client.post('/api/tradein/online-stores', { ...body, shopUrl: 'ftp://mall.jd.com' }, EN);
    expect(url.statusCode).toBe(400);
    expect(url.json().error.details[0]).toMatchObject({ field: 'shopUrl', message: 'Enter the shop’s address starting with http:// or https://' });
    // Another organisation's enrolment is not mine.
    expect((await other.client.post('/api/tradein/online-stores', body)).json().error.details[0].field).toBe('merchantId');

    const res = await shop.client.post('/api/tradein/online-stores', body);
    expect(res.statusCode, res.body).toBe(201);
    const store = res.json();
    expect(store).toMatchObject({
      status: 'active',
      platform: 'jd',
      categories: ['refrigerator', 'television', 'washing_machine'],
      organizationId: shop.organizationId,
    });
    storeId = store.id;
    const dup = await shop.client.post('/api/tradein/online-stores', { ...body, shopName: '另一个名字' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details[0]).toMatchObject({ field: 'shopUrl' });

    const edited = await shop.client.patch(`/api/tradein/online-stores/${storeId}`, { shopName: '示范家电京东旗舰店' });
    expect(edited.json()).toMatchObject({ shopName: '示范家电京东旗舰店' });
    const audit = await w.t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'tradein_online_store')
      .where('entity_id', '=', String(storeId))
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'update']);

    // Own list; supervisors see all with filters; another shop does not see it.
    expect((await shop.client.get('/api/tradein/online-stores')).json().items.map((s: { id: number }) => s.id)).toEqual([storeId]);
    expect((await other.client.get('/api/tradein/online-stores')).json().items).toEqual([]);
    expect((await w.commerce.get(`/api/tradein/online-stores?organizationId=${shop.organizationId}&platform=jd`)).json().total).toBe(1);
    expect((await w.commerce.get('/api/tradein/online-stores?platform=tmall')).json().total).toBe(0);
    expect((await alice.client.get('/api/tradein/online-stores')).statusCode).toBe(403);

    // A second store, closed: it takes no orders.
    const second = (await shop.client.post('/api/tradein/online-stores', { ...body, platform: 'tmall', shopUrl: 'https://demo.tmall.com' })).json();
    expect((await shop.client.post(`/api/tradein/online-stores/${second.id}/close`)).json().status).toBe('closed');
    const v = await w.claim(alice, 'refrigerator');
    const closed = await shop.client.post('/api/tradein/online-orders', order(v.code, { onlineStoreId: second.id }));
    expect(closed.statusCode).toBe(400);
    expect(closed.json().error.details[0]).toMatchObject({ field: 'onlineStoreId', reason: 'tradein.onlineStoreClosed' });

    // The residents' store finder lists the active shop (not the closed one), whatever town is asked for; a
    // category it does not sell leaves it out.
    const finder = async (q: string) =>
      ((await w.t.anonymous.get(`/api/tradein/public/merchants?${q}`)).json().items as { organizationId: number; onlineStores: unknown[] }[]).find(
        (m) => m.organizationId === shop.organizationId,
      )?.onlineStores;
    expect(await finder('')).toEqual([{ platform: 'jd', shopName: '示范家电京东旗舰店', shopUrl: 'https://mall.jd.com/index-1000001.html' }]);
    expect(await finder('category=refrigerator')).toHaveLength(1);
    expect(await finder('category=air_conditioner')).toEqual([]);
  });

  it('the delivery must be in the city: a town of the city, an address that names no other city', async () => {
    const v = await w.claim(bob, 'refrigerator');
    const notTown = await shop.client.post('/api/tradein/online-orders', order(v.code, { deliveryTownId: other.organizationId }));
    expect(notTown.statusCode).toBe(400);
    expect(notTown.json().error.details[0]).toMatchObject({
      field: 'deliveryTownId',
      reason: 'tradein.deliveryOutsideCity',
      message: '配送地址须在本市范围内',
    });
    const elsewhere = await shop.client.post('/api/tradein/online-orders', order(v.code, { deliveryAddress: '福建省厦门市思明区湖滨南路1号' }), EN);
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.details[0]).toMatchObject({ field: 'deliveryAddress', message: 'The delivery address must be in the city' });
    expect(otherPlaceNamed('广东省深圳市南山区')).toBe('广东省');
    expect(otherPlaceNamed('泉州市晋江市青阳街道家乐福超市旁，农贸市场对面')).toBeNull();
    // Only the administrative prefix places an address; a landmark further on does not.
    expect(otherPlaceNamed('晋江市安海镇石狮市交界处')).toBeNull();
    expect(otherPlaceNamed('晋江市青阳街道都市花园3栋')).toBeNull();
    expect(otherPlaceNamed('青阳街道都市花园3栋')).toBeNull();
    expect(otherPlaceNamed('福建省泉州市晋江市陈埭镇')).toBeNull();
    expect(otherPlaceNamed('厦门市思明区湖滨南路1号')).toBe('厦门市');
    expect(otherPlaceNamed('泉州市丰泽区东海街道')).toBe('丰泽区');
    expect(otherPlaceNamed('福建省 泉州市 南安市 水头镇')).toBe('南安市');
    expect(otherPlaceNamed('上海市浦东新区世纪大道')).toBe('上海市');
    // Field-level validation in both languages.
    const zh = await shop.client.post('/api/tradein/online-orders', { ...order(v.code), price: 0, orderNumber: '' });
    expect(zh.statusCode).toBe(400);
    expect(
      zh
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['orderNumber', 'price']);
    expect(zh.json().error.details.find((d: { field: string }) => d.field === 'price').message).toMatch(/[\u4e00-\u9fff]/);
    const en = await shop.client.post('/api/tradein/online-orders', { ...order(v.code), price: 0 }, EN);
    expect(en.json().error.details[0]).toMatchObject({ field: 'price' });
    expect(en.json().error.details[0].message).toMatch(/^[\x20-\x7e]+$/);
    // Only merchant staff enter orders; a resident cannot.
    expect((await bob.client.post('/api/tradein/online-orders', order(v.code))).statusCode).toBe(403);
  });

  it('an order is entered, the resident confirms it on the phone: then the sale is made and the voucher used', async () => {
    const fridge = (await bob.client.get('/api/tradein/vouchers/mine'))
      .json()
      .find((x: { category: string; status: string }) => x.category === 'refrigerator' && x.status === 'active');
    const body = order(fridge.code);
    const res = await shop.client.post('/api/tradein/online-orders', body);
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    expect(o).toMatchObject({ status: 'awaiting_confirmation', orderNumber: body.orderNumber, price: 300_000, deliveryAddress: body.deliveryAddress });
    expect(o.subsidy).toBeGreaterThan(0);
    expect(o.payable).toBe(300_000 - o.subsidy);
    expect(Date.parse(o.expiresAt) - Date.parse(o.createdAt)).toBe(24 * 60 * 60_000);
    const stored = await w.t.deps.database.db.selectFrom('tradein_online_orders').selectAll().where('id', '=', o.id).executeTakeFirstOrThrow();
    expect(stored.delivery_address_enc).not.toContain('示范路');
    expect(stored.delivery_address_mask.startsWith('福建省泉州市')).toBe(true);
    // The voucher is still the resident's until they confirm.
    expect(await voucherStatus(Number(stored.voucher_id))).toBe('active');
    const note = await w.t.deps.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('kind', '=', 'tradein_online_order_to_confirm')
      .where('user_id', '=', bob.userId)
      .executeTakeFirst();
    expect(note?.link).toBe('/tradein/my/orders');

    // The same order number again is refused, on the order number.
    const again = await shop.client.post('/api/tradein/online-orders', { ...order(fridge.code), orderNumber: body.orderNumber });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'ORDER_NUMBER_USED', details: [{ field: 'orderNumber' }] });
    // One waiting order per voucher.
    expect((await shop.client.post('/api/tradein/online-orders', order(fridge.code))).json().error.code).toBe('ORDER_AWAITING_CONFIRMATION');

    // Addresses: the merchant sees it in full, supervisors the mask, another merchant not at all.
    expect((await shop.client.get(`/api/tradein/online-orders?q=${body.orderNumber}`)).json().items[0].deliveryAddress).toBe(body.deliveryAddress);
    const seen = (await w.commerce.get(`/api/tradein/online-orders?status=awaiting_confirmation`)).json().items.find((x: { id: number }) => x.id === o.id);
    expect(seen.deliveryAddress).toBe(stored.delivery_address_mask);
    expect((await other.client.get('/api/tradein/online-orders')).json().items).toEqual([]);
    expect((await other.client.post(`/api/tradein/online-orders/${o.id}/cancel`)).statusCode).toBe(403);
    const xlsx = await shop.client.get('/api/tradein/online-orders/export');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    // Another resident cannot confirm it.
    expect((await alice.client.post(`/api/tradein/online-orders/${o.id}/confirm`)).statusCode).toBe(403);
    const mine = (await bob.client.get('/api/tradein/online-orders/mine')).json();
    expect(mine.items[0]).toMatchObject({
      id: o.id,
      shopName: '示范家电京东旗舰店',
      platform: 'jd',
      productBrand: '海尔',
      subsidy: o.subsidy,
      deliveryAddress: body.deliveryAddress,
    });
    expect((await alice.client.get('/api/tradein/online-orders/mine')).json().items).toEqual([]);

    const confirmed = await bob.client.post(`/api/tradein/online-orders/${o.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed' });
    const redemptionId = confirmed.json().redemptionId;
    const r = await w.t.deps.database.db.selectFrom('tradein_redemptions').selectAll().where('id', '=', redemptionId).executeTakeFirstOrThrow();
    expect(r).toMatchObject({ channel: 'online', status: 'accepted', serial_number: body.serialNumber });
    expect(Number(r.online_order_id)).toBe(o.id);
    expect(Number(r.subsidy_fen)).toBe(o.subsidy);
    expect(await voucherStatus(Number(stored.voucher_id))).toBe('redeemed');
    const f = await w.t.deps.database.db.selectFrom('tradein_fulfilments').selectAll().where('redemption_id', '=', redemptionId).executeTakeFirstOrThrow();
    expect(f.status).toBe('awaiting_delivery');
    expect(Number(f.delivery_town_id)).toBe(townId);
    // Confirmed once only.
    expect((await bob.client.post(`/api/tradein/online-orders/${o.id}/confirm`)).json().error.code).toBe('INVALID_STATE');
    const purchases = (await bob.client.get('/api/tradein/redemptions/mine')).json().items;
    expect(purchases[0]).toMatchObject({ id: redemptionId, channel: 'online', fulfilmentStatus: 'awaiting_delivery' });
  });

  it('an expired order cannot be confirmed and the voucher stays the resident’s; the job expires the rest', async () => {
    const fridge = (await alice.client.get('/api/tradein/vouchers/mine'))
      .json()
      .find((x: { category: string; status: string }) => x.category === 'refrigerator' && x.status === 'active');
    const o = (await shop.client.post('/api/tradein/online-orders', order(fridge.code))).json();
    const past = new Date(Date.now() - 60_000).toISOString();
    await w.t.deps.database.db.updateTable('tradein_online_orders').set({ expires_at: past }).where('id', '=', o.id).execute();
    const late = await alice.client.post(`/api/tradein/online-orders/${o.id}/confirm`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('ORDER_EXPIRED');
    expect((await alice.client.get('/api/tradein/online-orders/mine')).json().items[0]).toMatchObject({ id: o.id, status: 'expired' });
    expect(await voucherStatus(fridge.id)).toBe('active');
    expect(await w.t.deps.database.db.selectFrom('tradein_redemptions').select('id').where('online_order_id', '=', o.id).executeTakeFirst()).toBeUndefined();

    // The job: two past their time, one not.
    const a = (await shop.client.post('/api/tradein/online-orders', order(fridge.code))).json();
    await w.t.deps.database.db.updateTable('tradein_online_orders').set({ expires_at: past }).where('id', '=', a.id).execute();
    const tv = await w.claim(alice, 'television');
    const b = (await shop.client.post('/api/tradein/online-orders', order(tv.code, { productId: shop.products.tv, price: 200_000 }))).json();
    expect(b.status).toBe('awaiting_confirmation');
    expect(await expireDueOrders(w.t.deps, new Date())).toBe(1);
    expect(await expireDueOrders(w.t.deps, new Date())).toBe(0);
    const statuses = await w.t.deps.database.db
      .selectFrom('tradein_online_orders')
      .select(['id', 'status'])
      .where('id', 'in', [a.id, b.id])
      .orderBy('id')
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(['expired', 'awaiting_confirmation']);
    const audits = await w.t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'tradein_online_order')
      .where('entity_id', '=', String(a.id))
      .execute();
    expect(audits.map((x) => x.action)).toEqual(['place', 'expire']);

    // Decline (resident) and cancel (merchant): the voucher stays active.
    expect((await alice.client.post(`/api/tradein/online-orders/${b.id}/decline`)).json().status).toBe('declined');
    expect(await voucherStatus(tv.id)).toBe('active');
    const c = (await shop.client.post('/api/tradein/online-orders', order(tv.code, { productId: shop.products.tv, price: 200_000 }))).json();
    expect((await alice.client.post(`/api/tradein/online-orders/${c.id}/cancel`)).statusCode).toBe(403);
    expect((await shop.client.post(`/api/tradein/online-orders/${c.id}/cancel`)).json().status).toBe('cancelled');
    expect((await alice.client.post(`/api/tradein/online-orders/${c.id}/confirm`)).json().error.code).toBe('INVALID_STATE');
    expect(await voucherStatus(tv.id)).toBe('active');
    const filtered = (await shop.client.get('/api/tradein/online-orders?status=cancelled&sort=createdAt&order=asc')).json();
    expect(filtered.items.map((x: { id: number }) => x.id)).toEqual([c.id]);
  });
});
