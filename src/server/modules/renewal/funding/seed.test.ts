import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { addEnterprise, addProject } from './testSetup.js';
import { seedFundingDemo } from './seed.js';

describe('the funding demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gives the demo projects in the library labelled applications through the workflow, once', async () => {
    const db = t.deps.database.db;
    const town = Number((await db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').executeTakeFirstOrThrow()).id);
    const org = await addEnterprise(t, 'seed_ent', town);
    const ids = [
      await addProject(t, { organizationId: org, townId: town, isDemo: true }),
      await addProject(t, { organizationId: org, townId: town, isDemo: true, status: 'under_construction' }),
      await addProject(t, { organizationId: org, townId: town, isDemo: true, status: 'submitted' }),
      await addProject(t, { organizationId: org, townId: town, isDemo: false }),
    ];
    const mine = () => db.selectFrom('renewal_funding_applications').selectAll().where('project_id', 'in', ids).orderBy('id').execute();
    const demoBefore = await db.selectFrom('renewal_funding_applications').select('id').where('is_demo', '=', 1).execute();
    await seedFundingDemo(t.deps);
    const first = await mine();
    // Only fundable demo projects; every row labelled; the paid never above the granted.
    expect(new Set(first.map((a) => Number(a.project_id)))).toEqual(new Set(ids.slice(0, 2)));
    expect(first.every((a) => Number(a.is_demo) === 1 && a.note?.includes('演示'))).toBe(true);
    expect(first.every((a) => Number(a.paid_fen) <= Number(a.granted_fen ?? 0))).toBe(true);
    expect(first.map((a) => a.status).length).toBeGreaterThan(0);
    await seedFundingDemo(t.deps);
    expect((await mine()).length).toBe(first.length);
    const all = await db.selectFrom('renewal_funding_applications').select('id').where('is_demo', '=', 1).execute();
    expect(all.length).toBe(demoBefore.length + first.length);
    const timeline = await db
      .selectFrom('record_timeline')
      .select('action')
      .where('entity', '=', 'renewal_funding_application')
      .where('entity_id', '=', Number(first[0]!.id))
      .execute();
    expect(timeline.length).toBeGreaterThanOrEqual(1);
  });
});

describe('the funding-source dictionary usage', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('counts the applications naming a source', async () => {
    const { fundingSourceUsage } = await import('./dictionaryUsage.js');
    const db = t.deps.database.db;
    const town = Number((await db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').executeTakeFirstOrThrow()).id);
    const org = await addEnterprise(t, 'usage_ent', town);
    const before = await fundingSourceUsage.countUses(db, 'central_budget');
    const project = await addProject(t, { organizationId: org, townId: town });
    const client = await t.login('usage_ent', 'Funding#Test2024');
    expect((await client.post('/api/renewal/funding/applications', { projectId: project, source: 'central_budget', requestedFen: 100_00 })).statusCode).toBe(
      201,
    );
    expect(await fundingSourceUsage.countUses(db, 'central_budget')).toBe(before + 1);
  });
});
