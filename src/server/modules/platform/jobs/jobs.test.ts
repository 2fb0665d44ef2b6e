import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HuanxinModule } from '../../../core/module.js';
import { shanghaiDate } from '../../../core/time.js';
import { MODULES } from '../../index.js';
import { createTestApp, DEMO_RESIDENT, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import type { JobRunView, JobView } from './schema.js';

const SCHEDULE = { 'zh-CN': '每日（测试）', en: 'Daily (test)' };
let release: () => void = () => undefined;
let okRuns = 0;

/** Test-only jobs beside the real modules' (never installed outside this file). */
const consoleTestModule: HuanxinModule = {
  name: 'consoletest',
  migrations: [],
  plugin: async () => undefined,
  jobs: [
    {
      name: 'consoletest.ok',
      schedule: SCHEDULE,
      runKey: (now) => shanghaiDate(now),
      run: async () => void okRuns++,
    },
    {
      name: 'consoletest.failing',
      schedule: SCHEDULE,
      runKey: (now) => shanghaiDate(now),
      run: async () => {
        throw new Error('ledger service unreachable');
      },
    },
    {
      name: 'consoletest.slow',
      schedule: SCHEDULE,
      runKey: () => null,
      run: () => new Promise<void>((r) => (release = r)),
    },
  ],
};

describe('scheduled jobs console', () => {
  let t: TestApp;
  let office: TestClient;
  beforeAll(async () => {
    t = await createTestApp({ modules: [...MODULES, consoleTestModule] });
    office = await t.login('demo_office');
  });
  afterAll(() => t.close());

  const jobs = async (client: TestClient, headers?: Record<string, string>) => {
    const res = await client.get('/api/jobs', headers);
    expect(res.statusCode).toBe(200);
    return res.json<{ items: JobView[]; now: string }>();
  };
  const job = async (name: string) => (await jobs(office)).items.find((j) => j.name === name)!;

  it('lists every module’s jobs with their schedule in the caller’s language and the next run', async () => {
    const list = await jobs(office);
    const names = list.items.map((j) => j.name);
    for (const name of MODULES.flatMap((m) => (m.jobs ?? []).map((j) => j.name))) expect(names).toContain(name);
    const release = list.items.find((j) => j.name === 'tradein.daily-release')!;
    expect(release).toMatchObject({ module: 'tradein', schedule: '每小时整点', lastRun: null, inFlight: false, recentFailures: [] });
    // Never run: due at the scheduler's next tick.
    expect(release.nextRunAt).toBe(list.now);
    const en = await jobs(office, { 'accept-language': 'en' });
    expect(en.items.find((j) => j.name === 'tradein.daily-release')!.schedule).toBe('Every hour, on the hour');
    for (const j of list.items) if (j.nextRunAt !== null) expect(Date.parse(j.nextRunAt)).toBeGreaterThanOrEqual(Date.parse(list.now));
  });

  it('runs a job now, audited, under a manual key: the scheduled run of the day still happens', async () => {
    const res = await office.post('/api/jobs/consoletest.ok/run');
    expect(res.statusCode).toBe(200);
    const run = res.json<{ run: JobRunView }>().run;
    expect(run).toMatchObject({ manual: true, requestedBy: 'demo_office', outcome: 'ok', error: null, attempts: 1 });
    expect(run.runKey).toMatch(/^manual:/);
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    expect(okRuns).toBe(1);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'scheduled_job')
      .where('entity_id', '=', 'consoletest.ok')
      .where('action', '=', 'run_now')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_username: 'demo_office', outcome: 'ok' });
    expect(JSON.parse(audit[0]!.after_json!)).toEqual({ runKey: run.runKey });
    const after = await job('consoletest.ok');
    expect(after.lastRun).toMatchObject({ runKey: run.runKey, outcome: 'ok' });
    // The day's scheduled run has not happened yet, so it is still due now.
    expect(Date.parse(after.nextRunAt!)).toBeLessThanOrEqual(Date.now());
  });

  it('records a failed run with its error and shows it among the recent failures', async () => {
    const res = await office.post('/api/jobs/consoletest.failing/run');
    expect(res.statusCode).toBe(200);
    expect(res.json<{ run: JobRunView }>().run).toMatchObject({ outcome: 'failed', error: 'Error: ledger service unreachable' });
    const failing = await job('consoletest.failing');
    expect(failing.lastRun).toMatchObject({ outcome: 'failed', error: 'Error: ledger service unreachable' });
    expect(failing.recentFailures).toHaveLength(1);
    expect(failing.recentFailures[0]!.error).toBe('Error: ledger service unreachable');
  });

  it('refuses a second run while one is in flight (409), then runs again once it finished', async () => {
    const first = office.post('/api/jobs/consoletest.slow/run');
    await expect.poll(async () => (await job('consoletest.slow')).inFlight, { timeout: 5000 }).toBe(true);
    const second = await office.post('/api/jobs/consoletest.slow/run');
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('JOB_RUNNING');
    expect((await job('consoletest.slow')).lastRun?.outcome).toBe('running');
    release();
    expect((await first).statusCode).toBe(200);
    const slow = await job('consoletest.slow');
    expect(slow).toMatchObject({ inFlight: false, nextRunAt: null });
    expect(slow.lastRun?.outcome).toBe('ok');
  });

  it('pages a job’s run history, newest first, and filters it by outcome', async () => {
    for (let i = 0; i < 2; i++) expect((await office.post('/api/jobs/consoletest.ok/run')).statusCode).toBe(200);
    const page1 = await office.get('/api/jobs/consoletest.ok/runs?pageSize=2');
    expect(page1.statusCode).toBe(200);
    const body = page1.json<{ items: JobRunView[]; total: number; page: number }>();
    expect(body.total).toBe(3);
    expect(body.items).toHaveLength(2);
    expect(body.items[0]!.startedAt >= body.items[1]!.startedAt).toBe(true);
    const page2 = (await office.get('/api/jobs/consoletest.ok/runs?pageSize=2&page=2')).json<{ items: JobRunView[] }>();
    expect(page2.items).toHaveLength(1);
    expect((await office.get('/api/jobs/consoletest.ok/runs?outcome=failed')).json().total).toBe(0);
    expect((await office.get('/api/jobs/consoletest.failing/runs?outcome=failed')).json().total).toBe(1);
    expect((await office.get('/api/jobs/consoletest.ok/runs?outcome=bogus')).statusCode).toBe(400);
  });

  it('answers 404 for a job that is not installed', async () => {
    const res = await office.post('/api/jobs/nobody.job/run');
    expect(res.statusCode).toBe(404);
    expect((await office.get('/api/jobs/nobody.job/runs')).statusCode).toBe(404);
  });

  it('is the office’s and the administrators’: residents and departments get 403, audited', async () => {
    const admin = await t.login('demo_admin');
    expect((await admin.get('/api/jobs')).statusCode).toBe(200);
    const department = await t.login('demo_department');
    const resident = await t.login(DEMO_RESIDENT.mobile);
    for (const client of [department, resident]) {
      expect((await client.get('/api/jobs')).statusCode).toBe(403);
      expect((await client.get('/api/jobs/consoletest.ok/runs')).statusCode).toBe(403);
      expect((await client.post('/api/jobs/consoletest.ok/run')).statusCode).toBe(403);
    }
    expect(okRuns).toBe(3);
    const denied = await t.deps.database.db
      .selectFrom('audit_log')
      .select('actor_role')
      .where('entity', '=', 'scheduled_job')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.map((d) => d.actor_role).sort()).toEqual(['department', 'department', 'department', 'resident', 'resident', 'resident']);
  });
});
