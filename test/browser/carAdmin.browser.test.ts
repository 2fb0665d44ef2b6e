import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addDays, shanghaiDate } from '../helpers/clock.js';
import { daysAgo, scrappingApplication } from '../../src/server/modules/cartradein/testing/fixtures.js';
import {
  DEMO_RESIDENT,
  DESKTOP,
  PHONE,
  launchBrowser,
  login,
  openSession,
  screenshot,
  settle,
  startServer,
  waitForText,
  type Session,
  type TestServer,
} from './harness.js';

/**
 * 市商务局 creates a 置换更新 (replacement) draft from the seeded rule, then runs the seeded replacement draft in the
 * browser: sets its window and budget (central,
 * provincial, city), changes its rule into a second version, activates it after the confirmation, and a resident
 * applies under it; the programme page then counts the application as waiting, and as approved once 市商务局
 * approves it. The window is set from today (Shanghai), so the flow holds whatever day it runs.
 */
let server: TestServer;
let browser: Browser;
const sessions: Session[] = [];
const CODE = 'car-replacement-example-2025';
const PDF = Buffer.from('%PDF-1.4\n% huanxin car admin evidence\n');
const EVIDENCE = ['old_vehicle_registration', 'transfer_record', 'new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card'];

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

const csrfOf = async (s: Session) => (await s.context.cookies()).find((c) => c.name === 'hx_csrf')?.value ?? '';

describe('car programme administration in the browser', () => {
  it('市商务局 sets the budget, versions the rule and activates the replacement draft; a resident applies under it', async () => {
    const dept = await as('demo_department');
    const dp = dept.page;
    // A new programme starts from the kind's current rule and is saved as a draft; a bad code is refused on the field.
    await dp.goto('/car/programs');
    await dp.getByTestId('car-program-new').click();
    await dp.getByTestId('page-car-program-new').waitFor();
    await waitForText(dp, 'car-program-template', '汽车置换更新补贴（示例配置）');
    await dp.getByTestId('car-program-code').fill('X');
    await dp.getByTestId('car-program-name').fill('汽车置换更新补贴（2027年）');
    await dp.getByTestId('car-program-valid-from').fill(addDays(shanghaiDate(), 1));
    await dp.getByTestId('car-program-valid-to').fill(addDays(shanghaiDate(), 200));
    await dp.getByTestId('car-program-create').click();
    await dp.getByText('3–60 位小写字母、数字或连字符').waitFor();
    await dp.getByTestId('car-program-code').fill('car-replacement-2027');
    await dp.getByTestId('car-program-create').click();
    await dp.getByTestId('page-car-program').waitFor();
    await waitForText(dp, 'car-program-status', '草稿');
    await waitForText(dp, 'car-rule-version', '第 1 版');

    await dp.goto('/car/programs');
    await dp.getByTestId(`car-program-manage-${CODE}`).click();
    await dp.getByTestId('page-car-program').waitFor();
    await waitForText(dp, 'car-program-status', '草稿');
    await dp.getByTestId('car-budget-not-set').waitFor();

    // The window, from today for a year.
    const lastDay = addDays(shanghaiDate(), 365);
    await dp.getByTestId('car-program-edit').click();
    await dp.getByTestId('car-program-valid-to').fill(lastDay);
    await dp.getByTestId('car-program-save').click();
    await dp.getByTestId('car-program-editor').waitFor({ state: 'hidden' });
    await waitForText(dp, 'car-program-details', lastDay);

    // The budget: 1,000,000 yuan, split 60 / 20 / 20.
    await dp.getByTestId('car-budget-edit').click();
    await dp.getByTestId('car-budget-central').fill('600,000');
    await dp.getByTestId('car-budget-provincial').fill('200000');
    await dp.getByTestId('car-budget-city').fill('200000.00');
    await waitForText(dp, 'car-budget-form-total', '1,000,000.00');
    await dp.getByTestId('car-budget-note').fill('2026年置换更新资金');
    await dp.getByTestId('car-budget-save').click();
    await waitForText(dp, 'car-budget-total', '¥1,000,000.00');
    await waitForText(dp, 'car-budget-version', '第 1 版');
    await dp.getByTestId('car-budget-split').waitFor();

    // A rule change is a new version; the history keeps the first.
    await dp.getByTestId('car-rule-edit').click();
    await dp.getByTestId('car-rule-editor').waitFor();
    await dp.getByTestId('car-rule-review-days').fill('8');
    await dp.getByTestId('car-rule-note').fill('按本地文件调整审核时限');
    await dp.getByTestId('car-rule-save').click();
    await waitForText(dp, 'car-rule-version', '第 2 版');
    await waitForText(dp, 'car-rule-current', '8 个工作日');
    await dp.getByTestId('car-rule-history').click();
    await dp.getByTestId('car-rule-version-1').waitFor();
    await waitForText(dp, 'car-rule-version-2', '按本地文件调整审核时限');
    await dp.keyboard.press('Escape');
    await dp.getByTestId('car-rule-history-drawer').waitFor({ state: 'hidden' });

    // Activation, after a confirmation that warns it carries example values.
    await dp.getByTestId('car-status-activate').click();
    await waitForText(dp, 'car-status-confirm', '示例配置');
    await dp.getByTestId('car-status-ok').click();
    await waitForText(dp, 'car-program-status', '受理中');
    await dp.getByTestId('car-status-suspend').waitFor();

    // ── The resident finds it open and applies ────────────────────────────────
    const resident = await as(DEMO_RESIDENT.mobile);
    const rp = resident.page;
    await rp.goto('/car/programs');
    await rp.getByTestId(`car-apply-${CODE}`).click();
    await rp.getByTestId('page-car-apply').waitFor();
    const programId = Number(new URL(rp.url()).searchParams.get('program'));
    expect(programId).toBeGreaterThan(0);
    // The form itself is driven in cartradein.browser.test.ts; here the same session sends what it sends.
    const headers = { 'X-CSRF-Token': await csrfOf(resident) };
    const evidence = [];
    for (const kind of EVIDENCE) {
      const up = await rp.request.post('/api/attachments', { headers, multipart: { file: { name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: PDF } } });
      expect(up.status(), await up.text()).toBeLessThan(300);
      evidence.push({ attachmentId: ((await up.json()) as { id: number }).id, kind });
    }
    const { scrapping: _s, ...base } = scrappingApplication(programId, 8801, evidence);
    const sent = await rp.request.post('/api/tradein/car-applications', {
      headers,
      data: {
        ...base,
        oldVehicle: { ...base.oldVehicle, emissionStandard: 'guo6' },
        transfer: { recordNumber: 'ESC-2026-008801', transferredOn: daysAgo(7) },
        newVehicle: { ...base.newVehicle, priceFen: 12_000_000 },
      },
    });
    expect(sent.status(), await sent.text()).toBe(201);
    const application = (await sent.json()) as { id: number; eligible: boolean; amountFen: number; ruleVersionId: number };
    expect(application).toMatchObject({ eligible: true, amountFen: 1_200_000 });
    await rp.goto(`/car/applications/${application.id}`);
    await rp.getByTestId('car-status-submitted').waitFor();

    // ── The programme page counts it, then its approval ───────────────────────
    await dp.reload();
    await waitForText(dp, 'car-budget-committed', '¥12,000.00');
    const approved = await dp.request.post(`/api/tradein/car-applications/${application.id}/approve`, {
      headers: { 'X-CSRF-Token': await csrfOf(dept) },
      data: {},
    });
    expect(approved.status(), await approved.text()).toBe(200);
    await dp.reload();
    await waitForText(dp, 'car-budget-approved', '¥12,000.00');
    await waitForText(dp, 'car-budget-remaining', '¥988,000.00');
    await dp.getByTestId('car-budget-burndown').locator('canvas').first().waitFor();
    await settle(dp);
    await screenshot(dp, 'car-program-admin', { fullPage: true, docs: true });

    // ── The same page at phone width ──────────────────────────────────────────
    const phone = await as('demo_department', PHONE);
    await phone.page.goto(`/car/programs/${programId}`);
    await waitForText(phone.page, 'car-budget-remaining', '¥988,000.00');
    await phone.page.getByTestId('car-budget-burndown').locator('canvas').first().waitFor();
    await settle(phone.page);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'car-program-admin-phone', { fullPage: true });

    for (const s of [dept, resident, phone]) expect(s.errors).toEqual([]);
  });
});
