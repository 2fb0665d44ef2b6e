import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedProjectsDemo } from '../../src/server/modules/renewal/projects/seed.js';
import { seedSurveyDemo } from '../../src/server/modules/renewal/survey/seed.js';
import { DESKTOP, PHONE, launchBrowser, login, openSession, screenshot, settle, startServer, type TestServer } from './harness.js';

/**
 * The digitalisation survey's pages on its demo data (a current round and a 2023 round, ~30 demo enterprises,
 * responses at every step): the enterprise's survey on a phone, the town's check queue, the officials' results
 * with their response rates. Then one flow: the demo enterprise submits this year's response on a phone, the town
 * checks it, and the results page shows one more checked response.
 */
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  // The harness seeds accounts only: 市工信局's demo account (projects seed) and the survey's demo data on top.
  await seedProjectsDemo(server.deps);
  await seedSurveyDemo(server.deps);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The pictures the README shows. */
const DOCS = new Set(['renewal-survey', 'renewal-survey-mine-phone']);

const VISITS = [
  { user: 'demo_enterprise', path: '/renewal/survey/mine', testId: 'page-renewal-survey-mine', shot: 'renewal-survey-mine-phone', viewport: PHONE },
  { user: 'demo_enterprise', path: '/renewal/survey/mine', testId: 'page-renewal-survey-mine', shot: 'renewal-survey-mine', viewport: DESKTOP },
  { user: 'demo_town', path: '/renewal/survey/check', testId: 'page-renewal-survey-check', shot: 'renewal-survey-check-phone', viewport: PHONE },
  { user: 'demo_town', path: '/renewal/survey/check', testId: 'page-renewal-survey-check', shot: 'renewal-survey-check', viewport: DESKTOP },
  { user: 'demo_office', path: '/renewal/survey', testId: 'page-renewal-survey', shot: 'renewal-survey', viewport: DESKTOP },
  { user: 'demo_industry', path: '/renewal/survey', testId: 'page-renewal-survey', shot: 'renewal-survey-phone', viewport: PHONE },
  { user: 'demo_auditor', path: '/renewal/survey', testId: 'page-renewal-survey', shot: 'renewal-survey-auditor', viewport: DESKTOP },
];

describe('the survey pages on demo data', () => {
  for (const v of VISITS) {
    it(`${v.user} opens ${v.path}${v.viewport === PHONE ? ' on a phone' : ''}`, async () => {
      const { context, page, errors } = await openSession(browser, server.baseUrl, v.viewport);
      try {
        await login(page, v.user);
        await page.goto(v.path);
        await page.getByTestId(v.testId).waitFor();
        await settle(page);
        expect(await page.getByTestId('page-error').count()).toBe(0);
        expect(await page.getByTestId('page-forbidden').count()).toBe(0);
        await page.getByText('演示').first().waitFor();
        if (v.testId === 'page-renewal-survey') await page.getByTestId('survey-city-cncRate').waitFor();
        if (v.viewport === PHONE) expect(await overflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, v.shot, { fullPage: true, docs: DOCS.has(v.shot) });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

describe('a response from the phone to the results', () => {
  async function checkedCount(): Promise<string> {
    const { context, page } = await openSession(browser, server.baseUrl, DESKTOP);
    try {
      await login(page, 'demo_office');
      await page.goto('/renewal/survey');
      const card = page.getByTestId('survey-city-response');
      await card.waitFor();
      return (await page.locator('.hx-survey-note').first().innerText()).trim();
    } finally {
      await context.close();
    }
  }

  it('the enterprise submits on a phone, the town checks, the results count it', async () => {
    const before = await checkedCount();
    const [checked, size] = before.split('/').map((s) => Number(s.trim()));

    const ent = await openSession(browser, server.baseUrl, PHONE);
    try {
      const page = ent.page;
      await login(page, 'demo_enterprise');
      await page.goto('/renewal/survey/mine');
      const form = page.getByTestId('survey-form');
      await form.waitFor();
      await page.getByTestId('survey-hasRdTools').getByText('是').click();
      await page.getByTestId('survey-rdTools').getByText('CAD', { exact: false }).click();
      await page.getByTestId('survey-keyProcesses').fill('8');
      await page.getByTestId('survey-cncProcesses').fill('9');
      await page.getByTestId('survey-transformed').getByText('否').click();
      await page.getByTestId('survey-submit').click();
      // More CNC processes than key processes: the server's reason lands on the field, nothing is submitted.
      await page.getByText('数控化关键工序数不能超过关键工序总数').waitFor();
      await page.getByTestId('survey-cncProcesses').fill('6');
      await page.getByTestId('survey-submit').click();
      await page.getByText('已提交，等待镇街审核').waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'renewal-survey-submitted-phone', { fullPage: true });
      expect(ent.errors).toEqual([]);
    } finally {
      await ent.context.close();
    }

    const town = await openSession(browser, server.baseUrl, PHONE);
    try {
      const page = town.page;
      await login(page, 'demo_town');
      await page.goto('/renewal/survey/check');
      const card = page.locator('[data-testid^="survey-check-"]', { hasText: '晋江示范鞋服有限公司' }).first();
      await card.waitFor();
      await card.getByTestId('survey-check-pass').click();
      await page.getByText('已审核').first().waitFor();
      await settle(page);
      expect(town.errors).toEqual([]);
    } finally {
      await town.context.close();
    }

    expect(await checkedCount()).toBe(`${checked! + 1} / ${size}`);
  });
});
