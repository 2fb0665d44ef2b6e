import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { evidenceFor, scrappingApplication, scrappingProgramBody } from '../testing/fixtures.js';
import { approveChecked } from '../testing/review.js';
import { HEADERS, SHEET_NAME } from './excel.js';
import { RECOMPUTED_HEADER } from './routes.js';
import { seedShippedCalendars } from './seed.js';
import { shippedCalendar } from './shipped.js';
import { calendarSeedKey } from './years.js';

const SCRAPPING_EVIDENCE = ['scrapping_certificate', 'deregistration_certificate', 'new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card'];

/**
 * Deadlines counted before a year's calendar was in place, counted again when it arrives. The clock is set to
 * Asia/Shanghai working hours of the dates named (10:00 = 02:00Z), so the test does not depend on today.
 */
describe('deadlines counted again when a year of the calendar changes', () => {
  let t: TestApp;
  let office: TestClient;
  let commerce: TestClient;
  let finance: TestClient;
  let resident: TestClient;
  let evidence: { attachmentId: number; kind: string }[];
  const ids: Record<'awaitingReview' | 'approved' | 'inPayment' | 'returned' | 'rejected', number> = {
    awaitingReview: 0,
    approved: 0,
    inPayment: 0,
    returned: 0,
    rejected: 0,
  };

  async function signInAt(iso: string) {
    vi.setSystemTime(new Date(iso));
    [office, commerce, finance, resident] = await Promise.all([
      t.login('demo_office'),
      t.login('demo_department'),
      t.login('demo_finance'),
      t.login('13800000001'),
    ]);
  }
  async function submit(programId: number, n: number): Promise<number> {
    const res = await resident.post('/api/tradein/car-applications', scrappingApplication(programId, n, evidence));
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  }
  const row = (id: number) =>
    t.deps.database.db
      .selectFrom('cartradein_applications')
      .select(['status', 'review_due_on', 'payment_due_on'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const recomputeAudits = () =>
    t.deps.database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'actor_username', 'before_json', 'after_json'])
      .where('entity', '=', 'cartradein_application')
      .where('action', '=', 'recomputeDeadline')
      .orderBy('id')
      .execute();
  const put = (year: number, days: unknown[]) => office.put(`/api/tradein/car-programs/working-calendar/${year}`, { days });

  beforeAll(async () => {
    t = await createTestApp();
    // An installation that ran a release shipping only 2025: 2026 is not in the calendar yet.
    await t.deps.database.db.deleteFrom('cartradein_calendar').where('date', '>=', '2026-01-01').execute();
    await t.deps.database.db.deleteFrom('job_runs').where('run_key', '=', calendarSeedKey(2026)).execute();
    vi.useFakeTimers({ toFake: ['Date'] });
    // Thursday 12 February 2026, the Thursday before 春节.
    await signInAt('2026-02-12T02:00:00Z');
    const program = await commerce.post('/api/tradein/car-programs', scrappingProgramBody('car-calendar-recompute'));
    expect(program.statusCode).toBe(201);
    const programId = program.json().id as number;
    evidence = await evidenceFor(resident, SCRAPPING_EVIDENCE);
    for (const [i, key] of (Object.keys(ids) as (keyof typeof ids)[]).entries()) ids[key] = await submit(programId, 700 + i);
    for (const id of [ids.approved, ids.inPayment]) expect((await approveChecked(commerce, id)).statusCode).toBe(200);
    expect((await finance.post('/api/tradein/car-payment-batches', { applicationIds: [ids.inPayment] })).statusCode).toBe(201);
    expect((await commerce.post(`/api/tradein/car-applications/${ids.returned}/return`, { reasons: ['请补充行驶证反面'] })).statusCode).toBe(200);
    expect((await commerce.post(`/api/tradein/car-applications/${ids.rejected}/reject`, { reasons: ['报废证明与车辆不符'] })).statusCode).toBe(200);
  });
  afterAll(async () => {
    vi.useRealTimers();
    await t.close();
  });

  it('without 2026 the deadlines counted 春节 as working days', async () => {
    expect(await row(ids.awaitingReview)).toMatchObject({ status: 'submitted', review_due_on: '2026-02-26' });
    expect(await row(ids.approved)).toMatchObject({ status: 'approved', payment_due_on: '2026-03-05' });
    expect(await row(ids.inPayment)).toMatchObject({ status: 'in_payment', payment_due_on: '2026-03-05' });
  });

  it('the next start loads 2026 and counts the running deadlines again, skipping 春节 and counting its make-up Saturdays', async () => {
    const results = await seedShippedCalendars(t.deps);
    expect(results).toContainEqual({ year: 2026, loaded: true, recomputedDeadlines: 3 });
    // 10 working days from 12 Feb: 13, 14 (Sat, 调休), 24–28 (28 a Saturday, 调休), 2–4 Mar.
    expect(await row(ids.awaitingReview)).toMatchObject({ review_due_on: '2026-03-04' });
    const view = (await commerce.get(`/api/tradein/car-applications/${ids.awaitingReview}`)).json();
    expect(view.deadlines.review.dueOn).toBe('2026-03-04');
    expect(await row(ids.approved)).toMatchObject({ payment_due_on: '2026-03-11' });
    expect(await row(ids.inPayment)).toMatchObject({ payment_due_on: '2026-03-11' });
    // A returned application waits for the resident and a rejected one is closed: neither moves.
    expect(await row(ids.returned)).toMatchObject({ status: 'returned', review_due_on: '2026-02-26' });
    expect(await row(ids.rejected)).toMatchObject({ status: 'rejected', review_due_on: '2026-02-26' });
    const audits = await recomputeAudits();
    expect(audits.map((a) => [Number(a.entity_id), a.actor_username, JSON.parse(a.before_json!), JSON.parse(a.after_json!)])).toEqual([
      [ids.awaitingReview, 'seed', { reviewDueOn: '2026-02-26' }, { reviewDueOn: '2026-03-04', calendarYear: 2026 }],
      [ids.approved, 'seed', { paymentDueOn: '2026-03-05' }, { paymentDueOn: '2026-03-11', calendarYear: 2026 }],
      [ids.inPayment, 'seed', { paymentDueOn: '2026-03-05' }, { paymentDueOn: '2026-03-11', calendarYear: 2026 }],
    ]);
  });

  it('the office replacing 2026 moves exactly the open deadlines it changes, audited, and says how many', async () => {
    const shipped = shippedCalendar(2026)!.days;
    const before = (await recomputeAudits()).length;
    // Say 14 Feb were not a make-up working day after all: every running deadline moves one working day on.
    const res = await put(
      2026,
      shipped.filter((d) => d.date !== '2026-02-14'),
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers[RECOMPUTED_HEADER]).toBe('3');
    expect(res.json()).toHaveLength(shipped.length - 1); // the body is still the year's days
    expect(await row(ids.awaitingReview)).toMatchObject({ review_due_on: '2026-03-05' });
    expect(await row(ids.approved)).toMatchObject({ payment_due_on: '2026-03-12' });
    expect(await row(ids.inPayment)).toMatchObject({ payment_due_on: '2026-03-12' });
    expect(await row(ids.returned)).toMatchObject({ review_due_on: '2026-02-26' });
    const audits = (await recomputeAudits()).slice(before);
    expect(audits.map((a) => [Number(a.entity_id), a.actor_username])).toEqual([
      [ids.awaitingReview, 'demo_office'],
      [ids.approved, 'demo_office'],
      [ids.inPayment, 'demo_office'],
    ]);
    expect(JSON.parse(audits[0]!.before_json!)).toEqual({ reviewDueOn: '2026-03-04' });

    // Back to the notice: they move back. The same year again, or a year none of them reaches, moves nothing.
    expect((await put(2026, shipped)).headers[RECOMPUTED_HEADER]).toBe('3');
    expect(await row(ids.awaitingReview)).toMatchObject({ review_due_on: '2026-03-04' });
    expect((await put(2026, shipped)).headers[RECOMPUTED_HEADER]).toBe('0');
    expect((await put(2025, shippedCalendar(2025)!.days)).headers[RECOMPUTED_HEADER]).toBe('0');
    expect((await recomputeAudits()).length).toBe(before + 6);
    // Who may not replace the calendar moves nothing either.
    expect((await finance.put('/api/tradein/car-programs/working-calendar/2026', { days: [] })).statusCode).toBe(403);
    expect(await row(ids.awaitingReview)).toMatchObject({ review_due_on: '2026-03-04' });
  });

  it('a deadline that runs into the next year moves when that year is entered', async () => {
    // Monday 21 December 2026; 2027 has no calendar yet, so 1 January counts as a working day.
    await signInAt('2026-12-21T02:00:00Z');
    const program = await commerce.post('/api/tradein/car-programs', scrappingProgramBody('car-calendar-recompute-2027'));
    const id = await submit(program.json().id as number, 720);
    expect(await row(id)).toMatchObject({ review_due_on: '2027-01-04' });
    const res = await put(2027, [{ date: '2027-01-01', working: false, note: '元旦' }]);
    expect(res.headers[RECOMPUTED_HEADER]).toBe('1');
    expect(await row(id)).toMatchObject({ review_due_on: '2027-01-05' });
    expect(await row(ids.awaitingReview)).toMatchObject({ review_due_on: '2026-03-04' });

    // An Excel import is the same replacement: without 1 January the deadline moves back, and the page reads how many.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet(SHEET_NAME).addRows([
      [HEADERS.date, HEADERS.kind, HEADERS.name],
      ['2027-10-01', 'holiday', '国庆节'],
    ]);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await wb.xlsx.writeBuffer())]), '2027.xlsx');
    const imported = await office.request({
      method: 'POST',
      url: '/api/tradein/car-programs/working-calendar/2027/import?dryRun=false',
      payload: form as never,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ saved: true, recomputedDeadlines: 1 });
    expect(imported.headers[RECOMPUTED_HEADER]).toBe('1');
    expect(await row(id)).toMatchObject({ review_due_on: '2027-01-04' });
    const details = (await office.get('/api/tradein/car-programs/working-calendar/2027/details')).json();
    expect(details.lastChange).toMatchObject({ action: 'import', username: 'demo_office', recomputedDeadlines: 1 });
  });
});
