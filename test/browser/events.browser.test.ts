import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays, shanghaiDate } from '../helpers/clock.js';
import {
  DESKTOP,
  PHONE,
  animationsDone,
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
 * A promotion event's life in the browser: 市商务局 registers a car carnival as a draft (not yet counted in the
 * plan's "car promotions held" indicator, A2-T1-01, nor on the public calendar), publishes it — the indicator's
 * figure goes up by one — and a resident with no account finds it on the public calendar on a 375 px phone.
 * The event starts today (Shanghai), so it counts as held whatever day the test runs.
 */
let server: TestServer;
let browser: Browser;
const sessions: Session[] = [];
const TODAY = shanghaiDate();
const TITLE = '晋江汽车以旧换新嘉年华（浏览器测试）';
const INDICATOR = 'A2-T1-01';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

/** A2-T1-01's figure on the plan dashboard: the car promotion events held this year, from the events themselves. */
async function carEventsHeld(page: Page): Promise<number> {
  const res = await page.request.get('/api/plan-dashboard');
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { indicators: { code: string; source: string; actual: number | null }[] };
  const indicator = body.indicators.find((i) => i.code === INDICATOR);
  expect(indicator?.source).toBe('computed');
  return indicator?.actual ?? 0;
}

async function fillDate(page: Page, testId: string, date: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await animationsDone(page);
}

describe('promotion events: draft, publish, counted, on the public calendar', () => {
  it('市商务局 registers and publishes a carnival; it counts in the plan and a resident sees it on a phone', async () => {
    const commerce = await openSession(browser, server.baseUrl, DESKTOP);
    sessions.push(commerce);
    const p = commerce.page;
    await login(p, 'demo_department');
    const before = await carEventsHeld(p);
    const towns = (await (await p.request.get('/api/towns')).json()) as { id: number; name: string }[];
    const merchants = (await (await p.request.get('/api/tradein/events/merchant-options')).json()) as { organizationId: number; name: string }[];
    expect(merchants.length).toBeGreaterThan(0);

    // ── Register a draft in the drawer ──────────────────────────────────────────
    await p.goto('/car/events');
    await p.getByTestId('car-events-tab-all').click();
    await p.getByTestId('car-event-new').click();
    await p.getByTestId('car-event-drawer').waitFor();
    await waitForText(p, 'car-event-organizer', '市商务局');
    await pickOption(p, 'car-event-type', '汽车嘉年华');
    await p.getByTestId('car-event-title').fill(TITLE);
    await fillDate(p, 'car-event-starts', TODAY);
    await fillDate(p, 'car-event-ends', addDays(TODAY, -1));
    await pickOption(p, 'car-event-town', towns[0]!.name, towns[0]!.name);
    await p.getByTestId('car-event-place').fill('晋江国际会展中心');
    // A multiple select stays open after a pick: choose, then close it.
    const picker = p.getByTestId('car-event-merchants');
    await picker.click();
    await picker.locator('input').fill(merchants[0]!.name.slice(0, 4));
    const option = p.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: merchants[0]!.name }).first();
    await option.waitFor();
    await animationsDone(p);
    await option.click();
    await p.keyboard.press('Escape');
    await waitForText(p, 'car-event-merchants', merchants[0]!.name);
    // The end before the start is refused on the field, before anything is sent.
    await p.getByTestId('car-event-form-save').click();
    await p.locator('.ant-form-item-explain-error').filter({ hasText: '结束日期不能早于开始日期' }).waitFor();
    await fillDate(p, 'car-event-ends', addDays(TODAY, 2));
    await screenshot(p, 'car-event-form');
    await p.getByTestId('car-event-form-save').click();
    await p.getByTestId('car-event-drawer').waitFor({ state: 'hidden' });
    await waitForText(p, 'car-events', TITLE);
    const list = (await (await p.request.get('/api/tradein/events', { params: { q: TITLE } })).json()) as {
      items: { id: number; status: string; merchants: { organizationId: number }[] }[];
    };
    const event = list.items[0]!;
    expect([event.status, event.merchants.map((m) => m.organizationId)]).toEqual(['draft', [merchants[0]!.organizationId]]);
    await p.getByTestId(`car-event-${event.id}`).getByTestId('car-event-status-draft').waitFor();
    // A draft is neither counted nor public.
    expect(await carEventsHeld(p)).toBe(before);
    const publicBefore = (await (await p.request.get('/api/tradein/events/calendar')).json()) as { id: number }[];
    expect(publicBefore.map((e) => e.id)).not.toContain(event.id);

    // ── Publish ─────────────────────────────────────────────────────────────────
    await p.getByTestId(`car-event-publish-${event.id}`).click();
    await p.getByTestId('car-event-publish-confirm').click();
    await p.getByTestId(`car-event-${event.id}`).getByTestId('car-event-status-published').waitFor();
    expect(await carEventsHeld(p)).toBe(before + 1);
    await screenshot(p, 'car-events-list');
    // Its history, in the edit drawer: registered, then published.
    await p.getByTestId(`car-event-edit-${event.id}`).click();
    await waitForText(p, 'car-event-history', '发布');
    await waitForText(p, 'car-event-history', '登记草稿');
    await p.getByTestId('car-event-drawer').locator('.ant-drawer-close').click();
    await p.getByTestId('car-event-drawer').waitFor({ state: 'hidden' });

    // ── The public calendar, no sign-in, on a phone ─────────────────────────────
    const resident = await openSession(browser, server.baseUrl, PHONE);
    sessions.push(resident);
    const rp = resident.page;
    await rp.goto('/events');
    await rp.getByTestId('page-public-events').waitFor();
    await waitForText(rp, 'car-calendar-upcoming', TITLE);
    await waitForText(rp, `car-calendar-event-${event.id}`, towns[0]!.name);
    await waitForText(rp, `car-calendar-event-${event.id}`, '晋江国际会展中心');
    await rp.getByTestId(`car-calendar-month-${TODAY.slice(0, 7)}`).waitFor();
    await settle(rp);
    expect(await rp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(rp, 'car-events-public-phone', { fullPage: true, docs: true });

    for (const s of sessions) expect(s.errors).toEqual([]);
  });
});
