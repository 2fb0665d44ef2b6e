import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobOnce } from '../../../core/jobs.js';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { openPeriod, planIdOf } from '../reporting/testSupport.js';
import { planReportRemindersJob, sendReportReminders } from './job.js';

describe('daily reminders', () => {
  let t: TestApp;
  let period: { id: number; deadlineDate: string; deadlineAt: string };
  beforeAll(async () => {
    t = await createTestApp();
    period = await openPeriod(await t.login('demo_office'), await planIdOf(t), '2025-04');
  });
  afterAll(() => t.close());

  // Which organisations were told (their members each get a copy in notifications, see platform/notifications).
  const kinds = async () =>
    (await t.deps.database.db.selectFrom('organization_notifications').select('kind').where('kind', 'like', 'plan_%').execute()).map((n) => n.kind);

  it('deadline in 3 days, then overdue for units and the office — each produced once', async () => {
    expect(period.deadlineDate).toBe('2025-05-05');
    // 09:00 on 2 May, Asia/Shanghai: three days before the deadline.
    const may2 = new Date('2025-05-02T01:00:00Z');
    const first = await sendReportReminders(t.deps.database.db, may2);
    expect(first.deadlineSoon).toBeGreaterThan(5);
    expect(first.overdue).toBe(0);
    expect(await sendReportReminders(t.deps.database.db, may2)).toEqual({ deadlineSoon: 0, overdue: 0, officeSummaries: 0 });
    // A unit that has handed everything in is not reminded: 市商务局 submits all its reports before the 6th.
    const dept = await t.login('demo_department');
    const due = (await dept.get('/api/plan-workspace/due')).json() as { id: number; indicator: { unit: string; kind: string }; needsBaseline: boolean }[];
    for (const r of due) {
      const value = r.indicator.unit === '%' && r.indicator.kind !== 'growth' ? 50 : 1;
      const res = await dept.post(`/api/plan-reports/${r.id}/submit`, { value, narrative: '按时报送', ...(r.needsBaseline ? { baselineValue: 100 } : {}) });
      expect(res.statusCode, res.body).toBe(200);
    }
    // 08:30 on 6 May: the deadline has passed.
    const may6 = new Date('2025-05-06T00:30:00Z');
    expect(planReportRemindersJob.runKey(new Date('2025-05-05T23:00:00Z'))).toBeNull(); // 07:00 local: not yet
    expect(await runJobOnce(t.deps, planReportRemindersJob, may6)).toBe(true);
    expect(await runJobOnce(t.deps, planReportRemindersJob, may6)).toBe(false); // same day, any process: once
    const after = await kinds();
    expect(after.filter((k) => k === 'plan_report_overdue').length).toBeGreaterThan(5);
    expect(after.filter((k) => k === 'plan_reports_overdue_office')).toHaveLength(1);
    // Again the next day: the dedupe keys hold, nothing new.
    expect(await sendReportReminders(t.deps.database.db, new Date('2025-05-07T01:00:00Z'))).toEqual({ deadlineSoon: 0, overdue: 0, officeSummaries: 0 });
    const deptNotes = (await dept.get('/api/notifications?pageSize=100')).json().items as { kind: string; message: string }[];
    expect(deptNotes.filter((n) => n.kind === 'plan_deadline_soon')).toHaveLength(1);
    expect(deptNotes.filter((n) => n.kind === 'plan_report_overdue')).toHaveLength(0);
    const office = (await (await t.login('demo_office')).get('/api/notifications')).json().items as { kind: string; message: string }[];
    expect(office.find((n) => n.kind === 'plan_reports_overdue_office')!.message).toContain('2025-04');
  });
});
