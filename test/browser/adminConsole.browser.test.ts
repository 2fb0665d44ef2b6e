import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { notify } from '../../src/server/modules/platform/notifications/service.js';
import {
  DESKTOP,
  PHONE,
  animationsDone,
  launchBrowser,
  login,
  openSession,
  screenshot,
  settle,
  startServer,
  type Session,
  type TestServer,
} from './harness.js';

/**
 * The admin console as the work team office meets it: the bell in the header with its unread count (and on a
 * phone), the scheduled jobs page where a job is run by hand and its run recorded, the service status page.
 */
let server: TestServer;
let browser: Browser;
const sessions: Session[] = [];
const JOB = 'plan.importRecovery';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const db = server.deps.database.db;
  const office = await db.selectFrom('users').select(['id', 'organization_id']).where('username', '=', 'demo_office').executeTakeFirstOrThrow();
  // Whatever the demo data left unread, the office starts from these three.
  await db
    .updateTable('notifications')
    .set({ read_at: new Date().toISOString() })
    .where((eb) => eb.or([eb('user_id', '=', office.id), eb('organization_id', '=', office.organization_id)]))
    .execute();
  for (const [i, period] of ['2025-04', '2025-05', '2025-06'].entries())
    await notify(db, {
      userId: Number(office.id),
      kind: 'tradein_settlement_ready',
      params: { period, count: i + 1 },
      link: i === 2 ? '/system/status' : null,
      dedupeKey: `console-browser:${period}`,
    });
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

describe('the admin console', () => {
  it('shows the office its unread count in the bell, opens a notification, runs a job now and reads the status', async () => {
    const { page, errors } = await signedIn('demo_office');
    const bell = page.getByTestId('bell');
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('3');
    await bell.click();
    const panel = page.getByTestId('bell-panel');
    await panel.waitFor();
    await expect.poll(() => panel.getByTestId('bell-item').count()).toBe(3);
    await animationsDone(page);
    await screenshot(page, 'console-bell');
    // The newest points at the status page: opening it marks it read and goes there.
    await panel.getByTestId('bell-item').first().click();
    await page.getByTestId('page-status').waitFor();
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('2');

    await page.getByTestId('nav-console-jobs').click();
    await page.getByTestId('page-jobs').waitFor();
    await settle(page);
    const row = page.getByTestId(`job-row-${JOB}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('从未运行');
    await row.getByTestId(`job-run-${JOB}`).click();
    const confirm = page.locator('.ant-popconfirm .ant-btn-primary');
    await confirm.waitFor();
    await animationsDone(page);
    await confirm.click();
    await expect.poll(() => row.getByTestId('job-outcome').getAttribute('data-outcome')).toBe('ok');
    await page.getByText('已执行完毕').waitFor();
    await screenshot(page, 'console-jobs', { fullPage: true, docs: true });
    await row.getByTestId(`job-history-${JOB}`).click();
    const history = page.getByTestId('job-runs-table');
    await history.waitFor();
    await expect.poll(() => history.innerText()).toContain('手动（demo_office）');
    await animationsDone(page);
    await screenshot(page, 'console-job-history');
    const audited = await server.deps.database.db
      .selectFrom('audit_log')
      .select('actor_username')
      .where('entity', '=', 'scheduled_job')
      .where('entity_id', '=', JOB)
      .where('action', '=', 'run_now')
      .execute();
    expect(audited).toEqual([{ actor_username: 'demo_office' }]);
    await page.keyboard.press('Escape');

    await page.getByTestId('nav-console-status').click();
    await page.getByTestId('page-status').waitFor();
    await settle(page);
    await expect.poll(() => page.getByTestId('status-version').innerText()).toBe('0.1.0');
    expect(await page.getByTestId('status-db-kind').innerText()).toBe('SQLite');
    expect(Number(await page.getByTestId('status-migrations').innerText())).toBeGreaterThan(20);
    await screenshot(page, 'console-status', { fullPage: true, docs: true });
    expect(errors).toEqual([]);
  });

  it('fits the bell and its list on a 375 px phone', async () => {
    const { page, errors } = await signedIn('demo_office', PHONE);
    const bell = page.getByTestId('bell');
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('2');
    expect(await bell.isVisible()).toBe(true);
    await bell.click();
    const panel = page.getByTestId('bell-panel');
    await panel.waitFor();
    await expect.poll(() => panel.getByTestId('bell-item').count()).toBe(3);
    await animationsDone(page);
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'console-bell-phone');
    await page.getByTestId('bell-read-all').click();
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('0');
    expect(errors).toEqual([]);
  });
});
