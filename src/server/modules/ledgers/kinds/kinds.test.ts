import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import type { LedgerDefinition, LedgerDefinitionInput } from '../../../../shared/ledgers/definition.js';
import { addAccount, everyFieldDefinition, grantLedgersManage, orgId, TEST_PASSWORD, townIds } from './testSetup.js';

const EN = { 'accept-language': 'en' };
type Detail = { field: string; reason: string; message: string };
const details = (res: { json(): { error: { details: Detail[] } } }) => res.json().error.details;
const fields = (res: { json(): { error: { details: Detail[] } } }) => details(res).map((d) => d.field);
const BASE = '/api/ledgers/kinds';

describe('ledger kinds: define, refuse, change, versions, who may', () => {
  useFakeClock(shanghaiInstant('2025-07-01', '10:00'));
  let t: TestApp;
  let office: TestClient;
  let housing: TestClient;
  let market: TestClient;
  let commerce: TestClient;
  let auditor: TestClient;
  let housingOrg: number;
  let marketOrg: number;
  let town: number;
  let kindId: number;
  let created: { definition: LedgerDefinition; version: number };

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const officeOrg = await orgId(t, '工作专班办公室（市发改局）');
    housingOrg = await orgId(t, '市住建局');
    marketOrg = await orgId(t, '市市场监管局');
    town = (await townIds(t))[0]!;
    await addAccount(t, 'lk_office', 'office', officeOrg);
    await addAccount(t, 'lk_auditor', 'auditor', officeOrg);
    await addAccount(t, 'lk_housing', 'department', housingOrg);
    await addAccount(t, 'lk_market', 'department', marketOrg);
    await addAccount(t, 'lk_commerce', 'department', await orgId(t, '市商务局'));
    await grantLedgersManage(t, housingOrg);
    const login = (u: string) => t.login(u, TEST_PASSWORD);
    [office, housing, market, commerce, auditor] = await Promise.all([
      login('lk_office'),
      login('lk_housing'),
      login('lk_market'),
      login('lk_commerce'),
      login('lk_auditor'),
    ]);
  });
  afterAll(() => t.close());

  const create = (c: TestClient, code: string, definition: LedgerDefinitionInput, keeperOrganizationId = housingOrg, headers?: Record<string, string>) =>
    c.post(BASE, { code, keeperOrganizationId, definition, note: '首版' }, headers);

  it('creates a kind with a field of every type, slots assigned and metrics named', async () => {
    const res = await create(office, 'testEquipment', everyFieldDefinition());
    expect(res.statusCode).toBe(201);
    const view = res.json();
    kindId = view.id;
    created = view;
    expect(view).toMatchObject({
      code: 'testEquipment',
      keeper: { id: housingOrg, name: '市住建局' },
      version: 1,
      shipped: false,
      canDefine: true,
      canWrite: true,
    });
    const slots = Object.fromEntries(view.definition.fields.map((f: { key: string; slot: string }) => [f.key, f.slot]));
    expect(slots).toEqual({
      code: 't1',
      units: 'n1',
      area: 'n2',
      price: 'n3',
      commissionedOn: 't2',
      energy: 't3',
      owner: 'n4',
      town: 'n5',
      location: 't4',
      photo: 'n6',
    });
    const retrofit = view.definition.events.find((e: { code: string }) => e.code === 'retrofit');
    expect(retrofit.fields.map((f: { slot?: string }) => f.slot ?? null)).toEqual([null, 'q1', 'q2']);
    expect(view.metrics.map((m: { name: string }) => m.name)).toEqual([
      'ledgers.testEquipment.inService',
      'ledgers.testEquipment.old',
      'ledgers.testEquipment.renewed',
      'ledgers.testEquipment.areaRetrofitted',
      'ledgers.testEquipment.investment',
      'ledgers.testEquipment.totalArea',
      'ledgers.testEquipment.electric',
    ]);
    expect(view.metrics[1]).toEqual({ name: 'ledgers.testEquipment.old', label: '老旧', unit: '台' });
    expect(view.ruleText).toEqual({ zh: '投用日期已满 15 年', en: 'In use since at least 15 years ago' });

    const got = (await auditor.get(`${BASE}/${kindId}`, EN)).json();
    expect(got.definition).toEqual(view.definition);
    expect(got.metrics[1].label).toBe('Old');
    expect(got).toMatchObject({ canDefine: false, canWrite: false });
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('entity', '=', 'ledger_kind')
      .where('entity_id', '=', String(kindId))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ code: 'testEquipment', version: 1 });
  });

  it('refuses a code twice with 409 on the code', async () => {
    const res = await create(office, 'testEquipment', everyFieldDefinition());
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DUPLICATE');
    expect(fields(res)).toEqual(['code']);
  });

  it('refuses bad definitions field by field, under definition.', async () => {
    const base = everyFieldDefinition();
    const badKey = await create(office, 'badKey', { ...base, fields: [{ ...base.fields[0]!, key: 'Bad key' }, ...base.fields.slice(1)] });
    expect(badKey.statusCode).toBe(400);
    expect(fields(badKey)).toEqual(['definition.fields.0.key']);

    const unknownRefs = await create(
      office,
      'unknownRefs',
      {
        ...base,
        titleField: 'nope',
        oldRule: { match: 'all', conditions: [{ op: 'ageAtLeast', field: 'missing', years: 3 }] },
        events: [{ code: 'fix', label: { zh: '改', en: 'Fix' }, effect: 'upgraded', changes: ['ghost'] }],
        metrics: [{ code: 'total', label: { zh: '合计', en: 'Total' }, unit: '台', measure: { kind: 'sum', field: 'ghost' } }],
      },
      housingOrg,
      EN,
    );
    expect(unknownRefs.statusCode).toBe(400);
    expect(fields(unknownRefs).sort()).toEqual([
      'definition.events.0.changes.0',
      'definition.metrics.0.measure.field',
      'definition.oldRule.conditions.0.field',
      'definition.titleField',
    ]);
    expect(details(unknownRefs).find((d) => d.field === 'definition.titleField')).toMatchObject({
      reason: 'ledgers.unknownField',
      message: 'There is no field “nope”',
    });

    const dictionaries = await create(
      office,
      'dictionaries',
      {
        ...base,
        fields: [
          ...base.fields,
          { key: 'kindless', label: { zh: '无表', en: 'No list' }, type: 'dictionary' },
          { key: 'unknownList', label: { zh: '未知', en: 'Unknown' }, type: 'dictionary', dictionary: 'ledgers.noSuchList' },
        ],
      },
      housingOrg,
      EN,
    );
    expect(dictionaries.statusCode).toBe(400);
    expect(details(dictionaries).map((d) => [d.field, d.reason])).toEqual([
      ['definition.fields.10.dictionary', 'required'],
      ['definition.fields.11.dictionary', 'ledgers.unknownDictionary'],
    ]);
    expect(details(dictionaries)[1]!.message).toBe('There is no code list “ledgers.noSuchList”');

    const unsafe = await create(office, 'unsafe', { ...base, fields: [{ ...base.fields[0]!, pattern: '(a+)+b' }, ...base.fields.slice(1)] });
    expect(details(unsafe).map((d) => [d.field, d.reason])).toEqual([['definition.fields.0.pattern', 'ledgers.patternUnsafe']]);
    const invalid = await create(office, 'invalidPattern', { ...base, fields: [{ ...base.fields[0]!, pattern: '[a-' }, ...base.fields.slice(1)] });
    expect(details(invalid).map((d) => [d.field, d.reason])).toEqual([['definition.fields.0.pattern', 'ledgers.patternInvalid']]);

    const texts = Array.from({ length: 17 }, (_, i) => ({ key: `text${i}`, label: { zh: `文本${i}`, en: `Text ${i}` }, type: 'text' as const }));
    const tooMany = await create(office, 'tooMany', { name: base.name, titleField: 'text0', fields: texts });
    expect(details(tooMany).map((d) => [d.field, d.reason])).toEqual([['definition.fields', 'ledgers.tooManyFields']]);
    const wayTooMany = await create(office, 'wayTooMany', {
      name: base.name,
      titleField: 'text0',
      fields: [...texts, ...texts.map((f) => ({ ...f, key: `${f.key}b` }))],
    });
    expect(wayTooMany.statusCode).toBe(400);
    expect(fields(wayTooMany)).toContain('definition.fields');

    const noTownField = await create(office, 'noTownField', { ...base, townField: null });
    expect(details(noTownField).map((d) => [d.field, d.reason])).toEqual([['definition.townField', 'required']]);
    const notATown = await create(office, 'notATown', { ...base, townField: 'owner' });
    expect(details(notATown).map((d) => [d.field, d.reason])).toEqual([['definition.townField', 'ledgers.wrongFieldType']]);

    expect(await t.deps.database.db.selectFrom('ledger_kinds').select('code').where('code', '!=', 'testEquipment').where('shipped', '=', 0).execute()).toEqual(
      [],
    );
  });

  it('lets a department with ledgers manage create only a kind it keeps, kept by an office or department', async () => {
    const own = await create(housing, 'housingAssets', everyFieldDefinition('none'), housingOrg);
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ canDefine: true, canWrite: true });
    const other = await create(housing, 'otherAssets', everyFieldDefinition(), marketOrg);
    expect(other.statusCode).toBe(400);
    expect(fields(other)).toEqual(['keeperOrganizationId']);
    expect((await create(market, 'marketAssets', everyFieldDefinition(), marketOrg)).statusCode).toBe(403);
    expect((await create(auditor, 'auditorAssets', everyFieldDefinition())).statusCode).toBe(403);
    const byTown = await create(office, 'townKept', everyFieldDefinition(), town);
    expect(fields(byTown)).toEqual(['keeperOrganizationId']);
    const coKeeper = await create(office, 'badCoKeeper', { ...everyFieldDefinition(), coKeepers: [marketOrg, town] });
    expect(fields(coKeeper)).toEqual(['definition.coKeepers.1']);
  });

  it('changes the definition: slots stay, nothing in use is dropped, a type is fixed, retiring works', async () => {
    const def = created.definition;
    const added = {
      ...def,
      fields: [
        { key: 'serial', label: { zh: '序列号', en: 'Serial' }, type: 'text' as const },
        ...def.fields.map(({ slot: _slot, ...f }) => f),
        { key: 'weight', label: { zh: '重量', en: 'Weight' }, type: 'decimal' as const, unit: 'kg' },
      ],
    };
    const res = await office.put(`${BASE}/${kindId}`, { baseVersion: 1, definition: added, note: '加字段' });
    expect(res.statusCode).toBe(200);
    const v2 = res.json();
    expect(v2.version).toBe(2);
    expect(v2.reevaluated).toBe(0);
    const slots = Object.fromEntries(v2.definition.fields.map((f: { key: string; slot: string }) => [f.key, f.slot]));
    expect(slots).toMatchObject({ serial: 't5', code: 't1', commissionedOn: 't2', town: 'n5', photo: 'n6', weight: 'n7' });

    const dropped = await office.put(`${BASE}/${kindId}`, {
      baseVersion: 2,
      definition: { ...v2.definition, fields: v2.definition.fields.filter((f: { key: string }) => f.key !== 'photo') },
    });
    expect(dropped.statusCode).toBe(400);
    expect(details(dropped).map((d) => [d.field, d.reason])).toEqual([['definition.fields', 'ledgers.fieldInUse']]);
    const retyped = await office.put(`${BASE}/${kindId}`, {
      baseVersion: 2,
      definition: { ...v2.definition, fields: v2.definition.fields.map((f: { key: string }) => (f.key === 'units' ? { ...f, type: 'decimal' } : f)) },
    });
    expect(details(retyped).map((d) => [d.field, d.reason])).toEqual([['definition.fields.2.type', 'ledgers.typeFixed']]);
    const noEvent = await office.put(`${BASE}/${kindId}`, { baseVersion: 2, definition: { ...v2.definition, events: v2.definition.events.slice(1) } });
    expect(details(noEvent).map((d) => [d.field, d.reason])).toEqual([['definition.events', 'ledgers.eventInUse']]);

    const retired = await office.put(`${BASE}/${kindId}`, {
      baseVersion: 2,
      definition: { ...v2.definition, fields: v2.definition.fields.map((f: { key: string }) => (f.key === 'photo' ? { ...f, retired: true } : f)) },
    });
    expect(retired.statusCode).toBe(200);
    expect(retired.json().version).toBe(3);
    expect(retired.json().definition.fields.find((f: { key: string }) => f.key === 'photo')).toMatchObject({ retired: true, slot: 'n6' });

    const stale = await office.put(`${BASE}/${kindId}`, { baseVersion: 2, definition: v2.definition });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const same = await office.put(`${BASE}/${kindId}`, { baseVersion: 3, definition: retired.json().definition });
    expect(same.json().version).toBe(3);
  });

  it('lets the keeper, a co-keeper and the office define; not another department', async () => {
    const current = (await office.get(`${BASE}/${kindId}`)).json();
    expect((await market.put(`${BASE}/${kindId}`, { baseVersion: 3, definition: current.definition })).statusCode).toBe(403);
    expect((await commerce.put(`${BASE}/${kindId}`, { baseVersion: 3, definition: current.definition })).statusCode).toBe(403);
    expect((await market.get(`${BASE}/${kindId}`)).json()).toMatchObject({ canDefine: false, canWrite: false });
    const withCoKeeper = await housing.put(`${BASE}/${kindId}`, {
      baseVersion: 3,
      definition: { ...current.definition, coKeepers: [marketOrg] },
      note: '市场监管局协管',
    });
    expect(withCoKeeper.statusCode).toBe(200);
    expect(withCoKeeper.json().coKeepers).toEqual([{ id: marketOrg, name: '市市场监管局' }]);
    expect((await market.get(`${BASE}/${kindId}`)).json()).toMatchObject({ canDefine: true, canWrite: true });
    const renamed = await market.put(`${BASE}/${kindId}`, {
      baseVersion: 4,
      definition: { ...withCoKeeper.json().definition, name: { zh: '测试设备台账', en: 'Test equipment ledger' } },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().version).toBe(5);
  });

  it('keeps every version, newest first, with who saved it and why', async () => {
    const res = await auditor.get(`${BASE}/${kindId}/versions`);
    expect(res.statusCode).toBe(200);
    const versions = res.json();
    expect(versions.map((v: { version: number; current: boolean }) => [v.version, v.current])).toEqual([
      [5, true],
      [4, false],
      [3, false],
      [2, false],
      [1, false],
    ]);
    expect(versions[1]).toMatchObject({ note: '市场监管局协管', createdBy: { name: 'lk_housing' } });
    expect(versions[4]).toMatchObject({ note: '首版', createdBy: { name: 'lk_office' } });
    expect(versions[4].definition.fields).toHaveLength(10);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json'])
      .where('entity', '=', 'ledger_kind')
      .where('entity_id', '=', String(kindId))
      .where('outcome', '=', 'ok')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, JSON.parse(a.before_json ?? 'null')?.version ?? null, JSON.parse(a.after_json!).version])).toEqual([
      ['create', null, 1],
      ['define', 1, 2],
      ['define', 2, 3],
      ['define', 3, 4],
      ['define', 4, 5],
    ]);
  });

  it('lists kinds with search and paging; offers keepers by name', async () => {
    const all = (await office.get(`${BASE}?pageSize=200`)).json();
    expect(all.total).toBe(all.items.length);
    expect(all.items.map((k: { code: string }) => k.code)).toEqual(expect.arrayContaining(['testEquipment', 'housingAssets', 'elevators', 'buses']));
    const found = (await office.get(`${BASE}?q=${encodeURIComponent('设备台账')}`)).json();
    expect(found.items.map((k: { code: string }) => k.code)).toEqual(['testEquipment']);
    expect(found.items[0]).toMatchObject({
      keeper: { id: housingOrg, name: '市住建局' },
      version: 5,
      shipped: false,
      townAccess: 'edit',
      planRefs: ['A1-T4'],
      assets: 0,
      old: 0,
      renewedThisYear: 0,
    });
    expect((await office.get(`${BASE}?q=HOUSINGassets`)).json().items.map((k: { code: string }) => k.code)).toEqual(['housingAssets']);
    const page2 = (await office.get(`${BASE}?pageSize=2&page=2`)).json();
    expect(page2).toMatchObject({ total: all.total, page: 2, pageSize: 2 });
    expect(page2.items.map((k: { id: number }) => k.id)).toEqual(all.items.slice(2, 4).map((k: { id: number }) => k.id));

    const keepers = (await housing.get('/api/ledgers/organizations')).json() as { id: number; name: string }[];
    expect(keepers.map((k) => k.name)).toEqual(expect.arrayContaining(['工作专班办公室（市发改局）', '市住建局', '水务集团']));
    expect(keepers.some((k) => k.id === town)).toBe(false);
    expect(keepers.map((k) => k.name)).toEqual([...keepers.map((k) => k.name)].sort(new Intl.Collator('zh-CN').compare));
  });
});
