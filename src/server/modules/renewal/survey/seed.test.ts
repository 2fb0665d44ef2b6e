import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { shanghaiDate } from '../../../../../test/helpers/clock.js';
import { seedSurveyDemo } from './seed.js';

describe('survey demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // The test app seeds the demo accounts, not the modules' demo records.
    await seedSurveyDemo(t.deps);
  });
  afterAll(() => t.close());

  it('makes a current round and a 2023 round whose results show figures on a partial response rate, once only', async () => {
    const office = await t.login('demo_office');
    const rounds = (await office.get('/api/renewal/survey/rounds')).json();
    expect(rounds.map((r: { year: number }) => r.year)).toEqual([Number(shanghaiDate().slice(0, 4)), 2023]);
    const current = (await office.get(`/api/renewal/survey/rounds/${rounds[0].id}/results`)).json();
    expect(current.city.registerSize).toBe(31);
    expect(current.city.responseRate).toBeGreaterThan(20);
    expect(current.city.responseRate).toBeLessThan(80);
    expect(current.city.cncChange).not.toBeNull();
    const mine = (await (await t.login('demo_enterprise')).get('/api/renewal/survey/mine')).json();
    expect(mine.rows.map((r: { year: number; response: { status: string } | null }) => [r.year, r.response?.status ?? null])).toEqual([
      [Number(shanghaiDate().slice(0, 4)), null],
      [2023, 'checked'],
    ]);
    const before = await t.deps.database.db
      .selectFrom('renewal_survey_responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await seedSurveyDemo(t.deps);
    const after = await t.deps.database.db
      .selectFrom('renewal_survey_responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
