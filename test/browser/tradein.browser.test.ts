import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays, inShanghaiMonth, monthStart, previousShanghaiMonth, shanghaiDate, shanghaiInstant, shanghaiMonth } from '../helpers/clock.js';
import {
  DEMO_RESIDENT,
  DESKTOP,
  PHONE,
  SCREENSHOT_DIR,
  WAIT_MS,
  animationsDone,
  launchBrowser,
  login,
  openMenu,
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

/**
 * The whole trade-in path through the web app:
 *  市商务局 opens a release → a merchant enrols (approved by 市商务局) and lists a product → a resident claims a
 *  voucher on a phone-sized screen → the merchant redeems it at a price far above the catalogue reference price →
 *  risk control flags the sale and 市商务局 sees it in the review queue (with the reason) and clears it → the
 *  month's settlement batch is made and approved by 市商务局, confirmed by 市财政局, and its payment file (Excel)
 *  downloads.
 *
 * Two steps are helped along in the database: settlement only takes months that have ended, so the test moves the
 * sale into last month before making the batch; and the release, open until the end of the day by default, is
 * kept open a day longer, so that a run that passes Shanghai midnight can still claim from it.
 *
 * The pages count days and months in Asia/Shanghai (the browser's time zone here), and so does this test.
 */
let server: TestServer;
let browser: Browser;
const sessions: Session[] = [];

beforeAll(async () => {
  server = await startServer();
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

/** Clicks the OK button of the open modal/confirm that carries this test id and waits for the modal to go. */
async function clickAndWaitGone(page: Page, testId: string): Promise<void> {
  // A click that lands while the confirmation is still animating in can be lost under CI's load (seen): it is
  // made once the dialog has settled, and made again if the dialog is still there after a while.
  await page.getByTestId(testId).waitFor();
  await animationsDone(page);
  await page.getByTestId(testId).click();
  try {
    await page.getByTestId(testId).waitFor({ state: 'hidden', timeout: 15_000 });
  } catch {
    if ((await page.getByTestId(testId).count()) > 0) await page.getByTestId(testId).click();
    await page.getByTestId(testId).waitFor({ state: 'hidden' });
  }
}

const PRODUCT = { brand: '演示牌', model: 'BCD-520 对开门冰箱', referenceYuan: '3000' };
const SALE_PRICE_YUAN = '4,999.99';
const INVOICE = '24352000000000000123';

let voucherCode = '';

describe('trade-in: claim → redeem → review → settlement', () => {
  it('市商务局 opens a release of refrigerator vouchers', async () => {
    const { page, errors } = await signedIn('demo_department');
    await go(page, '/tradein/pools', 'page-tradein-pools');
    await page.getByTestId('pool-new').click();
    await pickOption(page, 'pool-program', '家电以旧换新补贴');
    await pickOption(page, 'pool-category', '冰箱');
    await page.getByTestId('pool-quota').fill('5');
    await clickAndWaitGone(page, 'pool-save');
    await waitForText(page, 'pools-table', '冰箱');
    expect(await page.getByTestId('pools-table').textContent()).toContain('家电以旧换新补贴');
    // The form's window: from this minute to the end of today, Shanghai time.
    const db = server.deps.database.db;
    const pool = await db
      .selectFrom('tradein_pools')
      .select(['id', 'opens_at', 'closes_at'])
      .where('category', '=', 'refrigerator')
      .where('source', '=', 'manual')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const opensAt = Date.parse(pool.opens_at);
    expect(Math.abs(opensAt - Date.now())).toBeLessThan(5 * 60_000);
    const endOfDay = shanghaiInstant(addDays(shanghaiDate(opensAt), 1)).getTime();
    expect(Date.parse(pool.closes_at)).toBeGreaterThan(endOfDay - 60_000);
    expect(Date.parse(pool.closes_at)).toBeLessThanOrEqual(endOfDay);
    await db
      .updateTable('tradein_pools')
      .set({ closes_at: new Date(endOfDay + 86_400_000).toISOString() })
      .where('id', '=', pool.id)
      .execute();
    expect(errors).toEqual([]);
  });

  it('the merchant enrols, 市商务局 approves, the merchant lists a product', async () => {
    const merchant = await signedIn('demo_merchant');
    const { page } = merchant;
    await go(page, '/tradein/merchant/enrolment', 'page-tradein-enrolment');
    await page.getByTestId('enrol-empty').waitFor();
    await page.getByTestId('enrol-new').click();
    await pickOption(page, 'enrol-program', '家电以旧换新补贴');
    await page.getByTestId('enrol-categories').getByText('冰箱', { exact: true }).click();
    await page.getByTestId('enrol-categories').getByText('洗衣机', { exact: true }).click();
    await page.getByTestId('enrol-store-name-0').fill('示范家电商场青阳店');
    await pickOption(page, 'enrol-store-town-0', '青阳街道', '青阳');
    await page.getByTestId('enrol-store-address-0').fill('晋江市青阳街道示范路 1 号');
    await page.getByTestId('enrol-bank-name').fill('中国工商银行晋江支行');
    await page.getByTestId('enrol-account-name').fill('晋江示范家电商场有限公司（演示）');
    // Inline check of the bank account with the shared validator before anything is sent.
    await page.getByTestId('enrol-bank-account').fill('1234');
    await page.getByTestId('enrol-submit').click();
    await waitForText(page, 'enrol-form', '银行账号应为 12–30 位');
    await page.getByTestId('enrol-bank-account').fill('6222 0214 0801 2345 678');
    await clickAndWaitGone(page, 'enrol-submit');
    await page.locator('[data-testid^="enrolment-"]').first().waitFor();
    await waitForText(page, 'page-tradein-enrolment', '待审核');

    const dept = sessions[0]!.page;
    await go(dept, '/tradein/merchants', 'page-tradein-merchants');
    await waitForText(dept, 'merchants-table', '晋江示范家电商场有限公司');
    await dept.locator('[data-testid^="merchant-approve-"]').first().click();
    await clickAndWaitGone(dept, 'merchant-act-confirm');
    await dept.getByTestId('merchants-status').getByText('已通过').click();
    await waitForText(dept, 'merchants-table', '晋江示范家电商场有限公司');

    await page.reload();
    await waitForText(page, 'page-tradein-enrolment', '已通过');

    await go(page, '/tradein/merchant/products', 'page-tradein-products');
    await page.getByTestId('product-new').click();
    await pickOption(page, 'product-category', '冰箱');
    await page.getByTestId('product-brand').fill(PRODUCT.brand);
    await page.getByTestId('product-model').fill(PRODUCT.model);
    await page.getByTestId('product-grade').fill('1');
    await page.getByTestId('product-price').fill(PRODUCT.referenceYuan);
    await clickAndWaitGone(page, 'product-save');
    await waitForText(page, 'products-table', PRODUCT.model);
    expect(await page.getByTestId('products-table').textContent()).toContain('3,000.00');
    expect(merchant.errors).toEqual([]);
  });

  it('a resident claims a voucher on a phone and shows its code', async () => {
    const { page, errors } = await signedIn(DEMO_RESIDENT.mobile, PHONE);
    await openMenu(page);
    await page.getByTestId('nav-tradein-claim').click();
    await page.getByTestId('page-tradein-claim').waitFor();
    const pool = page.locator('[data-testid^="pool-"][data-category="refrigerator"]');
    await pool.waitFor();
    expect((await pool.getByTestId('pool-remaining').textContent())?.trim()).toBe('5');
    // The rules in plain words.
    await settle(page);
    expect(await page.getByTestId('claim-rules').textContent()).toContain('家电以旧换新补贴');
    await screenshot(page, 'tradein-resident-claim-phone', { fullPage: true, docs: 'tradein-resident-phone' });
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'tradein-resident-claim-desktop');
    await page.setViewportSize(PHONE);

    await pool.getByTestId('claim-button').click();
    await page.getByTestId('claim-success').getByTestId('voucher-code').waitFor();
    voucherCode = ((await page.getByTestId('claim-success').getByTestId('voucher-code').textContent()) ?? '').replace(/\s/g, '');
    expect(voucherCode).toMatch(/^[23456789A-HJKMNP-TV-Z]{11}$/);
    await page.getByTestId('claim-success-vouchers').click();
    await page.getByTestId('page-tradein-my-vouchers').waitFor();
    const card = page.getByTestId(`voucher-${voucherCode}`);
    await card.waitFor();
    await card.getByTestId('voucher-qr').waitFor();
    expect(await card.textContent()).toContain('有效期至');
    await screenshot(page, 'tradein-my-vouchers-phone', { fullPage: true });
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'tradein-my-vouchers-desktop');
    await page.setViewportSize(PHONE);

    // Back on the claim page the release shows one fewer and this resident holds the voucher.
    await go(page, '/tradein/claim', 'page-tradein-claim');
    await pool.getByTestId('claim-view').waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-category="refrigerator"] [data-testid="pool-remaining"]')?.textContent?.trim() === '4',
      undefined,
      { timeout: WAIT_MS },
    );
    expect(errors).toEqual([]);
  });

  it('the merchant redeems the voucher at a price far above the reference price', async () => {
    const merchant = sessions[1]!;
    const { page } = merchant;
    await go(page, '/tradein/merchant/redeem', 'page-tradein-redeem');
    // A mistyped code is caught by its check character before asking the server.
    const wrong = voucherCode.slice(0, 10) + (voucherCode[10] === '2' ? '3' : '2');
    await page.getByTestId('redeem-code').fill(wrong);
    await page.getByTestId('redeem-lookup').click();
    await waitForText(page, 'page-tradein-redeem', '券码校验未通过');

    const typed = `${voucherCode.slice(0, 4).toLowerCase()} ${voucherCode.slice(4, 8)}-${voucherCode.slice(8)}`;
    await page.getByTestId('redeem-code').fill(typed);
    await page.getByTestId('redeem-lookup').click();
    await waitForText(page, 'redeem-category', '冰箱');
    expect(await page.getByTestId('redeem-holder').textContent()).toMatch(/^1\d{2}\*{4}\d{4}$/);

    await page.getByTestId('redeem-form').waitFor();
    await pickOption(page, 'redeem-product', PRODUCT.model);
    await page.getByTestId('redeem-serial').fill('SN-DEMO-2026-000123');
    await page.getByTestId('redeem-price').fill(SALE_PRICE_YUAN);
    // The invoice number is checked inline with the shared validator.
    await page.getByTestId('redeem-invoice').fill('2435200000');
    await page.getByTestId('redeem-invoice').blur();
    await waitForText(page, 'redeem-form', '数电发票号码应为 20 位');
    await page.getByTestId('redeem-invoice').fill(INVOICE);
    // 4,999.99 元 × 20% (grade 1) = 999.998 → 1,000.00 元 (half up, under the 2,000 cap); pays 3,999.99.
    await waitForText(page, 'preview-subsidy', '1,000.00');
    expect(await page.getByTestId('preview-payable').textContent()).toContain('3,999.99');
    await page.getByTestId('preview-markup').waitFor();
    await screenshot(page, 'tradein-redeem-desktop', { fullPage: true, docs: 'tradein-redeem' });
    await page.setViewportSize(PHONE);
    await screenshot(page, 'tradein-redeem-phone', { fullPage: true });
    await page.setViewportSize(DESKTOP);

    await page.getByTestId('redeem-submit').click();
    await page.getByTestId('redeem-done').waitFor();
    expect(await page.getByTestId('done-subsidy').textContent()).toContain('1,000.00');
    expect(await page.getByTestId('done-payable').textContent()).toContain('3,999.99');

    await go(page, '/tradein/merchant/redemptions', 'page-tradein-redemptions');
    await waitForText(page, 'redemptions-table', 'SN-DEMO-2026-000123');
    expect(await page.getByTestId('redemptions-table').textContent()).toContain('4,999.99');
    expect(merchant.errors).toEqual([]);
  });

  it('市商务局 sees the flagged sale in the review queue with its reason and clears it', async () => {
    const { page, errors } = sessions[0]!;
    await go(page, '/tradein/risk', 'page-tradein-risk');
    await waitForText(page, 'reviews-table', '晋江示范家电商场有限公司');
    const text = (await page.getByTestId('reviews-table').textContent()) ?? '';
    expect(text).toContain('4,999.99');
    expect(text).toMatch(/参考价/);
    await screenshot(page, 'tradein-review-queue-desktop');

    await page.locator('[data-testid^="review-open-"]').first().click();
    await page.getByTestId('review-reasons').waitFor();
    expect(await page.getByTestId('review-reasons').textContent()).toMatch(/参考价/);
    await page.setViewportSize(PHONE);
    await screenshot(page, 'tradein-review-queue-phone');
    await page.setViewportSize(DESKTOP);
    await page.getByTestId('review-note').fill('已核实：该型号为门店新到高配版本，价格属实');
    await page.getByTestId('review-clear').click();
    await waitForText(page, 'review-drawer', '已通过');
    expect(errors).toEqual([]);
  });

  it('the month is settled: 市商务局 approves, 市财政局 confirms, downloads the payment file and marks it paid', async () => {
    // Settlement takes months that have ended, and the page offers the last one. The clerk's browser clock is set
    // to the first half hour of this month in Shanghai (or to now, in that half hour) — when UTC is still in the
    // month before — so the page must count in Shanghai time to offer last month. The server's clock is the real
    // one, later still: that month has ended for it too.
    const now = Date.now();
    const pageNow = Math.min(now, monthStart(shanghaiMonth(now)).getTime() + 30 * 60_000);
    const period = previousShanghaiMonth(pageNow);
    // Move the sale into the middle of that month.
    const db = server.deps.database.db;
    const moved = await db
      .updateTable('tradein_redemptions')
      .set({ created_at: inShanghaiMonth(period).toISOString() })
      .where('serial_number', '=', 'SN-DEMO-2026-000123')
      .executeTakeFirst();
    expect(Number(moved.numUpdatedRows)).toBe(1);
    // Carried out of the store, it was settleable from the moment it was sold: then too.
    const sale = await db
      .selectFrom('tradein_redemptions')
      .select(['id', 'created_at'])
      .where('serial_number', '=', 'SN-DEMO-2026-000123')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('tradein_fulfilments')
      .set({ created_at: sale.created_at, settleable_at: sale.created_at, delivered_at: sale.created_at })
      .where('redemption_id', '=', sale.id)
      .where('status', '=', 'settleable')
      .execute();

    const clerk = await openSession(browser, server.baseUrl, DESKTOP);
    sessions.push(clerk);
    await setPageClock(clerk.context, pageNow);
    await login(clerk.page, 'demo_department');
    const dept = clerk.page;
    await go(dept, '/tradein/settlement', 'page-tradein-settlement');
    await dept.getByTestId('make-batches').click();
    await dept.waitForURL(new RegExp(`period=${period}`));
    await waitForText(dept, 'batches-table', '晋江示范家电商场有限公司');
    expect(await dept.getByTestId('batches-table').textContent()).toContain('1,000.00');
    await dept.locator('[data-testid^="batch-approve-"]').first().click();
    await clickAndWaitGone(dept, 'batch-step-confirm');
    await waitForText(dept, 'batches-table', '商务局已审核');
    expect(clerk.errors).toEqual([]);

    const finance = await signedIn('demo_finance');
    const { page } = finance;
    await go(page, `/tradein/settlement?period=${period}`, 'page-tradein-settlement');
    await waitForText(page, 'batches-table', '商务局已审核');
    await page.locator('[data-testid^="batch-confirm-"]').first().click();
    await clickAndWaitGone(page, 'batch-step-confirm');
    await waitForText(page, 'batches-table', '财政局已确认');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid^="batch-export-"]').first().click()]);
    const file = path.join(SCREENSHOT_DIR, '..', 'downloads', download.suggestedFilename());
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');

    await page.locator('[data-testid^="batch-paid-"]').first().click();
    await page.getByTestId('batch-step-text').fill('GK-2026-000001');
    await clickAndWaitGone(page, 'batch-step-confirm');
    await waitForText(page, 'batches-table', '已打款');
    expect(finance.errors).toEqual([]);

    // The merchant follows its settlement.
    const merchant = sessions[1]!.page;
    await go(merchant, '/tradein/merchant/settlements', 'page-tradein-settlement');
    await waitForText(merchant, 'batches-table', '已打款');
  });

  it('the overview shows the budget, burn-down and daily charts', async () => {
    const { page, errors } = sessions[0]!;
    await go(page, '/tradein/overview', 'page-tradein-overview');
    await page.getByTestId('overview-figures').waitFor();
    await page.getByTestId('chart-burndown').waitFor();
    await page.getByTestId('chart-daily').waitFor();
    expect(await page.getByTestId('fig-paid').textContent()).toContain('0.10');
    await screenshot(page, 'tradein-overview-desktop');
    expect(errors).toEqual([]);
  });

  it('the resident sees the purchase, and a second refrigerator voucher is refused in words', async () => {
    const { page, errors } = sessions[2]!;
    await go(page, '/tradein/my/purchases', 'page-tradein-my-purchases');
    await waitForText(page, 'purchases', '冰箱');
    // The refrigerator limit is one per person: the used voucher counts, so claiming again is refused.
    await go(page, '/tradein/claim', 'page-tradein-claim');
    const pool = page.locator('[data-testid^="pool-"][data-category="refrigerator"]');
    await pool.getByTestId('claim-button').click();
    await pool.getByTestId('claim-refusal').waitFor();
    expect(await pool.getByTestId('claim-refusal').getAttribute('data-code')).toBe('ALREADY_CLAIMED');
    expect(await pool.getByTestId('claim-refusal').textContent()).toContain('已领取过该品类的补贴券');
    expect(errors).toEqual([]);
  });

  it('市商务局 edits a category rule: a new version appears in its history', async () => {
    const { page, errors } = sessions[0]!;
    await go(page, '/tradein/programs', 'page-tradein-programs');
    await page.locator('[data-testid^="rule-edit-"][data-testid$="-refrigerator"]').first().click();
    await page.getByTestId('rule-cap').fill('1800');
    await page.getByTestId('rule-note').fill('按本地文件调整单件上限');
    await clickAndWaitGone(page, 'rule-save');
    await waitForText(page, 'page-tradein-programs', '每件最多补贴 1,800.00 元');
    await page.locator('[data-testid^="rule-history-"][data-testid$="-refrigerator"]').first().click();
    await page.getByTestId('rule-version-2').waitFor();
    expect(await page.getByTestId('rule-version-2').textContent()).toContain('按本地文件调整单件上限');
    await page.getByTestId('rule-version-1').waitFor();
    expect(errors).toEqual([]);
  });
});
