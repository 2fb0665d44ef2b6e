import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { ledgerDefinition } from '../../../../shared/ledgers/definition.js';
import { definitionProblems } from '../../../../shared/ledgers/problems.js';
import { dictionariesOf, listKinds } from './current.js';
import { kindsDictionaries } from './dictionaries.js';
import { seedShippedKinds } from './seed.js';
import { SHIPPED_KINDS } from './shipped/index.js';

describe('ledger kinds: the shipped kinds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('are created once, however often and however concurrently the seed runs', async () => {
    await Promise.all([seedShippedKinds(t.deps), seedShippedKinds(t.deps)]);
    await seedShippedKinds(t.deps);
    const db = t.deps.database.db;
    const kinds = await db.selectFrom('ledger_kinds').select(['code', 'shipped', 'version']).orderBy('code').execute();
    expect(kinds.map((k) => k.code)).toEqual(SHIPPED_KINDS.map((k) => k.code).sort());
    expect(kinds.every((k) => Number(k.shipped) === 1 && Number(k.version) === 1)).toBe(true);
    const versions = await db
      .selectFrom('ledger_kind_versions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(versions.n)).toBe(SHIPPED_KINDS.length);
    const audits = await db.selectFrom('audit_log').select('entity_id').where('entity', '=', 'ledger_kind').where('action', '=', 'seed').execute();
    expect(audits).toHaveLength(SHIPPED_KINDS.length);
  });

  it('are kept by the plan’s responsible units and pass every definition check', async () => {
    const loaded = await listKinds(t.deps.database.db);
    const orgs = new Map((await t.deps.database.db.selectFrom('organizations').select(['id', 'name']).execute()).map((o) => [Number(o.id), o.name]));
    const keepers = Object.fromEntries(loaded.map((k) => [k.code, [orgs.get(k.keeperOrganizationId), ...k.definition.coKeepers.map((id) => orgs.get(id))]]));
    expect(keepers).toEqual({
      elevators: ['市市场监管局', '市住建局'],
      waterPlants: ['市水利局', '水务集团'],
      sewagePlants: ['市住建局', '水务集团'],
      transferStations: ['市城管局'],
      buildingRetrofits: ['市住建局'],
      gasPipelines: ['市城管局'],
      cameras: ['市公安局', '市城管局'],
      buses: ['市交通运输局'],
      dieselTrucks: ['市交通运输局'],
      fishingBoats: ['市农业农村局'],
      farmMachinery: ['市农业农村局'],
      medicalImaging: ['市卫健局'],
      tourismEquipment: ['市文旅局', '市商务局'],
      schoolEquipment: ['市教育局', '高教发展中心', '市人社局'],
    });
    for (const k of loaded) {
      expect(definitionProblems(k.definition, null), k.code).toEqual([]);
      expect(ledgerDefinition.parse(k.definition), k.code).toEqual(k.definition);
      expect(
        k.definition.fields.every((f) => f.slot),
        k.code,
      ).toBe(true);
    }
  });

  it('bind the metric names the plan file uses', async () => {
    const names = (await listKinds(t.deps.database.db)).flatMap((k) => k.definition.metrics.map((m) => `ledgers.${k.code}.${m.code}`));
    expect(names).toEqual(
      expect.arrayContaining([
        'ledgers.elevators.added',
        'ledgers.waterPlants.built',
        'ledgers.sewagePlants.built',
        'ledgers.transferStations.built',
        'ledgers.buildingRetrofits.areaRetrofitted',
        'ledgers.cameras.upgraded',
        'ledgers.buses.renewed',
        'ledgers.buses.newEnergyShare',
        'ledgers.dieselTrucks.oldScrapped',
        'ledgers.medicalImaging.investment',
        'ledgers.tourismEquipment.investment',
      ]),
    );
  });

  it('take their codes from the module’s dictionaries, and every code their rules and metrics name exists', async () => {
    const declared = new Map(kindsDictionaries.map((d) => [d.code, new Set(d.items.map((i) => i.code))]));
    const seeded = new Set(
      (await t.deps.database.db.selectFrom('dictionaries').select('code').where('owner_module', '=', 'ledgers').execute()).map((r) => r.code),
    );
    expect([...seeded].sort()).toEqual([...declared.keys()].sort());
    const used = new Set<string>();
    for (const k of await listKinds(t.deps.database.db)) {
      const def = k.definition;
      for (const code of dictionariesOf(def)) {
        expect(declared.has(code), `${k.code}: ${code}`).toBe(true);
        used.add(code);
      }
      const conditions = [...(def.oldRule?.conditions ?? []), ...def.metrics.flatMap((m) => m.where)];
      const valued = [
        ...conditions.flatMap((c) => ('values' in c ? [{ field: c.field, values: c.values }] : 'value' in c ? [{ field: c.field, values: [c.value] }] : [])),
        ...def.metrics.flatMap((m) => (m.measure.kind === 'share' ? [{ field: m.measure.field, values: m.measure.values }] : [])),
      ];
      for (const { field, values } of valued) {
        const dictionary = def.fields.find((f) => f.key === field)?.dictionary;
        expect(dictionary, `${k.code}.${field}`).toBeDefined();
        for (const v of values) expect(declared.get(dictionary!)?.has(String(v)), `${k.code}.${field}: ${v}`).toBe(true);
      }
    }
    expect([...declared.keys()].filter((d) => !used.has(d))).toEqual([]);
  });
});
