import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { renewalModule } from '../../src/server/modules/renewal/index.js';
import { DESKTOP, PHONE, launchBrowser, login, openSession, screenshot, settle, startServer, type TestServer } from './harness.js';

/**
 * The renewal pages on the module's demo data (projects at every step, their funding): the enterprise's projects
 * and funding on a phone, the town's check queue, 市工信局's library and recognitions, the funding queues and the
 * overview with its charts. Each page must show its records, without script errors, and on a phone without
 * sideways scrolling.
 */
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  // The harness seeds accounts only: the renewal demo data (projects, 市工信局's demo account, funding) on top.
  await renewalModule.seed!.demo!(server.deps);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

interface Visit {
  user: string;
  path: string;
  testId: string;
  shot: string;
  viewport?: { width: number; height: number };
  docs?: boolean;
}

const VISITS: Visit[] = [
  {
    user: 'demo_enterprise',
    path: '/renewal/projects/mine',
    testId: 'page-renewal-my-projects',
    shot: 'renewal-my-projects-phone',
    viewport: PHONE,
    docs: true,
  },
  { user: 'demo_enterprise', path: '/renewal/projects/mine', testId: 'page-renewal-my-projects', shot: 'renewal-my-projects' },
  { user: 'demo_town', path: '/renewal/projects/town', testId: 'page-renewal-town-projects', shot: 'renewal-town-projects' },
  { user: 'demo_industry', path: '/renewal/projects/library', testId: 'page-renewal-library', shot: 'renewal-library', docs: true },
  { user: 'demo_industry', path: '/renewal/projects/recognitions', testId: 'page-renewal-recognitions', shot: 'renewal-recognitions' },
  { user: 'demo_enterprise', path: '/renewal/funding', testId: 'page-renewal-funding', shot: 'renewal-funding-phone', viewport: PHONE },
  { user: 'demo_finance', path: '/renewal/funding/applications', testId: 'page-renewal-funding-applications', shot: 'renewal-funding-applications' },
  { user: 'demo_office', path: '/renewal/funding/overview', testId: 'page-renewal-funding-overview', shot: 'renewal-funding-overview', docs: true },
  { user: 'demo_office', path: '/renewal/overview', testId: 'page-renewal-overview', shot: 'renewal-overview', docs: true },
  { user: 'demo_industry', path: '/renewal/overview', testId: 'page-renewal-overview', shot: 'renewal-overview-phone', viewport: PHONE },
];

describe('renewal records on their pages', () => {
  for (const v of VISITS) {
    it(`${v.user} opens ${v.path}${v.viewport === PHONE ? ' on a phone' : ''}`, async () => {
      const { context, page, errors } = await openSession(browser, server.baseUrl, v.viewport ?? DESKTOP);
      try {
        await login(page, v.user);
        await page.goto(v.path);
        await page.getByTestId(v.testId).waitFor();
        await settle(page);
        expect(await page.getByTestId('page-error').count()).toBe(0);
        expect(await page.getByTestId('page-forbidden').count()).toBe(0);
        // The demo projects are labelled 演示 wherever they are listed.
        await page.getByText('演示').first().waitFor();
        if (v.viewport === PHONE) expect(await overflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, v.shot, { fullPage: true, ...(v.docs ? { docs: true } : {}) });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
