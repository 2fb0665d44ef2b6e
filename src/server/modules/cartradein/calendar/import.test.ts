import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { HEADERS, SHEET_NAME } from './excel.js';
import { checkRows, parseCellDate } from './import.js';
import { RECOMPUTED_HEADER } from './routes.js';
import { shippedCalendar } from './shipped.js';

const BASE = '/api/tradein/car-programs/working-calendar';
type Cell = string | number | Date | null;

/** A workbook as an official fills it in: the template's headers, one row per day. */
async function sheetOf(rows: Cell[][], headers: string[] = [HEADERS.date, HEADERS.kind, HEADERS.name]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(SHEET_NAME);
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(c: TestClient, year: number, data: Buffer, query = 'dryRun=true', filename = '2027.xlsx') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), filename);
  return c.request({ method: 'POST', url: `${BASE}/${year}/import?${query}`, payload: form as never });
}

async function loadXlsx(raw: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ArrayBuffer);
  return wb;
}

const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** 2027 as an official would type it: a date cell, a text date, a Chinese kind; a holiday on a Sunday. */
const GOOD_2027: Cell[][] = [
  [utc('2027-01-01'), 'holiday', '元旦'],
  ['2027-02-06', 'holiday', '春节'], // a Saturday: a holiday on a weekend is how the notice reads
  ['2027/2/7', '调休上班', '春节调休上班'], // a Sunday
  ['2027年2月8日', '节假日', '春节'],
  [null, null, null], // a blank row is skipped
  [utc('2027-10-01'), 'HOLIDAY', ' 国庆节 '],
];

describe('working calendar: Excel import, template and export', () => {
  let t: TestApp;
  let office: TestClient;
  let commerce: TestClient;
  let finance: TestClient;
  let auditor: TestClient;
  let town: TestClient;
  const rows2027 = () =>
    t.deps.database.db
      .selectFrom('cartradein_calendar')
      .selectAll()
      .where('date', '>=', '2027-01-01')
      .where('date', '<=', '2027-12-31')
      .orderBy('date')
      .execute();
  const audits2027 = () =>
    t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_username', 'after_json'])
      .where('entity', '=', 'cartradein_calendar')
      .where('entity_id', '=', '2027')
      .where('outcome', '=', 'ok')
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    t = await createTestApp();
    [office, commerce, finance, auditor, town] = await Promise.all([
      t.login('demo_office'),
      t.login('demo_department'),
      t.login('demo_finance'),
      t.login('demo_auditor'),
      t.login('demo_town'),
    ]);
  });
  afterAll(() => t.close());

  it('reads dates as sheets hold them', () => {
    expect(parseCellDate(utc('2027-03-05'))).toBe('2027-03-05');
    expect(parseCellDate(46388)).toBe('2027-01-01'); // Excel's day number
    expect(parseCellDate('2027-1-1')).toBe('2027-01-01');
    expect(parseCellDate('2027.01.02')).toBe('2027-01-02');
    expect(parseCellDate('20270103')).toBe('2027-01-03');
    expect(parseCellDate('2027年1月4日')).toBe('2027-01-04');
    for (const bad of ['2027-02-30', '2027-13-01', '明天', '1/2/2027', '']) expect(parseCellDate(bad)).toBeNull();
  });

  it('a dry run shows the rows and writes nothing', async () => {
    const res = await upload(office, 2027, await sheetOf(GOOD_2027));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2027, dryRun: true, saved: false, errors: [], replaces: 0, recomputedDeadlines: null });
    expect(body.rows).toEqual([
      { row: 2, date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { row: 3, date: '2027-02-06', kind: 'holiday', name: '春节' },
      { row: 4, date: '2027-02-07', kind: 'workday', name: '春节调休上班' },
      { row: 5, date: '2027-02-08', kind: 'holiday', name: '春节' },
      { row: 7, date: '2027-10-01', kind: 'holiday', name: '国庆节' },
    ]);
    expect(res.headers[RECOMPUTED_HEADER]).toBeUndefined();
    expect(await rows2027()).toEqual([]);
    expect(await audits2027()).toEqual([]);
  });

  it('an import replaces the year, with its source, and the page reads who did it', async () => {
    const res = await upload(office, 2027, await sheetOf(GOOD_2027), `dryRun=false&source=${encodeURIComponent('国务院办公厅关于2027年部分节假日安排的通知')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, saved: true, errors: [], replaces: 0, recomputedDeadlines: 0 });
    expect(res.headers[RECOMPUTED_HEADER]).toBe('0');
    expect((await rows2027()).map((r) => [r.date, r.working, r.note])).toEqual([
      ['2027-01-01', 0, '元旦'],
      ['2027-02-06', 0, '春节'],
      ['2027-02-07', 1, '春节调休上班'],
      ['2027-02-08', 0, '春节'],
      ['2027-10-01', 0, '国庆节'],
    ]);
    const [audit] = await audits2027();
    expect(audit).toMatchObject({ action: 'import', actor_username: 'demo_office' });
    expect(JSON.parse(audit!.after_json!)).toMatchObject({ filename: '2027.xlsx', rows: 5, recomputedDeadlines: 0 });

    const details = (await auditor.get(`${BASE}/2027/details`)).json();
    expect(details).toMatchObject({
      year: 2027,
      loaded: true,
      editable: false, // auditors read
      source: { title: '国务院办公厅关于2027年部分节假日安排的通知', shipped: false },
      lastChange: { action: 'import', username: 'demo_office', recomputedDeadlines: 0 },
    });
    expect(details.lastChange.displayName).toBeTruthy();
    expect(details.days).toHaveLength(5);
    expect((await office.get(`${BASE}/2027/details`)).json().editable).toBe(true);
    expect((await commerce.get(`${BASE}/2027/details`)).json().editable).toBe(true);
    expect((await finance.get(`${BASE}/2027/details`)).json().editable).toBe(false);
    expect((await office.get(BASE)).json()).toEqual(expect.arrayContaining([{ year: 2027, holidays: 4, workdays: 1 }]));
  });

  it('bad rows come back one by one by row and column; importing them is refused and writes nothing', async () => {
    const before = await rows2027();
    const bad = await sheetOf([
      ['2027-13-01', 'holiday', '不存在的月份'], // 2: bad date
      ['2028-01-01', 'holiday', '元旦'], // 3: outside the year
      [utc('2027-05-01'), 'holiday', '劳动节'], // 4: fine
      ['2027-05-01', 'holiday', '劳动节'], // 5: the same date again
      ['2027-05-02', 'vacation', '劳动节'], // 6: unknown kind
      ['2027-05-06', 'workday', '调休上班'], // 7: a Thursday: a working day anyway
      ['2027-05-08', 'workday', ''], // 8: a Saturday, but no name
      ['', 'holiday', '无日期'], // 9: no date
    ]);
    const res = await upload(office, 2027, bad, 'dryRun=true');
    expect(res.statusCode, res.body).toBe(200);
    const errors = res.json().errors.map((e: { row: number; column: string; reason: string }) => `${e.row}:${e.column}:${e.reason}`);
    expect(errors).toEqual([
      '2:date:cartradein.calendar.badDate',
      '3:date:cartradein.dateOutsideYear',
      '5:date:cartradein.calendar.duplicateDate',
      '6:kind:cartradein.calendar.unknownKind',
      '7:kind:cartradein.calendar.workdayOnWeekday',
      '8:name:cartradein.calendar.nameRequired',
      '9:date:cartradein.calendar.dateRequired',
    ]);
    const messages = res.json().errors.map((e: { message: string }) => e.message);
    expect(messages[0]).toContain('2027-13-01');
    expect(messages[2]).toContain('第 4 行');
    expect(messages[4]).toContain('周六或周日');
    const en = (
      await office.request({ method: 'POST', url: `${BASE}/2027/import`, headers: { 'accept-language': 'en' }, payload: formOf(bad) as never })
    ).json();
    expect(en.errors[4].message).toContain('Saturday or Sunday');

    const refused = await upload(office, 2027, bad, 'dryRun=false');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('VALIDATION_FAILED');
    expect(refused.json().error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'rows.6.kind', message: expect.stringContaining('vacation') }),
        expect.objectContaining({ field: 'rows.3.date', message: expect.stringContaining('2027') }),
      ]),
    );
    expect(await rows2027()).toEqual(before);
    expect((await audits2027()).map((a) => a.action)).toEqual(['import']);
  });

  it('only the calendar’s keepers import: others get 403 and the year stays as it is', async () => {
    const before = await rows2027();
    const data = await sheetOf([[utc('2027-01-01'), 'holiday', '元旦']]);
    for (const c of [finance, auditor, town]) {
      expect((await upload(c, 2027, data, 'dryRun=true')).statusCode).toBe(403);
      expect((await upload(c, 2027, data, 'dryRun=false')).statusCode).toBe(403);
    }
    expect((await upload(t.anonymous, 2027, data)).statusCode).toBe(401);
    expect(await rows2027()).toEqual(before);
    // 市商务局 manages car trade-in, so it may.
    const res = await upload(commerce, 2027, await sheetOf(GOOD_2027), 'dryRun=false');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ saved: true, replaces: 5 });
    // No source given: the year keeps the one it has.
    expect((await office.get(`${BASE}/2027/details`)).json()).toMatchObject({
      source: { title: '国务院办公厅关于2027年部分节假日安排的通知' },
      lastChange: { action: 'import', username: 'demo_department' },
    });
  });

  it('refuses what is not the template: another file type, a missing column, an empty sheet, too many rows', async () => {
    expect((await upload(office, 2027, Buffer.from('date,kind,name\n'), 'dryRun=true', 'x.xlsx')).statusCode).toBe(415);
    const noKind = (await upload(office, 2027, await sheetOf([['2027-01-01', '元旦']], ['日期', '名称']))).json();
    expect(noKind.errors).toEqual([expect.objectContaining({ row: 1, column: 'kind', reason: 'cartradein.calendar.missingColumn' })]);
    // English headers are understood as well.
    expect((await upload(office, 2027, await sheetOf([['2027-01-01', 'holiday', 'New Year']], ['Date', 'Kind', 'Name']))).json().errors).toEqual([]);
    expect((await upload(office, 2027, await sheetOf([]))).json().errors).toEqual([expect.objectContaining({ row: 0, reason: 'cartradein.calendar.empty' })]);
    const many = Array.from({ length: 121 }, (_, i): Cell[] => [new Date(Date.UTC(2027, 0, 1 + i)), 'holiday', '假日']);
    expect(checkRows(2027, []).issues.map((i) => i.reason)).toEqual(['field.cartradein.calendar.empty']);
    const tooMany = (await upload(office, 2027, await sheetOf(many))).json();
    expect(tooMany.errors[0]).toMatchObject({ row: 0, reason: 'cartradein.calendar.tooManyRows' });
  });

  it('the template and a year’s export open as sheets, and the export imports back unchanged', async () => {
    const template = await auditor.get(`${BASE}/template.xlsx`);
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    const tw = await loadXlsx(template.rawPayload);
    const tSheet = tw.getWorksheet(SHEET_NAME)!;
    expect([1, 2, 3].map((c) => tSheet.getRow(1).getCell(c).text)).toEqual([HEADERS.date, HEADERS.kind, HEADERS.name]);
    expect(tSheet.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['"holiday,workday"'] });
    // The empty template previews as empty, not as broken.
    expect((await upload(office, 2027, template.rawPayload)).json().errors[0].reason).toBe('cartradein.calendar.empty');

    const exported = await auditor.get(`${BASE}/2026/export.xlsx`);
    expect(exported.statusCode).toBe(200);
    expect(decodeURIComponent(String(exported.headers['content-disposition']))).toContain('工作日历-2026.xlsx');
    const shipped = shippedCalendar(2026)!;
    const back = (await upload(office, 2026, exported.rawPayload)).json();
    expect(back.errors).toEqual([]);
    expect(back.rows.map((r: { date: string; kind: string; name: string }) => [r.date, r.kind === 'workday', r.name])).toEqual(
      shipped.days.map((d) => [d.date, d.working, d.note]),
    );
    // 2026 came with the application: its source is the file's notice.
    expect((await auditor.get(`${BASE}/2026/details`)).json()).toMatchObject({
      source: { title: shipped.source.title, shipped: true },
      lastChange: { action: 'seed' },
    });
    expect((await town.get(`${BASE}/template.xlsx`)).statusCode).toBe(200); // officials read
  });

  it('the calendar endpoint keeps a source too, and audits the count it recomputed', async () => {
    const res = await office.put(`${BASE}/2028`, { days: [{ date: '2028-01-01', working: false, note: '元旦' }], source: '国办发明电〔2027〕7号' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await office.get(`${BASE}/2028/details`)).json()).toMatchObject({
      source: { title: '国办发明电〔2027〕7号', shipped: false },
      lastChange: { action: 'set', username: 'demo_office', recomputedDeadlines: 0 },
    });
    await office.put(`${BASE}/2028`, { days: [] });
    expect((await office.get(`${BASE}/2028/details`)).json()).toMatchObject({ loaded: false, source: { title: '国办发明电〔2027〕7号' } });
    await office.put(`${BASE}/2028`, { days: [], source: null });
    expect((await office.get(`${BASE}/2028/details`)).json()).toMatchObject({ loaded: false, source: null });
  });
});

function formOf(data: Buffer): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), 'x.xlsx');
  return form;
}
