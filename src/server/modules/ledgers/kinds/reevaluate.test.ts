import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { ALWAYS_OLD } from '../../../../shared/ledgers/rules.js';
import { nowIso } from '../../../db/time.js';
import { loadKind } from './current.js';
import { addAccount, everyFieldDefinition, insertAssets, orgId, TEST_PASSWORD, townIds } from './testSetup.js';

const BASE = '/api/ledgers/kinds';

describe('ledger kinds: the old rule re-evaluates assets; towns see their part', () => {
  useFakeClock(shanghaiInstant('2025-07-01', '10:00'));
  let t: TestApp;
  let office: TestClient;
  let townA: TestClient;
  let townB: TestClient;
  let A: number;
  let B: number;
  let kindId: number;
  let closedId: number;
  let ids: number[];

  const oldFroms = async () =>
    (await t.deps.database.db.selectFrom('ledger_assets').select(['id', 'old_from']).where('kind_id', '=', kindId).orderBy('id').execute()).map(
      (r) => r.old_from,
    );
  const summary = async (c: TestClient, code: string) => (await c.get(`${BASE}?pageSize=200`)).json().items.find((k: { code: string }) => k.code === code);

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const officeOrg = await orgId(t, '工作专班办公室（市发改局）');
    [A, B] = (await townIds(t)) as [number, number];
    await addAccount(t, 'lr_office', 'office', officeOrg);
    await addAccount(t, 'lr_town_a', 'town', A);
    await addAccount(t, 'lr_town_b', 'town', B);
    [office, townA, townB] = await Promise.all([t.login('lr_office', TEST_PASSWORD), t.login('lr_town_a', TEST_PASSWORD), t.login('lr_town_b', TEST_PASSWORD)]);
    const housing = await orgId(t, '市住建局');
    const res = await office.post(BASE, { code: 'pumps', keeperOrganizationId: housing, definition: everyFieldDefinition('edit') });
    kindId = res.json().id;
    const closed = await office.post(BASE, {
      code: 'closedToTowns',
      keeperOrganizationId: housing,
      definition: { ...everyFieldDefinition('none'), name: { zh: '内部', en: 'Internal' } },
    });
    closedId = closed.json().id;
    const kind = await loadKind(t.deps.database.db, kindId);
    ids = await insertAssets(t, kind, [
      { code: 'AA001', commissionedOn: '2005-01-01', town: A, energy: 'bev' },
      { code: 'AA002', commissionedOn: '2015-06-01', town: A, energy: 'diesel' },
      { code: 'AA003', commissionedOn: '2000-03-01', town: A },
      { code: 'BB001', commissionedOn: '2012-01-01', town: B },
    ]);
    // The third was replaced this year; an event of last year does not count.
    const db = t.deps.database.db;
    await db.updateTable('ledger_assets').set({ status: 'replaced', ended_on: '2025-03-01' }).where('id', '=', ids[2]!).execute();
    const ev = (assetId: number, town: number, effect: 'replaced' | 'upgraded', occurredOn: string) => ({
      kind_id: kindId,
      asset_id: assetId,
      event_type: effect === 'replaced' ? 'replace' : 'retrofit',
      effect,
      occurred_on: occurredOn,
      town_id: town,
      replacement_id: null,
      values_json: '{}',
      changes_json: '{}',
      q1: null,
      q2: null,
      q3: null,
      q4: null,
      note: null,
      is_demo: 0,
      created_by: null,
      created_at: nowIso(),
    });
    await db
      .insertInto('ledger_events')
      .values([ev(ids[2]!, A, 'replaced', '2025-03-01'), ev(ids[3]!, B, 'upgraded', '2024-12-31'), ev(ids[3]!, B, 'upgraded', '2025-01-01')])
      .execute();
  });
  afterAll(() => t.close());

  it('counts in service, old today and renewed this year per kind', async () => {
    expect(await oldFroms()).toEqual(['2020-01-01', '2030-06-01', '2015-03-01', '2027-01-01']);
    expect(await summary(office, 'pumps')).toMatchObject({ assets: 3, old: 1, renewedThisYear: 2 });
    expect(await summary(office, 'elevators')).toMatchObject({ assets: 0, old: 0, renewedThisYear: 0 });
  });

  it('re-evaluates every asset when the rule changes, in the same save', async () => {
    const current = (await office.get(`${BASE}/${kindId}`)).json();
    const put = (oldRule: unknown, baseVersion: number) => office.put(`${BASE}/${kindId}`, { baseVersion, definition: { ...current.definition, oldRule } });

    const ten = await put({ match: 'any', conditions: [{ op: 'ageAtLeast', field: 'commissionedOn', years: 10 }] }, 1);
    expect(ten.statusCode).toBe(200);
    expect(ten.json()).toMatchObject({ version: 2, reevaluated: 4, ruleText: { zh: '投用日期已满 10 年' } });
    expect(await oldFroms()).toEqual(['2015-01-01', '2025-06-01', '2010-03-01', '2022-01-01']);
    expect(await summary(office, 'pumps')).toMatchObject({ assets: 3, old: 3 });

    const diesel = await put(
      {
        match: 'any',
        conditions: [
          { op: 'ageAtLeast', field: 'commissionedOn', years: 10 },
          { op: 'in', field: 'energy', values: ['diesel'] },
        ],
      },
      2,
    );
    expect(diesel.json()).toMatchObject({
      version: 3,
      reevaluated: 1,
      ruleText: { zh: '投用日期已满 10 年 或 能源 属于 柴油', en: 'In use since at least 10 years ago or Energy is one of Diesel' },
    });
    expect(await oldFroms()).toEqual(['2015-01-01', ALWAYS_OLD, '2010-03-01', '2022-01-01']);

    const noRule = {
      ...current.definition,
      oldRule: null,
      metrics: current.definition.metrics.filter((m: { code: string }) => m.code !== 'old' && m.code !== 'renewed'),
    };
    const removed = await office.put(`${BASE}/${kindId}`, { baseVersion: 3, definition: noRule });
    // Metrics in use are not dropped: the rule stays while metrics need it.
    expect(removed.statusCode).toBe(400);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity', '=', 'ledger_kind')
      .where('entity_id', '=', String(kindId))
      .where('action', '=', 'define')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => JSON.parse(a.after_json!))).toMatchObject([
      { version: 2, ruleChanged: true, reevaluated: 4 },
      { version: 3, ruleChanged: true, reevaluated: 1 },
    ]);
  });

  it('re-evaluates a ledger larger than one chunk', async () => {
    const housing = await orgId(t, '市住建局');
    const definition = {
      name: { zh: '水表', en: 'Meters' },
      titleField: 'code',
      fields: [
        { key: 'code', label: { zh: '编号', en: 'Code' }, type: 'text', unique: true },
        { key: 'installedOn', label: { zh: '安装日期', en: 'Installed on' }, type: 'date' },
      ],
      oldRule: { match: 'all', conditions: [{ op: 'ageAtLeast', field: 'installedOn', years: 6 }] },
    };
    const created = await office.post(BASE, { code: 'meters', keeperOrganizationId: housing, definition });
    const kind = await loadKind(t.deps.database.db, created.json().id);
    // 2,345 meters: a third installed in 2015, the rest in 2020 or without a date.
    const year = (i: number) => (i % 3 === 0 ? '2015-05-01' : i % 3 === 1 ? '2020-05-01' : null);
    await insertAssets(
      t,
      kind,
      Array.from({ length: 2345 }, (_, i) => ({ code: `M${i}`, installedOn: year(i) })),
    );
    const res = await office.put(`${BASE}/${kind.id}`, {
      baseVersion: 1,
      definition: { ...created.json().definition, oldRule: { match: 'all', conditions: [{ op: 'ageAtLeast', field: 'installedOn', years: 8 }] } },
    });
    expect(res.json().reevaluated).toBe(1564);
    const counts = await t.deps.database.db
      .selectFrom('ledger_assets')
      .select(['old_from', (eb) => eb.fn.countAll<number>().as('n')])
      .where('kind_id', '=', kind.id)
      .groupBy('old_from')
      .execute();
    expect(Object.fromEntries(counts.map((c) => [String(c.old_from), Number(c.n)]))).toEqual({ '2023-05-01': 782, '2028-05-01': 782, null: 781 });
  });

  it('shows a town only the kinds open to it, with its own counts', async () => {
    const a = (await townA.get(`${BASE}?pageSize=200`)).json();
    const codes = a.items.map((k: { code: string }) => k.code);
    expect(codes).toContain('pumps');
    expect(codes).toContain('cameras');
    expect(codes).not.toContain('closedToTowns');
    expect(codes).not.toContain('buses');
    expect(a.total).toBe(codes.length);
    expect(await summary(townA, 'pumps')).toMatchObject({ assets: 2, old: 2, renewedThisYear: 1, canDefine: false, canWrite: true });
    expect(await summary(townB, 'pumps')).toMatchObject({ assets: 1, old: 1, renewedThisYear: 1, canWrite: true });
    expect(await summary(townA, 'cameras')).toMatchObject({ canDefine: false, canWrite: false });
    expect((await townA.get(`${BASE}/${closedId}`)).statusCode).toBe(403);
    expect((await townA.get(`${BASE}/${closedId}/versions`)).statusCode).toBe(403);
    expect((await townA.get(`${BASE}/${kindId}`)).statusCode).toBe(200);
    const current = (await townA.get(`${BASE}/${kindId}`)).json();
    expect((await townA.put(`${BASE}/${kindId}`, { baseVersion: current.version, definition: current.definition })).statusCode).toBe(403);
  });
});
