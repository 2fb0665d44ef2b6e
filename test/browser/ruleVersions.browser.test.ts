import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, openSession, settle, startServer, waitForText, type Session, type TestServer } from './harness.js';

/**
 * Two officials edit the same rule at once: the first to save makes the new version, the second is told that
 * someone changed the rule since they opened it and reloads it (core/versioned.ts, 409 VERSION_CONFLICT).
 */
let server: TestServer;
let browser: Browser;
const sessions: Session[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function signedIn(username: string): Promise<Session> {
  const s = await openSession(browser, server.baseUrl);
  sessions.push(s);
  await login(s.page, username);
  return s;
}

async function go(page: Page, path: string, testId: string): Promise<void> {
  await page.goto(path);
  await page.getByTestId(testId).waitFor();
  await settle(page);
}

describe('a rule edited by two officials at once', () => {
  it('risk rule: the second save is refused with a reload, and saves after reloading', async () => {
    const first = await signedIn('demo_office');
    const second = await signedIn('demo_department');
    for (const { page } of [first, second]) {
      await go(page, '/tradein/risk-rules', 'page-tradein-risk-rules');
      await waitForText(page, 'risk-rule-current-merchant_burst', 'v1');
      await page.getByTestId('risk-rule-edit-merchant_burst').click();
      await page.getByTestId('risk-rule-form').waitFor();
    }
    await first.page.getByTestId('risk-rule-param-count').fill('25');
    await first.page.getByTestId('risk-rule-note').fill('办公室先调整阈值');
    await first.page.getByTestId('risk-rule-save').click();
    await waitForText(first.page, 'risk-rule-current-merchant_burst', 'v2');

    await second.page.getByTestId('risk-rule-param-count').fill('40');
    await second.page.getByTestId('risk-rule-note').fill('商务局后调整阈值');
    await second.page.getByTestId('risk-rule-save').click();
    await waitForText(second.page, 'risk-rule-error', '已有人修改');
    await second.page.getByTestId('risk-rule-reload').click();
    await waitForText(second.page, 'risk-rule-editor', 'v2');
    expect(await second.page.getByTestId('risk-rule-param-count').inputValue()).toBe('25');
    await second.page.getByTestId('risk-rule-param-count').fill('40');
    await second.page.getByTestId('risk-rule-note').fill('商务局在最新版本上调整');
    await second.page.getByTestId('risk-rule-save').click();
    await waitForText(second.page, 'risk-rule-current-merchant_burst', 'v3');
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
  });

  it('category rule: the second save is refused with a reload, and saves after reloading', async () => {
    const [first, second] = [sessions[0]!, sessions[1]!];
    const edit = '[data-testid^="rule-edit-"][data-testid$="-refrigerator"]';
    for (const { page } of [first, second]) {
      await go(page, '/tradein/programs', 'page-tradein-programs');
      await page.locator(edit).first().click();
      await page.getByTestId('rule-form').waitFor();
    }
    await first.page.getByTestId('rule-cap').fill('1700');
    await first.page.getByTestId('rule-save').click();
    await first.page.getByTestId('rule-form').waitFor({ state: 'hidden' });
    await waitForText(first.page, 'page-tradein-programs', '每件最多补贴 1,700.00 元');

    await second.page.getByTestId('rule-cap').fill('1900');
    await second.page.getByTestId('rule-save').click();
    await waitForText(second.page, 'rule-stale', '已有人修改');
    await second.page.getByTestId('rule-reload').click();
    await second.page.getByTestId('rule-stale').waitFor({ state: 'detached' });
    expect(await second.page.getByTestId('rule-cap').inputValue()).toBe('1700.00');
    await second.page.getByTestId('rule-cap').fill('1900');
    await second.page.getByTestId('rule-save').click();
    await second.page.getByTestId('rule-form').waitFor({ state: 'hidden' });
    await waitForText(second.page, 'page-tradein-programs', '每件最多补贴 1,900.00 元');
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
  });
});
