import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobOnce, type ScheduledJob } from './jobs.js';
import { shanghaiDate } from './time.js';
import { createTestApp, type TestApp } from '../../../test/helpers/testApp.js';

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
    const idle: ScheduledJob = { name: 'test.idle', runKey: () => null, run: async () => undefined };
    expect(await runJobOnce(t.deps, idle)).toBe(false);
    await t.deps.database.db
      .insertInto('job_runs')
      .values({ name: 'test.crashed', run_key: 'k', started_at: new Date(Date.now() - 3600_000).toISOString(), finished_at: null })
      .execute();
    let ran = false;
    const job: ScheduledJob = { name: 'test.crashed', runKey: () => 'k', run: async () => void (ran = true) };
    expect(await runJobOnce(t.deps, job)).toBe(true);
    expect(ran).toBe(true);
  });
});
