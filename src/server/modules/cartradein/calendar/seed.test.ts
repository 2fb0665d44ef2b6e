import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { seedCarTradeinReference } from '../programs/seed.js';
import { seedShippedCalendars } from './seed.js';
import { shippedCalendar } from './shipped.js';
import { calendarSeedKey } from './years.js';

describe('seeding the shipped working-day calendars', () => {
  let t: TestApp;
  let office: TestClient;
  const days2026 = shippedCalendar(2026)!.days;

  const rowsOf = (year: number) =>
    t.deps.database.db
      .selectFrom('cartradein_calendar')
      .select(['date', 'working', 'note'])
      .where('date', '>=', `${year}-01-01`)
      .where('date', '<=', `${year}-12-31`)
      .orderBy('date')
      .execute();
  const marker = (year: number) =>
    t.deps.database.db.selectFrom('job_runs').select('run_key').where('name', '=', 'seed').where('run_key', '=', calendarSeedKey(year)).executeTakeFirst();
  /** The database of an installation that ran a release shipping only 2025: no 2026 rows, no 2026 marker. */
  async function withoutYear(year: number) {
    await t.deps.database.db.deleteFrom('cartradein_calendar').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
    await t.deps.database.db.deleteFrom('job_runs').where('name', '=', 'seed').where('run_key', '=', calendarSeedKey(year)).execute();
  }

  beforeAll(async () => {
    t = await createTestApp();
    office = await t.login('demo_office');
  });
  afterAll(() => t.close());

  it('a new installation has every shipped year, each marked loaded, 2025 under the key installations already hold', async () => {
    expect((await rowsOf(2025)).length).toBe(shippedCalendar(2025)!.days.length);
    expect((await rowsOf(2026)).map((r) => [r.date, r.working === 1, r.note])).toEqual(days2026.map((d) => [d.date, d.working, d.note]));
    expect((await marker(2025))?.run_key).toBe('cartradein-calendar-2025');
    expect(await marker(2026)).toBeDefined();
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'after_json'])
      .where('entity', '=', 'cartradein_calendar')
      .where('action', '=', 'seed')
      .execute();
    expect(audit.map((a) => a.entity_id).sort()).toEqual(['2025', '2026']);
    expect(JSON.parse(audit.find((a) => a.entity_id === '2026')!.after_json!)).toMatchObject({
      source: '国务院办公厅关于2026年部分节假日安排的通知',
      days: days2026.length,
    });
    // Every later start: nothing to do.
    expect((await seedShippedCalendars(t.deps)).every((r) => !r.loaded)).toBe(true);
  });

  it('an installation that had only 2025 gets 2026 at its next start; 2025 is not loaded again', async () => {
    await withoutYear(2026);
    // The office had deleted a 2025 exception: the 2025 marker keeps it deleted.
    await t.deps.database.db.deleteFrom('cartradein_calendar').where('date', '=', '2025-04-04').execute();
    await seedCarTradeinReference(t.deps);
    expect((await rowsOf(2026)).length).toBe(days2026.length);
    expect((await rowsOf(2025)).map((r) => r.date)).not.toContain('2025-04-04');
    expect(await marker(2026)).toBeDefined();
  });

  it('never loads over a year the office entered through the calendar endpoint, even an empty one', async () => {
    await withoutYear(2026);
    const own = [{ date: '2026-01-01', working: false, note: '元旦（本地录入）' }];
    expect((await office.put('/api/tradein/car-programs/working-calendar/2026', { days: own })).statusCode).toBe(200);
    expect(await seedShippedCalendars(t.deps)).toContainEqual({ year: 2026, loaded: false, recomputedDeadlines: 0 });
    expect((await rowsOf(2026)).map((r) => r.note)).toEqual(['元旦（本地录入）']);

    await withoutYear(2026);
    expect((await office.put('/api/tradein/car-programs/working-calendar/2026', { days: [] })).statusCode).toBe(200);
    await seedShippedCalendars(t.deps);
    expect(await rowsOf(2026)).toEqual([]);
  });

  it('nor over a year entered before this release marked what the office sets', async () => {
    await withoutYear(2026);
    await t.deps.database.db.insertInto('cartradein_calendar').values({ date: '2026-02-16', working: 0, note: '春节（旧版录入）' }).execute();
    expect(await seedShippedCalendars(t.deps)).toContainEqual({ year: 2026, loaded: false, recomputedDeadlines: 0 });
    expect((await rowsOf(2026)).map((r) => r.note)).toEqual(['春节（旧版录入）']);
    expect(await marker(2026)).toBeDefined();
  });
});
