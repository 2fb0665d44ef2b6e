import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seedWorkTeamAccount, DEMO_WORK_TEAM_USER } from '../../src/server/modules/plan/matters/index.js';
import { seedNoticesDemo } from '../../src/server/modules/platform/notices/index.js';
import { DESKTOP, PHONE, WAIT_MS, launchBrowser, login, openSession, screenshot, settle, startServer, type TestServer } from './harness.js';

/**
 * Notices and major matters through the browser: the office publishes a notice to 市商务局, the department confirms
 * it has read it and the office sees who confirmed; 市商务局 raises a major matter, the office refers it to the work
 * team, the work team answers and the department sees the answer; the public announcements page on a phone shows
 * a public policy explanation (the demo seed's) beside the plan's text.
 */
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  await seedWorkTeamAccount(server.deps);
  await seedNoticesDemo(server.deps);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('notices and matters in the browser', () => {
  it('office publishes a notice to a unit → the unit confirms → the office sees who confirmed', async () => {
    const office = await openSession(browser, server.baseUrl, DESKTOP);
    await login(office.page, 'demo_office');
    await office.page.goto('/notices');
    await office.page.getByTestId('notice-new').click();
    await office.page.getByTestId('notice-title').fill('关于报送电梯更新摸底数据的通知');
    await office.page.getByText('指定单位', { exact: true }).click();
    await office.page.getByTestId('notice-recipients').click();
    await office.page.keyboard.type('市商务局');
    await office.page.locator('.ant-select-item-option', { hasText: '市商务局' }).first().click();
    await office.page.keyboard.press('Escape');
    await office.page.getByTestId('notice-body').fill('请于本月底前报送辖区内老旧电梯底数及更新计划。');
    await office.page.getByTestId('notice-save').click();
    await office.page.getByTestId('page-notice').waitFor({ timeout: WAIT_MS });
    const noticeUrl = office.page.url();
    await office.page.getByTestId('notice-publish').click();
    await office.page.locator('.ant-popconfirm .ant-btn-primary').click();
    await office.page.getByTestId('notice-readers').waitFor({ timeout: WAIT_MS });
    await settle(office.page);
    expect(await office.page.getByTestId('notice-readers').innerText()).toContain('未签阅');

    const dept = await openSession(browser, server.baseUrl, DESKTOP);
    await login(dept.page, 'demo_department');
    await dept.page.goto(new URL(noticeUrl).pathname);
    await dept.page.getByTestId('notice-confirm').click();
    await dept.page.getByTestId('notice-confirmed').waitFor({ timeout: WAIT_MS });
    await screenshot(dept.page, 'notice-confirmed-desktop');

    await office.page.reload();
    await office.page.getByTestId('notice-readers').waitFor({ timeout: WAIT_MS });
    await settle(office.page);
    expect(await office.page.getByTestId('notice-readers').innerText()).toContain('市商务局（演示）');
    await screenshot(office.page, 'notice-readers-desktop', { docs: true });
    expect([...office.errors, ...dept.errors]).toEqual([]);
    await office.context.close();
    await dept.context.close();
  });

  it('a unit raises a matter → the office refers it to the work team → the work team answers → the unit sees it', async () => {
    const dept = await openSession(browser, server.baseUrl, DESKTOP);
    await login(dept.page, 'demo_department');
    await dept.page.goto('/plan/matters');
    await dept.page.getByTestId('matter-raise').click();
    await dept.page.getByTestId('matter-title').fill('老旧营运货车更新资金缺口');
    await dept.page.getByTestId('matter-description').fill('部分运输企业老旧柴油货车更新资金缺口较大，请协调市级配套资金。');
    await dept.page.getByTestId('matter-raise-ok').click();
    await dept.page.getByTestId('page-plan-matter').waitFor({ timeout: WAIT_MS });
    const path = new URL(dept.page.url()).pathname;

    const office = await openSession(browser, server.baseUrl, DESKTOP);
    await login(office.page, 'demo_office');
    await office.page.goto(path);
    await office.page.getByTestId('matter-escalate').click();
    await office.page.getByTestId('matter-move-text').fill('涉及市级财政配套，提请工作专班研究');
    await office.page.getByTestId('matter-move-ok').click();
    await office.page.getByTestId('matter-status').getByText('已提请工作专班').waitFor({ timeout: WAIT_MS });

    const team = await openSession(browser, server.baseUrl, DESKTOP);
    await login(team.page, DEMO_WORK_TEAM_USER);
    await team.page.goto(path);
    await team.page.getByTestId('matter-respond').click();
    await team.page.getByTestId('matter-move-text').fill('同意由市级财政按比例给予补助');
    await team.page.getByTestId('matter-move-ok').click();
    await team.page.getByTestId('matter-status').getByText('已答复').waitFor({ timeout: WAIT_MS });

    await dept.page.reload();
    await dept.page.getByTestId('matter-answer').getByText('同意由市级财政按比例给予补助').waitFor({ timeout: WAIT_MS });
    expect(await dept.page.getByTestId('matter-answer').innerText()).toContain('工作专班');
    await screenshot(dept.page, 'matter-answered-desktop', { docs: true });
    await dept.page.setViewportSize(PHONE);
    await screenshot(dept.page, 'matter-answered-phone');
    await dept.page.goto('/plan/matters');
    await dept.page.getByTestId('matter-table').waitFor();
    await screenshot(dept.page, 'matters-phone');
    expect([...office.errors, ...dept.errors, ...team.errors]).toEqual([]);
    await Promise.all([dept.context.close(), office.context.close(), team.context.close()]);
  });

  it('the public announcements page shows a public notice on a phone, with the plan beside it', async () => {
    const s = await openSession(browser, server.baseUrl, PHONE);
    await s.page.goto('/announcements');
    await s.page.getByTestId('page-public-notices').waitFor({ timeout: WAIT_MS });
    await s.page.getByTestId('public-notices').getByText('家电以旧换新补贴政策解读').waitFor({ timeout: WAIT_MS });
    const list = await s.page.getByTestId('public-notices').innerText();
    // Notices to units only never show here.
    expect(list).not.toContain('关于报送2025年四季度');
    await s.page.getByTestId('public-plan').getByText('晋政文', { exact: false }).first().waitFor({ timeout: WAIT_MS });
    await screenshot(s.page, 'announcements-phone', { fullPage: true, docs: true });
    await s.page.setViewportSize(DESKTOP);
    await screenshot(s.page, 'announcements-desktop', { fullPage: true });
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
