import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { standardsMetrics } from './metrics.js';
import { seedStandardsDemo } from './seed.js';
import type { RdOverview } from './overview.js';
import { addEnterprise, addUser, EN, rdInput, standardInput, submitted, TEST_PASSWORD, towns } from './testSetup.js';

const metric = (name: string) => standardsMetrics.find((m) => m.name === name)!;
/** A window of whole Shanghai dates, [first, last]. */
const window = (first: string, lastExclusive: string, townId?: number) => ({
  from: shanghaiInstant(first).toISOString(),
  to: shanghaiInstant(lastExclusive).toISOString(),
  townId: townId ?? null,
});

describe('renewal standards and R&D figures', () => {
  let t: TestApp;
  let a: TestClient;
  let b: TestClient;
  let c: TestClient;
  let market: TestClient;
  let science: TestClient;
  let townId: number;

  beforeAll(async () => {
    t = await createTestApp();
    townId = (await towns(t))[9]!;
    for (const u of ['fg_a', 'fg_b', 'fg_c']) await addEnterprise(t, u, townId);
    a = await t.login('fg_a', TEST_PASSWORD);
    b = await t.login('fg_b', TEST_PASSWORD);
    c = await t.login('fg_c', TEST_PASSWORD);
    market = await addUser(t, 'fg_market', '市市场监管局');
    science = await addUser(t, 'fg_science', '市科技局');
  });
  afterAll(() => t.close());

  it('counts a national or industry standard once however many local organisations joined it, by first publication, from 2024', async () => {
    const joined = metric('renewal.standards.nationalIndustryJoined');
    const count = (first: string, last: string) => joined.compute(t.deps.database.db, window(first, last, townId));
    // Shared by A (lead) and B (participant), typed two ways: one standard.
    await submitted(a, 'standards', standardInput({ number: 'GB/T 47001—2025', role: 'lead', publishedOn: '2025-03-01' }), market);
    await submitted(b, 'standards', standardInput({ number: 'GB/T 47001-2025', publishedOn: '2025-03-01' }), market);
    await submitted(c, 'standards', standardInput({ number: 'FZ/T 47002—2025', level: 'industry', publishedOn: '2025-08-01' }), market);
    // Left out: group and local levels, published before 2024, only approved for drafting, not confirmed.
    await submitted(a, 'standards', standardInput({ number: 'T/FJXH 47003—2025', level: 'group' }), market);
    await submitted(a, 'standards', standardInput({ number: 'DB35/T 47004—2025', level: 'local' }), market);
    await submitted(b, 'standards', standardInput({ number: 'GB/T 47005—2023', approvedOn: '2022-01-01', publishedOn: '2023-06-01' }), market);
    await submitted(c, 'standards', standardInput({ number: 'GB/T 47006—2026', stage: 'approved', approvedOn: '2025-02-01', publishedOn: null }), market);
    await submitted(c, 'standards', standardInput({ number: 'GB/T 47007—2025' }));
    expect(await count('2023-01-01', '2027-01-01')).toBe(2);
    expect(await count('2025-01-01', '2025-07-01')).toBe(1);
    expect(await count('2025-07-01', '2026-01-01')).toBe(1);
    expect(await count('2026-01-01', '2027-01-01')).toBe(0);
    // Withdrawn, it no longer counts.
    const list = (await market.get(`/api/renewal/standards?townId=${townId}&q=FZ/T 47002&status=confirmed`)).json();
    await market.post(`/api/renewal/standards/${list.items[0].id}/withdraw`, { reason: '撤销' });
    expect(await count('2023-01-01', '2027-01-01')).toBe(1);
  });

  it('spreads each year’s R&D over its days, and is null for a window no confirmed report covers', async () => {
    const rd = metric('renewal.rd.investment');
    const value = (first: string, last: string) => rd.compute(t.deps.database.db, window(first, last, townId));
    expect(await value('2023-01-01', '2024-01-01')).toBeNull();
    // 2024 (366 days): A 3.66亿 and B 1.83亿; 2025: A 3.65亿 confirmed, B's 2025 only submitted.
    await submitted(a, 'rd-reports', rdInput({ year: 2024, rdFen: 366_000_000_00, revenueFen: 10_000_000_000_00 }), science);
    await submitted(b, 'rd-reports', rdInput({ year: 2024, rdFen: 183_000_000_00, revenueFen: 5_000_000_000_00 }), science);
    await submitted(a, 'rd-reports', rdInput({ year: 2025, rdFen: 365_000_000_00, revenueFen: 11_000_000_000_00 }), science);
    await submitted(b, 'rd-reports', rdInput({ year: 2025, rdFen: 200_000_000_00 }));
    expect(await value('2024-01-01', '2025-01-01')).toBe(5.49);
    // January 2024: 31 of 366 days of 5.49亿.
    expect(await value('2024-01-01', '2024-02-01')).toBeCloseTo((5.49 * 31) / 366, 4);
    // December 2024 to January 2025: 31 days of each year.
    expect(await value('2024-12-01', '2025-02-01')).toBeCloseTo((5.49 * 31) / 366 + (3.65 * 31) / 365, 4);
    expect(await value('2025-01-01', '2026-01-01')).toBe(3.65);
    // 2026 not reported yet: no observation, not a fall to 0.
    expect(await value('2026-01-01', '2027-01-01')).toBeNull();
  });

  it('gives R&D growth on the year in total and like for like, by industry and town, with intensity', async () => {
    // C reports 2025 only: it adds to 2025's total, not to the like-for-like comparison.
    await submitted(c, 'rd-reports', rdInput({ year: 2025, rdFen: 100_000_000_00, revenueFen: 1_000_000_000_00, industry: 'food' }), science);
    const o = (await science.get(`/api/renewal/rd-reports/overview?townId=${townId}`)).json() as RdOverview;
    const y2024 = o.years.find((y) => y.year === 2024)!;
    const y2025 = o.years.find((y) => y.year === 2025)!;
    expect(y2024).toMatchObject({ reporters: 2, rdFen: 549_000_000_00, growthPercent: null, likeForLike: null });
    expect(y2025).toMatchObject({ reporters: 2, rdFen: 465_000_000_00 });
    // Total: 4.65 on 5.49 = −15.3%; like for like (A only: 3.65 on 3.66) −0.27%.
    expect(y2025.growthPercent).toBe(-15.3);
    expect(y2025.likeForLike).toEqual({ enterprises: 1, rdFen: 365_000_000_00, previousFen: 366_000_000_00, growthPercent: -0.27 });
    expect(y2024.intensityPercent).toBe(3.66);
    expect(o.byIndustry).toEqual(expect.arrayContaining([{ year: 2025, industry: 'food', reporters: 1, rdFen: 100_000_000_00 }]));
    expect(o.byTown).toEqual([expect.objectContaining({ year: 2024, townId, reporters: 2 }), expect.objectContaining({ year: 2025, townId, reporters: 2 })]);
    // Enterprises do not read the overview.
    expect((await a.get('/api/renewal/rd-reports/overview')).statusCode).toBe(403);
  });

  it('exports each filtered list to Excel in the caller’s language (audited); enterprises may not export', async () => {
    for (const [path, sheet] of [
      ['standards', '标准'],
      ['certifications', '认证'],
      ['brands', '品牌'],
      ['rd-reports', '研发投入'],
    ] as const) {
      const res = await science.get(`/api/renewal/${path}/export.xlsx?status=confirmed`);
      expect(res.statusCode, path).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual([sheet]);
      expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(path === 'standards' || path === 'rd-reports' ? 1 : 0);
      expect((await a.get(`/api/renewal/${path}/export.xlsx`)).statusCode).toBe(403);
    }
    const res = await market.get(`/api/renewal/rd-reports/export.xlsx?townId=${townId}&year=2025&status=confirmed`, EN);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('R&D investment')!;
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['Organisation', 'R&D spending (yuan)', 'R&D intensity (%)']));
    expect(sheet.rowCount).toBe(3);
    const amounts = [2, 3].map((r) => (sheet.getRow(r).values as unknown[])[5]).sort();
    expect(amounts).toEqual([100_000_000, 365_000_000]);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'renewal_rd_report')
      .where('action', '=', 'export')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('seeds the demo once: accounts that confirm, shared standards, 2024 and 2025 R&D', async () => {
    const db = t.deps.database.db;
    const joined = metric('renewal.standards.nationalIndustryJoined');
    const cityWide = await joined.compute(db, window('2024-01-01', '2026-01-01'));
    await seedStandardsDemo(t.deps);
    // GB/T 39000 shared by two demo enterprises counts once, with QB/T 5678 (shared too) and FZ/T 73099.
    expect(await joined.compute(db, window('2024-01-01', '2026-01-01'))).toBe(cityWide! + 3);
    const users = await db
      .selectFrom('users')
      .select(['username', 'display_name'])
      .where('username', 'in', ['demo_market', 'demo_science'])
      .orderBy('username')
      .execute();
    expect(users.map((u) => u.display_name)).toEqual(['市市场监管局（演示）', '市科技局（演示）']);
    const demoMarket = await t.login('demo_market');
    const queue = (await demoMarket.get('/api/renewal/standards?status=submitted&pageSize=200')).json();
    expect(queue.items.filter((s: { isDemo: boolean }) => s.isDemo).length).toBeGreaterThanOrEqual(2);
    const before = await db.selectFrom('renewal_standards').select('id').where('is_demo', '=', 1).execute();
    expect(before.length).toBeGreaterThanOrEqual(12);
    await seedStandardsDemo(t.deps);
    expect(await db.selectFrom('renewal_standards').select('id').where('is_demo', '=', 1).execute()).toHaveLength(before.length);
    const rd = await db.selectFrom('renewal_rd_reports').select('year').where('is_demo', '=', 1).where('status', '=', 'confirmed').execute();
    expect(new Set(rd.map((r) => Number(r.year)))).toEqual(new Set([2024, 2025]));
  });
});
