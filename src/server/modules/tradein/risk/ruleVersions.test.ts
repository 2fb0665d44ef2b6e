import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';

/** PUT /api/tradein/risk/rules/:code under the optimistic rule of core/versioned.ts. */
describe('risk rules: the version the editor loaded', () => {
  let t: TestApp;
  let commerce: TestClient;
  type Rule = { code: string; enabled: boolean; action: string; score: number; params: Record<string, number>; version: number };
  const loaded = async () => ((await commerce.get('/api/tradein/risk/rules')).json() as Rule[]).find((r) => r.code === 'merchant_burst')!;
  const put = (body: Record<string, unknown>) => commerce.put('/api/tradein/risk/rules/merchant_burst', body);
  const body = (r: Rule, score: number, extra: Record<string, unknown> = {}) => ({
    enabled: r.enabled,
    action: r.action,
    score,
    params: r.params,
    note: '调整权重',
    ...extra,
  });
  const versions = async () =>
    ((await commerce.get('/api/tradein/risk/rules/merchant_burst/history')).json() as { version: number; current: boolean }[]).map((h) => [
      h.version,
      h.current,
    ]);

  beforeAll(async () => {
    t = await createTestApp();
    commerce = await t.login('demo_department');
  });
  afterAll(() => t.close());

  it('saves on the loaded version; a stale one is 409 VERSION_CONFLICT and changes nothing', async () => {
    const before = await loaded();
    expect(before.version).toBe(1);
    const saved = await put(body(before, before.score + 1, { baseVersion: 1 }));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, score: before.score + 1 });
    const stale = await put(body(before, before.score + 2, { baseVersion: 1 }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(await loaded()).toMatchObject({ version: 2, score: before.score + 1 });
    expect(await versions()).toEqual([
      [2, true],
      [1, false],
    ]);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'tradein_risk_rule')
      .where('entity_id', '=', 'merchant_burst')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['update']);
  });

  it('without a base the current version is the base; unchanged settings make no version', async () => {
    const before = await loaded();
    const saved = await put(body(before, before.score + 5));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(before.version + 1);
    const same = await put(body(await loaded(), before.score + 5, { note: '再存一次' }));
    expect(same.statusCode).toBe(200);
    expect(same.json().version).toBe(before.version + 1);
  });

  it('of two saves of the same version at once, one wins and the other is 409', async () => {
    const before = await loaded();
    const results = await Promise.all([1, 2].map((n) => put(body(before, before.score + 10 + n, { baseVersion: before.version }))));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await loaded()).version).toBe(before.version + 1);
  });
});
