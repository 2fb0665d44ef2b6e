import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import type { ProjectSector, ProjectStatus } from '../../../../shared/enums/renewalProjects.js';
import { projectsMetrics } from '../projects/metrics.js';
import { addAccount, addEnterprise, addProject, orgId, TEST_PASSWORD } from '../funding/testSetup.js';

/**
 * The overview on known projects, straight into the database: 2026 with projects in two towns, in three sectors,
 * at every step. Figures are checked by hand from the rows below.
 */
describe('renewal overview', () => {
  useFakeClock(shanghaiInstant('2026-11-20', '10:00'));
  let t: TestApp;
  let office: TestClient;
  let miit: TestClient;
  let town: TestClient;
  let ent: TestClient;
  let townA: number;
  let townB: number;
  let draft: number;

  async function project(p: {
    org: number;
    town: number;
    sector: ProjectSector;
    status: ProjectStatus;
    started?: string;
    completed?: string;
    actualFen?: number;
    actualEquipmentFen?: number;
  }) {
    const id = await addProject(t, { organizationId: p.org, townId: p.town, sector: p.sector, status: p.status, year: 2026 });
    await t.deps.database.db
      .updateTable('renewal_projects')
      .set({
        started_on: p.started ?? null,
        completed_on: p.completed ?? null,
        actual_investment_fen: p.actualFen ?? null,
        actual_equipment_fen: p.actualEquipmentFen ?? null,
        energy_saved_tce: 10,
      })
      .where('id', '=', id)
      .execute();
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.deps.database.db;
    const towns = (await db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').execute()).map((r) => Number(r.id));
    [townA, townB] = [towns[1]!, towns[2]!];
    const a = await addEnterprise(t, 'ov_ent_a', townA);
    const b = await addEnterprise(t, 'ov_ent_b', townB);
    await addAccount(t, 'ov_miit', 'department', await orgId(t, '市工信局'));
    await addAccount(t, 'ov_town', 'town', townA);
    [office, miit, town, ent] = await Promise.all([
      t.login('demo_office'),
      t.login('ov_miit', TEST_PASSWORD),
      t.login('ov_town', TEST_PASSWORD),
      t.login('ov_ent_a', TEST_PASSWORD),
    ]);
    // Planned 1亿元 each (addProject), 0.6亿元 of it equipment.
    draft = await project({ org: a, town: townA, sector: 'industry', status: 'draft' });
    await project({ org: a, town: townA, sector: 'industry', status: 'submitted' });
    await project({ org: a, town: townA, sector: 'industry', status: 'under_construction', started: '2026-03-01' });
    const done = await project({
      org: a,
      town: townA,
      sector: 'industry',
      status: 'completed',
      started: '2025-06-01',
      completed: '2026-05-10',
      actualFen: 120_000_000_00,
      actualEquipmentFen: 80_000_000_00,
    });
    await project({
      org: b,
      town: townB,
      sector: 'culture_tourism',
      status: 'completed',
      started: '2026-01-05',
      completed: '2026-09-30',
      actualFen: 30_000_000_00,
      actualEquipmentFen: 25_000_000_00,
    });
    await project({
      org: b,
      town: townB,
      sector: 'healthcare',
      status: 'completed',
      started: '2024-09-01',
      completed: '2025-03-01',
      actualFen: 50_000_000_00,
      actualEquipmentFen: 45_000_000_00,
    });
    await db
      .insertInto('renewal_project_old_equipment')
      .values([
        { organization_id: a, project_id: done, position: 0, name: '旧车床', count: 4, years_in_service: 12, is_machine_tool: 1 },
        { organization_id: a, project_id: done, position: 1, name: '旧铣床', count: 2, years_in_service: 10, is_machine_tool: 1 },
        { organization_id: a, project_id: done, position: 2, name: '旧锅炉', count: 1, years_in_service: 20, is_machine_tool: 0 },
      ])
      .execute();
    await db
      .insertInto('renewal_project_new_equipment')
      .values({
        organization_id: a,
        project_id: done,
        position: 0,
        equipment_code: null,
        name: '五轴加工中心',
        count: 2,
        amount_fen: 10_000_000_00,
        is_first_set: 1,
      })
      .execute();
  });
  afterAll(() => t.close());

  it('counts projects past the draft by status, sector, town and year, in fen', async () => {
    const res = await office.get('/api/renewal/overview?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(o.totals).toMatchObject({
      projects: 5,
      plannedFen: 5 * 100_000_000_00,
      completed: 3,
      completedFen: 200_000_000_00,
      completedEquipmentFen: 150_000_000_00,
      // Started in 2026: the one under construction and the tourism one (the completed industry one started in 2025).
      startedInYear: 2,
      // Completed in 2026: the industry and the tourism project, not the healthcare one of 2025.
      completedInYearFen: 150_000_000_00,
      // Approved projects' expected savings: four of the five are in the library or beyond (not the submitted one).
      energySavedTce: 40,
      // 12 years is over 10; exactly 10 is not; a boiler is no machine tool.
      oldMachineTools: 4,
      firstSets: 2,
      demoProjects: 0,
    });
    expect(o.byStatus).toEqual(
      expect.arrayContaining([
        { status: 'completed', projects: 3 },
        { status: 'submitted', projects: 1 },
      ]),
    );
    expect(o.byStatus.map((s: { status: string }) => s.status)).not.toContain('draft');
    const sector = (s: string) => o.bySector.find((x: { sector: string }) => x.sector === s);
    expect(o.bySector).toHaveLength(7);
    expect(sector('industry')).toMatchObject({ projects: 3, completed: 1, completedFen: 120_000_000_00, startedInYear: 1 });
    expect(sector('culture_tourism')).toMatchObject({ projects: 1, completedEquipmentFen: 25_000_000_00, completedInYearFen: 30_000_000_00 });
    expect(sector('education')).toMatchObject({ projects: 0, plannedFen: 0 });
    const byTown = o.byTown.map((r: { townId: number; projects: number }) => [r.townId, r.projects]);
    expect(byTown).toEqual(
      expect.arrayContaining([
        [townA, 3],
        [townB, 2],
      ]),
    );
    expect(o.byYear).toEqual([
      { year: 2024, started: 1, completed: 0, completedFen: 0 },
      { year: 2025, started: 1, completed: 1, completedFen: 50_000_000_00 },
      { year: 2026, started: 2, completed: 2, completedFen: 150_000_000_00 },
    ]);
    expect(o.equipmentBySectorYear).toEqual([
      { sector: 'industry', year: 2026, equipmentFen: 80_000_000_00 },
      { sector: 'culture_tourism', year: 2026, equipmentFen: 25_000_000_00 },
      { sector: 'healthcare', year: 2025, equipmentFen: 45_000_000_00 },
    ]);
    expect(Array.isArray(o.funding)).toBe(true);
  });

  it('filters by sector and town, and defaults to this year', async () => {
    const industry = (await miit.get('/api/renewal/overview?sector=industry')).json();
    expect(industry.year).toBe(2026);
    expect(industry.totals).toMatchObject({ projects: 3, completed: 1 });
    const b = (await miit.get(`/api/renewal/overview?townId=${townB}&year=2025`)).json();
    expect(b.totals).toMatchObject({ projects: 2, completedInYearFen: 50_000_000_00, startedInYear: 0 });
    expect((await office.get('/api/renewal/overview?sector=space')).json().error.details).toMatchObject([{ field: 'sector' }]);
  });

  it('is for the office, departments and auditors; towns and enterprises have their lists', async () => {
    expect((await town.get('/api/renewal/overview')).statusCode).toBe(403);
    expect((await ent.get('/api/renewal/overview')).statusCode).toBe(403);
    expect((await ent.get('/api/renewal/overview/export.xlsx')).statusCode).toBe(403);
    expect((await (await t.login('demo_auditor')).get('/api/renewal/overview')).statusCode).toBe(200);
  });

  it('exports the overview to Excel in 万元, audited', async () => {
    const res = await office.get('/api/renewal/overview/export.xlsx?year=2026');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按领域', '按类型', '按镇街', '按年度', '按资金来源', '各领域设备投资']);
    const sectors = wb.worksheets[0]!;
    expect(sectors.getRow(1).values).toEqual(expect.arrayContaining(['领域', '项目数', '2026年开工项目数', '2026年竣工投资（万元）']));
    const totalRow = sectors.getRow(sectors.rowCount).values as unknown[];
    // Total: 5 projects, 50 000 万元 planned, 20 000 万元 completed.
    expect([totalRow[1], totalRow[2], totalRow[3], totalRow[6]]).toEqual(['合计', 5, 50_000, 20_000]);
    const audit = await t.deps.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'renewal_overview').execute();
    expect(audit.map((a) => a.action)).toContain('export');
  });

  it('equipment investment completed feeds A1-S-01, A1-T11-01 and A1-T12-01 by completion date and town', async () => {
    const db = t.deps.database.db;
    const metric = async (name: string, townId?: number) =>
      projectsMetrics
        .find((m) => m.name === name)!
        .compute(db, { from: shanghaiInstant('2026-01-01').toISOString(), to: shanghaiInstant('2027-01-01').toISOString(), ...(townId ? { townId } : {}) });
    // 2026: the industry (0.8亿元) and tourism (0.25亿元) equipment; the healthcare one completed in 2025.
    expect(await metric('renewal.projects.equipmentInvestmentCompleted')).toBeCloseTo(1.05, 4);
    expect(await metric('renewal.projects.equipmentInvestmentCompleted', townA)).toBeCloseTo(0.8, 4);
    expect(await metric('renewal.projects.tourismEquipmentInvestment')).toBeCloseTo(0.25, 4);
    expect(await metric('renewal.projects.medicalEquipmentInvestment')).toBe(0);
  });

  it('keeps the figures until a move changes them: the next read after a submission counts it', async () => {
    const before = (await office.get('/api/renewal/overview?year=2026')).json();
    const version = async () =>
      Number((await t.deps.database.db.selectFrom('data_versions').select('version').where('key', '=', 'renewal').executeTakeFirst())?.version ?? 0);
    const v = await version();
    // Unchanged records: the same figures, and no version moved by reading.
    expect((await office.get('/api/renewal/overview?year=2026')).json()).toEqual(before);
    expect(await version()).toBe(v);
    // The draft is submitted (a workflow move): counted at once, in every cached filter.
    expect((await ent.post(`/api/renewal/projects/${draft}/submit`)).statusCode).toBe(200);
    expect(await version()).toBe(v + 1);
    const after = (await office.get('/api/renewal/overview?year=2026')).json();
    expect(after.totals.projects).toBe(before.totals.projects + 1);
    expect((await miit.get('/api/renewal/overview?sector=industry')).json().totals.projects).toBe(4);
  });
});
