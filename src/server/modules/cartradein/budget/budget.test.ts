import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { daysAgo, evidenceFor, newResident, replacementProgramBody, scrappingApplication } from '../testing/fixtures.js';
import { carBudgetMigrations } from './migrations.js';

/** Dates are the fixtures' (days before today); the clock sits inside the seeded windows, before 08:00 Shanghai. */
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

const REPLACEMENT_EVIDENCE = ['old_vehicle_registration', 'transfer_record', 'new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card'];

describe('car programme budget: split, approvals within it, figures and burn-down', () => {
  let t: TestApp;
  let office: TestClient;
  let commerce: TestClient;
  let finance: TestClient;
  let auditor: TestClient;
  let resident: TestClient;
  let programId: number;
  let evidence: { attachmentId: number; kind: string }[];
  const budgetOf = async (id = programId) => (await commerce.get(`/api/tradein/car-programs/${id}/budget`)).json();
  /** A replacement application for a new NEV of 120,000 yuan: 12,000 yuan under the example rule's bands. */
  async function apply(n: number, client = resident, ev = evidence) {
    const { scrapping: _s, ...base } = scrappingApplication(programId, n, ev);
    const res = await client.post('/api/tradein/car-applications', {
      ...base,
      oldVehicle: { ...base.oldVehicle, emissionStandard: 'guo6' },
      transfer: { recordNumber: `ESC-2026-${String(n).padStart(6, '0')}`, transferredOn: daysAgo(7) },
      newVehicle: { ...base.newVehicle, priceFen: 12_000_000 },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  }
  const approve = (id: number, headers: Record<string, string> = {}) =>
    commerce.request({ method: 'POST', url: `/api/tradein/car-applications/${id}/approve`, payload: {}, headers });

  beforeAll(async () => {
    t = await createTestApp();
    [office, commerce, finance, auditor, resident] = await Promise.all([
      t.login('demo_office'),
      t.login('demo_department'),
      t.login('demo_finance'),
      t.login('demo_auditor'),
      t.login('13800000001'),
    ]);
    const created = await commerce.post('/api/tradein/car-programs', replacementProgramBody('car-budget-test'));
    expect(created.statusCode).toBe(201);
    programId = created.json().id;
    evidence = await evidenceFor(resident, REPLACEMENT_EVIDENCE);
  });
  afterAll(() => t.close());

  it('a new programme has a budget row that is not set; approvals are not limited until one is', async () => {
    const b = await budgetOf();
    expect(b).toMatchObject({ set: false, version: 0, budget: null, remaining: null, approved: { total: 0, central: null, count: 0 } });
    expect((await commerce.get(`/api/tradein/car-programs/${programId}/budget/versions`)).json()).toEqual([]);
    const id = await apply(1);
    expect((await budgetOf()).committed).toMatchObject({ total: 1_200_000, count: 1 });
    expect((await approve(id)).json().status).toBe('approved');
    expect((await budgetOf()).approved).toMatchObject({ total: 1_200_000, count: 1, central: null });
  });

  it('only managers set it; 市财政局 and auditors read it; residents neither; bad amounts are field errors', async () => {
    const body = { centralFen: 1_500_000, provincialFen: 500_000, cityFen: 500_000, note: '2026年第一批' };
    for (const c of [finance, auditor, resident]) expect((await c.put(`/api/tradein/car-programs/${programId}/budget`, body)).statusCode).toBe(403);
    for (const c of [finance, auditor]) expect((await c.get(`/api/tradein/car-programs/${programId}/budget`)).statusCode).toBe(200);
    expect((await resident.get(`/api/tradein/car-programs/${programId}/budget`)).statusCode).toBe(403);
    const bad = await commerce.put(`/api/tradein/car-programs/${programId}/budget`, { ...body, cityFen: -1, provincialFen: 1.5 });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['cityFen', 'provincialFen']);
    // Below the 12,000 yuan already approved: refused on the total, nothing written.
    const low = await commerce.put(`/api/tradein/car-programs/${programId}/budget`, { centralFen: 1_000_000, provincialFen: 0, cityFen: 0 });
    expect(low.statusCode).toBe(409);
    expect(low.json().error).toMatchObject({ code: 'CAR_BUDGET_BELOW_APPROVED', details: [{ field: 'total' }] });
    expect(low.json().error.message).toContain('12000.00');
    expect((await budgetOf()).set).toBe(false);

    const ok = await commerce.put(`/api/tradein/car-programs/${programId}/budget`, { ...body, baseVersion: 0 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      set: true,
      version: 1,
      budget: { total: 2_500_000, central: 1_500_000, provincial: 500_000, city: 500_000 },
      // 12,000 yuan approved, split 60/20/20.
      approved: { total: 1_200_000, central: 720_000, provincial: 240_000, city: 240_000 },
      remaining: { total: 1_300_000 },
    });
    // Stale editor, unchanged value.
    expect((await commerce.put(`/api/tradein/car-programs/${programId}/budget`, { ...body, cityFen: 600_000, baseVersion: 0 })).json().error.code).toBe(
      'VERSION_CONFLICT',
    );
    expect((await office.put(`/api/tradein/car-programs/${programId}/budget`, body)).json().version).toBe(1);
    const history = (await auditor.get(`/api/tradein/car-programs/${programId}/budget/versions`)).json();
    expect(history).toMatchObject([{ version: 1, totalFen: 2_500_000, note: '2026年第一批', current: true }]);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'actor_username'])
      .where('entity', '=', 'cartradein_budget')
      .where('entity_id', '=', String(programId))
      .orderBy('id')
      .execute();
    // 市财政局's refused attempt is on the trail too; one version, one write.
    expect(audit).toEqual([
      { action: 'set', outcome: 'denied', actor_username: 'demo_finance' },
      { action: 'set', outcome: 'ok', actor_username: 'demo_department' },
    ]);
  });

  it('an approval beyond the budget is refused by the database check, in the caller’s language, and nothing is written', async () => {
    const second = await apply(2);
    const third = await apply(3);
    expect((await budgetOf()).committed).toMatchObject({ total: 2_400_000, count: 2 });
    expect((await budgetOf()).uncommitted.total).toBe(2_500_000 - 1_200_000 - 2_400_000);
    expect((await approve(second)).statusCode).toBe(200);
    const refused = await approve(third, { 'accept-language': 'en' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CAR_BUDGET_EXCEEDED');
    expect(refused.json().error.message).toContain('1000.00 yuan is left');
    expect((await approve(third)).json().error.message).toContain('预算剩余 1000.00 元');
    expect((await commerce.get(`/api/tradein/car-applications/${third}`)).json().status).toBe('submitted');
    expect((await budgetOf()).approved).toMatchObject({ total: 2_400_000, count: 2 });
    // The CHECK itself, whoever writes: no update can put approvals above the total.
    await expect(
      t.deps.database.db
        .updateTable('cartradein_budgets')
        .set({ approved_fen: sql<number>`total_fen + 1` })
        .where('program_id', '=', programId)
        .execute(),
    ).rejects.toThrow(/check|constraint/i);
    // Raised by 12,000 yuan: now it fits, with 1,000 left.
    const raised = await commerce.put(`/api/tradein/car-programs/${programId}/budget`, {
      centralFen: 1_500_000,
      provincialFen: 500_000,
      cityFen: 1_700_000,
      note: '追加市级资金',
      baseVersion: 1,
    });
    expect(raised.json()).toMatchObject({ version: 2, budget: { total: 3_700_000 } });
    expect((await approve(third)).json().status).toBe('approved');
    expect((await budgetOf()).remaining.total).toBe(100_000);
  });

  it('paid is recorded with the payment; the burn-down runs by Shanghai day to today', async () => {
    const batch = await finance.post('/api/tradein/car-payment-batches', {});
    expect(batch.statusCode).toBe(201);
    const paid = await finance.post(`/api/tradein/car-payment-batches/${batch.json().id}/paid`, { reference: 'GK2026061000001' });
    expect(paid.statusCode).toBe(200);
    const b = await budgetOf();
    expect(b.paid).toMatchObject({ total: 3_600_000, count: 3 });
    expect(b.paid.central + b.paid.provincial + b.paid.city).toBe(3_600_000);
    expect(b.burnDown[0].date).toBe(daysAgo(60));
    expect(b.burnDown.at(-1)).toEqual({ date: daysAgo(0), approved: 3_600_000, paid: 3_600_000, remaining: 100_000 });
    expect(b.burnDown.at(-2)).toMatchObject({ approved: 0, paid: 0, remaining: 3_700_000 });
  });

  it('the migration gives existing programmes a row with what their applications already drew', async () => {
    const db = t.deps.database.db;
    await db.schema.dropTable('cartradein_budget_versions').execute();
    await db.schema.dropTable('cartradein_budgets').execute();
    await carBudgetMigrations[0]!.up(db, t.deps.database.dialect);
    const rows = await db.selectFrom('cartradein_budgets').selectAll().execute();
    const programs = await db.selectFrom('cartradein_programs').select('id').execute();
    expect(rows.length).toBe(programs.length);
    expect(rows.find((r) => Number(r.program_id) === programId)).toMatchObject({ total_fen: null, version: 0 });
    const mine = rows.find((r) => Number(r.program_id) === programId)!;
    expect([Number(mine.approved_fen), Number(mine.paid_fen)]).toEqual([3_600_000, 3_600_000]);
  });

  it('after the migration the programme has no split set, so approvals are not limited', async () => {
    const other = await newResident(t, 41);
    const id = await apply(41, other, await evidenceFor(other, REPLACEMENT_EVIDENCE));
    expect((await approve(id)).json().status).toBe('approved');
    expect((await budgetOf()).approved.total).toBe(4_800_000);
  });

  it('two reviewers approving at the same moment cannot both pass the budget', async () => {
    const set = await commerce.put(`/api/tradein/car-programs/${programId}/budget`, { centralFen: 6_000_000, provincialFen: 0, cityFen: 0 });
    expect(set.json()).toMatchObject({ version: 1, remaining: { total: 1_200_000 } });
    const other = await newResident(t, 42);
    const ids = [await apply(42, other, await evidenceFor(other, REPLACEMENT_EVIDENCE)), await apply(43)];
    const answers = await Promise.all([approve(ids[0]!), office.post(`/api/tradein/car-applications/${ids[1]}/approve`, {})]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.statusCode === 409)!.json().error.code).toBe('CAR_BUDGET_EXCEEDED');
    expect(await budgetOf()).toMatchObject({ approved: { total: 6_000_000 }, remaining: { total: 0 }, committed: { count: 1 } });
  });
});
