import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { CAR_EVENT_TYPES } from '../../../../shared/enums/cartradein.js';
import { prepareDatabase } from '../../../runtime.js';
import { nowIso } from '../../../db/time.js';

type Item = { code: string; labelZh: string; labelEn: string; sortOrder: number; enabled: boolean; parentCode: string | null; version: number; uses: number };
type Detail = { code: string; ownerModule: string; itemCount: number; enabledCount: number; items: Item[] };

describe('dictionaries: code lists the modules declare and officials keep', () => {
  let t: TestApp;
  let office: TestClient;
  let admin: TestClient;
  let auditor: TestClient;
  let department: TestClient;
  let resident: TestClient;

  const detail = async (code: string, c: TestClient = office): Promise<Detail> => {
    const res = await c.get(`/api/dictionaries/${code}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const item = async (code: string, itemCode: string) => (await detail(code)).items.find((i) => i.code === itemCode);
  const fields = (res: { json(): { error: { details: { field: string }[] } } }) => res.json().error.details.map((d) => d.field);

  beforeAll(async () => {
    t = await createTestApp();
    [office, admin, auditor, department, resident] = await Promise.all([
      t.login('demo_office'),
      t.login('demo_admin'),
      t.login('demo_auditor'),
      t.login('demo_department'),
      t.login('13800000001'),
    ]);
  });
  afterAll(() => t.close());

  it('seeds the declared lists: event types from car trade-in, industries and funding sources from renewal, material kinds and equipment types from the platform', async () => {
    const list = (await office.get('/api/dictionaries')).json() as { code: string; ownerModule: string; itemCount: number }[];
    expect(list.map((d) => [d.code, d.ownerModule])).toEqual([
      ['equipment_type', 'platform'],
      ['event_type', 'cartradein'],
      ['industry', 'renewal'],
      ['ledgers.buildingUse', 'ledgers'],
      ['ledgers.busEnergy', 'ledgers'],
      ['ledgers.cameraResolution', 'ledgers'],
      ['ledgers.cameraType', 'ledgers'],
      ['ledgers.elevatorKind', 'ledgers'],
      ['ledgers.emissionStandard', 'ledgers'],
      ['ledgers.farmMachineType', 'ledgers'],
      ['ledgers.gasPressure', 'ledgers'],
      ['ledgers.hullMaterial', 'ledgers'],
      ['ledgers.imagingModality', 'ledgers'],
      ['ledgers.nonRoadEmission', 'ledgers'],
      ['ledgers.pipeMaterial', 'ledgers'],
      ['ledgers.schoolEquipmentKind', 'ledgers'],
      ['ledgers.sewageStandard', 'ledgers'],
      ['ledgers.tourismEquipmentKind', 'ledgers'],
      ['ledgers.transferProcess', 'ledgers'],
      ['ledgers.truckSize', 'ledgers'],
      ['ledgers.truckUse', 'ledgers'],
      ['ledgers.waterServiceArea', 'ledgers'],
      ['ledgers.yesNo', 'ledgers'],
      ['material_kind', 'platform'],
      ['renewal_advanced_equipment', 'renewal'],
      ['renewal_certification_kind', 'renewal'],
      ['renewal_digital_rd_tool', 'renewal'],
      ['renewal_funding_source', 'renewal'],
    ]);
    const events = await detail('event_type');
    expect(events.items.map((i) => i.code)).toEqual([...CAR_EVENT_TYPES]);
    expect(events.items.find((i) => i.code === 'car_expo')).toMatchObject({ labelZh: '汽车展销会', labelEn: 'Car expo', enabled: true, version: 1, uses: 0 });
    const materials = (await detail('material_kind')).items.map((i) => i.labelZh);
    expect(materials).toEqual(
      expect.arrayContaining(['废钢铁', '废有色金属', '废塑料', '废纸', '废旧纺织品', '废玻璃', '废旧家电', '废旧电子产品', '报废机动车', '废旧电池']),
    );
    expect((await detail('industry')).items.map((i) => i.labelZh)).toEqual(
      expect.arrayContaining(['纺织服装', '制鞋', '食品', '建材陶瓷', '纸制品', '化纤', '装备制造']),
    );
    const equipment = await detail('equipment_type');
    expect(equipment.items.find((i) => i.code === 'machine_tool')?.parentCode).toBe('industrial');
    expect(equipment.items.map((i) => i.labelZh)).toEqual(
      expect.arrayContaining(['工业设备', '农业机械', '建筑施工设备', '医疗设备', '电梯', '供水/供热/燃气管网设备']),
    );
  });

  it('gives anyone the enabled items in order, for forms; an unknown dictionary is 404', async () => {
    const res = await t.anonymous.get('/api/dictionaries/event_type/items');
    expect(res.statusCode).toBe(200);
    expect(res.json()[0]).toEqual({ code: 'car_promotion', labelZh: '汽车以旧换新促销', labelEn: 'Car trade-in promotion', parentCode: null });
    expect((await t.anonymous.get('/api/dictionaries/nothing/items')).statusCode).toBe(404);
    expect((await office.get('/api/dictionaries/nothing')).statusCode).toBe(404);
  });

  it('lets the office and admins change items, auditors read, and nobody else; refusals are audited', async () => {
    expect((await auditor.get('/api/dictionaries')).statusCode).toBe(200);
    expect((await auditor.get('/api/dictionaries/industry')).statusCode).toBe(200);
    for (const c of [department, resident]) {
      expect((await c.get('/api/dictionaries')).statusCode).toBe(403);
      expect((await c.get('/api/dictionaries/industry')).statusCode).toBe(403);
    }
    expect((await t.anonymous.get('/api/dictionaries')).statusCode).toBe(401);
    const body = { code: 'shipbuilding', labelZh: '船舶制造', labelEn: 'Shipbuilding' };
    for (const c of [auditor, department, resident]) {
      expect((await c.post('/api/dictionaries/industry/items', body)).statusCode).toBe(403);
      expect((await c.patch('/api/dictionaries/industry/items/food', { version: 1, labelZh: '食品饮料' })).statusCode).toBe(403);
      expect((await c.delete('/api/dictionaries/industry/items/food?version=1')).statusCode).toBe(403);
    }
    const denied = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'dictionary_item')
      .where('outcome', '=', 'denied')
      .where('actor_username', '=', 'demo_auditor')
      .execute();
    expect(denied.map((d) => d.action).sort()).toEqual(['createItem', 'deleteItem', 'updateItem']);
    expect(await item('industry', 'shipbuilding')).toBeUndefined();
  });

  it('adds an item after the others, refusing a taken code, a bad code and an unknown parent per field', async () => {
    const res = await office.post('/api/dictionaries/material_kind/items', { code: 'wood', labelZh: '废木材', labelEn: 'Waste wood' });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as Detail).items;
    expect(items.at(-1)).toMatchObject({ code: 'wood', labelZh: '废木材', enabled: true, version: 1 });
    expect(items.at(-1)!.sortOrder).toBeGreaterThan(items.at(-2)!.sortOrder);

    const dup = await admin.post('/api/dictionaries/material_kind/items', { code: 'wood', labelZh: '木材', labelEn: 'Wood' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE');
    expect(fields(dup)).toEqual(['code']);
    const bad = await office.post('/api/dictionaries/material_kind/items', { code: 'Wood!', labelZh: '', labelEn: 'Wood' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(['code', 'labelZh']);
    const orphan = await office.post('/api/dictionaries/material_kind/items', { code: 'pallet', labelZh: '托盘', labelEn: 'Pallets', parentCode: 'nothing' });
    expect(orphan.statusCode).toBe(400);
    expect(fields(orphan)).toEqual(['parentCode']);
    const child = await office.post('/api/dictionaries/material_kind/items', {
      code: 'pallet',
      labelZh: '废木托盘',
      labelEn: 'Waste pallets',
      parentCode: 'wood',
    });
    expect(child.statusCode).toBe(200);
    expect((await item('material_kind', 'pallet'))?.parentCode).toBe('wood');
  });

  it('edits labels and order with the version read: a stale version is 409, an unchanged save makes no version', async () => {
    const first = await office.patch('/api/dictionaries/industry/items/food', { version: 1, labelZh: '食品饮料', labelEn: 'Food and drink', sortOrder: 5 });
    expect(first.statusCode).toBe(200);
    const food = (first.json() as Detail).items[0]!;
    expect(food).toMatchObject({ code: 'food', labelZh: '食品饮料', labelEn: 'Food and drink', sortOrder: 5, version: 2 });

    const stale = await admin.patch('/api/dictionaries/industry/items/food', { version: 1, labelZh: '食品工业' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await item('industry', 'food'))?.labelZh).toBe('食品饮料');

    expect((await office.patch('/api/dictionaries/industry/items/food', { version: 2, labelZh: '食品饮料' })).statusCode).toBe(200);
    expect((await item('industry', 'food'))?.version).toBe(2);
    // A parent cannot be the item itself or one of its sub-items.
    const loop = await office.patch('/api/dictionaries/material_kind/items/wood', { version: 1, parentCode: 'pallet' });
    expect(loop.statusCode).toBe(400);
    expect(fields(loop)).toEqual(['parentCode']);
    expect((await office.patch('/api/dictionaries/industry/items/food', { version: 2, labelZh: 'x'.repeat(61) })).statusCode).toBe(400);
    expect((await office.patch('/api/dictionaries/industry/items/nothing', { version: 1, labelZh: '无' })).statusCode).toBe(404);
  });

  it('keeps what officials changed when the lists are seeded again at the next start', async () => {
    await prepareDatabase(t.deps, { demo: false });
    expect(await item('industry', 'food')).toMatchObject({ labelZh: '食品饮料', sortOrder: 5, version: 2 });
    expect((await detail('event_type')).itemCount).toBe(CAR_EVENT_TYPES.length);
  });

  it('refuses to delete a code events use (409 in the caller’s language) but lets it be disabled, and deletes an unused one', async () => {
    const town = await t.deps.database.db.selectFrom('organizations').select('id').where('kind', '=', 'town').executeTakeFirstOrThrow();
    const now = nowIso();
    await t.deps.database.db
      .insertInto('cartradein_events')
      .values({
        type: 'car_expo',
        title: '晋江汽车展销会',
        starts_on: '2025-05-01',
        ends_on: '2025-05-03',
        town_id: Number(town.id),
        place: '晋江国际会展中心',
        organization_id: Number(town.id),
        status: 'held',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const expo = await item('event_type', 'car_expo');
    expect(expo?.uses).toBe(1);

    const refused = await office.delete(`/api/dictionaries/event_type/items/car_expo?version=${expo!.version}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'DICTIONARY_CODE_IN_USE', message: '该编码已被促销活动使用 1 次，不能删除，只能停用' });
    const english = await office.request({
      method: 'DELETE',
      url: `/api/dictionaries/event_type/items/car_expo?version=${expo!.version}`,
      headers: { 'accept-language': 'en' },
    });
    expect(english.json().error.message).toBe('This code is used 1 times by promotion events; it cannot be deleted, only disabled');
    expect(await item('event_type', 'car_expo')).toMatchObject({ enabled: true, version: 1 });

    const disabled = await office.patch('/api/dictionaries/event_type/items/car_expo', { version: 1, enabled: false });
    expect(disabled.statusCode).toBe(200);
    expect((await t.anonymous.get('/api/dictionaries/event_type/items')).json().map((i: { code: string }) => i.code)).not.toContain('car_expo');
    expect((await detail('event_type')).enabledCount).toBe(CAR_EVENT_TYPES.length - 1);

    // An item with sub-items goes after them.
    const wood = await item('material_kind', 'wood');
    const parent = await office.delete(`/api/dictionaries/material_kind/items/wood?version=${wood!.version}`);
    expect(parent.statusCode).toBe(409);
    expect(parent.json().error.code).toBe('DICTIONARY_ITEM_HAS_CHILDREN');
    expect((await office.delete('/api/dictionaries/material_kind/items/pallet?version=7')).statusCode).toBe(409);
    expect((await office.delete('/api/dictionaries/material_kind/items/pallet?version=1')).statusCode).toBe(200);
    const gone = await office.delete(`/api/dictionaries/material_kind/items/wood?version=${wood!.version}`);
    expect(gone.statusCode).toBe(200);
    expect((gone.json() as Detail).items.map((i) => i.code)).not.toContain('wood');
  });

  it('does not seed a removed item back, and a code created again continues its versions', async () => {
    await office.delete('/api/dictionaries/industry/items/umbrella?version=1');
    await prepareDatabase(t.deps, { demo: false });
    expect(await item('industry', 'umbrella')).toBeUndefined();
    const again = await office.post('/api/dictionaries/industry/items', { code: 'umbrella', labelZh: '伞具', labelEn: 'Umbrellas', enabled: false });
    expect(again.statusCode).toBe(200);
    expect(await item('industry', 'umbrella')).toMatchObject({ version: 3, enabled: false });
  });

  it('audits every change with the values before and after', async () => {
    const rows = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'action', 'actor_username', 'before_json', 'after_json'])
      .where('entity', '=', 'dictionary_item')
      .where('outcome', '=', 'ok')
      .where('action', '!=', 'seed')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => `${r.actor_username} ${r.action} ${r.entity_id}`)).toEqual([
      'demo_office create material_kind:wood',
      'demo_office create material_kind:pallet',
      'demo_office update industry:food',
      'demo_office disable event_type:car_expo',
      'demo_office delete material_kind:pallet',
      'demo_office delete material_kind:wood',
      'demo_office delete industry:umbrella',
      'demo_office create industry:umbrella',
    ]);
    const food = rows.find((r) => r.entity_id === 'industry:food')!;
    expect(JSON.parse(food.before_json!)).toMatchObject({ labelZh: '食品', version: 1 });
    expect(JSON.parse(food.after_json!)).toMatchObject({ labelZh: '食品饮料', sortOrder: 5, version: 2 });
    const seeded = await t.deps.database.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('entity', '=', 'dictionary_item')
      .where('action', '=', 'seed')
      .execute();
    expect(seeded.map((s) => s.entity_id).sort()).toEqual([
      'equipment_type',
      'event_type',
      'industry',
      'ledgers.buildingUse',
      'ledgers.busEnergy',
      'ledgers.cameraResolution',
      'ledgers.cameraType',
      'ledgers.elevatorKind',
      'ledgers.emissionStandard',
      'ledgers.farmMachineType',
      'ledgers.gasPressure',
      'ledgers.hullMaterial',
      'ledgers.imagingModality',
      'ledgers.nonRoadEmission',
      'ledgers.pipeMaterial',
      'ledgers.schoolEquipmentKind',
      'ledgers.sewageStandard',
      'ledgers.tourismEquipmentKind',
      'ledgers.transferProcess',
      'ledgers.truckSize',
      'ledgers.truckUse',
      'ledgers.waterServiceArea',
      'ledgers.yesNo',
      'material_kind',
      'renewal_advanced_equipment',
      'renewal_certification_kind',
      'renewal_digital_rd_tool',
      'renewal_funding_source',
    ]);
  });
});
