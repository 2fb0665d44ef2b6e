import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { addKind, addUser, equipment, equipmentDefinition, orgId, TEST_PASSWORD } from './testSetup.js';

type Issue = { field: string; reason?: string; message: string };
const details = (res: { json(): { error: { details: Issue[] } } }) => res.json().error.details;
const fields = (res: { json(): { error: { details: Issue[] } } }) => details(res).map((d) => d.field);

describe('ledger assets', () => {
  useFakeClock(shanghaiInstant('2026-06-15', '10:00'));
  let t: TestApp;
  let office: TestClient;
  let keeper: TestClient;
  let town: TestClient;
  let otherTown: TestClient;
  let commerce: TestClient;
  let kindId: number;
  let qingyang: number;
  let other: number;

  beforeAll(async () => {
    t = await createTestApp();
    kindId = await addKind(t, 'testEquipment', equipmentDefinition);
    qingyang = await orgId(t, '青阳街道');
    const towns = (await t.deps.database.db.selectFrom('organizations').select('name').where('kind', '=', 'town').orderBy('id').execute()).map((r) => r.name);
    const otherName = towns.find((n) => n !== '青阳街道')!;
    other = await orgId(t, otherName);
    await addUser(t, 'la_town2', 'town', otherName);
    await addUser(t, 'la_market', 'department', '市市场监管局');
    office = await t.login('demo_office');
    keeper = await t.login('la_market', TEST_PASSWORD);
    town = await t.login('demo_town');
    otherTown = await t.login('la_town2', TEST_PASSWORD);
    commerce = await t.login('demo_department');
  });
  afterAll(() => t.close());

  const create = async (c: TestClient, values: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const res = await c.post(`/api/ledgers/kinds/${kindId}/assets`, { values, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  it('registers an asset with a field of every type, normalised, with its title, town and old date', async () => {
    const a = await create(
      keeper,
      equipment('AB0001', qingyang, { owner: await orgId(t, '市市场监管局'), photo: 12, commissionedOn: '2005-03-01', location: ' 118.5, 24.7 ' }),
    );
    expect(a).toMatchObject({
      title: 'AB0001',
      status: 'in_service',
      townId: qingyang,
      townName: '青阳街道',
      oldFrom: '2020-03-01',
      old: true,
      canWrite: true,
    });
    expect(a.values).toMatchObject({ code: 'AB0001', units: 2, areaM2: 12.5, cost: 1_234_500, material: 'ferrous', location: '118.5,24.7', photo: 12 });
    expect(a.eventTypes).toEqual(['upgrade', 'replace', 'scrap']);
    const young = await create(keeper, equipment('AB0002', qingyang));
    expect(young).toMatchObject({ oldFrom: '2035-05-01', old: false });
  });

  it('refuses values field by field, in the caller’s language', async () => {
    const bad = {
      ...equipment('ab01', qingyang),
      units: 1.5,
      areaM2: 1.25,
      cost: -1,
      commissionedOn: '2026-02-30',
      material: 'gold',
      owner: 999999,
      town: 999999,
      location: 'here',
      extra: 1,
    };
    const zh = await keeper.post(`/api/ledgers/kinds/${kindId}/assets`, { values: bad });
    expect(zh.statusCode).toBe(400);
    expect(fields(zh).sort()).toEqual(
      [
        'values.areaM2',
        'values.code',
        'values.commissionedOn',
        'values.cost',
        'values.extra',
        'values.location',
        'values.material',
        'values.owner',
        'values.town',
        'values.units',
      ].sort(),
    );
    expect(details(zh).find((d) => d.field === 'values.material')!.message).toContain('不在代码表中');
    const en = await keeper.post(`/api/ledgers/kinds/${kindId}/assets`, { values: { ...bad, commissionedOn: '2026-06-16' } }, { 'accept-language': 'en' });
    expect(details(en).find((d) => d.field === 'values.commissionedOn')!.message).toBe('Cannot be after today (2026-06-15)');
    expect(details(en).find((d) => d.field === 'values.units')!.message).toBe('Must be a whole number');
    // A month that does not exist is a field error, not a 500.
    const month13 = await keeper.post(`/api/ledgers/kinds/${kindId}/assets`, {
      values: equipment('MM0001', qingyang, { commissionedOn: '2020-13-01' }),
      added: { occurredOn: '2026-13-01' },
    });
    expect(fields(month13).sort()).toEqual(['added.occurredOn', 'values.commissionedOn']);
    const missing = await keeper.post(`/api/ledgers/kinds/${kindId}/assets`, { values: { name: 'x' } });
    expect(fields(missing).sort()).toEqual(['values.code', 'values.commissionedOn', 'values.town']);
  });

  it('refuses a unique value already in the ledger, also when two registrations race', async () => {
    await create(keeper, equipment('UQ0001', qingyang));
    const again = await keeper.post(`/api/ledgers/kinds/${kindId}/assets`, { values: equipment('UQ0001', other) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE');
    expect(fields(again)).toEqual(['values.code']);
    const both = await Promise.all([0, 1].map(() => keeper.post(`/api/ledgers/kinds/${kindId}/assets`, { values: equipment('UQ0002', qingyang) })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(fields(both.find((r) => r.statusCode === 409)!)).toEqual(['values.code']);
  });

  it('keeps towns to their own assets', async () => {
    const own = await create(town, equipment('TW0001', qingyang));
    const elsewhere = await town.post(`/api/ledgers/kinds/${kindId}/assets`, { values: equipment('TW0002', other) });
    expect(elsewhere.statusCode).toBe(400);
    expect(fields(elsewhere)).toEqual(['values.town']);
    const theirs = await create(otherTown, equipment('TW0003', other));
    expect((await town.get(`/api/ledgers/assets/${theirs.id}`)).statusCode).toBe(403);
    expect((await town.put(`/api/ledgers/assets/${theirs.id}`, { values: equipment('TW0003', other), updatedAt: theirs.updatedAt })).statusCode).toBe(403);
    expect((await town.post(`/api/ledgers/assets/${theirs.id}/events`, { type: 'scrap', occurredOn: '2026-01-01' })).statusCode).toBe(403);
    const moved = await town.put(`/api/ledgers/assets/${own.id}`, { values: equipment('TW0001', other), updatedAt: own.updatedAt });
    expect(fields(moved)).toEqual(['values.town']);
    const list = (await town.get(`/api/ledgers/kinds/${kindId}/assets?townId=${other}&pageSize=200`)).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((a: { townId: number }) => a.townId === qingyang)).toBe(true);
    // A department that does not keep the kind reads it but does not write.
    expect((await commerce.get(`/api/ledgers/assets/${theirs.id}`)).json().canWrite).toBe(false);
    expect((await commerce.post(`/api/ledgers/kinds/${kindId}/assets`, { values: equipment('TW0004', qingyang) })).statusCode).toBe(403);
  });

  it('edits optimistically: a stale updatedAt is 409, and the edit recomputes the old date', async () => {
    const a = await create(keeper, equipment('ED0001', qingyang));
    const edited = await keeper.put(`/api/ledgers/assets/${a.id}`, {
      values: equipment('ED0001', qingyang, { material: 'plastic', name: '新锅炉' }),
      updatedAt: a.updatedAt,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ old: true, oldFrom: '0001-01-01', values: { material: 'plastic', name: '新锅炉' } });
    const stale = await keeper.put(`/api/ledgers/assets/${a.id}`, { values: equipment('ED0001', qingyang), updatedAt: a.updatedAt });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const taken = await keeper.put(`/api/ledgers/assets/${a.id}`, { values: equipment('AB0001', qingyang), updatedAt: edited.json().updatedAt });
    expect(taken.statusCode).toBe(409);
    expect(fields(taken)).toEqual(['values.code']);
  });

  it('registers a new asset through the added event, in service from its day', async () => {
    const a = await create(keeper, equipment('AD0001', qingyang), { added: { occurredOn: '2026-03-01', values: { investment: 500_000 } } });
    expect(a).toMatchObject({
      inServiceFrom: '2026-03-01',
      events: [{ type: 'add', effect: 'added', occurredOn: '2026-03-01', values: { investment: 500_000 } }],
    });
    const future = await keeper.post(`/api/ledgers/kinds/${kindId}/assets`, { values: equipment('AD0002', qingyang), added: { occurredOn: '2026-07-01' } });
    expect(fields(future)).toEqual(['added.occurredOn']);
    const onExisting = await keeper.post(`/api/ledgers/assets/${a.id}/events`, { type: 'add', occurredOn: '2026-04-01' });
    expect(fields(onExisting)).toEqual(['type']);
    const early = await keeper.post(`/api/ledgers/assets/${a.id}/events`, { type: 'scrap', occurredOn: '2026-02-01' });
    expect(fields(early)).toEqual(['occurredOn']);
  });

  it('replaces an asset: one event links the old one, ended, to the new one, in service from that day', async () => {
    const old = await create(keeper, equipment('RP0001', qingyang, { commissionedOn: '2006-01-01' }));
    const missing = await keeper.post(`/api/ledgers/assets/${old.id}/events`, { type: 'replace', occurredOn: '2026-05-20' });
    expect(fields(missing)).toEqual(['replacement.values']);
    const badNew = await keeper.post(`/api/ledgers/assets/${old.id}/events`, {
      type: 'replace',
      occurredOn: '2026-05-20',
      replacement: { values: { code: 'RP0002' } },
    });
    expect(fields(badNew).sort()).toEqual(['replacement.values.commissionedOn', 'replacement.values.town']);
    const res = await keeper.post(`/api/ledgers/assets/${old.id}/events`, {
      type: 'replace',
      occurredOn: '2026-05-20',
      replacement: { values: equipment('RP0002', qingyang, { commissionedOn: '2026-05-20' }) },
      note: '整体更换',
    });
    expect(res.statusCode, res.body).toBe(201);
    const ended = res.json();
    expect(ended).toMatchObject({ status: 'replaced', endedOn: '2026-05-20', old: false, eventTypes: [], replacedBy: { title: 'RP0002' } });
    expect(ended.events).toMatchObject([{ type: 'replace', effect: 'replaced', replacementId: ended.replacedBy.id, note: '整体更换' }]);
    const fresh = (await keeper.get(`/api/ledgers/assets/${ended.replacedBy.id}`)).json();
    expect(fresh).toMatchObject({ status: 'in_service', inServiceFrom: '2026-05-20', old: false, replaces: { id: old.id, title: 'RP0001' } });
    const twice = await keeper.post(`/api/ledgers/assets/${old.id}/events`, { type: 'scrap', occurredOn: '2026-06-01' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('INVALID_STATE');
  });

  it('upgrades an asset: changes only what the event may change, re-evaluates old, keeps before and after', async () => {
    const a = await create(keeper, equipment('UP0001', qingyang, { material: 'plastic' }));
    expect(a.old).toBe(true);
    const refused = await keeper.post(`/api/ledgers/assets/${a.id}/events`, { type: 'upgrade', occurredOn: '2026-06-01', changes: { name: 'x', units: 0 } });
    expect(fields(refused).sort()).toEqual(['changes.name', 'changes.units']);
    const res = await keeper.post(`/api/ledgers/assets/${a.id}/events`, {
      type: 'upgrade',
      occurredOn: '2026-06-01',
      values: { investment: 120_000, contractor: '演示施工队' },
      changes: { material: 'ferrous', units: 4 },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'in_service', old: false, oldFrom: '2035-05-01', values: { material: 'ferrous', units: 4 } });
    expect(res.json().events[0]).toMatchObject({
      type: 'upgrade',
      changes: { material: ['plastic', 'ferrous'], units: [2, 4] },
      values: { investment: 120_000 },
    });
    const row = await t.deps.database.db.selectFrom('ledger_events').select(['q1', 'q2']).where('asset_id', '=', a.id).executeTakeFirstOrThrow();
    expect(Number(row.q1)).toBe(120_000);
  });

  it('scraps an asset, which then takes no event', async () => {
    const a = await create(town, equipment('SC0001', qingyang));
    const res = await town.post(`/api/ledgers/assets/${a.id}/events`, { type: 'scrap', occurredOn: '2026-06-10' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'scrapped', endedOn: '2026-06-10', eventTypes: [] });
    const bad = await town.post(`/api/ledgers/assets/${a.id}/events`, { type: 'upgrade', occurredOn: '2026-06-11' });
    expect(bad.statusCode).toBe(409);
    const unknown = await keeper.post(`/api/ledgers/assets/${a.id}/events`, { type: 'paint', occurredOn: '2026-06-11' });
    expect(fields(unknown)).toEqual(['type']);
  });

  it('shows the history: registration, events and edits, with who and what changed', async () => {
    const a = await create(keeper, equipment('HI0001', qingyang));
    const edited = (await keeper.put(`/api/ledgers/assets/${a.id}`, { values: equipment('HI0001', qingyang, { units: 3 }), updatedAt: a.updatedAt })).json();
    await office.post(`/api/ledgers/assets/${edited.id}/events`, { type: 'upgrade', occurredOn: '2026-06-02', changes: { units: 5 } });
    const history = (await keeper.get(`/api/ledgers/assets/${a.id}/history`, { 'accept-language': 'en' })).json();
    expect(history.map((h: { kind: string; action: string }) => [h.kind, h.action])).toEqual([
      ['status', 'register'],
      ['edit', 'edit'],
      ['event', 'upgrade'],
    ]);
    expect(history[1]).toMatchObject({ summary: 'Edited: Units', before: { units: 2 }, after: { units: 3 }, actor: expect.any(String) });
    expect(history[2].summary).toBe('Upgraded (2026-06-02)');
    expect(history[2].after).toMatchObject({ changes: { units: [3, 5] } });
  });
});
