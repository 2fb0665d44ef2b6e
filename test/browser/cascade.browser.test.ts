import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seedPlans } from '../../src/server/modules/plan/seed/seedPlans.js';
import { DESKTOP, PHONE, launchBrowser, login, openSession, pickOption, screenshot, settle, startServer, waitForText, type TestServer } from './harness.js';

/**
 * The target cascade page: with the parent plans loaded as reference data, one of Jinjiang's indicators shows
 * national → province → (the city's plan, not transcribed) → county top-down, with targets, "no data" where the
 * platform has none, and why growth rates give no share. Reached from the picker and from the indicator drawer.
 */
let server: TestServer;
let browser: Browser;
let jinjiangId: number;

beforeAll(async () => {
  server = await startServer();
  await seedPlans(server.deps, { reference: true });
  jinjiangId = Number((await server.deps.database.db.selectFrom('plans').select('id').where('code', '=', 'JJ-2024-98').executeTakeFirstOrThrow()).id);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('target cascade page', () => {
  it('shows the chain top-down for the first linked indicator, and another one picked', async () => {
    const { page, errors, context } = await openSession(browser, server.baseUrl, DESKTOP);
    await login(page, 'demo_office');
    await page.goto('/plan/cascade');
    await page.getByTestId('cascade-chain').waitFor();
    await settle(page);
    // The address names the indicator shown, so the view can be shared.
    expect(new URL(page.url()).searchParams.get('indicator')).not.toBeNull();
    const order = await page.$$eval('[data-testid="cascade-chain"] [data-testid^="cascade-level-"], [data-testid="cascade-missing"]', (els) =>
      els.map((e) => e.getAttribute('data-testid')),
    );
    expect(order).toEqual(['cascade-level-national', 'cascade-level-province', 'cascade-missing', 'cascade-level-county']);
    await waitForText(page, 'cascade-missing', '泉政〔2024〕2号');
    expect(await page.getByTestId('cascade-level-national').getByTestId('cascade-target').textContent()).toBe('≥ 25 %（2027）');
    expect(await page.getByTestId('cascade-reference').count()).toBe(2);
    expect(await page.getByTestId('cascade-level-county').getByTestId('cascade-no-data').textContent()).toContain('无数据');
    expect(await page.getByTestId('cascade-level-county').getByTestId('cascade-share').textContent()).toContain('不能相加');
    await screenshot(page, 'plan-cascade', { fullPage: true, docs: true });

    await pickOption(page, 'cascade-picker', 'A3-S-02', 'A3-S-02');
    await waitForText(page, 'cascade-level-county', '二手车交易量增长率');
    expect(await page.getByTestId('cascade-level-province').getByTestId('cascade-target').textContent()).toBe('≥ 45 %（2027）');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the indicator drawer links to the cascade', async () => {
    const { page, errors, context } = await openSession(browser, server.baseUrl, DESKTOP);
    await login(page, 'demo_office');
    await page.goto(`/plan/dashboard?planId=${jinjiangId}`);
    await page.getByTestId('actual-A1-S-01').click();
    await page.getByTestId('drill-cascade').click();
    await page.getByTestId('cascade-chain').waitFor();
    await waitForText(page, 'cascade-level-county', 'A1-S-01');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads on a phone', async () => {
    const { page, errors, context } = await openSession(browser, server.baseUrl, PHONE);
    await login(page, 'demo_department');
    await page.goto('/plan/cascade');
    await page.getByTestId('cascade-level-county').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'plan-cascade-phone', { fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
