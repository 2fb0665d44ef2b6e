import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { inShanghaiMonth, monthStart, previousShanghaiMonth, shanghaiMonth } from '../helpers/clock.js';
import { seedTradeinDemo } from '../../src/server/modules/tradein/programs/demo.js';
import {
  DEMO_RESIDENT,
  DESKTOP,
  PHONE,
  launchBrowser,
  login,
  openSession,
  pickOption,
  screenshot,
  setPageClock,
  settle,
  startServer,
  waitForText,
  type Session,
  type TestServer,
} from './harness.js';
import { openTestPool } from '../../src/server/modules/tradein/testing/pools.js';

/**
 * Trade-in online and after the sale, through the web app:
 *  a resident claims an air-conditioner voucher on a phone → the demo merchant enters the order placed in its
 *  online shop (delivery in a town of the city) → the resident confirms the order on the phone, and only then is
 *  the voucher used → the merchant records the delivery with a photo of the signed receipt, and the installation
 *  with the installer's name and a photo → the sale is settleable and enters the month's settlement batch.
 *
 * Settlement takes months that have ended: as in tradein.browser.test.ts, the test moves the sale (and its
 * delivery and installation) into last month in the database before 市商务局 makes the batches, with the page's
 * clock in the first half hour of this month.
 */
let server: TestServer;
let browser: Browser;
const sessions: Session[] = [];

let demoPoolId = 0;

beforeAll(async () => {
  server = await startServer();
  // The demo programmes around today, with the demo merchant approved in them and its online shop (the harness
  // seeds accounts only), and an air-conditioner release of the demo programme open now.
  await seedTradeinDemo(server.deps);
  const db = server.deps.database.db;
  const program = await db
    .selectFrom('tradein_programs')
    .select('id')
    .where('code', 'like', 'demo-appliance-%')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  demoPoolId = await openTestPool(server.deps, 'air_conditioner', 10, Number(program.id), { sinceMs: 3600_000, forMs: 2 * 86_400_000 });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function signedIn(username: string, viewport = DESKTOP): Promise<Session> {
  const s = await openSession(browser, server.baseUrl, viewport);
  sessions.push(s);
  await login(s.page, username);
  return s;
}

async function go(page: Page, path: string, testId: string): Promise<void> {
  await page.goto(path);
  await page.getByTestId(testId).waitFor();
  await settle(page);
}

/** A 1×1 PNG: the upload check reads the signature, the photo view shows it. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const ORDER_NUMBER = 'JD-2026-88001234';
const SERIAL = 'SN-AC-ONLINE-000777';
const INVOICE = '24352000000000000456';

let voucherCode = '';
let saleId = 0;

async function uploadPhoto(page: Page, name: string): Promise<void> {
  await page.getByTestId('fulfilment-photo').locator('input[type=file]').setInputFiles({ name, mimeType: 'image/png', buffer: PNG });
  await page.getByTestId('fulfilment-photo-files').waitFor();
}

describe('trade-in online: order → confirmation on a phone → delivery and installation → settlement', () => {
  it('a resident claims an air-conditioner voucher on a phone', async () => {
    const { page, errors } = await signedIn(DEMO_RESIDENT.mobile, PHONE);
    await go(page, '/tradein/claim', 'page-tradein-claim');
    const pool = page.getByTestId(`pool-${demoPoolId}`);
    await pool.waitFor();
    await pool.getByTestId('claim-button').click();
    await page.getByTestId('claim-success').getByTestId('voucher-code').waitFor();
    voucherCode = ((await page.getByTestId('claim-success').getByTestId('voucher-code').textContent()) ?? '').replace(/\s/g, '');
    expect(voucherCode).toMatch(/^[23456789A-HJKMNP-TV-Z]{11}$/);
    expect(errors).toEqual([]);
  });

  it('the merchant enters the online order; the voucher stays the resident’s until they confirm', async () => {
    const { page, errors } = await signedIn('demo_merchant');
    await go(page, '/tradein/merchant/online', 'page-tradein-merchant-online');
    await page.getByTestId('online-order-form').waitFor();
    await pickOption(page, 'online-order-store', '示范家电京东旗舰店');
    await page.getByTestId('online-order-voucher').fill(voucherCode);
    await pickOption(page, 'online-order-product', 'KFR-35GW');
    await page.getByTestId('online-order-number').fill(ORDER_NUMBER);
    await page.getByTestId('online-order-serial').fill(SERIAL);
    await page.getByTestId('online-order-invoice').fill(INVOICE);
    await page.getByTestId('online-order-price').fill('3299');
    await pickOption(page, 'online-order-town', '陈埭镇', '陈埭');
    await page.getByTestId('online-order-address').fill('晋江市陈埭镇示范路 8 号 3 栋 501');
    await page.getByTestId('online-order-submit').click();
    await waitForText(page, 'online-orders-table', ORDER_NUMBER);
    await page.getByTestId('online-orders-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'tradein-online-orders-desktop', { docs: 'tradein-online-orders' });
    const db = server.deps.database.db;
    const voucher = await db.selectFrom('tradein_vouchers').select('status').where('code', '=', voucherCode).executeTakeFirstOrThrow();
    expect(voucher.status).toBe('active');
    expect(errors).toEqual([]);
  });

  it('the resident confirms the order on the phone: the sale is made, to be delivered', async () => {
    const { page, errors } = sessions[0]!;
    await go(page, '/tradein/my/orders', 'page-tradein-my-orders');
    await waitForText(page, 'page-tradein-my-orders', ORDER_NUMBER);
    await screenshot(page, 'tradein-online-confirm-phone', { fullPage: true, docs: 'tradein-online-confirm-phone' });
    const confirm = page.locator('[data-testid^="online-order-confirm-"]').first();
    await confirm.click();
    // A confirmation step (Popconfirm or modal) may ask once more.
    const ok = page.locator('.ant-popconfirm-buttons .ant-btn-primary, .ant-modal-confirm-btns .ant-btn-primary');
    if (await ok.count()) await ok.first().click();
    const db = server.deps.database.db;
    await expect
      .poll(async () => (await db.selectFrom('tradein_vouchers').select('status').where('code', '=', voucherCode).executeTakeFirstOrThrow()).status, {
        timeout: 30_000,
      })
      .toBe('redeemed');
    const sale = await db.selectFrom('tradein_redemptions').select(['id', 'channel']).where('serial_number', '=', SERIAL).executeTakeFirstOrThrow();
    expect(sale.channel).toBe('online');
    saleId = Number(sale.id);
    await go(page, '/tradein/my/purchases', 'page-tradein-my-purchases');
    await page.getByTestId(`purchase-${saleId}`).getByTestId('fulfilment-awaiting_delivery').waitFor();
    await screenshot(page, 'tradein-purchases-delivery-phone', { fullPage: true });
    expect(errors).toEqual([]);
  });

  it('the merchant records the delivery and the installation, each with a photo; the sale becomes settleable', async () => {
    const { page, errors } = sessions[1]!;
    await go(page, '/tradein/merchant/deliveries', 'page-tradein-deliveries');
    await page.getByTestId(`fulfilment-deliver-${saleId}`).click();
    await uploadPhoto(page, '签收单.png');
    await page.getByTestId('fulfilment-record-submit').click();
    await page.getByTestId(`fulfilment-install-${saleId}`).waitFor();
    await page.getByTestId(`fulfilment-install-${saleId}`).click();
    await page.getByTestId('fulfilment-installer').fill('王师傅');
    await uploadPhoto(page, '安装完成.png');
    await page.getByTestId('fulfilment-record-submit').click();
    await waitForText(page, 'fulfilment-table', '可结算');
    await screenshot(page, 'tradein-deliveries-desktop', { docs: 'tradein-deliveries' });
    await page.getByTestId(`fulfilment-open-${saleId}`).click();
    await waitForText(page, 'fulfilment-drawer', '王师傅');
    await waitForText(page, 'fulfilment-photos', '安装完成.png');
    await screenshot(page, 'tradein-delivery-drawer-desktop', { docs: 'tradein-delivery-drawer' });
    await page.setViewportSize(PHONE);
    await screenshot(page, 'tradein-delivery-drawer-phone');
    await page.setViewportSize(DESKTOP);
    const f = await server.deps.database.db.selectFrom('tradein_fulfilments').select('status').where('redemption_id', '=', saleId).executeTakeFirstOrThrow();
    expect(f.status).toBe('settleable');
    expect(errors).toEqual([]);
  });

  it('the settleable sale enters the month’s settlement batch', async () => {
    const now = Date.now();
    const pageNow = Math.min(now, monthStart(shanghaiMonth(now)).getTime() + 30 * 60_000);
    const period = previousShanghaiMonth(pageNow);
    const at = inShanghaiMonth(period).toISOString();
    const db = server.deps.database.db;
    await db.updateTable('tradein_redemptions').set({ created_at: at }).where('id', '=', saleId).execute();
    await db
      .updateTable('tradein_fulfilments')
      .set({ created_at: at, delivered_at: at, installed_at: at, settleable_at: at })
      .where('redemption_id', '=', saleId)
      .execute();
    const clerk = await openSession(browser, server.baseUrl, DESKTOP);
    sessions.push(clerk);
    await setPageClock(clerk.context, pageNow);
    await login(clerk.page, 'demo_department');
    await go(clerk.page, '/tradein/settlement', 'page-tradein-settlement');
    await clerk.page.getByTestId('make-batches').click();
    await clerk.page.waitForURL(new RegExp(`period=${period}`));
    // 20% of 3,299.00 for a grade-1 air conditioner.
    await waitForText(clerk.page, 'batches-table', '659.80');
    const line = await db
      .selectFrom('tradein_settlement_lines')
      .select(['batch_id', 'amount_fen'])
      .where('redemption_id', '=', saleId)
      .executeTakeFirstOrThrow();
    expect(Number(line.amount_fen)).toBe(65_980);
    expect(clerk.errors).toEqual([]);
  });

  it('after the sale: the resident asks for a repair on the phone, the merchant answers, 市商务局 sees the response time', async () => {
    const resident = sessions[0]!;
    await go(resident.page, '/tradein/my/purchases', 'page-tradein-my-purchases');
    await resident.page.getByTestId(`purchase-after-sales-${saleId}`).click();
    await resident.page.getByTestId('after-sales-open-form').waitFor();
    await pickOption(resident.page, 'after-sales-open-kind', '维修');
    await pickOption(resident.page, 'after-sales-open-topic', '质量');
    await resident.page.getByTestId('after-sales-open-description').fill('空调制冷效果差，室外机噪音大，请安排上门检修');
    await resident.page.getByTestId('after-sales-open-submit').click();
    await waitForText(resident.page, 'after-sales-cases', '空调制冷效果差');
    await screenshot(resident.page, 'tradein-after-sales-phone', { fullPage: true, docs: 'tradein-after-sales-phone' });
    expect(resident.errors).toEqual([]);

    const merchant = sessions[1]!;
    await go(merchant.page, '/tradein/merchant/after-sales', 'page-tradein-merchant-after-sales');
    await merchant.page.locator('[data-testid^="after-sales-respond-"]').first().click();
    await merchant.page.getByTestId('after-sales-text').fill('已预约明天上午上门检修');
    await merchant.page.getByTestId('after-sales-confirm').click();
    await waitForText(merchant.page, 'after-sales-table', '处理中');
    await screenshot(merchant.page, 'tradein-merchant-after-sales-desktop');
    expect(merchant.errors).toEqual([]);

    const commerce = await signedIn('demo_department');
    await go(commerce.page, '/tradein/merchant-service', 'page-tradein-merchant-service');
    await waitForText(commerce.page, 'merchant-service-table', '晋江示范家电商场有限公司');
    await screenshot(commerce.page, 'tradein-merchant-service-desktop', { docs: 'tradein-merchant-service' });
    expect(commerce.errors).toEqual([]);
  });

  it('the new pages fit a phone: no page is wider than the screen', async () => {
    for (const [who, pages] of [
      [
        DEMO_RESIDENT.mobile,
        [
          ['/tradein/my/orders', 'page-tradein-my-orders'],
          ['/tradein/my/purchases', 'page-tradein-my-purchases'],
          ['/tradein/my/after-sales', 'page-tradein-my-after-sales'],
        ],
      ],
      [
        'demo_merchant',
        [
          ['/tradein/merchant/online', 'page-tradein-merchant-online'],
          ['/tradein/merchant/deliveries', 'page-tradein-deliveries'],
          ['/tradein/merchant/after-sales', 'page-tradein-merchant-after-sales'],
          ['/tradein/merchant/showrooms', 'page-tradein-showrooms'],
        ],
      ],
      [
        'demo_department',
        [
          ['/tradein/deliveries', 'page-tradein-deliveries'],
          ['/tradein/merchant-service', 'page-tradein-merchant-service'],
          ['/tradein/showrooms', 'page-tradein-showrooms'],
        ],
      ],
    ] as const) {
      const s = await signedIn(who, PHONE);
      for (const [path, testId] of pages) {
        await go(s.page, path, testId);
        const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} is wider than the phone`).toBeLessThanOrEqual(0);
        await screenshot(s.page, `phone${path.replaceAll('/', '-')}`);
      }
      expect(s.errors).toEqual([]);
    }
  });
});
