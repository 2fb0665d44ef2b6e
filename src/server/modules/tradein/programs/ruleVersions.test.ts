import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';

/** PUT /api/tradein/programs/:id/categories/:category under the optimistic rule of core/versioned.ts. */
describe('trade-in category rules: the version the editor loaded', () => {
  let t: TestApp;
  let commerce: TestClient;
  let programId: number;
  const category = 'refrigerator';
  const url = () => `/api/tradein/programs/${programId}/categories/${category}`;
  const loaded = async () =>
    (
      (await commerce.get(`/api/tradein/programs/${programId}`)).json().categories as { category: string; ruleVersion: number; rule: { capFen: number } }[]
    ).find((c) => c.category === category)!;
  const history = async () => ((await commerce.get(`${url()}/history`)).json() as { version: number; current: boolean }[]).map((h) => [h.version, h.current]);

  beforeAll(async () => {
    t = await createTestApp();
    commerce = await t.login('demo_department');
    const programs = (await commerce.get('/api/tradein/programs')).json() as { id: number; status: string; categories: { category: string }[] }[];
    programId = programs.find((p) => p.status === 'active' && p.categories.some((c) => c.category === category))!.id;
  });
  afterAll(() => t.close());

  it('saves on the loaded version; a stale one is 409 VERSION_CONFLICT and changes nothing', async () => {
    const before = await loaded();
    const saved = await commerce.put(url(), { rule: { ...before.rule, capFen: before.rule.capFen + 100 }, baseVersion: before.ruleVersion, note: '第一位' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await loaded()).ruleVersion).toBe(before.ruleVersion + 1);
    const stale = await commerce.put(url(), { rule: { ...before.rule, capFen: before.rule.capFen + 200 }, baseVersion: before.ruleVersion, note: '第二位' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.message).toContain(`第 ${before.ruleVersion} 版`);
    const after = await loaded();
    expect(after).toMatchObject({ ruleVersion: before.ruleVersion + 1, rule: { capFen: before.rule.capFen + 100 } });
    expect(await history()).toEqual([
      [before.ruleVersion + 1, true],
      [before.ruleVersion, false],
    ]);
  });

  it('without a base the current version is the base, and an unchanged rule makes no version', async () => {
    const before = await loaded();
    const saved = await commerce.put(url(), { rule: { ...before.rule, capFen: before.rule.capFen + 1 } });
    expect(saved.statusCode, saved.body).toBe(200);
    const now = await loaded();
    expect(now.ruleVersion).toBe(before.ruleVersion + 1);
    expect((await commerce.put(url(), { rule: now.rule, baseVersion: now.ruleVersion, dailyQuota: 7 })).statusCode).toBe(200);
    expect(await loaded()).toMatchObject({ ruleVersion: now.ruleVersion });
  });

  it('adds a category from version 0; any other base for a category not there yet is stale', async () => {
    const rule = (await loaded()).rule;
    const added = `/api/tradein/programs/${programId}/categories/test_freezer`;
    expect((await commerce.put(added, { name: '冰柜', rule, baseVersion: 1 })).json().error.code).toBe('VERSION_CONFLICT');
    const created = await commerce.put(added, { name: '冰柜', rule, baseVersion: 0 });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().categories.find((c: { category: string }) => c.category === 'test_freezer')).toMatchObject({ ruleVersion: 1 });
  });

  it('of two saves of the same version at once, one wins and the other is 409', async () => {
    const before = await loaded();
    const results = await Promise.all(
      [1, 2].map((n) => commerce.put(url(), { rule: { ...before.rule, capFen: before.rule.capFen + 1000 * n }, baseVersion: before.ruleVersion })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await loaded()).ruleVersion).toBe(before.ruleVersion + 1);
  });
});
