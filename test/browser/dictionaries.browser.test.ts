import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { nowIso } from '../../src/server/db/time.js';
import { launchBrowser, login, openSession, screenshot, settle, startServer, waitForText, type Session, type TestServer } from './harness.js';

/**
 * The work team office keeps the code lists and the system parameters: it relabels a promotion event type and
 * sees the new label in the table and in what forms offer, is told a type events use cannot be deleted, and
 * changes the sign-in lockout threshold — refused outside its bounds on the field, then saved and in the history.
 */
let server: TestServer;
let browser: Browser;
let session: Session;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // One promotion event of type car_promotion, so that type is in use.
  const db = server.deps.database.db;
  const town = await db.selectFrom('organizations').select('id').where('kind', '=', 'town').executeTakeFirstOrThrow();
  const now = nowIso();
  await db
    .insertInto('cartradein_events')
    .values({
      type: 'car_promotion',
      title: '晋江汽车以旧换新促销周',
      starts_on: '2025-05-01',
      ends_on: '2025-05-07',
      town_id: Number(town.id),
      place: '晋江国际会展中心',
      organization_id: Number(town.id),
      status: 'held',
      created_at: now,
      updated_at: now,
    })
    .execute();
  session = await openSession(browser, server.baseUrl);
  page = session.page;
  await login(page, 'demo_office');
});

afterAll(async () => {
  await session?.context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

describe('dictionaries and system parameters', () => {
  it('relabels an event type and sees it in the table and in what forms offer; a type in use is not deleted', async () => {
    await page.goto('/admin/dictionaries');
    await page.getByTestId('page-dictionaries').waitFor();
    await page.getByTestId('dictionary-event_type').click();
    await waitForText(page, 'item-labelZh-car_expo', '汽车展销会');
    await settle(page);

    await page.getByTestId('item-edit-car_expo').click();
    await page.getByTestId('item-edit-labelZh').fill('汽车展销会（春季）');
    await page.getByTestId('item-edit-labelEn').fill('Spring car expo');
    await page.getByTestId('item-save-car_expo').click();
    await waitForText(page, 'item-labelZh-car_expo', '汽车展销会（春季）');
    await waitForText(page, 'item-labelEn-car_expo', 'Spring car expo');

    // What a form built with useDictionary('event_type') offers now.
    await page.getByTestId('dictionary-preview').click();
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '汽车展销会（春季）' });
    await option.waitFor();
    await page.keyboard.press('Escape');

    await page.getByTestId('item-delete-car_promotion').click();
    await page.getByTestId('item-delete-confirm-car_promotion').click();
    await waitForText(page, 'dictionary-error', '该编码已被促销活动使用 1 次，不能删除，只能停用');
    await waitForText(page, 'item-labelZh-car_promotion', '汽车以旧换新促销');
    await screenshot(page, 'dictionaries-event-types', { docs: true });

    const stored = await server.deps.database.db
      .selectFrom('dictionary_items')
      .select(['label_zh', 'version'])
      .where('code', '=', 'car_expo')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ label_zh: '汽车展销会（春季）', version: 2 });
    expect(session.errors).toEqual([]);
  });

  it('changes the lockout threshold: out of bounds is refused on the field, a valid value is saved and in the history', async () => {
    const key = 'platform.loginLockAfterFailures';
    // Sign-in parameters are the security administrator's (三员分立), not the office's.
    await session.context.close();
    session = await openSession(browser, server.baseUrl);
    page = session.page;
    await login(page, 'demo_security');
    await page.goto('/admin/parameters');
    await page.getByTestId('page-parameters').waitFor();
    await waitForText(page, `parameter-value-${key}`, '5 次');

    await page.getByTestId(`parameter-edit-${key}`).click();
    const input = page.locator('[data-testid="parameter-form"] input');
    await input.fill('50');
    await page.getByTestId('parameter-save').click();
    await page.locator('[data-testid="parameter-form"] .ant-form-item-explain-error').filter({ hasText: '须在 3 到 20 之间' }).waitFor();
    await screenshot(page, 'parameters-out-of-bounds');

    await input.fill('4');
    await page.getByTestId('parameter-save').click();
    await waitForText(page, `parameter-value-${key}`, '4 次');
    await waitForText(page, `parameter-value-${key}`, '已修改');
    expect(await server.deps.parameters.get(key)).toBe(4);

    await page.getByTestId(`parameter-history-${key}`).click();
    await waitForText(page, 'parameter-history', 'demo_security');
    await waitForText(page, 'parameter-history', '5 次 → 4 次');
    await screenshot(page, 'parameters-history');
    expect(session.errors).toEqual([]);
  });
});
