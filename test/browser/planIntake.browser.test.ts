import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, login, openSession, screenshot, settle, startServer, waitForText, type TestServer } from './harness.js';

/**
 * Plan intake through the browser: the office pastes a plan's text (a fictional test plan, 闽政办〔2024〕31号),
 * reviews the draft (low-confidence items first, a click marks the item's words in the document), breaks one item
 * so the import's field error lands on it, corrects it and one target value, loads the draft through the plan import,
 * and finds the plan with the corrected value in the plan tree.
 */
const TEXT = fs.readFileSync(path.join(import.meta.dirname, '../../src/server/modules/plan/intake/corpus/fujian-2024-31.txt'), 'utf8');
const ITEM = 'actions.0.indicators.2'; // 村级便民商店覆盖率 ≥95 % (2026)

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('plan intake page', () => {
  it('office pastes a plan, corrects an item, loads it, and the plan appears in the tree', async () => {
    const { page, errors, context } = await openSession(browser, server.baseUrl, DESKTOP);
    await login(page, 'demo_office');
    await page.goto('/plan/intake');
    await page.getByTestId('intake-text').fill(TEXT);
    await page.getByTestId('intake-parse').click();
    await page.getByTestId('intake-item').first().waitFor();

    // Low confidence first.
    const confidences = (await page.getByTestId('intake-item').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-confidence'))))).filter(
      (x) => !Number.isNaN(x),
    );
    expect(confidences.length).toBeGreaterThan(10);
    expect(confidences).toEqual([...confidences].sort((a, b) => a - b));
    await expect.poll(() => page.getByTestId('intake-warnings').isVisible()).toBe(true);

    const row = page.locator(`[data-testid="intake-item"][data-path="${ITEM}"]`);
    await row.click();
    expect(await page.getByTestId('intake-highlight').textContent()).toBe('村级便民商店覆盖率达到95%以上');
    await screenshot(page, 'plan-intake-desktop', { fullPage: false, docs: true });

    // An item without responsible units: the import refuses it and says so on the item.
    await row.getByTestId('intake-item-edit').click();
    const units = await row.getByTestId('intake-edit-units').inputValue();
    expect(units).not.toBe('');
    await row.getByTestId('intake-edit-units').fill('');
    await row.getByTestId('intake-edit-apply').click();
    await page.getByTestId('intake-load').click();
    await row.getByTestId('intake-item-error').waitFor();

    // Corrected: units back and the target raised to 96.
    await row.getByTestId('intake-item-edit').click();
    await row.getByTestId('intake-edit-units').fill(units);
    await row.getByTestId('intake-edit-value').fill('96');
    await row.getByTestId('intake-edit-apply').click();
    await expect.poll(() => row.textContent()).toContain('≥96%');
    await page.getByTestId('intake-load').click();
    await page.getByTestId('intake-loaded').waitFor();
    expect(await row.getByTestId('intake-item-error').count()).toBe(0);

    await page.getByTestId('intake-open-tree').click();
    await page.getByTestId('page-plan-tree').waitFor();
    await settle(page);
    await waitForText(page, 'page-plan-tree', '闽政办〔2024〕31号');
    await page.getByTestId('action-A1').first().waitFor({ state: 'attached' });
    expect(await page.getByTestId('targets-A1-S-03').textContent()).toContain('96');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is usable on a phone', async () => {
    const { page, errors, context } = await openSession(browser, server.baseUrl, PHONE);
    await login(page, 'demo_office');
    await page.goto('/plan/intake');
    await page.getByTestId('intake-text').fill(TEXT);
    await page.getByTestId('intake-parse').click();
    await page.getByTestId('intake-item').first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width + 1);
    await screenshot(page, 'plan-intake-phone', { fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
