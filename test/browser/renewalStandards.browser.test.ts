import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedProjectsDemo } from '../../src/server/modules/renewal/projects/seed.js';
import { seedStandardsDemo } from '../../src/server/modules/renewal/standards/seed.js';
import { DESKTOP, PHONE, launchBrowser, login, onePagePdf, openSession, pickOption, screenshot, settle, startServer, type TestServer } from './harness.js';

/**
 * The standards part's pages on its demo data (standards across levels and stages, certifications, brands, R&D of
 * 2024 and 2025): the enterprise's page on a phone and a desktop, the officials' page for 市市场监管局, 市工信局,
 * 市科技局 (with the R&D overview) and the office. Then one flow: the demo enterprise records and submits a standard
 * on a phone, demo_market confirms it, and the enterprise sees it confirmed.
 */
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  // The harness seeds accounts only: 市工信局's demo account (projects seed) and this part's demo data on top.
  await seedProjectsDemo(server.deps);
  await seedStandardsDemo(server.deps);
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
  viewport: { width: number; height: number };
  locale?: string;
}

/** The pictures the README shows. */
const DOCS = new Set(['renewal-standards-market', 'renewal-standards-mine-phone']);

const VISITS: Visit[] = [
  { user: 'demo_enterprise', path: '/renewal/standards/mine', testId: 'page-renewal-my-standards', shot: 'renewal-standards-mine-phone', viewport: PHONE },
  {
    user: 'demo_enterprise',
    path: '/renewal/standards/mine?tab=rd',
    testId: 'page-renewal-my-standards',
    shot: 'renewal-standards-mine-rd',
    viewport: DESKTOP,
  },
  { user: 'demo_market', path: '/renewal/standards', testId: 'page-renewal-standards', shot: 'renewal-standards-market', viewport: DESKTOP },
  {
    user: 'demo_industry',
    path: '/renewal/standards?tab=certification',
    testId: 'page-renewal-standards',
    shot: 'renewal-standards-industry-phone',
    viewport: PHONE,
  },
  { user: 'demo_science', path: '/renewal/standards?tab=rd', testId: 'page-renewal-standards', shot: 'renewal-standards-science', viewport: DESKTOP },
  {
    user: 'demo_office',
    path: '/renewal/standards?tab=brand&queue=all',
    testId: 'page-renewal-standards',
    shot: 'renewal-standards-office',
    viewport: DESKTOP,
  },
  {
    user: 'demo_market',
    path: '/renewal/standards?queue=all',
    testId: 'page-renewal-standards',
    shot: 'renewal-standards-market-en',
    viewport: DESKTOP,
    locale: 'en',
  },
];

describe('the standards pages on demo data', () => {
  for (const v of VISITS) {
    it(`${v.user} opens ${v.path}${v.viewport === PHONE ? ' on a phone' : ''}${v.locale ? ` in ${v.locale}` : ''}`, async () => {
      const { context, page, errors } = await openSession(browser, server.baseUrl, v.viewport);
      try {
        await login(page, v.user);
        await page.goto(v.path);
        await page.getByTestId(v.testId).waitFor();
        // English for the session (the language switch stores it).
        if (v.locale === 'en') await page.getByTestId('lang-en').click();
        await settle(page);
        expect(await page.getByTestId('page-error').count()).toBe(0);
        expect(await page.getByTestId('page-forbidden').count()).toBe(0);
        await page
          .getByText(v.locale === 'en' ? 'Demo' : '演示')
          .first()
          .waitFor();
        if (v.viewport === PHONE) expect(await overflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, v.shot, { fullPage: true, docs: DOCS.has(v.shot) });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const viewport of [DESKTOP, PHONE]) {
    it(`demo_science reads the R&D overview with its chart${viewport === PHONE ? ' on a phone' : ''}`, async () => {
      const { context, page, errors } = await openSession(browser, server.baseUrl, viewport);
      try {
        await login(page, 'demo_science');
        await page.goto('/renewal/standards?tab=overview');
        await page.getByTestId('rd-overview').waitFor();
        await page.getByTestId('rd-chart').locator('canvas').first().waitFor();
        await page.getByTestId('rd-years').getByText('2025').waitFor();
        await settle(page);
        if (viewport === PHONE) expect(await overflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, viewport === PHONE ? 'renewal-standards-rd-overview-phone' : 'renewal-standards-rd-overview', {
          fullPage: true,
          docs: viewport !== PHONE,
        });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

describe('a standard from the enterprise’s phone to 市市场监管局’s confirmation', () => {
  it('the enterprise submits on a phone, demo_market confirms, the enterprise sees it confirmed', async () => {
    const title = '鞋类 浏览器流程测试标准';
    const ent = await openSession(browser, server.baseUrl, PHONE);
    try {
      const page = ent.page;
      await login(page, 'demo_enterprise');
      await page.goto('/renewal/standards/mine');
      await page.getByTestId('page-renewal-my-standards').waitFor();
      await page.getByTestId('claim-new').click();
      const form = page.getByTestId('claim-form');
      await form.waitFor();
      await page.getByTestId('std-title').fill(title);
      await pickOption(page, 'std-level', '国家标准');
      // A group-standard number for a national standard: the server's reason lands on the field.
      await page.getByTestId('std-number').fill('T/ABC 001—2025');
      await pickOption(page, 'std-role', '参与');
      await pickOption(page, 'std-stage', '立项');
      const approved = page.getByTestId('std-approved-on');
      await approved.click();
      await approved.fill('2025-03-01');
      await approved.press('Enter');
      await page.getByTestId('std-body').fill('全国制鞋标准化技术委员会');
      await form.locator('input[type=file]').setInputFiles({ name: 'project-approval.pdf', mimeType: 'application/pdf', buffer: onePagePdf('Approval') });
      await page.getByTestId('claim-evidence-upload-files').getByText('project-approval.pdf').waitFor();
      await page.getByTestId('claim-save').click();
      await page.getByText('标准号与级别不符', { exact: false }).waitFor();
      await page.getByTestId('std-number').fill('GB/T 49999—2026');
      await page.getByTestId('claim-save').click();
      await page.getByTestId('claim-detail').waitFor();
      await page.getByTestId('claim-submit').click();
      await page.getByTestId('claim-detail').getByTestId('claim-status-submitted').waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'renewal-standards-submitted-phone', { fullPage: true });
      expect(ent.errors).toEqual([]);
    } finally {
      await ent.context.close();
    }

    const market = await openSession(browser, server.baseUrl, DESKTOP);
    try {
      const page = market.page;
      await login(page, 'demo_market');
      await page.goto('/renewal/standards');
      await page.getByTestId('claim-table-standard').getByText(title).click();
      await page.getByTestId('claim-detail').waitFor();
      await page.getByTestId('claim-evidence').getByText('project-approval.pdf').waitFor();
      await page.getByTestId('claim-confirm').click();
      await page.getByTestId('claim-detail').getByTestId('claim-status-confirmed').waitFor();
      await settle(page);
      expect(market.errors).toEqual([]);
    } finally {
      await market.context.close();
    }

    const again = await openSession(browser, server.baseUrl, PHONE);
    try {
      const page = again.page;
      await login(page, 'demo_enterprise');
      await page.goto('/renewal/standards/mine?status=confirmed');
      const row = page.getByTestId('claim-table-standard').locator('tr', { hasText: title });
      await row.getByTestId('claim-status-confirmed').waitFor();
      expect(again.errors).toEqual([]);
    } finally {
      await again.context.close();
    }
    const stored = await server.deps.database.db
      .selectFrom('renewal_standards')
      .select(['status', 'number_key'])
      .where('title', '=', title)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'confirmed', number_key: 'GB/T49999-2026' });
  });
});
