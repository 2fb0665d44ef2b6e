import { shanghaiDate } from '../../../../../../test/helpers/clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../../test/helpers/testApp.js';
import { REPORT_STATUSES } from '../tables.js';
import { openPeriod, planIdOf, reportId } from '../testSupport.js';
import { REPORT_SORT_KEYS, type ReportSortKey, type ReportView } from './schema.js';

describe('GET /api/plan-reports sort and order', () => {
  let t: TestApp;
  let office: TestClient;
  let planId: number;
  let all: ReportView[];
  /** Indicator → its place in the plan; organisation → its place in the database's own order of names. */
  let indicatorRank: Map<number, number>;
  let organizationRank: Map<number, number>;

  beforeAll(async () => {
    t = await createTestApp();
    office = await t.login('demo_office');
    planId = await planIdOf(t);
    const january = await openPeriod(office, planId, '2025-01');
    await openPeriod(office, planId, '2025-02');
    // Reports in several states, with and without values and submission times.
    const dept = await t.login('demo_department');
    const submit = async (code: string, value: number) => {
      const id = await reportId(t, january.id, code, '市商务局');
      const res = await dept.post(`/api/plan-reports/${id}/submit`, { value, narrative: '按月报送' });
      expect(res.statusCode, res.body).toBe(200);
      return id;
    };
    await submit('A2-S-01', 0.3);
    const accepted = await submit('A2-S-02', 12);
    expect((await office.post(`/api/plan-reports/${accepted}/accept`)).statusCode).toBe(200);
    const returned = await submit('A2-S-03', 45);
    expect((await office.post(`/api/plan-reports/${returned}/return`, { reason: '请补充佐证材料' })).statusCode).toBe(200);
    const town = await t.login('demo_town');
    const draft = await reportId(t, january.id, 'A1-T4-01', '青阳街道');
    expect((await town.put(`/api/plan-reports/${draft}`, { value: 7 })).statusCode).toBe(200);

    const first = (await office.get(`/api/plan-reports?planId=${planId}&pageSize=200`)).json() as { items: ReportView[]; total: number };
    all = first.items;
    for (let page = 2; all.length < first.total; page++)
      all.push(...((await office.get(`/api/plan-reports?planId=${planId}&pageSize=200&page=${page}`)).json().items as ReportView[]));
    expect(all.length).toBeGreaterThan(20);
    const db = t.deps.database.db;
    indicatorRank = new Map(
      (await db.selectFrom('indicators').select('id').where('plan_id', '=', planId).orderBy('position').orderBy('id').execute()).map((r, i) => [
        Number(r.id),
        i,
      ]),
    );
    organizationRank = new Map((await db.selectFrom('organizations').select('id').orderBy('name').execute()).map((r, i) => [Number(r.id), i]));
  });
  afterAll(() => t.close());

  /** The key each sort compares by; null (no value, never handed in) comes last in either direction. */
  const keyOf: Record<ReportSortKey, (r: ReportView) => string | number | null> = {
    period: (r) => r.period,
    indicator: (r) => indicatorRank.get(r.indicator.id)!,
    organization: (r) => organizationRank.get(r.organization.id)!,
    value: (r) => r.value,
    status: (r) => REPORT_STATUSES.indexOf(r.status),
    submittedAt: (r) => r.submittedAt,
  };

  const expectedOrder = (sort: ReportSortKey, order: 'asc' | 'desc') => {
    const sign = order === 'asc' ? 1 : -1;
    return [...all]
      .sort((a, b) => {
        const ka = keyOf[sort](a);
        const kb = keyOf[sort](b);
        if (ka !== kb) {
          if (ka === null) return 1;
          if (kb === null) return -1;
          return (ka < kb ? -1 : 1) * sign;
        }
        return (a.id - b.id) * sign;
      })
      .map((r) => r.id);
  };

  const listed = async (query: string) => {
    const items: ReportView[] = [];
    for (let page = 1; ; page++) {
      const res = await office.get(`/api/plan-reports?planId=${planId}&pageSize=200&page=${page}&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: ReportView[]; total: number };
      items.push(...body.items);
      if (items.length >= body.total || !body.items.length) return items.map((r) => r.id);
    }
  };

  for (const sort of REPORT_SORT_KEYS)
    for (const order of ['asc', 'desc'] as const)
      it(`sort=${sort}&order=${order}`, async () => {
        const ids = await listed(`sort=${sort}&order=${order}`);
        expect(ids).toEqual(expectedOrder(sort, order));
        // The sort is not vacuous: the key takes more than one value over the list.
        expect(new Set(all.map(keyOf[sort])).size).toBeGreaterThan(1);
      });

  it('order defaults to descending; pages of a sorted list neither overlap nor skip', async () => {
    expect(await listed('sort=value')).toEqual(expectedOrder('value', 'desc'));
    const page = async (n: number) =>
      ((await office.get(`/api/plan-reports?planId=${planId}&sort=organization&order=asc&pageSize=10&page=${n}`)).json().items as ReportView[]).map(
        (r) => r.id,
      );
    expect([...(await page(1)), ...(await page(2)), ...(await page(3))]).toEqual(expectedOrder('organization', 'asc').slice(0, 30));
  });

  it('an unknown sort key or order is a 400 naming the field', async () => {
    const badSort = await office.get('/api/plan-reports?sort=narrative');
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json().error.code).toBe('VALIDATION_FAILED');
    expect(badSort.json().error.details).toEqual([expect.objectContaining({ field: 'sort' })]);
    const badOrder = await office.get('/api/plan-reports?sort=period&order=sideways');
    expect(badOrder.statusCode).toBe(400);
    expect(badOrder.json().error.details[0].field).toBe('order');
  });

  it('the export takes the list’s address as it is, sort included', async () => {
    const res = await office.get(`/api/plan-reports/export.xlsx?planId=${planId}&sort=value&order=asc`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    // The file holds the list's reports, every one once, with their values.
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('报告编号');
    expect(sheet.getRow(1).getCell(10).value).toBe('本期数值');
    const rows: { id: number; value: unknown }[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push({ id: Number(row.getCell(1).value), value: row.getCell(10).value });
    });
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(all.map((r) => r.id).sort((a, b) => a - b));
    const valueOf = new Map(all.map((r) => [r.id, r.value]));
    expect(rows.filter((r) => r.value !== null).map((r) => [r.id, r.value])).toEqual(
      rows.filter((r) => r.value !== null).map((r) => [r.id, valueOf.get(r.id)]),
    );
    expect(rows.filter((r) => r.value !== null)).toHaveLength(all.filter((r) => r.value !== null).length);
    // …in the list's order: what the screen shows, row for row.
    const listed = (await office.get(`/api/plan-reports?planId=${planId}&sort=value&order=asc&pageSize=200`)).json().items as { id: number }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(rows.slice(0, listed.length).map((r) => r.id)).toEqual(listed.map((r) => r.id));
    // Named by the Shanghai date of the export.
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`指标报告-${shanghaiDate(new Date())}.xlsx`);
  });
});
