import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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
 * A new ledger made on pages, not in code (the flow): the office defines 路灯 (street lights) — kept by
 * 市城管局, towns maintaining their own, old at ten years from installation, a "replace" renewal event and a
 * "renewed" figure — and binds a plan indicator's platform figure to `ledgers.streetLights.renewed`. 青阳街道
 * downloads the template, fills in 200 lamps and imports them (the import is still shown after a reload), then
 * on a phone replaces one lamp with a new one. The dashboard's platform figure moves by one.
 */
let server: TestServer;
let browser: Browser;
const sessions: Session[] = [];

const KIND = 'streetLights';
const METRIC = `ledgers.${KIND}.renewed`;
/** A reported indicator of the plan file with no lower-bound metric of its own (新能源汽车年销售量, annual). */
const INDICATOR = 'A2-S-02';
const INDICATOR_ACTION = '有序实施消费品以旧换新行动';
const ROWS = 200;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function signedIn(username: string, viewport = DESKTOP): Promise<Session> {
  const s = await openSession(browser, server.baseUrl, viewport);
  sessions.push(s);
  await login(s.page, username);
  return s;
}

/** Types into an input whose test id sits on the input itself or on its wrapper (antd InputNumber). */
async function fill(page: Page, testId: string, value: string): Promise<void> {
  const input = page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  await input.scrollIntoViewIfNeeded();
  await input.fill(value);
}

/** Ticks an antd checkbox (the test id on the input or on its label). */
async function tick(page: Page, testId: string): Promise<void> {
  const box = page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input[type=checkbox]`).first();
  await box.check();
}

/** Chooses options of a multiple antd Select (its list stays open after each choice, so Escape closes it). */
async function pickOptions(page: Page, testId: string, titles: string[]): Promise<void> {
  const select = page.getByTestId(testId);
  await select.scrollIntoViewIfNeeded();
  await select.click();
  for (const title of titles) {
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: title }).first();
    await option.waitFor();
    await animationsDone(page);
    await option.click();
  }
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
}

/** The platform figure beneath an indicator's reported value on the office's dashboard, as a number. */
async function platformFigure(page: Page, code: string): Promise<number> {
  await page.goto(`/plan/dashboard?q=${code}`);
  await page.getByTestId(`computed-${code}`).waitFor();
  await settle(page);
  const text = (await page.getByTestId(`computed-${code}`).textContent()) ?? '';
  return Number(text.replace(/[^0-9.]/g, ''));
}

interface FieldSpec {
  key: string;
  zh: string;
  en: string;
  type: string;
  required?: boolean;
  unique?: boolean;
}

const FIELDS: FieldSpec[] = [
  { key: 'lampCode', zh: '灯杆编号', en: 'Lamp code', type: '文本', required: true, unique: true },
  { key: 'town', zh: '所在镇街', en: 'Town', type: '镇街', required: true },
  { key: 'installedOn', zh: '安装日期', en: 'Installed on', type: '日期' },
  { key: 'power', zh: '功率', en: 'Power', type: '整数' },
];

/** The office defines the street lights ledger on the definition editor; returns the new kind's id. */
async function defineStreetLights(page: Page): Promise<number> {
  await page.goto('/ledgers');
  await page.getByTestId('page-ledger-kinds').waitFor();
  await settle(page);
  await page.getByTestId('ledger-kind-new').click();
  await page.getByTestId('page-ledger-kind-editor').waitFor();
  await settle(page);

  await fill(page, 'kind-code', KIND);
  await pickOption(page, 'kind-keeper', '市城管局', '城管');
  await fill(page, 'kind-name-zh', '路灯');
  await fill(page, 'kind-name-en', 'Street lights');

  // The new form starts with one field (编号, required and unique); it becomes the lamp code.
  for (const [i, f] of FIELDS.entries()) {
    if (i > 0) {
      await page.getByTestId('field-add').scrollIntoViewIfNeeded();
      await page.getByTestId('field-add').click();
      await page.getByTestId(`field-${i}-row`).waitFor();
    }
    await fill(page, `field-${i}-key`, f.key);
    await fill(page, `field-${i}-label-zh`, f.zh);
    await fill(page, `field-${i}-label-en`, f.en);
    if (i > 0) {
      await page.getByTestId(`field-${i}-type`).scrollIntoViewIfNeeded();
      await pickOption(page, `field-${i}-type`, f.type);
    }
    if (f.required && i > 0) await tick(page, `field-${i}-required`);
    if (f.unique && i > 0) await tick(page, `field-${i}-unique`);
  }

  await page.getByTestId('kind-town-access').scrollIntoViewIfNeeded();
  await pickOption(page, 'kind-town-access', '维护本镇街');
  await pickOption(page, 'kind-town-field', '所在镇街 (town)');
  await pickOption(page, 'kind-title-field', '灯杆编号 (lampCode)');

  // Old: installed at least ten years ago (the operator a date field offers first).
  await page.getByTestId('rule-add-condition').scrollIntoViewIfNeeded();
  await page.getByTestId('rule-add-condition').click();
  await pickOption(page, 'rule-0-field', '安装日期 (installedOn)');
  await waitForText(page, 'rule-0-op', '距今已满');
  await fill(page, 'rule-0-value', '10');
  await waitForText(page, 'rule-words', '10');

  await page.getByTestId('event-add').scrollIntoViewIfNeeded();
  await page.getByTestId('event-add').click();
  await fill(page, 'event-0-code', 'replace');
  await pickOption(page, 'event-0-effect', '替换');
  await fill(page, 'event-0-label-zh', '更换');
  await fill(page, 'event-0-label-en', 'Replace');

  await page.getByTestId('metric-add').scrollIntoViewIfNeeded();
  await page.getByTestId('metric-add').click();
  await fill(page, 'metric-0-code', 'renewed');
  await fill(page, 'metric-0-unit', '盏');
  await fill(page, 'metric-0-label-zh', '更新路灯数');
  await fill(page, 'metric-0-label-en', 'Street lights renewed');
  await waitForText(page, 'metric-0-kind', '事件数');
  await pickOptions(page, 'metric-0-effects', ['替换']);
  await waitForText(page, 'metric-0-name', METRIC);

  await page.getByTestId('kind-basics').scrollIntoViewIfNeeded();
  await screenshot(page, 'ledgers-definition-editor', { fullPage: true, docs: true });

  const saved = page.waitForResponse((r) => r.url().endsWith('/api/ledgers/kinds') && r.request().method() === 'POST');
  await page.getByTestId('kind-save').scrollIntoViewIfNeeded();
  await page.getByTestId('kind-save').click();
  const response = await saved;
  expect(response.status(), await response.text()).toBe(201);
  const kind = (await response.json()) as { id: number; code: string; version: number };
  expect(kind).toMatchObject({ code: KIND, version: 1 });
  await page.waitForURL(`**/ledgers/kinds/${kind.id}/definition`);
  await page.getByTestId('kind-version').waitFor();
  return kind.id;
}

/** The office binds the indicator's lower bound (the platform figure beside its reported value) to the metric. */
async function bindIndicator(page: Page): Promise<void> {
  await page.goto('/plan/tree');
  await page.getByTestId('page-plan-tree').waitFor();
  await page.getByTestId('plan-tree').waitFor();
  await settle(page);
  await page.getByTestId('plan-tree').locator('.ant-collapse-header', { hasText: INDICATOR_ACTION }).click();
  const edit = page.getByTestId(`indicator-edit-${INDICATOR}`);
  await edit.waitFor();
  await animationsDone(page);
  await edit.click();
  await page.getByTestId('indicator-lower-bound-metric').waitFor();
  await animationsDone(page);
  await pickOption(page, 'indicator-lower-bound-metric', METRIC, `${KIND}.renewed`);
  const saved = page.waitForResponse((r) => /\/api\/indicators\/\d+$/.test(r.url()) && r.request().method() === 'PATCH');
  await page.getByTestId('indicator-edit-ok').click();
  const response = await saved;
  expect(response.status(), await response.text()).toBe(200);
  expect(((await response.json()) as { lowerBoundMetric: string | null }).lowerBoundMetric).toBe(METRIC);
  await page.getByTestId('indicator-lower-bound-metric').waitFor({ state: 'detached' });
}

/** The template filled with `ROWS` lamps of 青阳街道, by the headers the template has. */
async function filledTemplate(template: Buffer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  const columnOf = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cell.text;
    const field = FIELDS.find((f) => text.includes(f.zh));
    if (field) columnOf.set(field.key, col);
  });
  expect([...columnOf.keys()].sort()).toEqual(FIELDS.map((f) => f.key).sort());
  for (let i = 0; i < ROWS; i++) {
    const row = sheet.getRow(i + 2);
    row.getCell(columnOf.get('lampCode')!).value = `QY-LD-${String(i + 1).padStart(4, '0')}`;
    row.getCell(columnOf.get('town')!).value = '青阳街道';
    // Installed 2005–2024: about half are ten years old or more.
    row.getCell(columnOf.get('installedOn')!).value = `${2005 + (i % 20)}-${String((i % 12) + 1).padStart(2, '0')}-15`;
    row.getCell(columnOf.get('power')!).value = 60 + (i % 5) * 30;
    row.commit();
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const importDone = (page: Page) => page.locator('[data-testid="import-status"][data-status="succeeded"]').waitFor();

describe('a street lights ledger defined on pages, imported, renewed, counted by the plan', () => {
  it('defines, binds, imports 200 lamps, replaces one on a phone and moves the platform figure by one', async (ctx) => {
    ctx.onTestFailed(async () => {
      for (const [i, s] of sessions.entries()) await screenshot(s.page, `ledgers-flow-failed-${i}`, { fullPage: true }).catch(() => undefined);
    });

    // ── a. The office defines the kind ──
    const office = await signedIn('demo_office');
    const kindId = await defineStreetLights(office.page);

    // ── b. The office binds the plan indicator to the new figure: nothing renewed yet ──
    await bindIndicator(office.page);
    // A ledger nobody has entered an asset into has no figure yet ("no data", not 0): none shown.
    await office.page.goto(`/plan/dashboard?q=${INDICATOR}`);
    await office.page.getByTestId(`actual-${INDICATOR}`).waitFor();
    await settle(office.page);
    expect(await office.page.getByTestId(`computed-${INDICATOR}`).count()).toBe(0);

    // ── c. 青阳街道 imports 200 lamps from the template ──
    const town = await signedIn('demo_town');
    const tp = town.page;
    await tp.goto('/ledgers');
    await tp.getByTestId(`ledger-kind-${KIND}`).waitFor();
    await tp.goto(`/ledgers/kinds/${kindId}/import`);
    await tp.getByTestId('page-ledger-import').waitFor();
    await tp.getByTestId('import-template').waitFor();
    const template = await tp.request.get(`/api/ledgers/kinds/${kindId}/template`);
    expect(template.status()).toBe(200);
    const file = await filledTemplate(Buffer.from(await template.body()));
    const uploaded = tp.waitForResponse((r) => r.url().endsWith(`/api/ledgers/kinds/${kindId}/imports`) && r.request().method() === 'POST');
    await tp.getByTestId('import-file').setInputFiles({
      name: '青阳街道路灯.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    const upload = await uploaded;
    expect(upload.status(), await upload.text()).toBe(202);
    // A reload while it runs (or just after): the page finds the import again.
    await tp.reload();
    await tp.getByTestId('page-ledger-import').waitFor();
    await importDone(tp);
    await waitForText(tp, 'import-summary', String(ROWS));
    await tp.reload();
    await tp.getByTestId('page-ledger-import').waitFor();
    await importDone(tp);
    await waitForText(tp, 'import-summary', `新增 ${ROWS} 条`);
    expect(await tp.getByTestId('import-status').textContent()).toContain('导入完成');
    await screenshot(tp, 'ledgers-import-succeeded', { docs: true });
    const count = await server.deps.database.db
      .selectFrom('ledger_assets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind_id', '=', kindId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(ROWS);

    // The assets list (desktop), 200 lamps of 青阳街道.
    await tp.goto(`/ledgers/kinds/${kindId}/assets`);
    await tp.getByTestId('page-ledger-assets').waitFor();
    await tp.locator('[data-testid^="ledger-asset-open-"]').first().waitFor();
    await settle(tp);
    await screenshot(tp, 'ledgers-assets', { docs: true });

    // With the lamps in the ledger the figure reads 0: nothing renewed yet.
    const before = await platformFigure(office.page, INDICATOR);
    expect(before).toBe(0);

    // ── d. On a phone, 青阳街道 replaces one lamp with a new one ──
    const phone = await signedIn('demo_town', PHONE);
    const pp = phone.page;
    await pp.goto(`/ledgers/kinds/${kindId}/assets`);
    await pp.getByTestId('page-ledger-assets').waitFor();
    const card = pp.locator('[data-testid^="ledger-asset-row-"]').first();
    await card.waitFor();
    await settle(pp);
    expect(await pp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await card.click();
    await pp.getByTestId('page-ledger-asset').waitFor();
    await pp.getByTestId('asset-status-in_service').waitFor();
    await settle(pp);
    const assetId = Number(new URL(pp.url()).pathname.split('/').pop());
    expect(assetId).toBeGreaterThan(0);
    expect(await pp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await screenshot(pp, 'ledgers-asset-phone', { fullPage: true, docs: true });

    await pp.getByTestId('asset-event-open').click();
    await pp.getByTestId('event-form').waitFor();
    await animationsDone(pp);
    // The only renewal event of the kind is chosen already, dated today.
    await waitForText(pp, 'event-type', '更换');
    await pp.getByTestId('replacement-field-lampCode').fill('QY-LD-NEW-0001');
    await pp.getByTestId('replacement-field-power').fill('90');
    // The picker takes no typing on a phone (inputReadOnly): its "today" button.
    await pp.getByTestId('replacement-field-installedOn').click();
    const today = pp
      .locator(
        '.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-now-btn, .ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-today-btn',
      )
      .first();
    await today.waitFor();
    await animationsDone(pp);
    await today.click();
    await pp.waitForFunction(() => !document.querySelector('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)'));
    await waitForText(pp, 'replacement-field-town', '青阳街道');
    const recorded = pp.waitForResponse((r) => r.url().endsWith(`/api/ledgers/assets/${assetId}/events`) && r.request().method() === 'POST');
    await animationsDone(pp);
    await pp.getByTestId('event-save').click();
    const event = await recorded;
    expect(event.status(), await event.text()).toBe(201);
    await pp.getByTestId('event-form').waitFor({ state: 'detached' });
    await pp.getByTestId('asset-status').getByTestId('asset-status-replaced').waitFor();
    const link = pp.getByTestId('asset-replaced-by');
    await link.waitFor();
    expect(await link.textContent()).toContain('QY-LD-NEW-0001');
    await screenshot(pp, 'ledgers-asset-replaced-phone', { fullPage: true });
    await link.click();
    await pp.getByTestId('asset-replaces').waitFor();
    await pp.getByTestId('asset-status-in_service').waitFor();
    expect(await pp.getByTestId('asset-value-lampCode').textContent()).toContain('QY-LD-NEW-0001');

    // ── e. The dashboard: one lamp renewed this year ──
    expect(await platformFigure(office.page, INDICATOR)).toBe(before + 1);
    await screenshot(office.page, 'ledgers-flow-dashboard');

    // The kind's overview, as the office reads it.
    await office.page.goto(`/ledgers/kinds/${kindId}/overview`);
    await office.page.getByTestId('ledger-overview').waitFor();
    await office.page.getByTestId('ledger-overview-metrics').waitFor();
    await waitForText(office.page, 'ledger-overview-metrics', METRIC);
    await screenshot(office.page, 'ledgers-overview', { fullPage: true, docs: true });

    for (const s of sessions) expect(s.errors).toEqual([]);
  });
});
