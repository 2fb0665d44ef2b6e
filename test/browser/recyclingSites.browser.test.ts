import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  DESKTOP,
  animationsDone,
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
 * The recycling network in the browser: 市商务局 (which the seed grants recycling `manage`) registers a planned
 * station in the drawer, opens it after confirming — the plan's A3-T1-02 figure goes up by one — and a resident
 * with no account finds it on the public list of operating sites on a 375 px phone.
 */
let server: TestServer;
let browser: Browser;
const sessions: Session[] = [];
const NAME = '陈埭湖中回收站（浏览器测试）';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function stationsBuilt(page: Page): Promise<number> {
  const body = (await (await page.request.get('/api/plan-dashboard')).json()) as { indicators: { code: string; actual: number | null }[] };
  return body.indicators.find((i) => i.code === 'A3-T1-02')?.actual ?? 0;
}

describe('recycling sites: register, open, on the public list', () => {
  it('市商务局 registers a station and opens it; it counts in the plan and a resident sees it on a phone', async () => {
    const commerce = await openSession(browser, server.baseUrl, DESKTOP);
    sessions.push(commerce);
    const p = commerce.page;
    await login(p, 'demo_department');
    const grants = (await (await p.request.get('/api/grants/mine')).json()) as { domain: string; manage: boolean }[];
    expect(grants.find((g) => g.domain === 'recycling')?.manage).toBe(true);
    const before = await stationsBuilt(p);

    await p.goto('/recycling/sites');
    await p.getByTestId('page-recycling-sites').waitFor();
    await settle(p);
    await p.getByTestId('site-new').click();
    await p.getByTestId('site-form').waitFor();
    await p.getByTestId('site-form-name').fill(NAME);
    await pickOption(p, 'site-form-town', '陈埭镇', '陈埭');
    await pickOption(p, 'site-form-operator', '晋江示范再生资源回收有限公司');
    await p.getByTestId('site-form-address').fill('陈埭镇湖中村 8 号');
    await p.getByTestId('site-form-lat').fill('24.83');
    await p.getByTestId('site-form-lng').fill('118.62');
    // A multiple select: the option is clicked once its dropdown has stopped sliding in (a click during the animation
    // was lost under CI's load, and the form then refused to save without a material), and the tag is checked.
    const materials = p.getByTestId('site-form-materials');
    await materials.click();
    const paper = p.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '废纸' }).first();
    await paper.waitFor();
    await animationsDone(p);
    await paper.click();
    await materials.locator('.ant-select-selection-item').filter({ hasText: '废纸' }).waitFor();
    await p.keyboard.press('Escape');
    await p.getByTestId('site-form-hours').fill('08:00–17:30');
    await screenshot(p, 'recycling-site-form');
    const [created] = await Promise.all([
      p.waitForResponse((r) => r.url().endsWith('/api/recycling/sites') && r.request().method() === 'POST'),
      p.getByTestId('site-form-save').click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    await p.getByTestId('site-form').waitFor({ state: 'hidden' });
    await waitForText(p, 'site-table', NAME);
    const list = (await (await p.request.get('/api/recycling/sites', { params: { q: NAME } })).json()) as { items: { id: number; status: string }[] };
    const site = list.items[0]!;
    expect(site.status).toBe('planned');
    expect(await stationsBuilt(p)).toBe(before);

    // Open it, after the confirmation.
    await p.getByTestId(`site-move-open-${site.id}`).click();
    await p.getByTestId('site-move-note').waitFor();
    // The dialog still sliding in can swallow a click (seen under CI's load): wait for it to settle first.
    await animationsDone(p);
    await p.getByTestId('site-move-note').fill('验收通过');
    const [moved] = await Promise.all([
      p.waitForResponse((r) => r.url().includes(`/api/recycling/sites/${site.id}/moves`) && r.request().method() === 'POST'),
      p.getByTestId('site-move-confirm').click(),
    ]);
    expect(moved.status(), await moved.text()).toBe(200);
    await p.getByTestId('site-table').getByTestId('site-status-operating').first().waitFor();
    expect(await stationsBuilt(p)).toBe(before + 1);
    await screenshot(p, 'recycling-sites');
    // Its page: the history with the note.
    await p.getByTestId(`site-open-${site.id}`).click();
    await p.getByTestId('page-recycling-site').waitFor();
    await waitForText(p, 'site-history', '验收通过');
    await waitForText(p, 'site-history', '投入运营');
    await screenshot(p, 'recycling-site');

    // ── The public list, no sign-in, on a phone ───────────────────────────────
    const resident = await openSession(browser, server.baseUrl, PHONE);
    sessions.push(resident);
    const rp = resident.page;
    await rp.goto('/recycling-sites');
    await rp.getByTestId('page-public-sites').waitFor();
    await waitForText(rp, 'public-sites', NAME);
    await pickOption(rp, 'public-sites-town', '陈埭镇', '陈埭');
    await waitForText(rp, `public-site-${site.id}`, '08:00–17:30');
    await rp.getByTestId(`site-dot-${site.id}`).waitFor();
    await waitForText(rp, 'public-site-summary', '陈埭镇');
    await settle(rp);
    expect(await rp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(rp, 'recycling-sites-public-phone', { fullPage: true });

    for (const s of sessions) expect(s.errors).toEqual([]);
  });
});
