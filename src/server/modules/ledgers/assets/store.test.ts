import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../core/context.js';
import { inTransaction } from '../../../db/database.js';
import { oldFrom } from '../../../../shared/ledgers/rules.js';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { loadKind } from '../kinds/current.js';
import { insertAssets, updateAssetsByKey } from './service.js';
import { addKind, equipmentDefinition, orgId } from './testSetup.js';

/** The batch writes the import uses: ids in the order of the rows across statements, one history entry each. */
describe('ledger asset batch writes', () => {
  useFakeClock(shanghaiInstant('2026-06-15', '10:00'));
  let t: TestApp;
  let kindId: number;
  let townId: number;

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    kindId = await addKind(t, 'batchEquipment', equipmentDefinition);
    townId = await orgId(t, '青阳街道');
  });
  afterAll(() => t.close());

  const values = (i: number, units = 1) => ({
    code: `BT${String(i).padStart(4, '0')}`,
    name: null,
    units,
    areaM2: null,
    cost: null,
    commissionedOn: '2008-01-01',
    material: null,
    owner: null,
    town: townId,
    location: null,
    photo: null,
  });

  it('inserts 450 rows in chunks, answering ids in the order of the rows, each registered with its audit record', async () => {
    const kind = await loadKind(t.deps.database.db, kindId);
    const rows = Array.from({ length: 450 }, (_, i) => ({ values: values(i), townId, oldFrom: oldFrom(kind.definition.oldRule, values(i)) }));
    const ids = await inTransaction(t.deps.database, (tx) => insertAssets(tx, systemContext('import'), kind, rows, { source: 'import', importId: 7 }));
    expect(ids).toHaveLength(450);
    const db = t.deps.database.db;
    const stored = await db.selectFrom('ledger_assets').select(['id', 'unique_key', 'old_from', 'town_id']).where('kind_id', '=', kindId).execute();
    const byId = new Map(stored.map((r) => [Number(r.id), r]));
    ids.forEach((id, i) => expect(byId.get(id)).toMatchObject({ unique_key: `BT${String(i).padStart(4, '0')}`, old_from: '2023-01-01' }));
    const timeline = await db
      .selectFrom('record_timeline')
      .select(['entity_id', 'params_json'])
      .where('entity', '=', 'ledger_asset')
      .where('entity_id', 'in', ids)
      .execute();
    expect(timeline).toHaveLength(450);
    expect(JSON.parse(timeline[0]!.params_json)).toMatchObject({ source: 'import', importId: 7 });
    const audits = await db.selectFrom('audit_log').select('id').where('entity', '=', 'ledger_asset').where('action', '=', 'register').execute();
    expect(audits.length).toBeGreaterThanOrEqual(450);
  });

  it('updates by key on re-import, one audit record per asset with what changed', async () => {
    const kind = await loadKind(t.deps.database.db, kindId);
    const db = t.deps.database.db;
    const existing = await db.selectFrom('ledger_assets').select(['id', 'unique_key']).where('kind_id', '=', kindId).orderBy('id').limit(3).execute();
    const rows = existing.map((r, i) => {
      const v = { ...values(Number(r.unique_key!.slice(2)), 10 + i), commissionedOn: '2020-01-01' };
      return { id: Number(r.id), values: v, townId, oldFrom: oldFrom(kind.definition.oldRule, v) };
    });
    await inTransaction(t.deps.database, (tx) => updateAssetsByKey(tx, systemContext('import'), kind, rows, 8));
    const after = await db
      .selectFrom('ledger_assets')
      .select(['id', 'n1', 'old_from'])
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    expect(after.map((r) => [Number(r.n1), r.old_from])).toEqual([
      [10, '2035-01-01'],
      [11, '2035-01-01'],
      [12, '2035-01-01'],
    ]);
    const audits = await db
      .selectFrom('audit_log')
      .select(['entity_id', 'before_json', 'after_json'])
      .where('entity', '=', 'ledger_asset')
      .where('action', '=', 'reimport')
      .orderBy('id')
      .execute();
    expect(audits).toHaveLength(3);
    expect(JSON.parse(audits[0]!.before_json!)).toMatchObject({ values: { units: 1, commissionedOn: '2008-01-01' }, oldFrom: '2023-01-01' });
    expect(JSON.parse(audits[0]!.after_json!)).toMatchObject({ values: { units: 10, commissionedOn: '2020-01-01' }, importId: 8 });
  });

  it('holds each key once in ledger_asset_keys: a second holder is refused, a key moved on is free again', async () => {
    const kind = await loadKind(t.deps.database.db, kindId);
    const db = t.deps.database.db;
    const ctx = systemContext('import');
    const row = (i: number) => ({ values: values(i), townId, oldFrom: oldFrom(kind.definition.oldRule, values(i)) });
    const insert = (i: number) => inTransaction(t.deps.database, (tx) => insertAssets(tx, ctx, kind, [row(i)], { source: 'import', importId: 9 }));
    const [id] = await insert(900);
    // Straight to the writes, past the service's own look-up, as the second of two racing writers gets there.
    await expect(insert(900)).rejects.toMatchObject({ status: 409, code: 'DUPLICATE', fields: [{ path: 'values.code' }] });
    await inTransaction(t.deps.database, (tx) => updateAssetsByKey(tx, ctx, kind, [{ id: id!, ...row(901) }], 9));
    const keys = await db.selectFrom('ledger_asset_keys').select(['kind_id', 'unique_key']).where('asset_id', '=', id!).execute();
    expect(keys.map((k) => [Number(k.kind_id), k.unique_key])).toEqual([[kindId, 'BT0901']]);
    await expect(insert(901)).rejects.toMatchObject({ status: 409, code: 'DUPLICATE' });
    expect(await insert(900)).toHaveLength(1);
  });
});
