import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';

/** GET /api/plan/metrics/value: one metric over one window, what the dashboard would use for it. */
describe('a metric’s value over a window', () => {
  let t: TestApp;
  let office: TestClient;
  const window = 'from=2024-12-31T16:00:00.000Z&to=2025-12-31T16:00:00.000Z';

  beforeAll(async () => {
    t = await createTestApp();
    office = await t.login('demo_office');
  });
  afterAll(() => t.close());

  it('computes a ledger metric for the city and for one town; none recorded is 0, a ledger with no assets null', async () => {
    const town = await t.deps.database.db.selectFrom('organizations').select('id').where('name', '=', '青阳街道').executeTakeFirstOrThrow();
    const res = await office.get(`/api/plan/metrics/value?name=ledgers.buses.renewed&${window}`);
    expect(res.statusCode).toBe(200);
    // The shipped bus ledger has no assets without demo data: no data, not a fall to 0.
    expect(res.json()).toEqual({
      name: 'ledgers.buses.renewed',
      unit: '部',
      from: '2024-12-31T16:00:00.000Z',
      to: '2025-12-31T16:00:00.000Z',
      townId: null,
      value: null,
    });
    const byTown = await office.get(`/api/plan/metrics/value?name=ledgers.buses.renewed&${window}&townId=${town.id}`);
    expect(byTown.json()).toMatchObject({ townId: Number(town.id), value: null });
  });

  it('refuses an unknown metric and a window that ends before it starts, by field, in the caller’s language', async () => {
    const res = await office.get(`/api/plan/metrics/value?name=ledgers.nope.figure&from=2025-12-31T16:00:00.000Z&to=2024-12-31T16:00:00.000Z`, {
      'accept-language': 'en',
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['name', 'to']);
    const merchant = await t.login('demo_merchant');
    expect((await merchant.get(`/api/plan/metrics/value?name=ledgers.buses.renewed&${window}`)).statusCode).toBe(403);
  });
});
