import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { scrappingProgramBody } from '../testing/fixtures.js';

/** PUT /api/tradein/car-programs/:id/rule under the optimistic rule of core/versioned.ts. */
describe('car programme rules: the version the editor loaded', () => {
  let t: TestApp;
  let commerce: TestClient;
  let programId: number;
  type Loaded = { ruleVersion: number; rule: { amounts: { energyType: string; minPriceFen: number; maxPriceFen: number | null; amountFen: number }[] } };
  const loaded = async () => (await commerce.get(`/api/tradein/car-programs/${programId}`)).json() as Loaded;
  const withAmount = (p: Loaded, amountFen: number) => ({ ...p.rule, amounts: [{ energyType: 'nev', minPriceFen: 0, maxPriceFen: null, amountFen }] });
  const put = (body: unknown) => commerce.put(`/api/tradein/car-programs/${programId}/rule`, body);

  beforeAll(async () => {
    t = await createTestApp();
    commerce = await t.login('demo_department');
    const created = await commerce.post('/api/tradein/car-programs', scrappingProgramBody('car-versions-test'));
    expect(created.statusCode, created.body).toBe(201);
    programId = created.json().id;
  });
  afterAll(() => t.close());

  it('saves on the loaded version; a stale one is 409 VERSION_CONFLICT and changes nothing', async () => {
    const before = await loaded();
    expect(before.ruleVersion).toBe(1);
    const saved = await put({ rule: withAmount(before, 2_100_000), baseVersion: 1, note: '第一位' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().ruleVersion).toBe(2);
    const stale = await put({ rule: withAmount(before, 2_200_000), baseVersion: 1, note: '第二位' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(await loaded()).toMatchObject({ ruleVersion: 2, rule: { amounts: [{ amountFen: 2_100_000 }] } });
    const history = (await commerce.get(`/api/tradein/car-programs/${programId}/rules`)).json() as { version: number; current: boolean; note: string | null }[];
    expect(history.map((h) => [h.version, h.current, h.note])).toEqual([
      [2, true, '第一位'],
      [1, false, null],
    ]);
  });

  it('without a base the current version is the base (clients that do not send it keep working)', async () => {
    const before = await loaded();
    const saved = await put({ rule: withAmount(before, 2_300_000) });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().ruleVersion).toBe(before.ruleVersion + 1);
  });

  it('of two saves of the same version at once, one wins and the other is 409', async () => {
    const before = await loaded();
    const results = await Promise.all([1, 2].map((n) => put({ rule: withAmount(before, 2_400_000 + n), baseVersion: before.ruleVersion })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await loaded()).ruleVersion).toBe(before.ruleVersion + 1);
  });
});
