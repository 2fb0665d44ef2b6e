import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_RESIDENT, type TestApp } from '../../../../../test/helpers/testApp.js';
import { addDays, endOfShanghaiDate, shanghaiDate, shanghaiInstant } from '../../../core/time.js';
import { nowIso } from '../../../db/time.js';
import { intakeMetrics } from './metrics.js';
import { intakeSetup, paperSale, type IntakeSetup } from './testing.js';

describe('metric recycling.intake.appliancesRecycled', () => {
  let t: TestApp;
  let s: IntakeSetup;
  const today = shanghaiDate();
  const metric = intakeMetrics.find((m) => m.name === 'recycling.intake.appliancesRecycled')!;
  const value = (from: string, toExclusiveDate: string, townId?: number) =>
    metric.compute(t.deps.database.db, {
      from: shanghaiInstant(from).toISOString(),
      to: shanghaiInstant(toExclusiveDate).toISOString(),
      townId: townId ?? null,
    });

  /** A completed pickup in a town with one certificate per category, issued at `at`. */
  async function certificates(townId: number, categories: string[], at: string) {
    const db = t.deps.database.db;
    const resident = await db.selectFrom('users').select('id').where('username', '=', DEMO_RESIDENT.mobile).executeTakeFirst();
    const residentId = Number(resident?.id ?? (await db.selectFrom('users').select('id').where('role', '=', 'resident').executeTakeFirstOrThrow()).id);
    const now = nowIso();
    const p = await db
      .insertInto('recycling_pickups')
      .values({
        resident_user_id: residentId,
        route: 'standard',
        items_json: '[]',
        address: '测试',
        town_id: townId,
        window_from: now,
        window_to: new Date(Date.now() + 3600_000).toISOString(),
        status: 'completed',
        recycler_organization_id: s.orgA,
        accepted_by: null,
        accepted_at: null,
        handed_items_json: '[]',
        price_paid_fen: 0,
        wipe_method: null,
        wipe_by: null,
        wiped_at: null,
        completed_by: null,
        completed_at: at,
        rating: null,
        open_since: now,
        escalated_at: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, category] of categories.entries())
      await db
        .insertInto('recycling_certificates')
        .values({
          number: `RC-T-${p.id}-${i}`,
          category,
          serial_number: null,
          issued_at: at,
          recycler_organization_id: s.orgA,
          pickup_id: p.id,
          resident_user_id: residentId,
          created_at: now,
        })
        .execute();
  }

  beforeAll(async () => {
    t = await createTestApp();
    s = await intakeSetup(t, 'met');
    const appliances = (units: number, takenInOn: string, siteId = s.siteA) =>
      s.a.post('/api/recycling/intake', {
        ...paperSale(siteId, units, 0),
        material: 'appliances',
        applianceCategory: 'washing_machine',
        weightKg: undefined,
        units,
        takenInOn,
      });
    expect((await appliances(3, today)).statusCode).toBe(201);
    expect((await appliances(2, addDays(today, -2))).statusCode).toBe(201);
    // Not appliances, so not counted.
    expect((await s.a.post('/api/recycling/intake', paperSale(s.siteA, 40, 0))).statusCode).toBe(201);
    const voided = await appliances(7, today);
    expect((await s.a.post(`/api/recycling/intake/${voided.json().id}/void`, { reason: '重复登记' })).statusCode).toBe(200);
    // B's site is in the other town.
    expect(
      (
        await s.b.post('/api/recycling/intake', {
          ...paperSale(s.siteB, 5, 0),
          material: 'appliances',
          applianceCategory: 'refrigerator',
          weightKg: undefined,
          units: 5,
        })
      ).statusCode,
    ).toBe(201);
    // Pickups: two appliances and a sofa (furniture is not an appliance) today in A's town; one yesterday.
    await certificates(s.townId, ['television', 'air_conditioner', 'sofa'], new Date().toISOString());
    await certificates(s.townId, ['refrigerator'], shanghaiInstant(addDays(today, -1), '12:00').toISOString());
  });
  afterAll(() => t.close());

  it('counts units recorded at sites and appliance certificates of pickups, by town, without voided records', async () => {
    expect(await value(today, addDays(today, 1), s.townId)).toBe(3 + 2);
    expect(await value(today, addDays(today, 1), s.otherTownId)).toBe(5);
    expect(await value(addDays(today, -2), addDays(today, 1), s.townId)).toBe(3 + 2 + 2 + 1);
    expect(await value(addDays(today, -2), addDays(today, 1))).toBeGreaterThanOrEqual(3 + 2 + 2 + 1 + 5);
  });

  it('keeps to the window: from inclusive, to exclusive', async () => {
    // The window ending at today's midnight leaves out today's records and certificates.
    expect(await value(addDays(today, -1), today, s.townId)).toBe(1);
    expect(await value(addDays(today, -2), addDays(today, -1), s.townId)).toBe(2);
    expect(await value(addDays(today, 1), addDays(today, 2), s.townId)).toBe(0);
    expect(endOfShanghaiDate(today).toISOString()).toBe(shanghaiInstant(addDays(today, 1)).toISOString());
    expect(metric.unit).toBe('台');
  });
});
