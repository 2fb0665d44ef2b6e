import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { renewalModule } from '../../src/server/modules/renewal/index.js';
import {
  DESKTOP,
  animationsDone,
  PHONE,
  launchBrowser,
  login,
  onePagePdf,
  openSession,
  pickOption,
  screenshot,
  settle,
  startServer,
  type Session,
  type TestServer,
} from './harness.js';

/**
 * A retrofit project end to end in the browser: the demo enterprise registers it (on a desktop) and submits it;
 * its town (青阳街道) checks it on a phone; 市工信局 approves it into the library; the enterprise marks construction
 * started and completes it with its actual investment and an acceptance report; the plan dashboard's platform
 * figures beside A1-T1-01 (projects started this year) and A1-T1-02 (investment completed, 亿元) move by it.
 */
let server: TestServer;
let browser: Browser;
const sessions: Session[] = [];
const NAME = '浏览器测试：智能裁床技术改造项目';

beforeAll(async () => {
  server = await startServer();
  // The renewal demo data brings 市工信局's demo account (demo_industry); its demo projects only shift the baseline.
  await renewalModule.seed!.demo!(server.deps);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function signedIn(username: string, viewport = DESKTOP): Promise<Page> {
  const s = await openSession(browser, server.baseUrl, viewport);
  sessions.push(s);
  await login(s.page, username);
  return s.page;
}

/** The platform figure beneath an indicator's reported value on the office's dashboard, as a number. */
async function platformFigure(page: Page, code: string): Promise<number> {
  await page.goto(`/plan/dashboard?q=${code}`);
  await page.getByTestId(`computed-${code}`).waitFor();
  await settle(page);
  const text = (await page.getByTestId(`computed-${code}`).textContent()) ?? '';
  return Number(text.replace(/[^0-9.]/g, ''));
}

async function openProject(page: Page, path: string, id: number, testId: string) {
  await page.goto(`${path}?id=${id}`);
  await page.getByTestId(testId).waitFor();
  await page.getByTestId('project-detail').waitFor();
  await settle(page);
}

/** Fills an antd DatePicker by typing the date, as a user with a keyboard does. */
async function typeDate(page: Page, testId: string, date: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(date);
  // Tab, not Enter: Enter would submit the form. The picker takes a valid typed date on leaving the field.
  await input.press('Tab');
  await page.waitForFunction(() => !document.querySelector('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)'));
}

describe('a retrofit project from registration to the plan dashboard', () => {
  it('registers, checks, approves, completes, and moves A1-T1-01 and A1-T1-02', async (ctx) => {
    ctx.onTestFailed(async () => {
      for (const [i, s] of sessions.entries()) await screenshot(s.page, `renewal-flow-failed-${i}`).catch(() => undefined);
    });
    const office = await signedIn('demo_office');
    const startedBefore = await platformFigure(office, 'A1-T1-01');
    const investedBefore = await platformFigure(office, 'A1-T1-02');

    // ── The enterprise registers the project: 800 万元 planned, 300 万元 of it equipment (not the simplified path) ──
    const ent = await signedIn('demo_enterprise');
    await ent.goto('/renewal/projects/mine');
    await ent.getByTestId('page-renewal-my-projects').waitFor();
    await ent.getByTestId('project-new').click();
    await ent.getByTestId('project-form').waitFor();
    await ent.getByTestId('project-name').fill(NAME);
    await pickOption(ent, 'project-industry', '制鞋');
    await pickOption(ent, 'project-type', '技术改造');
    await pickOption(ent, 'project-town', '青阳街道', '青阳');
    await ent.getByTestId('project-planned').fill('800');
    await ent.getByTestId('project-equipment').fill('300');
    // The year in Shanghai, as the server counts it (the browser's own clock may be in another time zone).
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    await typeDate(ent, 'project-planned-start', `${year}-01-01`);
    await typeDate(ent, 'project-planned-end', `${year}-12-31`);
    await ent.getByTestId('project-save').scrollIntoViewIfNeeded();
    await ent.getByTestId('project-save').click();
    await ent.getByTestId('project-form').waitFor({ state: 'detached' });
    const row = await server.deps.database.db.selectFrom('renewal_projects').select(['id', 'status']).where('name', '=', NAME).executeTakeFirstOrThrow();
    expect(row.status).toBe('draft');
    const id = Number(row.id);
    await openProject(ent, '/renewal/projects/mine', id, 'page-renewal-my-projects');
    await ent.getByTestId('project-submit').click();
    await ent.getByTestId('project-status-submitted').first().waitFor();

    // ── 青阳街道 checks it on a phone and passes it on ──
    const town = await signedIn('demo_town', PHONE);
    await openProject(town, '/renewal/projects/town', id, 'page-renewal-town-projects');
    expect(await town.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(town, 'renewal-flow-town-check-phone');
    await town.getByTestId('project-town-pass').click();
    await town.getByTestId('project-status-town_checked').first().waitFor();

    // ── 市工信局 approves it into the library ──
    const miit = await signedIn('demo_industry');
    await openProject(miit, '/renewal/projects/library', id, 'page-renewal-library');
    await miit.getByTestId('project-approve').click();
    await miit.getByTestId('project-status-in_library').first().waitFor();

    // ── The enterprise starts construction today and completes it: 760 万元 actual, 300 万元 equipment, a report ──
    await openProject(ent, '/renewal/projects/mine', id, 'page-renewal-my-projects');
    await ent.getByTestId('project-start').click();
    // The confirmation still sliding in can swallow a click (seen under CI's load): settled first, and the start's
    // answer checked; then the project opened afresh, so its actions are the ones the server gives after the start.
    await ent.locator('.ant-modal:visible .ant-btn-primary').waitFor();
    await animationsDone(ent);
    const [started] = await Promise.all([
      ent.waitForResponse((r) => r.url().includes(`/api/renewal/projects/${id}/`) && r.request().method() !== 'GET'),
      ent.locator('.ant-modal:visible .ant-btn-primary').click(),
    ]);
    expect(started.status(), await started.text()).toBeLessThan(300);
    await ent.getByTestId('project-status-under_construction').first().waitFor();
    await openProject(ent, '/renewal/projects/mine', id, 'page-renewal-my-projects');
    await ent.getByTestId('project-complete').click();
    await ent.getByTestId('project-complete-form').waitFor();
    await ent.getByTestId('project-actual').fill('760');
    await ent.getByTestId('project-actual-equipment').fill('300');
    await ent
      .getByTestId('project-complete-form')
      .locator('input[type=file]')
      .setInputFiles({ name: 'acceptance.pdf', mimeType: 'application/pdf', buffer: onePagePdf('Acceptance report') });
    await ent.getByTestId('project-evidence-upload-files').getByText('acceptance.pdf').waitFor();
    await ent.locator('.ant-modal:visible .ant-btn-primary').click();
    await ent.getByTestId('project-status-completed').first().waitFor();
    await screenshot(ent, 'renewal-flow-completed');
    const done = await server.deps.database.db
      .selectFrom('renewal_projects')
      .select(['status', 'actual_investment_fen', 'started_on', 'completed_on'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(done).toMatchObject({ status: 'completed' });
    expect(Number(done.actual_investment_fen)).toBe(760 * 1_000_000);

    // ── The dashboard: one more retrofit project started this year, 0.076 亿元 more investment completed ──
    expect(await platformFigure(office, 'A1-T1-01')).toBe(startedBefore + 1);
    // The dashboard shows two decimals of 亿元: 0.076 more, within the rounding of both readings.
    const investedAfter = await platformFigure(office, 'A1-T1-02');
    expect(investedAfter).toBeGreaterThan(investedBefore);
    expect(investedAfter).toBeCloseTo(investedBefore + 0.076, 1);
    await screenshot(office, 'renewal-flow-dashboard');
  });
});
