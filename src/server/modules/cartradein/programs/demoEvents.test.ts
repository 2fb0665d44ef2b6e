import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { seedCarTradeinDemo } from './demo.js';
import { DEMO_EVENT_NOTE } from './demoEvents.js';

/** The car module's demo history on a clock inside the plan's years (mid-June 2026). */
describe('car trade-in demo: a year and a half of promotion events', () => {
  useFakeClock(shanghaiInstant('2026-06-15', '10:00'));
  let t: TestApp;
  const demoEvents = () =>
    t.deps.database.db
      .selectFrom('cartradein_events')
      .select(['type', 'status', 'starts_on', 'title', 'results_reported_at'])
      .where('description', '=', DEMO_EVENT_NOTE)
      .execute();
  beforeAll(async () => {
    t = await createTestApp();
    await seedCarTradeinDemo(t.deps, new Date());
  }, 60_000);
  afterAll(() => t.close());

  it('holds past events with their results, cancels one, publishes the next ones and keeps one a draft, all labelled 演示', async () => {
    const events = await demoEvents();
    const by = (status: string) => events.filter((e) => e.status === status);
    expect(by('held').length).toBeGreaterThanOrEqual(12);
    expect(by('cancelled')).toHaveLength(1);
    expect(by('published').length).toBeGreaterThanOrEqual(2);
    expect(by('draft')).toHaveLength(1);
    for (const e of by('held')) {
      expect(e.starts_on <= '2026-06-15').toBe(true);
      expect(e.results_reported_at).not.toBeNull();
    }
    for (const e of by('published')) expect(e.starts_on > '2026-06-15').toBe(true);
    expect(events.every((e) => e.title.startsWith('（演示）'))).toBe(true);
    expect(new Set(events.map((e) => e.starts_on.slice(0, 7))).size).toBeGreaterThanOrEqual(12);
  });

  it('gives the plan’s event indicators a count this year', async () => {
    const office = await t.login('demo_office');
    const dashboard = (await office.get('/api/plan-dashboard')).json() as { indicators: { code: string; actual: number | null }[] };
    const actual = (code: string) => dashboard.indicators.find((i) => i.code === code)?.actual ?? null;
    expect(actual('A2-T1-01')).toBeGreaterThan(0);
    expect(actual('A2-T2-01')).toBeGreaterThan(0);
  });

  it('adds nothing when run again', async () => {
    const before = await demoEvents();
    await seedCarTradeinDemo(t.deps, new Date());
    expect(await demoEvents()).toEqual(before);
  });
});
