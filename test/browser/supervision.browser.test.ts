import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { inTransaction } from '../../src/server/db/database.js';
import { insertUser } from '../../src/server/modules/platform/users/service.js';
import { previousShanghaiMonth } from '../helpers/clock.js';
import {
  DEMO_PASSWORD,
  DESKTOP,
  PHONE,
  WAIT_MS,
  launchBrowser,
  login,
  openSession,
  screenshot,
  settle,
  startServer,
  type Session,
  type TestServer,
} from './harness.js';
import { acceptReport, openLastMonth, orderStatus, reportFromWorkspace } from './planFlows.js';

/**
 * Supervision through the browser, on the server's real clock: the office opens last month's period; 市商务局
 * (demo_department) reports a value for 汽车以旧换新数量 (A2-S-01) far below the pro-rata schedule and the office
 * accepts it; the indicator's co-operating units (市公安局, 市城管局) hand theirs in too, so none is missing (which
 * would make the alert red whatever the value). The office recomputes today's alerts from the dashboard — the
 * indicator turns yellow — and raises an order on it from the dashboard; the department signs for it and reports
 * back with evidence; the office closes it. Screenshots of the orders list, an order and the dashboard.
 */
let server: TestServer;
let browser: Browser;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-supervision-browser-'));
const INDICATOR = 'A2-S-01';
const CO_UNITS = [
  { username: 'test_police', unit: '市公安局' },
  { username: 'test_urban', unit: '市城管局' },
];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await inTransaction(server.deps.database, async (tx) => {
    for (const c of CO_UNITS) {
      const org = await tx.selectFrom('organizations').select('id').where('name', '=', c.unit).executeTakeFirstOrThrow();
      await insertUser(tx, server.deps, {
        username: c.username,
        displayName: `${c.unit}（测试）`,
        role: 'department',
        organizationId: Number(org.id),
        password: DEMO_PASSWORD,
        mustChangePassword: false,
        isDemo: true,
      });
    }
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('supervision in the browser', () => {
  let office: Session;
  let dept: Session;

  it('a low report turns the indicator yellow; the office raises an order from the dashboard; the unit signs and reports back; the office closes it', async () => {
    const period = previousShanghaiMonth();
    office = await openSession(browser, server.baseUrl, DESKTOP);
    dept = await openSession(browser, server.baseUrl, DESKTOP);
    await login(office.page, 'demo_office');
    await openLastMonth(office.page, period);

    // Before anything is reported the indicator is neither yellow nor red: no alert, or blue when the period's
    // deadline is within three days (the first days of a month).
    await office.page.goto(`/plan/dashboard?q=${INDICATOR}`);
    await office.page.getByTestId('indicator-table').waitFor();
    await office.page.getByTestId('alerts-refresh').click();
    await office.page.locator(`[data-testid="alert-${INDICATOR}"]:is([data-colour="none"], [data-colour="blue"])`).waitFor({ state: 'attached' });

    await login(dept.page, 'demo_department');
    const reportPath = await reportFromWorkspace(dept.page, INDICATOR, '0.01', `${period} 全市完成汽车以旧换新100辆。`);
    for (const c of CO_UNITS) {
      const s = await openSession(browser, server.baseUrl, DESKTOP);
      try {
        await login(s.page, c.username);
        await reportFromWorkspace(s.page, INDICATOR, '0.01', `${c.unit}配合完成相关工作。`);
      } finally {
        await s.context.close();
      }
    }
    await acceptReport(office.page, reportPath);

    // The office recomputes today's alerts: far behind the pro-rata schedule, the indicator is yellow.
    await office.page.goto(`/plan/dashboard?q=${INDICATOR}`);
    await office.page.getByTestId('indicator-table').waitFor();
    await office.page.getByTestId('alerts-refresh').click();
    await office.page.locator(`[data-testid="alert-${INDICATOR}"][data-colour="yellow"]`).waitFor();
    await settle(office.page);
    await screenshot(office.page, 'supervision-dashboard', { docs: true });

    // One click from the dashboard: the form comes prefilled with the indicator and its lead unit.
    await office.page.getByTestId(`raise-${INDICATOR}`).click();
    await office.page.getByTestId('order-raise-form').waitFor();
    expect(await office.page.getByTestId('order-raise-subject').textContent()).toContain('汽车以旧换新');
    await office.page
      .locator('[data-testid="order-raise-form"] .ant-select-content', { hasText: '市商务局' })
      .or(office.page.locator('[data-testid="order-raise-form"] .ant-select-selection-item', { hasText: '市商务局' }))
      .first()
      .waitFor();
    await office.page.getByTestId('order-raise-matter').fill('汽车以旧换新数量落后序时进度');
    await office.page.getByTestId('order-raise-ok').click();
    await orderStatus(office.page, 'issued');
    const orderPath = new URL(office.page.url()).pathname;
    await screenshot(office.page, 'supervision-order-issued');

    // The unit finds it in its workspace, signs for it and reports back with evidence.
    await dept.page.goto('/plan/workspace');
    await dept.page.getByTestId('unit-supervision').waitFor();
    await dept.page.locator('[data-testid="unit-orders"] a', { hasText: '汽车以旧换新数量落后序时进度' }).click();
    await orderStatus(dept.page, 'issued');
    await dept.page.getByTestId('order-sign').click();
    await dept.page.getByTestId('order-sign-ok').click();
    await orderStatus(dept.page, 'signed');
    await dept.page.getByTestId('order-feedback').click();
    await dept.page.getByTestId('order-feedback-text').fill('已召开专题推进会，联合4S店开展以旧换新促销活动，制定分月推进计划。');
    const evidence = path.join(tmp, '推进会纪要.pdf');
    fs.writeFileSync(evidence, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    await dept.page.locator('.ant-modal [data-testid="evidence-upload"] input[type="file"]').setInputFiles(evidence);
    await dept.page.locator('.ant-modal [data-testid="evidence-upload-files"] li', { hasText: '推进会纪要.pdf' }).waitFor();
    await dept.page.getByTestId('order-feedback-ok').click();
    await orderStatus(dept.page, 'fed_back');
    expect(await dept.page.getByTestId('order-feedback-shown').textContent()).toContain('专题推进会');

    // The office reviews and closes it; every step is on the timeline.
    await office.page.goto(orderPath);
    await orderStatus(office.page, 'fed_back');
    await office.page.getByTestId('order-evidence-item').first().waitFor();
    await office.page.getByTestId('order-close').click();
    await office.page.getByTestId('order-close-text').fill('措施具体可行，予以办结。');
    await office.page.getByTestId('order-close-ok').click();
    await orderStatus(office.page, 'closed');
    for (const action of ['raise', 'issue', 'sign', 'feedback', 'close']) await office.page.getByTestId(`order-event-${action}`).waitFor();
    await screenshot(office.page, 'supervision-order-closed', { fullPage: true, docs: true });

    // The list shows it closed and filters by status.
    await office.page.goto('/plan/orders?status=closed');
    await office.page.getByTestId('order-table').waitFor();
    await settle(office.page);
    await office.page.locator('[data-testid="order-table"] tr', { hasText: '汽车以旧换新数量落后序时进度' }).waitFor();
    await screenshot(office.page, 'supervision-orders');
    expect(office.errors).toEqual([]);
    expect(dept.errors).toEqual([]);
  });

  it('phone-sized: the orders list and an order stack and scroll', async () => {
    const phone = await openSession(browser, server.baseUrl, PHONE);
    try {
      await login(phone.page, 'demo_office');
      await phone.page.goto('/plan/orders');
      await phone.page.getByTestId('order-table').waitFor();
      await settle(phone.page);
      await screenshot(phone.page, 'supervision-orders-phone', { docs: true });
      await phone.page.locator('[data-testid^="order-open-"]').first().click({ timeout: WAIT_MS });
      await phone.page.getByTestId('page-plan-order').waitFor();
      await screenshot(phone.page, 'supervision-order-phone', { fullPage: true });
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.context.close();
      await office.context.close();
      await dept.context.close();
    }
  });
});
