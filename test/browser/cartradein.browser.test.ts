import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { daysAgo, invoice, vin } from '../../src/server/modules/cartradein/testing/fixtures.js';
import {
  DEMO_RESIDENT,
  DESKTOP,
  PHONE,
  WAIT_MS,
  closePdfViewer,
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
 * The car trade-in cycle in the browser: a resident applies on a 375 px phone (inline checks, the
 * eligibility pre-check, evidence uploads) → 市商务局 returns it with a reason → the resident corrects and
 * resubmits it → 市商务局 approves → 市财政局 batches it, downloads the payment file and marks it paid → the
 * resident sees it paid, and the plan dashboard's computed car figure (lower bound of 汽车以旧换新) moved.
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

async function as(username: string, viewport = DESKTOP): Promise<Session> {
  const s = await openSession(browser, server.baseUrl, viewport);
  sessions.push(s);
  await login(s.page, username);
  return s;
}

const PDF = Buffer.from('%PDF-1.4\n% huanxin car evidence\n');

async function uploadEvidence(page: Page, kind: string): Promise<void> {
  await page.getByTestId(`car-evidence-${kind}`).setInputFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: PDF });
  await page.getByTestId(`car-evidence-done-${kind}`).waitFor();
}

const CARS_INDICATOR = 'A2-S-01'; // 汽车以旧换新数量, 万辆 (reported by 市商务局 and others)
const CARS_METRIC = 'tradein.car.subsidisedCars';

/**
 * The plan dashboard shows a computed figure beside a reported indicator only when the indicator is bound to a
 * metric as its lower bound (`computed` is null otherwise): A2-S-01 reads the cars of approved car applications.
 * The plan file binds it; the office binds it here too (a PATCH that changes nothing records nothing), so that the
 * figure this test watches is there whatever the plan file says.
 */
async function bindCarsLowerBound(session: Session): Promise<void> {
  const page = session.page;
  const board = (await (await page.request.get('/api/plan-dashboard')).json()) as { indicators: { id: number; code: string }[] };
  const indicator = board.indicators.find((i) => i.code === CARS_INDICATOR);
  expect(indicator, `${CARS_INDICATOR} on the plan dashboard`).toBeDefined();
  const csrf = (await session.context.cookies()).find((c) => c.name === 'hx_csrf')?.value ?? '';
  const res = await page.request.patch(`/api/indicators/${indicator!.id}`, { headers: { 'X-CSRF-Token': csrf }, data: { lowerBoundMetric: CARS_METRIC } });
  expect(res.status(), await res.text()).toBe(200);
  expect(((await res.json()) as { lowerBoundMetric: string | null }).lowerBoundMetric).toBe(CARS_METRIC);
}

/** The plan dashboard's computed figure for cars traded in with a subsidy (A2-S-01's lower bound), in 万辆. */
async function carLowerBound(page: Page): Promise<number> {
  const res = await page.request.get('/api/plan-dashboard');
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { indicators: { code: string; computed: number | null }[] };
  const hit = body.indicators.find((i) => i.code === CARS_INDICATOR);
  expect(hit?.computed, `${CARS_INDICATOR}'s computed figure`).toEqual(expect.any(Number));
  return hit!.computed!;
}

describe('car trade-in: apply on a phone → return → correct → approve → pay', () => {
  it('runs the whole cycle through the pages', async () => {
    const office = await as('demo_office');
    await bindCarsLowerBound(office);
    const before = await carLowerBound(office.page);

    // ── The resident, on a 375 px phone ─────────────────────────────────────────
    const resident = await as(DEMO_RESIDENT.mobile, PHONE);
    const rp = resident.page;
    await rp.goto('/car/programs');
    await rp.getByTestId('car-program-car-scrapping-national-2025').waitFor();
    await waitForText(rp, 'car-program-car-scrapping-national-2025', '20,000');
    await rp.getByTestId('car-apply-car-scrapping-national-2025').click();
    await rp.getByTestId('page-car-apply').waitFor();
    await settle(rp);
    await pickOption(rp, 'car-town', '青阳街道');

    const oldVin = vin(9101, 'LFV2A21K');
    const newVin = vin(9101, 'LGXCE4CB');
    // A wrong check digit is caught before anything is sent, in the server's own words.
    const badVin = oldVin.slice(0, 8) + (oldVin[8] === '1' ? '2' : '1') + oldVin.slice(9);
    await rp.getByTestId('car-old-vin').fill(badVin);
    await rp.getByTestId('car-new-invoice').fill('12345');
    await rp.getByTestId('car-bank-account').fill('12');
    await rp.getByTestId('car-old-plate').click();
    await rp.getByText('车辆识别代号校验位（第 9 位）不正确').waitFor();
    await rp.getByText('数电发票号码应为 20 位').waitFor();
    await rp.getByText('银行账号应为 12–30 位').waitFor();

    await rp.getByTestId('car-old-vin').fill(oldVin);
    await rp.getByTestId('car-old-plate').fill('闽C12345');
    await rp.getByTestId('car-old-registeredOn').fill('2009-04-01');
    await rp.getByTestId('car-old-ownedSince').fill('2012-06-01');
    await pickOption(rp, 'car-old-emission', '国三');
    await rp.getByTestId('car-scrap-certificate').fill('BF350582202509101');
    await rp.getByTestId('car-scrap-date').fill(daysAgo(10));
    await rp.getByTestId('car-new-vin').fill(newVin);
    await rp.getByTestId('car-new-invoice').fill(invoice(9101));
    await rp.getByTestId('car-new-invoiceDate').fill(daysAgo(5));
    await rp.getByTestId('car-new-price').fill('159,800.50');

    // The pre-check: nothing is written; this car qualifies for ¥20,000.
    await rp.getByTestId('car-precheck').click();
    await waitForText(rp, 'car-precheck-eligible', '20,000.00');
    await waitForText(rp, 'car-precheck-eligible', '申请人银行卡');

    await rp.getByTestId('car-bank-name').fill('中国农业银行晋江支行');
    await rp.getByTestId('car-bank-holder').fill('演示居民');
    await rp.getByTestId('car-bank-account').fill('6228 4800 1234 5678 901');
    // Every paper but the bank card: the application is recorded with that rule failed.
    for (const kind of ['scrapping_certificate', 'deregistration_certificate', 'new_car_invoice', 'new_vehicle_registration', 'id_card'])
      await uploadEvidence(rp, kind);
    await rp.evaluate(() => window.scrollTo(0, 0));
    await screenshot(rp, 'car-application-phone', { fullPage: true, docs: true });
    const overflow = await rp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await rp.getByTestId('car-submit').click();
    await rp.getByTestId('page-car-application').waitFor();
    const id = Number(/\/car\/applications\/(\d+)/.exec(rp.url())?.[1]);
    expect(id).toBeGreaterThan(0);
    await rp.getByTestId('car-status-submitted').waitFor();
    await rp.getByTestId('car-reason-evidenceMissing').waitFor();
    await waitForText(rp, 'car-reason-evidenceMissing', '申请人银行卡');

    // ── 市商务局 returns it with a reason ───────────────────────────────────────
    const dept = await as('demo_department');
    const dp = dept.page;
    await dp.goto('/car/review');
    await dp.getByTestId(`car-open-${id}`).click();
    await dp.getByTestId('car-review').waitFor();
    await dp.getByTestId('car-reason-evidenceMissing').waitFor();
    expect(await dp.getByTestId('car-approve').count()).toBe(0); // not eligible: approving is not offered
    await dp.getByTestId('car-review-reasons').fill('请补传申请人银行卡照片');
    await dp.getByTestId('car-return').click();
    await dp.getByTestId('car-status-returned').waitFor();

    // ── The resident reads the reason, corrects and resubmits ───────────────────
    await rp.goto(`/car/applications/${id}`);
    await rp.getByTestId('car-status-returned').waitFor();
    await waitForText(rp, 'car-timeline', '请补传申请人银行卡照片');
    await rp.getByTestId('car-correct').click();
    await rp.getByTestId('page-car-resubmit').waitFor();
    await settle(rp);
    // The account is stored encrypted and shown masked: it is typed again.
    await rp.getByTestId('car-bank-account').fill('6228480012345678901');
    await uploadEvidence(rp, 'bank_card');
    await rp.getByTestId('car-submit').click();
    await rp.getByTestId('page-car-application').waitFor();
    await rp.getByTestId('car-status-submitted').waitFor();
    await rp.getByText('符合全部条件').waitFor();

    // ── 市商务局 approves (checking the unverified certificate by hand) ──────────
    await dp.goto(`/car/applications/${id}`);
    await dp.getByTestId('car-review').waitFor();
    // "Checked by hand" is offered only once the reviewer has opened the certificate (a PDF, in a frame).
    await dp.locator('[data-testid="car-evidence-files-item"][data-kind="scrapping_certificate"] button').first().click();
    await closePdfViewer(dp, 'car-evidence-files');
    await dp.getByTestId('car-confirm-certificate').click();
    await dp.getByTestId('car-approve').click();
    await dp.getByTestId('car-status-approved').waitFor();

    // ── 市财政局 batches, downloads the payment file, marks it paid ─────────────
    const fin = await as('demo_finance');
    const fp = fin.page;
    await fp.goto('/car/payments');
    await fp.getByTestId('car-pay-create').waitFor();
    await fp.waitForFunction(() => !document.querySelector('[data-testid="car-pay-create"]')?.hasAttribute('disabled'), undefined, { timeout: WAIT_MS });
    await fp.getByTestId('car-pay-create').click();
    await fp.getByTestId('car-batch-status-pending').waitFor();
    const download = fp.waitForEvent('download');
    await fp.locator('[data-testid^="car-pay-download-"]').first().click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    await fp.locator('[data-testid^="car-pay-mark-"]').first().click();
    await fp.getByTestId('car-pay-reference').fill('GK2026-0001');
    await fp.getByTestId('car-pay-confirm').click();
    await fp.getByTestId('car-batch-status-paid').waitFor();

    // ── The resident sees it paid, with the reference and every step ────────────
    await rp.goto(`/car/applications/${id}`);
    await rp.getByTestId('car-status-paid').waitFor();
    await waitForText(rp, 'car-payment-reference', 'GK2026-0001');
    for (const step of ['submit', 'return', 'resubmit', 'approve', 'addToBatch', 'markPaid']) await rp.getByTestId(`car-timeline-${step}`).waitFor();
    await screenshot(rp, 'car-application-paid-phone', { fullPage: true });
    expect(await rp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await dp.goto('/car/review');
    await dp.getByTestId('car-review-table').waitFor();
    await pickOption(dp, 'car-filter-status', '已拨付');
    await dp.getByTestId(`car-open-${id}`).waitFor();
    await rp.goto('/car/my');
    await rp.getByTestId(`car-mine-${id}`).waitFor();

    // ── The plan's car indicator: its computed lower bound moved by one car (0.0001 万辆) ──
    const after = await carLowerBound(office.page);
    expect(after - before).toBeCloseTo(0.0001, 6);

    for (const s of sessions) expect(s.errors).toEqual([]);
  });
});

describe('car trade-in in English: events, results and overdue steps', () => {
  it('a town registers an event; it is on the calendar; its results are entered on a phone; the office sees no overdue step', async () => {
    const town = await openSession(browser, server.baseUrl, PHONE, 'en');
    sessions.push(town);
    const tp = town.page;
    await login(tp, 'demo_town');
    // English for the session (the language switch stores it).
    await tp.getByTestId('lang-en').click();
    const me = (await (await tp.request.get('/api/auth/me')).json()) as { user?: { organization: { id: number } }; organization?: { id: number } };
    const townId = me.user?.organization.id ?? me.organization?.id;
    const csrf = (await town.context.cookies()).find((c) => c.name === 'hx_csrf')?.value ?? '';
    const today = daysAgo(0);
    const created = await tp.request.post('/api/tradein/events', {
      headers: { 'X-CSRF-Token': csrf },
      data: { type: 'car_promotion', title: 'Trade-in weekend at Anhai', startsOn: today, endsOn: daysAgo(-2), townId, place: 'Anhai square', merchantIds: [] },
    });
    expect(created.status(), await created.text()).toBe(201);
    const event = (await created.json()) as { id: number };
    const published = await tp.request.post(`/api/tradein/events/${event.id}/publish`, { headers: { 'X-CSRF-Token': csrf } });
    expect(published.status(), await published.text()).toBe(200);

    await tp.goto('/car/events');
    await waitForText(tp, 'car-calendar', 'Trade-in weekend at Anhai');
    await waitForText(tp, 'car-calendar', 'Car trade-in promotion');
    await tp.getByText('Calendar (public)').waitFor();
    await tp.getByTestId('car-events-tab-all').click();
    await tp.getByTestId(`car-event-results-${event.id}`).click();
    await tp.getByTestId('car-event-visitors').fill('1200');
    await tp.getByTestId('car-event-sales').fill('3,580,000.50');
    await tp.getByTestId('car-event-subsidies').fill('240000');
    await tp.getByTestId('car-event-count').fill('12');
    await tp.getByTestId('car-event-save').click();
    await waitForText(tp, 'car-events', '1200');
    const after = (await (await tp.request.get(`/api/tradein/events/${event.id}`)).json()) as { status: string; results: { salesFen: number } };
    expect(after.status).toBe('held');
    expect(after.results.salesFen).toBe(358_000_050); // 元 typed with a separator, fen exactly
    const overflow = await tp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    const office = await openSession(browser, server.baseUrl, DESKTOP, 'en');
    sessions.push(office);
    await login(office.page, 'demo_office');
    await office.page.goto('/car/overdue');
    await office.page.getByTestId('page-car-overdue').waitFor();
    await settle(office.page);
    expect(await office.page.getByTestId('car-overdue-table').count()).toBe(1);
    for (const s of [town, office]) expect(s.errors).toEqual([]);
  });
});
