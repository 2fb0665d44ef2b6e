import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { openPeriod, planIdOf, reportId } from '../reporting/testSupport.js';
import { unzipEntry } from './testSupport.js';

describe('monthly briefing', () => {
  let t: TestApp;
  let planId: number;
  beforeAll(async () => {
    t = await createTestApp();
    planId = await planIdOf(t);
    const office = await t.login('demo_office');
    const period = await openPeriod(office, planId, '2025-02');
    const dept = await t.login('demo_department');
    const id = await reportId(t, period.id, 'A2-S-01', '市商务局');
    await dept.post(`/api/plan-reports/${id}/submit`, { value: 0.3, narrative: '2月进展' });
    await office.post(`/api/plan-reports/${id}/accept`);
  });
  afterAll(() => t.close());

  it('is a Word document with the plan’s indicators, statuses, reasons, overdue units, alerts and charts by name', async () => {
    const res = await (await t.login('demo_office')).get(`/api/briefings/monthly.docx?planId=${planId}&period=2025-02`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    if (process.env.BRIEFING_OUT) (await import('node:fs')).writeFileSync(process.env.BRIEFING_OUT, res.rawPayload);
    const xml = unzipEntry(res.rawPayload, 'word/document.xml')!.toString('utf8');
    const names = await t.deps.database.db.selectFrom('indicators').select('name').where('plan_id', '=', planId).execute();
    for (const n of names) expect(xml).toContain(n.name);
    const actions = await t.deps.database.db
      .selectFrom('plan_actions')
      .select('title')
      .where('plan_id', '=', planId)
      .where('section', '=', 'task')
      .where('retired_at', 'is', null)
      .execute();
    expect(actions.length).toBeGreaterThan(0);
    // The charts name each action (图1) and each status (图2): their labels are text beside the bars.
    const figure1 = xml.slice(xml.indexOf('图1'), xml.indexOf('图2'));
    for (const a of actions) expect(figure1).toContain(a.title);
    for (const s of [
      '晋江市推动大规模设备更新',
      '简报',
      '2025年第2期',
      '一、总体情况',
      '三、三色预警情况',
      '四、滞后及风险指标',
      '五、逾期未报单位',
      '市公安局',
      '逾期未报',
      '抄送：',
      '印发',
    ])
      expect(xml).toContain(s);
    expect(xml.match(/<pic:pic/g)?.length).toBeGreaterThan(0);
  });

  it('is for the office and auditors only', async () => {
    expect((await (await t.login('demo_auditor')).get(`/api/briefings/monthly.docx?planId=${planId}&period=2025-02`)).statusCode).toBe(200);
    expect((await (await t.login('demo_department')).get(`/api/briefings/monthly.docx?planId=${planId}&period=2025-02`)).statusCode).toBe(403);
    expect((await (await t.login('demo_office')).get(`/api/briefings/monthly.docx?planId=${planId}&period=2025-2`)).statusCode).toBe(400);
  });
});
