import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { previousShanghaiMonth, shanghaiInstant } from '../helpers/clock.js';
import {
  closePdfViewer,
  DESKTOP,
  PHONE,
  WAIT_MS,
  launchBrowser,
  login,
  menuKeys,
  openSession,
  screenshot,
  setPageClock,
  settle,
  startServer,
  type Session,
  type TestServer,
} from './harness.js';

/**
 * The plan's reporting loop through the browser: 市商务局 (demo_department) reports on the indicator
 * it leads, 汽车以旧换新数量 (A2-S-01), with evidence; the office returns it with a reason; the department corrects
 * and resubmits; the office accepts; the report's status and the dashboard's figure change. Then the monthly
 * briefing downloads and names the plan's indicators. Screenshots of the dashboard, the workspace and the report
 * form at desktop and phone sizes.
 */
let server: TestServer;
let browser: Browser;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-plan-browser-'));

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const INDICATOR = 'A2-S-01';

/**
 * The office's browser runs on a clock the test sets inside the plan (2024–2027): half past midnight on
 * 1 November 2025 in Shanghai, still 31 October in UTC. Its "open period" form and its briefing offer last month
 * first — October 2025, if the page counts in Shanghai time. The server runs on the real clock, for which that
 * month (and its deadline, 5 November) is long over: the report handed in now is late.
 */
const OFFICE_NOW = shanghaiInstant('2025-11-01', '00:30');

/** One file out of a zip (a .docx is one): the central directory names it, the local header precedes its data. */
function readZipEntry(zip: Buffer, name: string): Buffer {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--)
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entry = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressed);
      return method === 0 ? Buffer.from(data) : zlib.inflateRawSync(data);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${name} is not in the zip`);
}

async function reportStatus(page: Page, status: string): Promise<void> {
  await page.locator(`[data-testid="page-plan-report"][data-status="${status}"]`).waitFor();
}

async function fillNumber(page: Page, testId: string, value: string): Promise<void> {
  const input = page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  await input.fill(value);
}

async function actualOnDashboard(page: Page): Promise<string> {
  await page.goto(`/plan/dashboard?q=${INDICATOR}`);
  await page.getByTestId('indicator-table').waitFor();
  await settle(page);
  return ((await page.getByTestId(`actual-${INDICATOR}`).textContent()) ?? '').trim();
}

describe('plan reporting in the browser', () => {
  let office: Session;
  let dept: Session;
  const period = previousShanghaiMonth(OFFICE_NOW);

  it('the office opens a period; the department submits with evidence; returned, corrected, resubmitted, accepted; the dashboard moves', async () => {
    expect(period).toBe('2025-10');
    office = await openSession(browser, server.baseUrl, DESKTOP);
    dept = await openSession(browser, server.baseUrl, DESKTOP);
    await setPageClock(office.context, OFFICE_NOW);
    await login(office.page, 'demo_office');
    const officeMenu = await menuKeys(office.page);
    expect(officeMenu).toEqual(expect.arrayContaining(['plan-dashboard', 'plan-reports', 'plan-tree', 'notifications']));
    expect(officeMenu).not.toContain('plan-workspace');

    // Before: nothing reported, so the city figure is empty.
    expect(await actualOnDashboard(office.page)).toBe('—');

    // The office opens last month's period (the form's default).
    await office.page.getByTestId('nav-plan-reports').click();
    await office.page.getByTestId('page-plan-reports').waitFor();
    await office.page.getByTestId('period-open').click();
    await office.page.getByTestId('period-open-ok').click();
    await office.page.locator('[data-testid="period-table"] tr', { hasText: period }).waitFor();

    // The department sees the report due and fills it in.
    await login(dept.page, 'demo_department');
    const deptMenu = await menuKeys(dept.page);
    expect(deptMenu).toEqual(expect.arrayContaining(['plan-dashboard', 'plan-workspace', 'plan-tree', 'notifications']));
    expect(deptMenu).not.toContain('plan-reports');
    await dept.page.getByTestId('nav-plan-workspace').click();
    await dept.page.getByTestId('due-table').waitFor();
    await dept.page.getByTestId(`fill-${INDICATOR}`).first().click();
    await reportStatus(dept.page, 'pending');
    await dept.page.getByTestId('report-form').waitFor();

    // A file of the wrong type is refused before upload, with its reason shown.
    const bad = path.join(tmp, '说明.txt');
    fs.writeFileSync(bad, 'not evidence');
    const fileInput = dept.page.locator('[data-testid="evidence-upload"] input[type="file"]');
    await fileInput.setInputFiles(bad);
    await dept.page.getByTestId('evidence-upload-errors').waitFor();
    expect(await dept.page.getByTestId('evidence-upload-errors').textContent()).toContain('说明.txt');

    // Submitting without a value names the missing fields.
    await dept.page.getByTestId('report-submit').click();
    await dept.page.locator('.ant-form-item-explain-error', { hasText: '请填写本期数值' }).waitFor();

    const evidence = path.join(tmp, '汽车以旧换新台账.pdf');
    fs.writeFileSync(evidence, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    await fileInput.setInputFiles(evidence);
    await dept.page.locator('[data-testid="evidence-upload-files"] li', { hasText: '汽车以旧换新台账.pdf' }).waitFor();
    await fillNumber(dept.page, 'report-value', '1.2');
    await dept.page.getByTestId('report-narrative').fill('10月全市完成汽车以旧换新1.2万辆，数据来自商务部汽车流通信息管理系统。');
    await screenshot(dept.page, 'plan-report-form', { fullPage: true });
    await dept.page.getByTestId('report-submit').click();
    await reportStatus(dept.page, 'submitted');
    const reportUrl = dept.page.url();
    const reportPath = new URL(reportUrl).pathname;

    // The office finds it in the review queue, sees the evidence, and returns it with a reason.
    await office.page.goto('/plan/reports');
    await office.page.getByTestId('report-table').waitFor();
    await settle(office.page);
    await screenshot(office.page, 'plan-reports-queue');
    await office.page.locator(`[data-testid^="review-${INDICATOR}-"]`).first().click();
    await reportStatus(office.page, 'submitted');
    // The reviewer opens the evidence in the page (a PDF in a frame); the opening is recorded and shown.
    const evidenceRow = office.page.getByTestId('report-evidence-item').first();
    expect(await evidenceRow.textContent()).toContain('汽车以旧换新台账.pdf');
    const openButton = evidenceRow.locator('[data-testid^="report-evidence-open-"]');
    const attachmentId = (await openButton.getAttribute('data-testid'))!.replace('report-evidence-open-', '');
    await openButton.click();
    await closePdfViewer(office.page, 'report-evidence');
    await evidenceRow.locator(`[data-testid="report-evidence-opened-${attachmentId}"]`).waitFor();
    const file = await office.page.request.get(`/api/plan-reports/${reportPath.split('/').pop()}/evidence/${attachmentId}`);
    expect(file.status()).toBe(200);
    expect((await file.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await office.page.getByTestId('report-return').click();
    await office.page.getByTestId('return-reason-input').fill('口径应为累计数，请补充分月明细');
    await office.page.getByTestId('return-ok').click();
    await reportStatus(office.page, 'returned');

    // The department sees it returned with the reason, corrects and resubmits.
    await dept.page.goto('/plan/workspace');
    await dept.page.getByTestId('returned-list').waitFor();
    expect(await dept.page.getByTestId('returned-list').textContent()).toContain('口径应为累计数');
    await screenshot(dept.page, 'plan-workspace', { docs: true });
    await dept.page.getByTestId(`correct-${INDICATOR}`).first().click();
    await reportStatus(dept.page, 'returned');
    expect(await dept.page.getByTestId('return-reason').textContent()).toContain('口径应为累计数');
    await fillNumber(dept.page, 'report-value', '1.5');
    await dept.page.getByTestId('report-narrative').fill('按累计口径更正：截至10月底累计1.5万辆（7月0.4、8月0.5、9月0.3、10月0.3）。');
    await dept.page.getByTestId('report-submit').click();
    await reportStatus(dept.page, 'submitted');
    expect(new URL(dept.page.url()).pathname).toBe(reportPath);

    // The office accepts; the report reads accepted and the dashboard shows the value.
    await office.page.goto(reportPath);
    await reportStatus(office.page, 'submitted');
    await office.page.getByTestId('report-accept').click();
    await office.page.getByTestId('accept-ok').click();
    await reportStatus(office.page, 'accepted');
    expect(await office.page.getByTestId('report-value-text').textContent()).toContain('1.5');
    const report = (await (await office.page.request.get(`/api/plan-reports/${reportPath.split('/').pop()}`)).json()) as {
      period: string;
      late: boolean;
      status: string;
    };
    expect(report).toMatchObject({ period, late: true, status: 'accepted' });
    expect(await actualOnDashboard(office.page)).toBe('1.5');

    // The department is told, and its history lists the accepted report.
    await dept.page.goto('/notifications');
    await dept.page.getByTestId('notification-list').waitFor();
    await dept.page.locator('[data-testid="notification"]', { hasText: '已通过审核' }).first().waitFor();
    await dept.page.getByTestId('notifications-read-all').click();
    await dept.page.waitForFunction(() => document.querySelectorAll('[data-testid="notification"][data-read="false"]').length === 0, undefined, {
      timeout: WAIT_MS,
    });
    expect(dept.errors).toEqual([]);
  });

  it('the dashboard drills down to the task, units, reports and evidence; the briefing downloads and names the indicators', async () => {
    const page = office.page;
    await page.goto('/plan/dashboard');
    await page.getByTestId('plan-cards').waitFor();
    await settle(page);
    await screenshot(page, 'plan-dashboard', { docs: true });
    await page.getByTestId(`actual-${INDICATOR}`).click();
    await page.getByTestId('drill-task').waitFor();
    await page.getByTestId('trend-chart').waitFor();
    await page.locator('[data-testid="drill-reports"] [data-testid="evidence-link"]', { hasText: '汽车以旧换新台账.pdf' }).waitFor();
    expect(await page.getByTestId('drill-actual').textContent()).toBe('1.5');
    await screenshot(page, 'plan-dashboard-drill');
    await page.keyboard.press('Escape');

    // The units' reporting record shows 市商务局 with its report handed in.
    await page.goto('/plan/dashboard?tab=units');
    await page.getByTestId('unit-records').waitFor();
    await settle(page);
    // Sorted by reports handed in late, most first: 市商务局 is the only unit that reported (late, see above).
    await page.locator('[data-testid="unit-records"] th', { hasText: '迟报' }).click();
    const first = page.locator('[data-testid="unit-records"] tbody tr.ant-table-row').first();
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="unit-records"] tbody tr.ant-table-row')?.textContent ?? '').includes('市商务局'),
      undefined,
      { timeout: WAIT_MS },
    );
    expect(await first.textContent()).toContain('市商务局');

    // The monthly briefing of the period just reported.
    await page.goto('/plan/dashboard');
    await page.getByTestId('briefing-download').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('briefing-download').click()]);
    const saved = path.join(tmp, 'briefing.docx');
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const xml = readZipEntry(fs.readFileSync(saved), 'word/document.xml').toString('utf8');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const name of ['汽车以旧换新数量', '新能源汽车年销售量', '技术改造项目数', '新改扩建回收站数']) expect(text).toContain(name);
    // … of October 2025, the month the office's page offers first (its clock is in November 2025).
    expect(text).toContain('2025年第10期');
    expect(office.errors).toEqual([]);
  });

  it('phone-sized pages: the dashboard, the workspace and the report form stack and scroll', async () => {
    const phoneOffice = await openSession(browser, server.baseUrl, PHONE);
    const phoneDept = await openSession(browser, server.baseUrl, PHONE);
    try {
      await login(phoneOffice.page, 'demo_office');
      await phoneOffice.page.goto('/plan/dashboard');
      await phoneOffice.page.getByTestId('plan-cards').waitFor();
      await screenshot(phoneOffice.page, 'plan-dashboard-phone');
      await login(phoneDept.page, 'demo_department');
      await phoneDept.page.goto('/plan/workspace');
      await phoneDept.page.getByTestId('due-table').waitFor();
      await screenshot(phoneDept.page, 'plan-workspace-phone');
      await phoneDept.page.getByTestId('fill-A2-S-02').first().click();
      await phoneDept.page.getByTestId('report-form').waitFor();
      await screenshot(phoneDept.page, 'plan-report-form-phone', { fullPage: true });
      // Nothing wider than the screen but the tables' own scroll areas.
      const overflow = await phoneDept.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      expect(phoneOffice.errors).toEqual([]);
      expect(phoneDept.errors).toEqual([]);
    } finally {
      await phoneOffice.context.close();
      await phoneDept.context.close();
      await office.context.close();
      await dept.context.close();
    }
  });

  it('auditors read the dashboard and plan without edit buttons; businesses and residents get none of it', async () => {
    const s = await openSession(browser, server.baseUrl, DESKTOP);
    try {
      await login(s.page, 'demo_auditor');
      const keys = await menuKeys(s.page);
      expect(keys).toEqual(expect.arrayContaining(['plan-dashboard', 'plan-tree', 'plan-reports', 'notifications']));
      expect(keys).not.toContain('plan-workspace');
      await s.page.goto('/plan/tree');
      await s.page.getByTestId('plan-tree').waitFor();
      await settle(s.page);
      expect(await s.page.locator('[data-testid^="indicator-edit-"]').count()).toBe(0);
      expect(await s.page.locator('[data-testid^="indicator-history-"]').count()).toBeGreaterThan(0);
      await screenshot(s.page, 'plan-tree-auditor');
      // In English too.
      await s.page.getByTestId('lang-en').click();
      await s.page.goto('/plan/dashboard');
      await s.page.getByTestId('plan-cards').waitFor();
      await s.page.locator('.hx-page-title', { hasText: 'Supervision dashboard' }).waitFor();
      expect(await s.page.getByTestId('indicator-table').textContent()).toContain('Lead unit');
      await screenshot(s.page, 'plan-dashboard-en');
      await s.page.getByTestId('lang-zh').click();
      await s.page.goto('/plan/reports');
      await s.page.getByTestId('report-table').waitFor();
      expect(await s.page.getByTestId('period-open').count()).toBe(0);
      await s.page.goto('/plan/workspace');
      await s.page.getByTestId('page-forbidden').waitFor();
      await s.context.clearCookies();

      await login(s.page, 'demo_merchant');
      const merchant = await menuKeys(s.page);
      expect(merchant.filter((k) => k.startsWith('plan-'))).toEqual([]);
      expect(merchant).toContain('notifications');
      for (const url of ['/plan/dashboard', '/plan/tree', '/plan/reports', '/plan/workspace', '/plan/reports/1']) {
        await s.page.goto(url);
        await s.page.getByTestId('page-forbidden').waitFor();
      }
      expect(s.errors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });
});
