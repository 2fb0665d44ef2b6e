import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HEADERS, SHEET_NAME } from '../../src/server/modules/cartradein/calendar/excel.js';
import {
  DESKTOP,
  PHONE,
  animationsDone,
  launchBrowser,
  login,
  openSession,
  screenshot,
  settle,
  startServer,
  waitForText,
  type Session,
  type TestServer,
} from './harness.js';

/**
 * The working-calendar page as the office meets it: 2027 opened from the year switcher's address, a sheet made
 * here with ExcelJS uploaded, its errors previewed, the corrected sheet previewed and imported, the days marked on
 * the month grid; a day set by hand and saved; an auditor reading it on a phone. 2027 is a fixed year whatever the
 * day (the import replaces whatever it has), so nothing depends on today.
 */
let server: TestServer;
let browser: Browser;
const sessions: Session[] = [];
const YEAR = 2027;

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

async function sheet(rows: (string | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET_NAME);
  ws.addRow([HEADERS.date, HEADERS.kind, HEADERS.name]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const day = (date: string) => new Date(`${date}T00:00:00Z`);

async function upload(page: Page, name: string, data: Buffer): Promise<void> {
  await page
    .locator('[data-testid="car-cal-excel"] input[type="file"]')
    .setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: data });
  await page.getByTestId('car-cal-preview').waitFor();
  await animationsDone(page);
}

const kindOf = (page: Page, date: string) => page.getByTestId(`car-cal-day-${date}`).getAttribute('data-kind');

describe('the working calendar', () => {
  it('the office imports 2027 from a sheet: preview with errors, corrected, confirmed, the days marked', async () => {
    const { page, errors } = await signedIn('demo_office');
    await page.goto(`/car/calendar?year=${YEAR}`);
    await page.getByTestId('page-car-calendar').waitFor();
    await settle(page);
    await waitForText(page, 'car-cal-year', `${YEAR}`);

    // A sheet with a make-up working day on a weekday (a Monday) and a date of another year.
    await upload(
      page,
      '2027错误.xlsx',
      await sheet([
        [day('2027-01-01'), 'holiday', '元旦'],
        ['2027-05-03', 'workday', '劳动节调休上班'],
        ['2028-01-01', 'holiday', '元旦'],
      ]),
    );
    await page.getByTestId('car-cal-preview-errors').waitFor();
    expect(await page.getByTestId('car-cal-row-error-3').innerText()).toContain('周六或周日');
    expect(await page.getByTestId('car-cal-row-error-4').innerText()).toContain('2027');
    expect(await page.getByTestId('car-cal-confirm-import').isDisabled()).toBe(true);
    await screenshot(page, 'car-calendar-preview-errors');
    await page.getByTestId('car-cal-preview-cancel').click();
    await page.getByTestId('car-cal-preview').waitFor({ state: 'detached' });

    const good = await sheet([
      [day('2027-01-01'), 'holiday', '元旦'],
      ['2027-02-06', 'holiday', '春节'],
      ['2027-02-07', '调休上班', '春节调休上班'],
      ['2027-02-08', 'holiday', '春节'],
      ['2027-10-01', 'holiday', '国庆节'],
    ]);
    await upload(page, '2027.xlsx', good);
    await page.getByTestId('car-cal-preview-ok').waitFor();
    expect(await page.getByTestId('car-cal-preview-ok').innerText()).toContain('共 5 行');
    expect(await page.locator('[data-testid="car-cal-preview-rows"] tbody tr.ant-table-row').count()).toBe(5);
    await screenshot(page, 'car-calendar-preview');
    await page.getByTestId('car-cal-confirm-import').click();
    await page.getByTestId('car-cal-preview').waitFor({ state: 'detached' });

    await waitForText(page, 'car-cal-last-change', 'Excel 导入');
    expect(await page.getByTestId('car-cal-recomputed').innerText()).toContain('重新计算了 0 个');
    expect(await page.getByTestId('car-cal-counts').innerText()).toBe('节假日 4 天，调休上班 1 天');
    expect(await kindOf(page, '2027-02-06')).toBe('holiday');
    expect(await kindOf(page, '2027-02-07')).toBe('workday');
    expect(await kindOf(page, '2027-10-01')).toBe('holiday');
    expect(await kindOf(page, '2027-02-13')).toBe('weekend');
    expect(await kindOf(page, '2027-02-09')).toBe('normal');
    expect(await page.getByTestId('car-cal-not-loaded').count()).toBe(0);

    // What the server now holds is what the page shows.
    const stored = await server.deps.database.db
      .selectFrom('cartradein_calendar')
      .select(['date', 'working'])
      .where('date', 'like', `${YEAR}-%`)
      .orderBy('date')
      .execute();
    expect(stored.map((r) => `${r.date}:${r.working}`)).toEqual(['2027-01-01:0', '2027-02-06:0', '2027-02-07:1', '2027-02-08:0', '2027-10-01:0']);

    // By hand: 3 May a holiday too, saved through the calendar endpoint.
    await page.getByTestId('car-cal-day-2027-05-03').click();
    await page.getByTestId('car-cal-editor').waitFor();
    await animationsDone(page);
    await page.getByTestId('car-cal-editor-name').fill('劳动节');
    await page.getByTestId('car-cal-editor-ok').click();
    await page.getByTestId('car-cal-unsaved').waitFor();
    expect(await kindOf(page, '2027-05-03')).toBe('holiday');
    await page.getByTestId('car-cal-source').fill('国务院办公厅关于2027年部分节假日安排的通知');
    await page.getByTestId('car-cal-save').click();
    await page.getByTestId('car-cal-unsaved').waitFor({ state: 'detached' });
    await waitForText(page, 'car-cal-last-change', '页面或接口录入');
    expect(await page.getByTestId('car-cal-counts').innerText()).toBe('节假日 5 天，调休上班 1 天');
    await screenshot(page, 'car-calendar', { fullPage: true, docs: true });
    expect(errors).toEqual([]);
  });

  it('an auditor reads it on a phone, as a list, without editing', async () => {
    const { page, errors } = await signedIn('demo_auditor', PHONE);
    await page.goto(`/car/calendar?year=${YEAR}`);
    await page.getByTestId('page-car-calendar').waitFor();
    await settle(page);
    await page.getByTestId('car-cal-readonly').waitFor();
    await page.getByTestId('car-cal-list').waitFor();
    expect(await page.getByTestId('car-cal-kind-2027-02-07').innerText()).toBe('调休上班');
    expect(await page.getByTestId('car-cal-source').innerText()).toBe('国务院办公厅关于2027年部分节假日安排的通知');
    expect(await page.getByTestId('car-cal-upload').count()).toBe(0);
    expect(await page.getByTestId('car-cal-save').count()).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'car-calendar-phone', { fullPage: true });
    expect(errors).toEqual([]);
  });
});
