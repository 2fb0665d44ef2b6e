import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { daysAgo, invoice, vin } from '../../src/server/modules/cartradein/testing/fixtures.js';
import { seedTradeinDemo } from '../../src/server/modules/tradein/programs/demo.js';
import { seedShowroomDemo } from '../../src/server/modules/tradein/showrooms/demo.js';
import {
  DEMO_RESIDENT,
  PHONE,
  launchBrowser,
  login,
  openSession,
  pickOption,
  screenshot,
  settle,
  startServer,
  waitForText,
  type Session,
  type TestServer,
} from './harness.js';

/**
 * Residents on a 375 px phone: signed out, from the sign-in page, one finds a store by town and category (the demo
 * programmes are seeded: the demo merchant's store is in 青阳街道 and sells fridges under them); signed in, one opens the finder from the
 * claim page, and sends a car application naming the town, which the application then carries. The finder's second
 * view lists the demo enterprise's showrooms and sample rooms by town and kind, an online one with its link.
 */
let server: TestServer;
let browser: Browser;
const sessions: Session[] = [];

beforeAll(async () => {
  server = await startServer();
  // The demo programmes around today, with the demo merchant approved in them (the harness seeds accounts only).
  await seedTradeinDemo(server.deps);
  // Its showrooms and sample rooms, under those programmes.
  await seedShowroomDemo(server.deps);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function phone(): Promise<Session> {
  const s = await openSession(browser, server.baseUrl, PHONE);
  sessions.push(s);
  return s;
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const DEMO_MERCHANT = '晋江示范家电商场有限公司（演示）';

describe('store finder and the town of a car application, on a phone', () => {
  it('a resident finds a store by town and category without signing in', async () => {
    const { page } = await phone();
    await page.goto('/login');
    await page.getByTestId('link-store-finder').click();
    await page.getByTestId('page-store-finder').waitFor();
    await waitForText(page, 'store-finder-results', DEMO_MERCHANT);

    // No approved store in 梅岭街道: the empty state offers to clear the filters.
    await pickOption(page, 'store-finder-town', '梅岭街道', '梅岭');
    await page.getByTestId('store-finder-empty').waitFor();
    await page.getByTestId('store-finder-clear').click();
    await waitForText(page, 'store-finder-results', DEMO_MERCHANT);

    await pickOption(page, 'store-finder-town', '青阳街道', '青阳');
    await pickOption(page, 'store-finder-category', '冰箱', '冰箱');
    await waitForText(page, 'store-finder-results', '示范家电商场（演示门店）');
    await waitForText(page, 'store-card-stores', '晋江市青阳街道（演示地址）');
    await waitForText(page, 'store-card-categories', '冰箱');
    await waitForText(page, 'store-card-programs', '演示');
    expect(page.url()).toMatch(/townId=\d+/);
    expect(page.url()).toContain('category=refrigerator');
    await screenshot(page, 'store-finder-phone', { fullPage: true, docs: true });
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    // A name that no merchant or store has.
    await page.getByTestId('store-finder-q').locator('input').fill('没有这家店');
    await page.getByTestId('store-finder-q').locator('input').press('Enter');
    await page.getByTestId('store-finder-empty').waitFor();
  });

  it('a resident switches to the showrooms and sample rooms and finds them by town and kind', async () => {
    const { page } = await phone();
    await page.goto('/stores');
    await page.getByTestId('page-store-finder').waitFor();
    await page.getByTestId('store-finder-view').getByText('体验馆与样板间').click();
    await waitForText(page, 'store-finder-showrooms', '示范智能家居体验馆（演示）');
    await waitForText(page, 'store-finder-showrooms', '示范线上智能家居展厅（演示）');
    await waitForText(page, 'showroom-card-link', 'example.com');
    expect(page.url()).toContain('view=showrooms');

    await pickOption(page, 'store-finder-town', '青阳街道', '青阳');
    await waitForText(page, 'showroom-card-hours', '每日 09:00–21:00');
    await waitForText(page, 'showroom-card-address', '晋江市青阳街道（演示地址）');
    expect(await page.getByTestId('store-finder-showrooms').textContent()).not.toContain('示范家装样板间（演示）');
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    // No sample room in that town: the empty state clears both filters.
    await pickOption(page, 'store-finder-kind', '家装样板间');
    await page.getByTestId('store-finder-empty').waitFor();
    await page.getByTestId('store-finder-clear').click();
    await waitForText(page, 'store-finder-showrooms', '示范家装样板间（演示）');
    await screenshot(page, 'store-finder-showrooms-phone', { fullPage: true });
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    // Back to the stores: the merchant list as before.
    await page.getByTestId('store-finder-view').getByText('补贴门店').click();
    await waitForText(page, 'store-finder-results', DEMO_MERCHANT);
  });

  it('a resident opens the finder from the claim page and applies for a car subsidy naming the town', async () => {
    const { page } = await phone();
    await login(page, DEMO_RESIDENT.mobile);
    await page.goto('/tradein/claim');
    await page.getByTestId('claim-store-finder').click();
    await page.getByTestId('page-store-finder').waitFor();
    await page.getByTestId('store-finder-back').waitFor();

    await page.goto('/car/programs');
    await page.getByTestId('car-apply-car-scrapping-national-2025').click();
    await page.getByTestId('page-car-apply').waitFor();
    await settle(page);
    await page.getByTestId('car-old-vin').fill(vin(9301, 'LFV2A21K'));
    await page.getByTestId('car-old-plate').fill('闽C93011');
    await page.getByTestId('car-old-registeredOn').fill('2009-04-01');
    await page.getByTestId('car-old-ownedSince').fill('2012-06-01');
    await pickOption(page, 'car-old-emission', '国三');
    await page.getByTestId('car-scrap-certificate').fill('BF350582202509301');
    await page.getByTestId('car-scrap-date').fill(daysAgo(10));
    await page.getByTestId('car-new-vin').fill(vin(9301, 'LGXCE4CB'));
    await page.getByTestId('car-new-invoice').fill(invoice(9301));
    await page.getByTestId('car-new-invoiceDate').fill(daysAgo(5));
    await page.getByTestId('car-new-price').fill('159800');
    await page.getByTestId('car-bank-name').fill('中国农业银行晋江支行');
    await page.getByTestId('car-bank-holder').fill('演示居民');
    await page.getByTestId('car-bank-account').fill('6228 4800 1234 5678 901');

    // Without a town the form stops at the town.
    await page.getByTestId('car-submit').click();
    await page.locator('.ant-form-item-has-error [data-testid="car-town"]').waitFor();
    await page.getByTestId('car-form-error').waitFor();

    await pickOption(page, 'car-town', '梅岭街道', '梅岭');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'car-application-town-phone');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.getByTestId('car-submit').click();
    await page.getByTestId('page-car-application').waitFor();
    const id = Number(/\/car\/applications\/(\d+)/.exec(page.url())?.[1]);
    expect(id).toBeGreaterThan(0);
    const res = await page.request.get(`/api/tradein/car-applications/${id}`);
    expect(res.status()).toBe(200);
    expect((await res.json()) as { townName: string }).toMatchObject({ townName: '梅岭街道' });
  });
});
