import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { systemContext } from '../../../core/context.js';
import { inTransaction } from '../../../db/database.js';
import { makeSale } from '../redemptions/sale.js';
import { computeInvoiceNumber } from '../redemptions/testInvoices.js';
import { createTradeinWorld, type Resident, type Shop, type TradeinWorld } from '../risk/testFixture.js';
import { fulfilmentMetrics } from './metrics.js';
import { deliveryOverdueJob } from './overdueJob.js';

/** Inside the appliance programme, at a Wednesday noon in Shanghai; the tests move the clock forward from it. */
const NOW = shanghaiInstant('2026-06-10', '12:00');
const HOUR = 3600_000;

describe('delivery and installation before settlement', () => {
  useFakeClock(NOW);
  let w: TradeinWorld;
  let shop0: Shop;
  let shop1: Shop;
  let mobile = 0;
  const resident = (): Promise<Resident> => w.resident(`1370000${String(++mobile).padStart(4, '0')}`);
  const db = () => w.t.deps.database.db;
  /** Moves the clock and signs the shops and 市商务局 in again (a jump of days ends their sessions). */
  const jump = async (at: Date) => {
    vi.setSystemTime(at);
    const logins = ['demo_merchant', 'shop_1'];
    for (const [i, shop] of w.shops.entries()) shop.client = await w.t.login(logins[i]!);
    w.commerce = await w.t.login('demo_department');
    await w.reopenPools(w.commerce);
  };
  const fulfilment = (id: number) => db().selectFrom('tradein_fulfilments').selectAll().where('redemption_id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    w = await createTradeinWorld(2);
    [shop0, shop1] = w.shops as [Shop, Shop];
    await w.disableAllRules();
  });
  afterAll(() => w.t.close());

  it('a sale carried out of the store is settleable at once and writes no timeline of its own', async () => {
    const sale = await w.buy(shop0, await resident(), 'refrigerator', 400_000);
    expect(sale).toMatchObject({ channel: 'store', fulfilmentStatus: 'settleable' });
    const f = await fulfilment(sale.id);
    expect(f).toMatchObject({ status: 'settleable', due_at: null, delivery_minutes: 0 });
    expect(f.settleable_at).toBe(f.created_at);
    const detail = (await shop0.client.get(`/api/tradein/fulfilments/${sale.id}`)).json();
    expect(detail.timeline).toEqual([]);
  });

  it('an air conditioner waits for its installation: no photo, no record; another merchant cannot; then settleable', async () => {
    const buyer = await resident();
    const sale = await w.buy(shop0, buyer, 'air_conditioner', 300_000);
    expect(sale.fulfilmentStatus).toBe('delivered');
    const url = `/api/tradein/fulfilments/${sale.id}/install`;
    const noPhoto = await shop0.client.post(url, { installerName: '王师傅' });
    expect(noPhoto.statusCode).toBe(400);
    expect(noPhoto.json().error.details.map((d: { field: string }) => d.field)).toContain('attachmentId');
    // A photo of another merchant's is not evidence of this installation.
    const foreign = await w.photo(shop1);
    const wrong = await shop0.client.post(url, { installerName: '王师傅', attachmentId: foreign });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0]).toMatchObject({ field: 'attachmentId', reason: 'invalid' });
    expect((await shop1.client.post(url, { installerName: '李师傅', attachmentId: foreign })).statusCode).toBe(403);
    expect((await buyer.client.post(url, { installerName: '我自己', attachmentId: foreign })).statusCode).toBe(403);
    expect((await fulfilment(sale.id)).status).toBe('delivered');

    await jump(new Date(NOW.getTime() + 26 * HOUR));
    const photo = await w.photo(shop0);
    const done = await shop0.client.post(url, { installerName: '王师傅', attachmentId: photo });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'settleable', installerName: '王师傅', installationAttachmentId: photo, needsInstallation: true });
    expect((await fulfilment(sale.id)).installation_minutes).toBe(26 * 60);
    const again = await shop0.client.post(url, { installerName: '王师傅', attachmentId: photo });
    expect(again.statusCode).toBe(409);
    const detail = (await shop0.client.get(`/api/tradein/fulfilments/${sale.id}`)).json();
    expect(detail.timeline.map((e: { action: string; toStatus: string }) => `${e.action}:${e.toStatus}`)).toEqual([
      'sellForInstallation:delivered',
      'install:installed',
      'release:settleable',
    ]);
    // A category that is not installed has nothing to install.
    const fridge = await w.buy(shop0, await resident(), 'refrigerator', 400_000);
    const none = await shop0.client.post(`/api/tradein/fulfilments/${fridge.id}/install`, { installerName: '王师傅', attachmentId: photo });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details[0]).toMatchObject({ field: 'installerName', reason: 'tradein.noInstallation' });
    await jump(NOW);
  });

  it('a sale to be delivered is settled only once delivered: the resident confirms, or the merchant records it with a photo', async () => {
    const buyer = await resident();
    const sale = await w.buy(shop0, buyer, 'washing_machine', 200_000, { deliveryAddress: '晋江市青阳街道测试路1号' });
    expect(sale.fulfilmentStatus).toBe('awaiting_delivery');
    const other = await resident();
    expect((await other.client.post(`/api/tradein/fulfilments/${sale.id}/confirm-delivery`)).statusCode).toBe(403);
    expect((await other.client.get(`/api/tradein/fulfilments/${sale.id}`)).statusCode).toBe(403);
    // The merchant's staff cannot confirm for the resident; the resident confirms on their phone.
    expect((await shop0.client.post(`/api/tradein/fulfilments/${sale.id}/confirm-delivery`)).statusCode).toBe(403);
    const mine = (await buyer.client.get(`/api/tradein/fulfilments/${sale.id}`)).json();
    expect(mine.deliveryAddress).toBe('晋江市青阳街道测试路1号');
    const confirmed = await buyer.client.post(`/api/tradein/fulfilments/${sale.id}/confirm-delivery`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'settleable', deliveryConfirmedBy: 'resident' });
    expect((await buyer.client.post(`/api/tradein/fulfilments/${sale.id}/confirm-delivery`)).statusCode).toBe(409);

    const second = await w.buy(shop0, await resident(), 'television', 300_000, { deliveryAddress: '晋江市罗山街道测试路2号' });
    const photo = await w.photo(shop0);
    const delivered = await shop0.client.post(`/api/tradein/fulfilments/${second.id}/deliver`, { attachmentId: photo });
    expect(delivered.statusCode, delivered.body).toBe(200);
    expect(delivered.json()).toMatchObject({ status: 'settleable', deliveryConfirmedBy: 'merchant', deliveryAttachmentId: photo });
    // 市商务局 opens the photo through the sale it is evidence for (audited); another merchant cannot; nor any other file.
    const viewed = await w.commerce.get(`/api/tradein/fulfilments/${second.id}/photos/${photo}`);
    expect(viewed.statusCode).toBe(200);
    expect(viewed.headers['content-type']).toContain('image/jpeg');
    expect((await shop1.client.get(`/api/tradein/fulfilments/${second.id}/photos/${photo}`)).statusCode).toBe(403);
    expect((await w.commerce.get(`/api/tradein/fulfilments/${second.id}/photos/${await w.photo(shop0)}`)).statusCode).toBe(404);
    const audit = await db()
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity', '=', 'attachment')
      .where('entity_id', '=', String(photo))
      .where('action', '=', 'viewed')
      .execute();
    expect(audit.map((a) => JSON.parse(a.after_json ?? '{}').record)).toEqual([{ entity: 'tradein_fulfilment', id: second.id, kind: 'delivery' }]);
  });

  it('an air conditioner delivered to the home goes delivered → installed → settleable', async () => {
    const sale = await w.buy(shop1, await resident(), 'air_conditioner', 300_000, { deliveryAddress: '晋江市陈埭镇测试路3号' });
    expect(sale.fulfilmentStatus).toBe('awaiting_delivery');
    const photo = await w.photo(shop1);
    const delivered = (await shop1.client.post(`/api/tradein/fulfilments/${sale.id}/deliver`, { attachmentId: photo })).json();
    expect(delivered.status).toBe('delivered');
    await w.install(shop1, sale.id);
    expect((await fulfilment(sale.id)).status).toBe('settleable');
  });

  it('exports the list as Excel in the caller’s language; residents and other businesses cannot list', async () => {
    const res = await w.commerce.get('/api/tradein/fulfilments/export?status=settleable', { 'accept-language': 'en' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Delivery and installation')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Sale');
    expect(sheet.rowCount).toBeGreaterThan(3);
    expect((await (await resident()).client.get('/api/tradein/fulfilments')).statusCode).toBe(403);
    const bad = await w.commerce.get('/api/tradein/fulfilments?status=lost', { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('status');
  });

  it('a delivery late past tradein.deliveryDueDays is flagged in the lists and told to the merchant once', async () => {
    const sale = await w.buy(shop1, await resident(), 'refrigerator', 400_000, { deliveryAddress: '晋江市安海镇测试路4号' });
    const due = (await fulfilment(sale.id)).due_at!;
    // The test's clock runs on from NOW: the sale was made within a minute of it.
    expect(Math.abs(Date.parse(due) - NOW.getTime() - 10 * 24 * HOUR)).toBeLessThan(60_000);
    const late = async () => (await shop1.client.get('/api/tradein/fulfilments?overdue=true')).json();
    expect((await late()).total).toBe(0);
    await jump(new Date(Date.parse(due) + HOUR));
    const list = await late();
    expect(list.items.map((f: { redemptionId: number; overdue: boolean }) => [f.redemptionId, f.overdue])).toEqual([[sale.id, true]]);
    const notices = () =>
      db()
        .selectFrom('notifications')
        .select('id')
        .where('kind', '=', 'tradein_delivery_overdue')
        .where('organization_id', '=', shop1.organizationId)
        .execute();
    await deliveryOverdueJob.run(w.t.deps, new Date(), w.t.app.log);
    await deliveryOverdueJob.run(w.t.deps, new Date(Date.now() + 24 * HOUR), w.t.app.log);
    expect(await notices()).toHaveLength(1);
    // Supervisors see every merchant's late deliveries, the address masked; the merchant sees it in full.
    const all = (await w.commerce.get('/api/tradein/fulfilments?overdue=true')).json();
    expect(all.items.find((f: { redemptionId: number }) => f.redemptionId === sale.id).deliveryAddress).toBe('晋江市安海镇***');
    expect(list.items[0].deliveryAddress).toBe('晋江市安海镇测试路4号');
    expect((await shop0.client.get('/api/tradein/fulfilments?overdue=true')).json().total).toBe(0);
    await jump(NOW);
  });

  it('a reversed sale’s fulfilment is cancelled and never flagged', async () => {
    const sale = await w.buy(shop0, await resident(), 'refrigerator', 400_000, { deliveryAddress: '晋江市西园街道测试路5号' });
    expect((await shop0.client.post(`/api/tradein/redemptions/${sale.id}/reverse`, { reason: '顾客退货' })).statusCode).toBe(200);
    expect((await fulfilment(sale.id)).status).toBe('cancelled');
    const photo = await w.photo(shop0);
    expect((await shop0.client.post(`/api/tradein/fulfilments/${sale.id}/deliver`, { attachmentId: photo })).statusCode).toBe(409);
  });

  it('the month’s settlement takes a sale only once it is settleable, in the month it became so', async () => {
    // Made and delivered in May, installed only in June: not in May's batch, in June's.
    await jump(shanghaiInstant('2026-05-20', '10:00'));
    const sale = await w.buy(shop1, await resident(), 'air_conditioner', 300_000);
    await jump(shanghaiInstant('2026-06-02', '10:00'));
    const may = (await w.commerce.post('/api/tradein/settlement/batches', { period: '2026-05', merchantId: shop1.merchantId })).json();
    const mayLines = may.items.length
      ? ((await w.commerce.get(`/api/tradein/settlement/batches/${may.items[0].id}`)).json().lines as { redemptionId: number }[])
      : [];
    expect(mayLines.map((l) => l.redemptionId)).not.toContain(sale.id);
    await w.install(shop1, sale.id);
    await jump(shanghaiInstant('2026-07-01', '09:00'));
    const june = (await w.commerce.post('/api/tradein/settlement/batches', { period: '2026-06', merchantId: shop1.merchantId })).json();
    const juneLines = (await w.commerce.get(`/api/tradein/settlement/batches/${june.items[0].id}`)).json().lines as { redemptionId: number }[];
    expect(juneLines.map((l) => l.redemptionId)).toContain(sale.id);
    await jump(NOW);
  });

  it('metrics: online share, delivery hours and installation hours in a window', async () => {
    const from = shanghaiInstant('2026-08-01').toISOString();
    const to = shanghaiInstant('2026-09-01').toISOString();
    const metric = (name: string) => fulfilmentMetrics.find((m) => m.name === name)!.compute(db(), { from, to });
    expect(await metric('tradein.online.share')).toBe(0);
    await jump(shanghaiInstant('2026-08-03', '10:00'));
    // Three sales at a till (one delivered later) and one online, delivered to a town of the city.
    const atTill = await w.buy(shop0, await resident(), 'refrigerator', 400_000, { deliveryAddress: '晋江市磁灶镇测试路6号' });
    await w.buy(shop0, await resident(), 'television', 300_000);
    await w.buy(shop0, await resident(), 'washing_machine', 200_000);
    const buyer = await resident();
    const voucher = await w.claim(buyer, 'air_conditioner');
    const onlineId = await inTransaction(w.t.deps.database, (tx) =>
      makeSale(tx, w.t.deps, systemContext('test'), {
        voucher: { holderUserId: buyer.userId, voucherId: voucher.id },
        organizationId: shop1.organizationId,
        channel: 'online',
        delivery: { townId: w.towns[0]!.id, address: '晋江市池店镇测试路7号' },
        productId: shop1.products.ac,
        price: 300_000,
        serialNumber: 'SN-ONLINE-000001',
        invoiceNumber: computeInvoiceNumber(990_001),
      }),
    );
    expect(await metric('tradein.online.share')).toBe(25);
    expect(await metric('tradein.online.units')).toBe(1);
    expect(await fulfilmentMetrics.find((m) => m.name === 'tradein.online.units')!.compute(db(), { from, to, townId: w.towns[0]!.id })).toBe(1);
    await jump(shanghaiInstant('2026-08-05', '10:00'));
    const photo0 = await w.photo(shop0);
    expect((await shop0.client.post(`/api/tradein/fulfilments/${atTill.id}/deliver`, { attachmentId: photo0 })).statusCode).toBe(200);
    const photo1 = await w.photo(shop1);
    expect((await shop1.client.post(`/api/tradein/fulfilments/${onlineId}/deliver`, { attachmentId: photo1 })).statusCode).toBe(200);
    await jump(shanghaiInstant('2026-08-05', '16:00'));
    await w.install(shop1, onlineId);
    // Both delivered 48 hours after the sale; the installation 6 hours after its delivery.
    expect(await metric('tradein.delivery.hours')).toBe(48);
    expect(await metric('tradein.installation.hours')).toBe(6);
    // 市商务局's overview reads the same figures for the window; a business does not.
    const summary = await w.commerce.get('/api/tradein/fulfilments/summary?from=2026-08-01&to=2026-08-31');
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json()).toMatchObject({ onlineShare: 25, onlineUnits: 1, deliveryHours: 48, installationHours: 6 });
    expect((await shop0.client.get('/api/tradein/fulfilments/summary')).statusCode).toBe(403);
    // An impossible day was a 500 (found by the fuzzer): now a field error.
    const impossible = await w.commerce.get('/api/tradein/fulfilments/summary?from=2034-54-50');
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().error.details[0]).toMatchObject({ field: 'from' });
    await jump(NOW);
  });
});
