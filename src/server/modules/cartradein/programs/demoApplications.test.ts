import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { verifyAuditTrail } from '../../platform/audit/auditTrail.js';
import { seedCarTradeinDemo } from './demo.js';
import { seedCarApplicationsDemo } from './demoApplications.js';

/** The car module's demo applications, on a clock inside the plan's years (mid-June 2026), through the real services. */
describe('car trade-in demo: applications at every step of their review', () => {
  useFakeClock(shanghaiInstant('2026-06-15', '10:00'));
  let t: TestApp;
  const demoApplications = () =>
    t.deps.database.db
      .selectFrom('cartradein_applications as a')
      .innerJoin('users as u', 'u.id', 'a.applicant_user_id')
      .innerJoin('organizations as town', 'town.id', 'a.town_id')
      .innerJoin('cartradein_programs as p', 'p.id', 'a.program_id')
      .select([
        'a.id',
        'a.status',
        'a.eligible',
        'a.resubmissions',
        'a.payment_batch_id',
        'u.display_name',
        'u.is_demo',
        'town.kind as town_kind',
        'a.town_id',
        'p.code',
      ])
      .orderBy('a.id')
      .execute();
  beforeAll(async () => {
    t = await createTestApp();
    // The tests' databases have no demo data of their own, so every application counted here is the demo's.
    expect(await t.deps.database.db.selectFrom('cartradein_applications').select('id').execute()).toEqual([]);
    await seedCarTradeinDemo(t.deps, new Date());
  }, 120_000);
  afterAll(() => t.close());

  it('shows every state of the workflow, a resubmission among them, by demo residents of several towns', async () => {
    const apps = await demoApplications();
    expect(apps.length).toBeGreaterThanOrEqual(10);
    const statuses = new Set(apps.map((a) => a.status));
    for (const s of ['submitted', 'returned', 'approved', 'rejected', 'in_payment', 'paid']) expect(statuses, s).toContain(s);
    expect(apps.some((a) => a.status === 'submitted' && a.resubmissions > 0)).toBe(true);
    for (const a of apps) {
      expect(a.display_name).toContain('演示');
      expect(a.is_demo).toBe(1);
      expect(a.town_kind).toBe('town');
      expect(a.code.startsWith('demo-car-scrapping-')).toBe(true);
    }
    expect(new Set(apps.map((a) => a.town_id)).size).toBeGreaterThanOrEqual(5);
    // The rejected one was ineligible from the start; everything approved or further on was eligible.
    expect(apps.filter((a) => a.status === 'rejected').map((a) => a.eligible)).toEqual([0]);
    for (const a of apps.filter((x) => ['approved', 'in_payment', 'paid'].includes(x.status))) expect(a.eligible).toBe(1);
  });

  it('has 市财政局 pay one batch and hold another, and 市商务局 see the queue', async () => {
    const batches = await t.deps.database.db.selectFrom('cartradein_payment_batches').select(['status', 'note', 'application_count']).orderBy('id').execute();
    expect(batches.map((b) => b.status)).toEqual(['paid', 'pending']);
    for (const b of batches) expect(b.note).toContain('演示');
    const department = await t.login('demo_department');
    const list = await department.get('/api/tradein/car-applications?status=submitted');
    expect(list.statusCode, list.body).toBe(200);
    expect((list.json() as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(3);
  });

  it('adds nothing when run again, and the audit chain still verifies', async () => {
    const before = await demoApplications();
    await seedCarTradeinDemo(t.deps, new Date());
    expect(await seedCarApplicationsDemo(t.deps, new Date())).toEqual({});
    expect(await demoApplications()).toEqual(before);
    expect((await verifyAuditTrail(t.deps.database.db)).ok).toBe(true);
  });
});
