import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { previousShanghaiMonth } from '../helpers/clock.js';
import { DESKTOP, launchBrowser, login, openSession, screenshot, settle, startServer, type TestServer } from './harness.js';
import { acceptReport, openLastMonth, orderStatus, reportFromWorkspace } from './planFlows.js';

/**
 * The whole desk in one pass, on the server's real clock: the office pastes a plan's text (a made-up county plan,
 * 晋政文〔2026〕7号, one target for 市商务局 to 2030), corrects the target on the review page and loads it; opens last
 * month's period of that plan; 市商务局 reports far below the pro-rata schedule and the office accepts; the day's
 * alerts turn the indicator yellow; the office raises an order from the dashboard; the unit signs for it and
 * reports back; the office closes it.
 */
const TEXT = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/plans/jinjiang-2026-7.test-plan.txt'), 'utf8');
const ITEM = 'actions.0.tasks.0.indicators.0';
const INDICATOR = 'A1-T1-01';
const MATTER = '汽车以旧换新专项推进滞后';

let server: TestServer;
let browser: Browser;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-intake-order-'));
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('from a pasted plan to a closed supervision order', () => {
  it('pastes, corrects, loads, reports, turns yellow, raises, signs, reports back, closes', async () => {
    const office = await openSession(browser, server.baseUrl, DESKTOP);
    const dept = await openSession(browser, server.baseUrl, DESKTOP);
    try {
      await login(office.page, 'demo_office');
      await office.page.goto('/plan/intake');
      await office.page.getByTestId('intake-text').fill(TEXT);
      await office.page.getByTestId('intake-parse').click();
      const row = office.page.locator(`[data-testid="intake-item"][data-path="${ITEM}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain('≥5000');
      // The office raises the target on the review page before loading.
      await row.getByTestId('intake-item-edit').click();
      await row.getByTestId('intake-edit-value').fill('6000');
      await row.getByTestId('intake-edit-apply').click();
      await expect.poll(() => row.textContent()).toContain('≥6000');
      await office.page.getByTestId('intake-load').click();
      await office.page.getByTestId('intake-loaded').waitFor();

      const db = server.deps.database.db;
      const plan = await db.selectFrom('plans').select('id').where('doc_number', '=', '晋政文〔2026〕7号').executeTakeFirstOrThrow();
      const planId = Number(plan.id);
      const indicator = await db.selectFrom('indicators').select('id').where('plan_id', '=', planId).where('code', '=', INDICATOR).executeTakeFirstOrThrow();
      const targets = await db.selectFrom('indicator_targets').select(['year', 'value']).where('indicator_id', '=', indicator.id).execute();
      expect(targets.map((t) => [t.year, Number(t.value)])).toEqual([[2030, 6000]]);

      await openLastMonth(office.page, previousShanghaiMonth(), planId);
      await login(dept.page, 'demo_department');
      const reportPath = await reportFromWorkspace(dept.page, INDICATOR, '1', '（测试）上月完成汽车以旧换新1辆。');
      await acceptReport(office.page, reportPath);

      await office.page.goto(`/plan/dashboard?planId=${planId}`);
      await office.page.getByTestId('indicator-table').waitFor();
      await office.page.getByTestId('alerts-refresh').click();
      await office.page.locator(`[data-testid="alert-${INDICATOR}"][data-colour="yellow"]`).waitFor();

      await office.page.getByTestId(`raise-${INDICATOR}`).click();
      await office.page.getByTestId('order-raise-form').waitFor();
      expect(await office.page.getByTestId('order-raise-subject').textContent()).toContain('汽车以旧换新');
      await office.page.getByTestId('order-raise-matter').fill(MATTER);
      await office.page.getByTestId('order-raise-ok').click();
      await orderStatus(office.page, 'issued');
      const orderPath = new URL(office.page.url()).pathname;

      await dept.page.goto('/plan/workspace');
      await dept.page.locator('[data-testid="unit-orders"] a', { hasText: MATTER }).click();
      await dept.page.getByTestId('order-sign').click();
      await dept.page.getByTestId('order-sign-ok').click();
      await orderStatus(dept.page, 'signed');
      await dept.page.getByTestId('order-feedback').click();
      await dept.page.getByTestId('order-feedback-text').fill('（测试）已制定分月推进计划，组织4S店开展置换促销。');
      const evidence = path.join(tmp, '推进计划.pdf');
      fs.writeFileSync(evidence, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
      await dept.page.locator('.ant-modal [data-testid="evidence-upload"] input[type="file"]').setInputFiles(evidence);
      await dept.page.locator('.ant-modal [data-testid="evidence-upload-files"] li', { hasText: '推进计划.pdf' }).waitFor();
      await dept.page.getByTestId('order-feedback-ok').click();
      await orderStatus(dept.page, 'fed_back');

      await office.page.goto(orderPath);
      await orderStatus(office.page, 'fed_back');
      await office.page.getByTestId('order-close').click();
      await office.page.getByTestId('order-close-text').fill('措施可行，予以办结。');
      await office.page.getByTestId('order-close-ok').click();
      await orderStatus(office.page, 'closed');
      for (const action of ['raise', 'issue', 'sign', 'feedback', 'close']) await office.page.getByTestId(`order-event-${action}`).waitFor();
      await settle(office.page);
      await screenshot(office.page, 'intake-to-order-closed', { fullPage: true });
      expect(office.errors).toEqual([]);
      expect(dept.errors).toEqual([]);
    } finally {
      await office.context.close();
      await dept.context.close();
    }
  });
});
