import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { recyclingModule } from '../../src/server/modules/recycling/index.js';
import { DESKTOP, PHONE, DEMO_RESIDENT, launchBrowser, login, openSession, screenshot, settle, startServer, type TestServer } from './harness.js';

/**
 * The recycling records on the module's demo data, as each of their users opens them: a recycler's intake and
 * reverse invoices and its dismantled vehicles, 市商务局's register of vehicles, qualifications, second-hand dealers
 * and credit rules, a resident following a scrapped car on a phone, and the public credit disclosure without
 * signing in. Each page must render its records (not an empty or error state), without script errors, and on a
 * phone without sideways scrolling.
 */
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  // The harness seeds accounts only: the recycling demo data (sites, intake, vehicles, dealers) on top.
  await recyclingModule.seed!.demo!(server.deps);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

interface Visit {
  user: string | null;
  path: string;
  testId: string;
  /** Text the demo records put on the page (演示 labels them). */
  shows: string;
  shot: string;
  viewport?: { width: number; height: number };
  docs?: boolean;
}

const VISITS: Visit[] = [
  { user: 'demo_recycler', path: '/recycling/intake', testId: 'intake-page', shows: '演示', shot: 'recycling-intake', docs: true },
  { user: 'demo_recycler', path: '/recycling/intake', testId: 'intake-page', shows: '演示', shot: 'recycling-intake-phone', viewport: PHONE },
  { user: 'demo_recycler', path: '/recycling/intake/invoices', testId: 'invoices-page', shows: '***', shot: 'recycling-reverse-invoices', docs: true },
  { user: 'demo_department', path: '/recycling/intake/all', testId: 'intake-overview', shows: '演示', shot: 'recycling-intake-overview' },
  { user: 'demo_recycler', path: '/recycling/vehicles', testId: 'page-recycling-vehicles', shows: '演示', shot: 'recycling-vehicles-recycler' },
  { user: 'demo_department', path: '/recycling/vehicles', testId: 'page-recycling-vehicles', shows: '演示', shot: 'recycling-vehicles', docs: true },
  {
    user: 'demo_department',
    path: '/recycling/vehicles/qualifications',
    testId: 'page-recycling-qualifications',
    shows: '演示',
    shot: 'recycling-qualifications',
  },
  {
    user: DEMO_RESIDENT.mobile,
    path: '/recycling/vehicles/mine',
    testId: 'page-my-vehicles',
    shows: '注销',
    shot: 'recycling-my-vehicles-phone',
    viewport: PHONE,
    docs: true,
  },
  { user: 'demo_department', path: '/recycling/dealers', testId: 'page-recycling-dealers', shows: '演示', shot: 'recycling-dealers', docs: true },
  { user: 'demo_department', path: '/recycling/credit-rules', testId: 'page-recycling-credit-rules', shows: '1', shot: 'recycling-credit-rules' },
  {
    user: null,
    path: '/credit-disclosure',
    testId: 'page-credit-disclosure',
    shows: '演示',
    shot: 'recycling-credit-disclosure-phone',
    viewport: PHONE,
    docs: true,
  },
  { user: null, path: '/credit-disclosure', testId: 'page-credit-disclosure', shows: '演示', shot: 'recycling-credit-disclosure' },
];

describe('recycling records on their pages', () => {
  for (const v of VISITS) {
    it(`${v.user ?? 'the public'} opens ${v.path}${v.viewport === PHONE ? ' on a phone' : ''}`, async () => {
      const { context, page, errors } = await openSession(browser, server.baseUrl, v.viewport ?? DESKTOP);
      try {
        if (v.user) await login(page, v.user);
        await page.goto(v.path);
        await page.getByTestId(v.testId).waitFor();
        await settle(page);
        expect(await page.getByTestId('page-error').count()).toBe(0);
        expect(await page.getByTestId('page-forbidden').count()).toBe(0);
        await page.getByText(v.shows).first().waitFor();
        if (v.viewport === PHONE) expect(await overflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, v.shot, { fullPage: true, ...(v.docs ? { docs: true } : {}) });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
