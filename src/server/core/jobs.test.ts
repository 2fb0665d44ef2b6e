import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimManualRun, MAX_ERROR_LENGTH, nextRunAt, runClaimed, runJobOnce, STALE_AFTER_MS, type ScheduledJob } from './jobs.js';
import { inTransaction } from '../db/database.js';
import { shanghaiDate, shanghaiHour, shanghaiHourKey, shanghaiInstant, shanghaiMonth } from './time.js';
import { createTestApp, type TestApp } from '../../../test/helpers/testApp.js';

const SCHEDULE = { 'zh-CN': '测试', en: 'Test' };

describe('scheduled jobs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('names the Asia/Shanghai day', () => {
    expect(shanghaiDate(new Date('2026-11-28T15:59:59Z'))).toBe('2026-11-28');
    expect(shanghaiDate(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
  });

  it('runs each run once, even when two instances race for it', async () => {
    let runs = 0;
    const job: ScheduledJob = {
      name: 'test.daily',
      schedule: SCHEDULE,
      runKey: (now) => shanghaiDate(now),
      run: async () => {
        runs++;
      },
    };
    const now = new Date('2026-11-28T01:00:00Z');
    const results = await Promise.all([runJobOnce(t.deps, job, now), runJobOnce(t.deps, job, now), runJobOnce(t.deps, job, now)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);
    expect(await runJobOnce(t.deps, job, new Date('2026-11-29T01:00:00Z'))).toBe(true);
    expect(runs).toBe(2);
  });

  it('skips when nothing is due and retries a run whose process died', async () => {
    const idle: ScheduledJob = { name: 'test.idle', schedule: SCHEDULE, runKey: () => null, run: async () => undefined };
    expect(await runJobOnce(t.deps, idle)).toBe(false);
    await t.deps.database.db
      .insertInto('job_runs')
      .values({ name: 'test.crashed', run_key: 'k', started_at: new Date(Date.now() - 3600_000).toISOString(), finished_at: null })
      .execute();
    let ran = false;
    const job: ScheduledJob = { name: 'test.crashed', schedule: SCHEDULE, runKey: () => 'k', run: async () => void (ran = true) };
    expect(await runJobOnce(t.deps, job)).toBe(true);
    expect(ran).toBe(true);
  });

  const runRow = (name: string, key: string) =>
    t.deps.database.db.selectFrom('job_runs').selectAll().where('name', '=', name).where('run_key', '=', key).executeTakeFirstOrThrow();

  it('records a failure with its (truncated) error and duration, and retries it only after the stale delay', async () => {
    let calls = 0;
    const job: ScheduledJob = {
      name: 'test.failing',
      schedule: SCHEDULE,
      runKey: () => 'k1',
      run: async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 20));
        if (calls === 1) throw new Error(`boom ${'x'.repeat(2 * MAX_ERROR_LENGTH)}`);
      },
    };
    await expect(runJobOnce(t.deps, job)).rejects.toThrow(/boom/);
    const failed = await runRow('test.failing', 'k1');
    expect(failed.outcome).toBe('failed');
    expect(failed.finished_at).not.toBeNull();
    expect(Number(failed.duration_ms)).toBeGreaterThanOrEqual(15);
    expect(failed.error).toMatch(/^Error: boom x+…$/);
    expect(failed.error!.length).toBe(MAX_ERROR_LENGTH);
    // Not retried at once (every scheduler tick would hammer it)...
    expect(await runJobOnce(t.deps, job)).toBe(false);
    // ...but once the delay has passed: the retry succeeds, counts its attempt and keeps the last error.
    const past = new Date(Date.now() - STALE_AFTER_MS - 1000).toISOString();
    await t.deps.database.db.updateTable('job_runs').set({ finished_at: past }).where('name', '=', 'test.failing').execute();
    expect(await runJobOnce(t.deps, job)).toBe(true);
    const retried = await runRow('test.failing', 'k1');
    expect(retried).toMatchObject({ outcome: 'ok', attempts: 2 });
    expect(retried.error).toMatch(/^Error: boom/);
    expect(calls).toBe(2);
  });

  it('runs by hand under a key of its own, refused while a run is in flight', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let runs = 0;
    const job: ScheduledJob = {
      name: 'test.manual',
      schedule: SCHEDULE,
      runKey: (now) => shanghaiDate(now),
      run: async () => {
        runs++;
        await gate;
      },
    };
    const key = await inTransaction(t.deps.database, (tx) => claimManualRun(tx, job.name, null));
    expect(key).toMatch(/^manual:/);
    const first = runClaimed(t.deps, job, key!);
    expect(await inTransaction(t.deps.database, (tx) => claimManualRun(tx, job.name, null))).toBeNull();
    release();
    expect(await first).toBe('ok');
    expect((await runRow(job.name, key!)).outcome).toBe('ok');
    // The scheduled run of the day still happens.
    expect(await runJobOnce(t.deps, job)).toBe(true);
    expect(runs).toBe(2);
    const failing: ScheduledJob = { ...job, name: 'test.manualFailing', run: () => Promise.reject(new Error('no')) };
    const k2 = await inTransaction(t.deps.database, (tx) => claimManualRun(tx, failing.name, null));
    expect(await runClaimed(t.deps, failing, k2!)).toBe('failed');
    expect(await runRow(failing.name, k2!)).toMatchObject({ outcome: 'failed', error: 'Error: no' });
  });
});

describe('next run', () => {
  const at = (date: string, time: string) => shanghaiInstant(date, time);
  const daily9: Pick<ScheduledJob, 'runKey'> = { runKey: (now) => (shanghaiHour(now) >= 9 ? shanghaiDate(now) : null) };
  const hourly: Pick<ScheduledJob, 'runKey'> = { runKey: (now) => shanghaiHourKey(now) };
  const FIVE_MIN = 5 * 60_000;
  const every5: Pick<ScheduledJob, 'runKey'> = { runKey: (now) => new Date(Math.floor(now.getTime() / FIVE_MIN) * FIVE_MIN).toISOString() };
  const monthly: Pick<ScheduledJob, 'runKey'> = {
    runKey: (now) => (shanghaiDate(now).endsWith('-01') && shanghaiHour(now) < 2 ? null : shanghaiMonth(now)),
  };
  const ran = { outcome: 'ok' as const, finishedAt: '2025-01-01T00:00:00.000Z' };

  it('is now when the current run is due and not run yet', () => {
    const now = at('2025-07-01', '10:00');
    expect(nextRunAt(daily9, now, null)).toEqual(now);
  });

  it('is the start of the next run once the current one ran, to the second', () => {
    expect(nextRunAt(daily9, at('2025-07-01', '10:00'), ran)).toEqual(at('2025-07-02', '09:00'));
    expect(nextRunAt(daily9, at('2025-07-01', '07:30'), null)).toEqual(at('2025-07-01', '09:00'));
    expect(nextRunAt(hourly, at('2025-07-01', '10:17'), ran)).toEqual(at('2025-07-01', '11:00'));
    expect(nextRunAt(every5, at('2025-07-01', '10:17'), ran)).toEqual(at('2025-07-01', '10:20'));
    // The month is closed on the 1st at 02:00, a month ahead, across the year's end too.
    expect(nextRunAt(monthly, at('2025-07-03', '12:00'), ran)).toEqual(at('2025-08-01', '02:00'));
    expect(nextRunAt(monthly, at('2026-12-31', '23:59'), ran)).toEqual(at('2027-01-01', '02:00'));
  });

  it('retries a failed current run after the stale delay', () => {
    const now = at('2025-07-01', '10:00');
    const finishedAt = new Date(now.getTime() - 60_000).toISOString();
    expect(nextRunAt(daily9, now, { outcome: 'failed', finishedAt })).toEqual(new Date(Date.parse(finishedAt) + STALE_AFTER_MS));
  });

  it('is cheap: about one call of runKey per hour ahead, and null when nothing is ever due', () => {
    let calls = 0;
    const counted = {
      runKey: (now: Date) => {
        calls++;
        return monthly.runKey(now);
      },
    };
    nextRunAt(counted, at('2025-07-01', '03:00'), ran);
    expect(calls).toBeLessThan(800);
    expect(nextRunAt({ runKey: () => null }, at('2025-07-01', '03:00'))).toBeNull();
  });
});
