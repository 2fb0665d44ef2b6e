import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type RequestContext } from '../../../../core/context.js';
import { runJobOnce } from '../../../../core/jobs.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../../test/helpers/testApp.js';
import { openPeriod, planIdOf } from '../testSupport.js';
import { reportingJobs } from '../index.js';
import { failStaleImports, IMPORT_TIMEOUT_MS, INTERRUPTED_REASON, planImportRecoveryJob } from './recovery.js';
import { runImport } from './service.js';

const MINUTE = 60_000;

describe('imports whose process died are marked failed', () => {
  let t: TestApp;
  let dept: TestClient;
  let owner: { userId: number; organizationId: number };
  let periodId: number;
  const now = new Date('2025-04-10T02:00:00Z');
  const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE).toISOString();

  /** A job as a process leaves it behind: queued or running, uploaded `minutes` before `now`. */
  const leftBehind = async (status: 'queued' | 'running' | 'succeeded', minutes: number) => {
    const row = await t.deps.database.db
      .insertInto('plan_import_jobs')
      .values({
        user_id: owner.userId,
        organization_id: owner.organizationId,
        filename: `${status}-${minutes}.xlsx`,
        status,
        total_rows: 40,
        processed_rows: status === 'succeeded' ? 40 : 20,
        imported_rows: status === 'succeeded' ? 40 : 0,
        errors_json: '[]',
        created_at: ago(minutes),
        finished_at: status === 'succeeded' ? ago(minutes - 1) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  };

  beforeAll(async () => {
    t = await createTestApp();
    dept = await t.login('demo_department');
    const user = await t.deps.database.db
      .selectFrom('users')
      .select(['id', 'organization_id'])
      .where('username', '=', 'demo_department')
      .executeTakeFirstOrThrow();
    owner = { userId: Number(user.id), organizationId: Number(user.organization_id) };
    periodId = (await openPeriod(await t.login('demo_office'), await planIdOf(t), '2025-03')).id;
  });
  afterAll(() => t.close());

  it('the time-out is stated, and the module schedules the recovery', () => {
    expect(IMPORT_TIMEOUT_MS).toBe(15 * MINUTE);
    expect(reportingJobs).toContain(planImportRecoveryJob);
    // One run per 5-minute slot, whichever process claims it.
    expect(planImportRecoveryJob.runKey(now)).toBe(planImportRecoveryJob.runKey(new Date(now.getTime() + 4 * MINUTE)));
    expect(planImportRecoveryJob.runKey(now)).not.toBe(planImportRecoveryJob.runKey(new Date(now.getTime() + 5 * MINUTE)));
  });

  it('past the time-out a running or queued job fails with the reason in the reader’s language; a younger one is left alone', async () => {
    const deadRunning = await leftBehind('running', 20);
    const deadQueued = await leftBehind('queued', 16);
    const live = await leftBehind('running', 14);
    const done = await leftBehind('succeeded', 60);

    expect(await runJobOnce(t.deps, planImportRecoveryJob, now)).toBe(true);
    expect(await runJobOnce(t.deps, planImportRecoveryJob, now)).toBe(false); // the same slot runs once

    const zh = (await dept.get(`/api/plan-imports/${deadRunning}`)).json();
    expect(zh).toMatchObject({ status: 'failed', importedRows: 0, finishedAt: now.toISOString() });
    expect(zh.errors).toEqual([{ row: 0, column: '', reason: INTERRUPTED_REASON, message: expect.stringContaining('请重新上传') }]);
    expect(zh.errors[0].message).toContain('15 分钟');
    const en = (await dept.get(`/api/plan-imports/${deadRunning}`, { 'accept-language': 'en' })).json();
    expect(en.errors[0]).toMatchObject({ reason: INTERRUPTED_REASON, message: expect.stringContaining('upload the file again') });
    expect(en.errors[0].message).toContain('15 minutes');
    expect((await dept.get(`/api/plan-imports/${deadQueued}`)).json()).toMatchObject({ status: 'failed', errors: [{ reason: INTERRUPTED_REASON }] });
    expect((await dept.get(`/api/plan-imports/${live}`)).json()).toMatchObject({ status: 'running', errors: [], finishedAt: null });
    expect((await dept.get(`/api/plan-imports/${done}`)).json()).toMatchObject({ status: 'succeeded', importedRows: 40 });

    // Audited, once per job given up.
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'actor_username'])
      .where('entity', '=', 'plan_import')
      .where('action', '=', 'fail')
      .execute();
    expect(audit.map((a) => Number(a.entity_id)).sort((a, b) => a - b)).toEqual([deadRunning, deadQueued].sort((a, b) => a - b));
    expect(audit.every((a) => a.actor_username === 'plan.importRecovery')).toBe(true);

    // The live one is given up only once it too is past the time-out; nothing is given up twice.
    expect(await failStaleImports(t.deps, new Date(now.getTime() + 2 * MINUTE))).toEqual([live]);
    expect(await failStaleImports(t.deps, new Date(now.getTime() + 60 * MINUTE))).toEqual([]);
  });

  it('a given-up job writes nothing even if its process comes back; the unit uploads again and it imports', async () => {
    const given = await leftBehind('queued', 30);
    expect(await failStaleImports(t.deps, now)).toEqual([given]);

    const res = await dept.get(`/api/plan-reports/template.xlsx?periodId=${periodId}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('填报')!;
    const headers = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, col) => headers.set(cell.text, col));
    const row = sheet.getRow(2);
    row.getCell(headers.get('本期数值')!).value = row.getCell(headers.get('计量单位')!).text === '%' ? 42.5 : 3;
    row.getCell(headers.get('情况说明')!).value = '重新上传';
    const reportId = Number(row.getCell(headers.get('报告编号')!).value);
    const data = Buffer.from(await wb.xlsx.writeBuffer());

    // The old process finishing its work late: the job stays failed and the report untouched.
    const ctx: RequestContext = {
      actor: {
        ...ANONYMOUS,
        kind: 'user',
        userId: owner.userId,
        username: 'demo_department',
        role: 'department',
        organizationId: owner.organizationId,
        organizationKind: 'department',
      },
      requestId: null,
      ip: null,
      locale: 'zh-CN',
    };
    await runImport(t.deps, ctx, given, data);
    expect((await dept.get(`/api/plan-imports/${given}`)).json()).toMatchObject({ status: 'failed', errors: [{ reason: INTERRUPTED_REASON }] });
    const before = await t.deps.database.db.selectFrom('plan_reports').select(['status', 'narrative']).where('id', '=', reportId).executeTakeFirstOrThrow();
    expect(before.narrative).not.toBe('重新上传');

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)]), '填报.xlsx');
    const upload = await dept.request({ method: 'POST', url: '/api/plan-imports', payload: form as never });
    expect(upload.statusCode, upload.body).toBe(202);
    let job = upload.json();
    for (let i = 0; i < 200 && (job.status === 'queued' || job.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 25));
      job = (await dept.get(`/api/plan-imports/${job.id}`)).json();
    }
    expect(job).toMatchObject({ status: 'succeeded', importedRows: 1, errors: [] });
    const after = await t.deps.database.db.selectFrom('plan_reports').select(['status', 'narrative']).where('id', '=', reportId).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'draft', narrative: '重新上传' });
  });
});
