import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../core/context.js';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { parsePlanFile, type PlanFile } from '../planfile/planFileSchema.js';
import { exportPlanFile, loadPlanFile } from './planLoader.js';

const dataDir = join(import.meta.dirname, '..', 'planfile', 'data');
const rawJson = readFileSync(join(dataDir, 'jinjiang-2024-98.json'), 'utf8');
const fixtureJson = readFileSync(join(import.meta.dirname, 'fixtures', 'quanzhou-2024-2.test-fixture.json'), 'utf8');
const original = (): PlanFile => parsePlanFile(JSON.parse(rawJson));
const ctx = systemContext('test');

describe('plan loader', () => {
  let t: TestApp;
  let planId: number;
  const db = () => t.deps.database.db;
  const count = async (table: 'plan_actions' | 'plan_tasks' | 'indicators' | 'milestones' | 'plan_revisions' | 'indicator_units', live = true) => {
    let q = db()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'));
    if (live && table !== 'plan_revisions' && table !== 'indicator_units') q = q.where('retired_at' as never, 'is', null);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const indicatorByCode = (code: string) =>
    db().selectFrom('indicators').selectAll().where('plan_id', '=', planId).where('code', '=', code).executeTakeFirstOrThrow();

  beforeAll(async () => {
    // The working plan alone, as its file has it (no parent links): cascade.api.test.ts loads the parents.
    t = await createTestApp({ demo: false, env: { HUANXIN_REFERENCE_PLANS: '0' } });
    planId = Number((await db().selectFrom('plans').select('id').where('code', '=', 'JJ-2024-98').executeTakeFirstOrThrow()).id);
  });
  afterAll(() => t.close());

  it('loads 晋政文〔2024〕98号 on start: 10 actions, 31 tasks, 32 indicators, 92 milestones, units matched to organisations', async () => {
    expect([await count('plan_actions'), await count('plan_tasks'), await count('indicators'), await count('milestones')]).toEqual([10, 31, 32, 92]);
    const unmatched = await db().selectFrom('indicator_units').select('unit_name').where('organization_id', 'is', null).execute();
    expect(unmatched).toEqual([]);
    const cars = await indicatorByCode('A2-S-02');
    const targets = await db().selectFrom('indicator_targets').select(['year', 'value']).where('indicator_id', '=', cars.id).execute();
    expect(targets).toEqual([{ year: 2027, value: 2.5 }]);
    const office = await db().selectFrom('organizations').select('id').where('code', '=', 'office').executeTakeFirstOrThrow();
    const lead = await db()
      .selectFrom('task_units')
      .innerJoin('plan_tasks', 'plan_tasks.id', 'task_units.task_id')
      .innerJoin('plan_actions', 'plan_actions.id', 'plan_tasks.action_id')
      .select(['task_units.unit_name', 'task_units.role', 'task_units.organization_id'])
      .where('plan_actions.code', '=', 'A3')
      .where('plan_tasks.number', '=', 1)
      .orderBy('task_units.position')
      .execute();
    expect(lead.map((u) => [u.unit_name, u.role])).toEqual([
      ['市商务局', 'lead'],
      ['市城管局', 'co'],
      ['供销社', 'co'],
    ]);
    expect(lead.every((u) => u.organization_id !== null && Number(u.organization_id) !== Number(office.id))).toBe(true);
  });

  it('loading the same file again changes nothing', async () => {
    const before = await db().selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow();
    const revisions = await count('plan_revisions');
    const result = await loadPlanFile(t.deps, ctx, original());
    expect(result).toEqual({ planId, created: false, changed: false, revisions: 0 });
    expect(await db().selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow()).toEqual(before);
    expect(await count('plan_revisions')).toBe(revisions);
    expect(await count('indicators')).toBe(32);
  });

  it('export is the identity: export → parse deep-equals the file, and reads byte for byte like it', async () => {
    const exported = await exportPlanFile(t.deps, planId);
    expect(parsePlanFile(JSON.parse(JSON.stringify(exported)))).toEqual(original());
    expect(exported).toEqual(JSON.parse(rawJson));
    expect(`${JSON.stringify(exported, null, 2)}\n`).toBe(rawJson);
  });

  it('a changed file updates in place: ids kept, revisions recorded, removed items retired, restored on reload', async () => {
    const stations = await indicatorByCode('A3-T1-02');
    const changed = original();
    const a3 = changed.actions.find((a) => a.code === 'A3')!;
    const task1 = a3.tasks[0]!;
    task1.indicators[1]!.targets = [
      { year: 2025, value: 40 },
      { year: 2027, value: 90 },
    ];
    task1.indicators[1]!.units = ['市商务局', '市城管局'];
    const removed = task1.milestones.pop()!;
    a3.text = `${a3.text}（修订）`;
    const result = await loadPlanFile(t.deps, ctx, changed);
    expect(result.changed).toBe(true);
    expect(result.planId).toBe(planId);

    const after = await indicatorByCode('A3-T1-02');
    expect(after.id).toBe(stations.id);
    const targets = await db().selectFrom('indicator_targets').select(['year', 'value']).where('indicator_id', '=', after.id).orderBy('year').execute();
    expect(targets).toEqual([
      { year: 2025, value: 40 },
      { year: 2027, value: 90 },
    ]);
    const revisions = await db().selectFrom('plan_revisions').selectAll().where('plan_id', '=', planId).orderBy('id').execute();
    const fields = revisions.map((r) => `${r.entity}:${r.field}`);
    expect(fields).toEqual(expect.arrayContaining(['indicator:targets', 'indicator:units', 'action:text', 'milestone:retired']));
    const targetRevision = revisions.find((r) => r.field === 'targets')!;
    expect(JSON.parse(targetRevision.before_json!)).toEqual([{ year: 2027, value: 80 }]);
    expect(targetRevision).toMatchObject({ source: 'file', actor_username: 'test', entity_id: Number(stations.id) });
    expect(result.revisions).toBe(revisions.length);
    const gone = await db().selectFrom('milestones').selectAll().where('plan_id', '=', planId).where('code', '=', removed.code).executeTakeFirstOrThrow();
    expect(gone.retired_at).not.toBeNull();
    expect(await count('milestones')).toBe(91);
    expect(await exportPlanFile(t.deps, planId)).toEqual(changed);
    const plan = await db().selectFrom('plans').select('version').where('id', '=', planId).executeTakeFirstOrThrow();
    expect(plan.version).toBe(2);

    // Loading the original again restores it, with the same milestone row.
    await loadPlanFile(t.deps, ctx, original());
    const back = await db().selectFrom('milestones').selectAll().where('id', '=', gone.id).executeTakeFirstOrThrow();
    expect(back.retired_at).toBeNull();
    expect(await exportPlanFile(t.deps, planId)).toEqual(original());
  });

  it('a reported baseline value survives a file that gives only the baseline year, and is exported', async () => {
    const investment = await indicatorByCode('A1-S-01');
    await db().updateTable('indicators').set({ baseline_value: 120.5 }).where('id', '=', investment.id).execute();
    const changed = original();
    changed.title = `${changed.title}（修订）`;
    await loadPlanFile(t.deps, ctx, changed);
    expect((await indicatorByCode('A1-S-01')).baseline_value).toBe(120.5);
    const exported = await exportPlanFile(t.deps, planId);
    expect(exported.actions[0]!.indicators[0]!.baseline).toEqual({ year: 2023, value: 120.5 });
    expect(exported.title).toBe(changed.title);
    await loadPlanFile(t.deps, ctx, original());
  });

  it('loads a second plan in the same format and resolves a parent indicator named by plan and code, in either order', async () => {
    const child = original();
    child.actions.find((a) => a.code === 'A2')!.indicators.find((i) => i.code === 'A2-S-02')!.parent = { plan: 'QZ-2024-2', indicator: 'A1-T1-01' };
    // The child first: the reference is kept and resolves once the parent plan arrives.
    await loadPlanFile(t.deps, ctx, child);
    expect((await indicatorByCode('A2-S-02')).parent_indicator_id).toBeNull();
    const fixture = parsePlanFile(JSON.parse(fixtureJson));
    const loaded = await loadPlanFile(t.deps, ctx, fixture);
    expect(loaded.created).toBe(true);
    const parent = await db()
      .selectFrom('indicators')
      .select('id')
      .where('plan_id', '=', loaded.planId)
      .where('code', '=', 'A1-T1-01')
      .executeTakeFirstOrThrow();
    const resolved = await indicatorByCode('A2-S-02');
    expect(resolved.parent_indicator_id).toBe(parent.id);
    expect(resolved.parent_plan_code).toBe('QZ-2024-2');
    // Units of another city that are not organisations here are kept by name.
    const units = await db().selectFrom('indicator_units').select(['unit_name', 'organization_id']).where('indicator_id', '=', parent.id).execute();
    expect(units).toEqual([
      { unit_name: '泉州市商务局', organization_id: null },
      { unit_name: '泉州市公安局', organization_id: null },
    ]);
    expect(await exportPlanFile(t.deps, loaded.planId)).toEqual(fixture);
    expect((await exportPlanFile(t.deps, planId)).actions[1]!.indicators[1]!.parent).toEqual({ plan: 'QZ-2024-2', indicator: 'A1-T1-01' });
    await loadPlanFile(t.deps, ctx, original());
    expect((await indicatorByCode('A2-S-02')).parent_indicator_id).toBeNull();
  });
});
