import type { FastifyBaseLogger } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { runJobOnce } from '../../../core/jobs.js';
import { CALENDAR_MISSING_KIND, calendarMissingJob } from './missing.js';
import { missingCalendarYears } from './years.js';

/** A logger that keeps what was warned, in place of the scheduler's. */
function jobLog() {
  const warnings: unknown[][] = [];
  const log = { warn: (...args: unknown[]) => void warnings.push(args) } as unknown as FastifyBaseLogger;
  return { log, warnings };
}

// Instants named by their Asia/Shanghai wall-clock time (UTC+8).
const shanghai = (local: string) => new Date(`${local}+08:00`);

describe('next year’s working calendar missing', () => {
  let t: TestApp;
  const db = () => t.deps.database.db;
  // Which organisations were told (each member then has a copy of their own in notifications).
  const notifications = () =>
    db()
      .selectFrom('organization_notifications')
      .select(['organization_id', 'params_json', 'dedupe_key'])
      .where('kind', '=', CALENDAR_MISSING_KIND)
      .orderBy('organization_id')
      .execute();
  const setYear = async (year: number, days: { date: string; working: boolean; note: string }[]) => {
    await db().deleteFrom('cartradein_calendar').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
    if (days.length)
      await db()
        .insertInto('cartradein_calendar')
        .values(days.map((d) => ({ ...d, working: d.working ? 1 : 0 })))
        .execute();
  };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is missing from 1 December (Asia/Shanghai) on, when next year has no rows; a year without a calendar of its own too', async () => {
    expect(await missingCalendarYears(db(), shanghai('2026-11-30T23:59:59'))).toEqual([]);
    expect(await missingCalendarYears(db(), shanghai('2026-12-01T00:00:00'))).toEqual([2027]);
    expect(await missingCalendarYears(db(), new Date('2026-11-30T16:00:00Z'))).toEqual([2027]); // the same instant, in UTC
    expect(await missingCalendarYears(db(), shanghai('2026-06-01T10:00:00'))).toEqual([]);
    expect(await missingCalendarYears(db(), shanghai('2027-03-01T10:00:00'))).toEqual([2027]);
    expect(await missingCalendarYears(db(), shanghai('2025-12-15T10:00:00'))).toEqual([]); // 2026 is shipped
  });

  describe('the daily job', () => {
    let officeOrgs: number[];
    let managerOrgs: number[];

    beforeAll(async () => {
      officeOrgs = (await db().selectFrom('organizations').select('id').where('kind', '=', 'office').where('status', '=', 'active').execute()).map((o) =>
        Number(o.id),
      );
      managerOrgs = (
        await db().selectFrom('organization_grants').select('organization_id').where('domain', '=', 'cartradein').where('capability', '=', 'manage').execute()
      ).map((m) => Number(m.organization_id));
      expect(officeOrgs.length).toBeGreaterThan(0);
      expect(managerOrgs.length).toBeGreaterThan(0);
    });

    it('before 1 December it has nothing to say', async () => {
      const { log, warnings } = jobLog();
      expect(await runJobOnce(t.deps, calendarMissingJob, shanghai('2026-11-30T09:00:00'), log)).toBe(true);
      expect(warnings).toEqual([]);
      expect(await notifications()).toEqual([]);
    });

    it('from 1 December it warns in the job log every day and notifies the office and each managing department once', async () => {
      const first = jobLog();
      expect(await runJobOnce(t.deps, calendarMissingJob, shanghai('2026-12-01T00:30:00'), first.log)).toBe(true);
      expect(first.warnings).toHaveLength(1);
      expect(first.warnings[0]![0]).toMatchObject({ year: 2027 });
      expect(String(first.warnings[0]![1])).toContain('2027');
      const sent = await notifications();
      expect(sent.map((n) => Number(n.organization_id)).sort()).toEqual([...new Set([...officeOrgs, ...managerOrgs])].sort());
      expect(sent.every((n) => JSON.parse(n.params_json).year === 2027)).toBe(true);
      // Every active member of a told organisation has their copy.
      const copies = await db().selectFrom('notifications').select(['user_id']).where('kind', '=', CALENDAR_MISSING_KIND).execute();
      const members = await db()
        .selectFrom('users')
        .select('id')
        .where(
          'organization_id',
          'in',
          sent.map((n) => Number(n.organization_id)),
        )
        .where('status', '=', 'active')
        .execute();
      expect(copies.map((c) => Number(c.user_id)).sort()).toEqual(members.map((m) => Number(m.id)).sort());

      // The same day again (another process): not run. The next day: warned again, nobody notified again.
      expect(await runJobOnce(t.deps, calendarMissingJob, shanghai('2026-12-01T15:00:00'), jobLog().log)).toBe(false);
      const next = jobLog();
      expect(await runJobOnce(t.deps, calendarMissingJob, shanghai('2026-12-02T09:00:00'), next.log)).toBe(true);
      expect(next.warnings).toHaveLength(1);
      expect(await notifications()).toHaveLength(sent.length);
    });

    it('reads in the reader’s language in their notifications', async () => {
      const office = await t.login('demo_office');
      const mine = (await office.get('/api/notifications?page=1&pageSize=50')).json();
      const item = mine.items.find((n: { kind: string }) => n.kind === CALENDAR_MISSING_KIND);
      expect(item.message).toContain('2027年工作日历');
      expect(item.link).toBe('/car/calendar?year=2027');
    });

    it('once next year is entered it is silent', async () => {
      await setYear(2027, [{ date: '2027-01-01', working: false, note: '元旦' }]);
      const { log, warnings } = jobLog();
      const before = (await notifications()).length;
      expect(await runJobOnce(t.deps, calendarMissingJob, shanghai('2026-12-03T09:00:00'), log)).toBe(true);
      expect(warnings).toEqual([]);
      expect(await notifications()).toHaveLength(before);
      await setYear(2027, []);
    });
  });

  describe('the home-page notice', () => {
    let office: TestClient;
    let commerce: TestClient;
    let finance: TestClient;
    let town: TestClient;
    let resident: TestClient;
    const notices = async (c: TestClient) =>
      ((await c.get('/api/home/notices')).json() as { key: string; level: string; message: string; link: string }[]).filter((n) =>
        n.key.startsWith('cartradein.calendar-missing'),
      );

    async function signInAt(local: string) {
      vi.setSystemTime(shanghai(local));
      [office, commerce, finance, town, resident] = await Promise.all([
        t.login('demo_office'),
        t.login('demo_department'),
        t.login('demo_finance'),
        t.login('demo_town'),
        t.login('13800000001'),
      ]);
    }

    beforeAll(() => {
      vi.useFakeTimers({ toFake: ['Date'] });
    });
    afterEach(async () => setYear(2027, []));
    afterAll(() => {
      vi.useRealTimers();
    });

    it('from 1 December warns the office and the departments that manage trade-in, not the others', async () => {
      await signInAt('2026-12-01T09:00:00');
      const [notice] = await notices(office);
      expect(notice).toEqual({
        key: 'cartradein.calendar-missing:2027',
        level: 'warning',
        message: expect.stringContaining('2027年工作日历尚未录入'),
        link: '/car/calendar?year=2027',
      });
      expect(await notices(commerce)).toEqual([notice]);
      expect(await notices(finance)).toEqual([]); // 市财政局 confirms payments, it does not keep the calendar
      expect(await notices(town)).toEqual([]);
      expect(await notices(resident)).toEqual([]);
      const en = await office.get('/api/home/notices', { 'accept-language': 'en' });
      expect(en.json().find((n: { key: string }) => n.key === notice!.key).message).toContain('The 2027 working-day calendar has not been entered');
    });

    it('not before 1 December, nor once next year is entered', async () => {
      await signInAt('2026-11-30T18:00:00');
      expect(await notices(office)).toEqual([]);
      expect(await notices(commerce)).toEqual([]);
      await signInAt('2026-12-01T09:00:00');
      await setYear(2027, [{ date: '2027-01-01', working: false, note: '元旦' }]);
      expect(await notices(office)).toEqual([]);
      expect(await notices(commerce)).toEqual([]);
    });
  });
});
