import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type RequestContext } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { inTransaction } from '../../../db/database.js';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { appendAudit } from '../audit/auditTrail.js';
import { platformModule } from '../index.js';
import { failStaleImportJobs, IMPORT_TIMEOUT_MS, importJobsQueue, importRecoveryJob } from './recovery.js';
import { getImportJob, ImportGivenUp, listImportJobs, safeFilename, startImportJob, type ImportJobView, type ImportRun } from './kernel.js';

const XLSX = Buffer.from('PK\u0003\u0004 not really a workbook');
const MINUTE = 60_000;

describe('the background import kernel', () => {
  let t: TestApp;
  let dept: RequestContext;
  let town: RequestContext;
  let office: RequestContext;

  const contextOf = async (username: string, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<RequestContext> => {
    const u = await t.deps.database.db.selectFrom('users').select(['id', 'organization_id', 'role']).where('username', '=', username).executeTakeFirstOrThrow();
    return {
      actor: { ...ANONYMOUS, kind: 'user', userId: Number(u.id), username, role: u.role, organizationId: Number(u.organization_id) },
      requestId: null,
      ip: null,
      locale,
    };
  };

  /** Polls the job until it has ended. */
  const finished = async (id: number, ctx = dept): Promise<ImportJobView> => {
    for (let i = 0; i < 400; i++) {
      const job = await getImportJob(t.deps.database.db, ctx, id);
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('import did not end');
  };

  const start = (run: (job: ImportRun) => Promise<void>, ctx = dept, filename = 'assets.xlsx') =>
    startImportJob(t.deps, ctx, { module: 'kerneltest', subject: 'kerneltest.thing:1', filename, data: XLSX, run });

  const auditOf = (id: number) =>
    t.deps.database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'import_job').where('entity_id', '=', String(id)).orderBy('id').execute();

  beforeAll(async () => {
    t = await createTestApp();
    dept = await contextOf('demo_department');
    town = await contextOf('demo_town');
    office = await contextOf('demo_office');
  });
  afterAll(() => t.close());

  it('is part of the platform module: its recovery job and its backlog', () => {
    expect(platformModule.jobs).toContain(importRecoveryJob);
    expect(platformModule.queues).toContain(importJobsQueue);
    expect(importRecoveryJob.name).toBe('platform.importRecovery');
    const now = new Date('2026-12-01T10:02:00Z');
    expect(importRecoveryJob.runKey(now)).toBe(importRecoveryJob.runKey(new Date(now.getTime() + 2 * MINUTE)));
    expect(importRecoveryJob.runKey(now)).not.toBe(importRecoveryJob.runKey(new Date(now.getTime() + 3 * MINUTE)));
  });

  it('refuses anything but an xlsx, and keeps no path or control characters of a file name', async () => {
    const refused = await startImportJob(t.deps, dept, {
      module: 'kerneltest',
      subject: 's',
      filename: 'a.csv',
      data: Buffer.from('a,b'),
      run: async () => {},
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 415, code: 'UNSUPPORTED_FILE_TYPE', fields: [{ path: 'file', reason: 'field.fileType' }] });
    expect(safeFilename('../../etc/pass\nwd.xlsx')).toBe('.._.._etc_pass_wd.xlsx');
  });

  it('runs in the background with progress, and commits the rows with its success', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const queued = await start(async (job) => {
      await job.progress(200, 1000);
      await gate;
      await inTransaction(t.deps.database, async (tx) => {
        await appendAudit(tx, job.ctx, { entity: 'kerneltest_row', entityId: job.id, action: 'import' });
        await job.succeed(tx, { inserted: 700, updated: 300 });
      });
    });
    expect(queued).toMatchObject({ status: 'queued', filename: 'assets.xlsx', totalRows: 0, processedRows: 0, errors: [], finishedAt: null });
    let seen: ImportJobView | undefined;
    for (let i = 0; i < 200 && seen?.processedRows !== 200; i++) {
      await new Promise((r) => setTimeout(r, 5));
      seen = await getImportJob(t.deps.database.db, dept, queued.id);
    }
    expect(seen).toMatchObject({ status: 'running', processedRows: 200, totalRows: 1000 });
    release();
    const done = await finished(queued.id);
    expect(done).toMatchObject({ status: 'succeeded', processedRows: 1000, totalRows: 1000, insertedRows: 700, updatedRows: 300, errors: [] });
    expect(done.finishedAt).not.toBeNull();
    expect((await auditOf(queued.id)).map((a) => a.action)).toEqual(['upload']);
    expect(await t.deps.database.db.selectFrom('audit_log').select('id').where('entity', '=', 'kerneltest_row').execute()).toHaveLength(1);
  });

  it('fails with the errors by row, each in the reader’s language', async () => {
    const job = await start(async (run) => {
      await run.fail([
        { row: 7, column: '名称 Name', reason: 'field.required' },
        { row: 3, column: '数量 Count', reason: 'field.ledgers.tooSmall', params: { min: 1 } },
      ]);
    });
    const zh = await finished(job.id);
    expect(zh.status).toBe('failed');
    expect(zh.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [3, '数量 Count', 'ledgers.tooSmall'],
      [7, '名称 Name', 'required'],
    ]);
    const en = await getImportJob(t.deps.database.db, { ...dept, locale: 'en' }, job.id);
    expect(en.errors[0]!.message).not.toBe(zh.errors[0]!.message);
    expect(en.errors[0]!.message).toContain('1');
  });

  it('never stays running: a crash or a run without an outcome fails the job', async () => {
    const crashed = await finished(
      (
        await start(async (job) => {
          await job.progress(10, 20);
          throw new Error('disk on fire');
        })
      ).id,
    );
    expect(crashed).toMatchObject({ status: 'failed', insertedRows: 0, errors: [{ row: 0, column: '', reason: 'importJob.internal' }] });
    const silent = await finished((await start(async () => {})).id);
    expect(silent).toMatchObject({ status: 'failed', errors: [{ reason: 'importJob.internal' }] });
  });

  it('recovery gives up a stale job, and the job’s late success then writes nothing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let outcome: unknown;
    const job = await start(async (run) => {
      await gate;
      outcome = await inTransaction(t.deps.database, async (tx) => {
        await appendAudit(tx, run.ctx, { entity: 'kerneltest_late', entityId: run.id, action: 'import' });
        await run.succeed(tx, { inserted: 5, updated: 0 });
      }).catch((e: unknown) => e);
      if (outcome instanceof Error) throw outcome;
    });
    for (let i = 0; i < 100 && (await getImportJob(t.deps.database.db, dept, job.id)).status !== 'running'; i++) await new Promise((r) => setTimeout(r, 5));
    expect(await importJobsQueue.depth(t.deps)).toBeGreaterThanOrEqual(1);
    const created = new Date((await getImportJob(t.deps.database.db, dept, job.id)).createdAt);
    // Not yet: 14 minutes after the upload the job may still be alive.
    expect(await failStaleImportJobs(t.deps, new Date(created.getTime() + IMPORT_TIMEOUT_MS - MINUTE))).toEqual([]);
    expect(await failStaleImportJobs(t.deps, new Date(created.getTime() + IMPORT_TIMEOUT_MS + MINUTE))).toContain(job.id);
    release();
    const given = await finished(job.id);
    expect(given).toMatchObject({ status: 'failed', errors: [{ row: 0, reason: 'importJob.interrupted' }] });
    expect(given.errors[0]!.message).toContain('15');
    // Wait for the run to have tried its success.
    const tried = () => outcome !== undefined;
    for (let i = 0; i < 100 && !tried(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(outcome).toBeInstanceOf(ImportGivenUp);
    expect(await t.deps.database.db.selectFrom('audit_log').select('id').where('entity', '=', 'kerneltest_late').execute()).toEqual([]);
    const audit = await auditOf(job.id);
    expect(audit.map((a) => [a.action, a.actor_username])).toEqual([
      ['upload', 'demo_department'],
      ['fail', 'platform.importRecovery'],
    ]);
    expect(await getImportJob(t.deps.database.db, dept, job.id)).toMatchObject({ status: 'failed' });
  });

  it('shows a job to its uploader and the office only, and lists the caller’s own jobs of a subject', async () => {
    const job = await finished((await start(async (run) => run.fail([]))).id);
    await expect(getImportJob(t.deps.database.db, town, job.id)).rejects.toMatchObject({ status: 404 });
    await expect(getImportJob(t.deps.database.db, dept, job.id, 'othermodule')).rejects.toMatchObject({ status: 404 });
    expect((await getImportJob(t.deps.database.db, office, job.id, 'kerneltest')).id).toBe(job.id);
    await finished((await start(async (run) => run.fail([]), town)).id, town);
    const mine = await listImportJobs(t.deps.database.db, dept, 'kerneltest.thing:1', { page: 1, pageSize: 3 });
    expect(mine.total).toBeGreaterThanOrEqual(5);
    expect(mine.items).toHaveLength(3);
    expect(mine.items[0]!.id).toBe(job.id);
    expect((await listImportJobs(t.deps.database.db, town, 'kerneltest.thing:1', { page: 1, pageSize: 20 })).total).toBe(1);
    expect((await listImportJobs(t.deps.database.db, dept, 'kerneltest.thing:2', { page: 1, pageSize: 20 })).total).toBe(0);
  });
});
