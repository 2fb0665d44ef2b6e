import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { surveyMetrics } from './metrics.js';
import { addAccount, addEnterprise, answers, code, orgId, towns, TEST_PASSWORD } from './testSetup.js';

const BASE = '/api/renewal/survey';
const metric = (name: string) => surveyMetrics.find((m) => m.name === name)!;

/**
 * Known data. 2023 (checked in January 2024): town A — E1 10 key / 5 CNC, tools, transformed; X1 10 / 6, no tools;
 * town B — X2 5 / 2, tools; X3 no answer. 2025 (checked in June 2025): town A — E1 10 / 7 tools transformed,
 * E2 4 / 2 nothing, X1 6 / 6 tools transformed; town B — X2 submitted only, X3 no answer.
 */
describe('survey results and metrics on known data', () => {
  useFakeClock(shanghaiInstant('2024-01-10', '10:00'));
  let t: TestApp;
  let miit: TestClient;
  let office: TestClient;
  let townA: TestClient;
  let A: { id: number; name: string };
  let B: { id: number; name: string };
  let round2023: number;
  let round2025: number;
  const clients: Record<string, TestClient> = {};

  async function register(round: number, rows: [string, number][]) {
    const ids: Record<string, number> = {};
    for (const [key, town] of rows) {
      const n = { E1: 1, E2: 2, X1: 11, X2: 12, X3: 13 }[key]!;
      const res = await miit.post(`${BASE}/rounds/${round}/register`, {
        creditCode: code(n),
        name: `${key} 公司`,
        townId: town,
        industry: n % 2 ? 'footwear' : 'food',
      });
      ids[key] = res.json().id;
    }
    return ids;
  }
  async function answer(rowId: number, key: string, a: Record<string, unknown>) {
    const c = key.startsWith('E') ? clients[key]! : office;
    const saved = await c.put(`${BASE}/register/${rowId}/response`, answers(a));
    expect(saved.statusCode).toBe(200);
    const id = saved.json().response.id;
    expect((await c.post(`${BASE}/responses/${id}/submit`)).statusCode).toBe(200);
    return id as number;
  }
  const none = { hasRdTools: false, rdTools: [], transformed: false, transformationNote: undefined };

  let townB: TestClient;
  // A jump of the clock ends the sessions: sign in again at the new time.
  async function signIn() {
    miit = await t.login('rs_miit', TEST_PASSWORD);
    office = await t.login('rs_office', TEST_PASSWORD);
    townA = await t.login('rs_town_a', TEST_PASSWORD);
    townB = await t.login('rs_town_b', TEST_PASSWORD);
    clients.E1 = await t.login('rs_e1', TEST_PASSWORD);
    clients.E2 = await t.login('rs_e2', TEST_PASSWORD);
  }

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    [A, B] = (await towns(t)) as [typeof A, typeof B];
    await addEnterprise(t, 'rs_e1', A.id, code(1));
    await addEnterprise(t, 'rs_e2', A.id, code(2));
    await addAccount(t, 'rs_miit', 'department', await orgId(t, '市工信局'));
    await addAccount(t, 'rs_office', 'office', await orgId(t, '工作专班办公室（市发改局）'));
    await addAccount(t, 'rs_town_a', 'town', A.id);
    await addAccount(t, 'rs_town_b', 'town', B.id);
    await signIn();

    round2023 = (await miit.post(`${BASE}/rounds`, { year: 2023, deadline: '2024-01-31' })).json().id;
    const r23 = await register(round2023, [
      ['E1', A.id],
      ['X1', A.id],
      ['X2', B.id],
      ['X3', B.id],
    ]);
    const e1 = await answer(r23.E1!, 'E1', { keyProcesses: 10, cncProcesses: 5 });
    const x1 = await answer(r23.X1!, 'X1', { ...none, keyProcesses: 10, cncProcesses: 6 });
    const x2 = await answer(r23.X2!, 'X2', { transformed: false, transformationNote: undefined, keyProcesses: 5, cncProcesses: 2 });
    vi.setSystemTime(shanghaiInstant('2024-01-15', '10:00'));
    await signIn();
    for (const id of [e1, x1]) expect((await townA.post(`${BASE}/responses/${id}/check`)).statusCode).toBe(200);
    expect((await townB.post(`${BASE}/responses/${x2}/check`)).statusCode).toBe(200);

    vi.setSystemTime(shanghaiInstant('2025-06-01', '10:00'));
    await signIn();
    round2025 = (await miit.post(`${BASE}/rounds`, { year: 2025, deadline: '2025-09-30' })).json().id;
    const r25 = await register(round2025, [
      ['E1', A.id],
      ['E2', A.id],
      ['X1', A.id],
      ['X2', B.id],
      ['X3', B.id],
    ]);
    const ids = [
      await answer(r25.E1!, 'E1', { keyProcesses: 10, cncProcesses: 7 }),
      await answer(r25.E2!, 'E2', { ...none, keyProcesses: 4, cncProcesses: 2 }),
      await answer(r25.X1!, 'X1', { keyProcesses: 6, cncProcesses: 6 }),
    ];
    await answer(r25.X2!, 'X2', { keyProcesses: 8, cncProcesses: 8 });
    // Before the 2025 checks the metrics still read the 2023 round.
    expect(await metric('renewal.survey.keyProcessCncRate').compute(t.deps.database.db, { from: '2025-01-01T00:00:00Z', to: new Date().toISOString() })).toBe(
      52,
    );
    vi.setSystemTime(shanghaiInstant('2025-06-10', '10:00'));
    await signIn();
    for (const id of ids) expect((await townA.post(`${BASE}/responses/${id}/check`)).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('computes every rate with the response rate beside it, city-wide and by town', async () => {
    const r = (await office.get(`${BASE}/rounds/${round2025}/results`)).json();
    expect(r.baselineYear).toBe(2023);
    expect(r.city).toEqual({
      key: 'city',
      label: '全市',
      registerSize: 5,
      submitted: 1,
      checked: 3,
      responseRate: 60,
      rdToolRate: 66.7,
      cncRate: 75,
      // 2023: (5 + 6 + 2) ÷ (10 + 10 + 5) = 52%.
      cncChange: 23,
      transformationCoverage: 66.7,
      transformationLowerBound: 40,
      apps5g: 0,
    });
    const byTown = Object.fromEntries(r.byTown.map((f: { key: string }) => [f.key, f]));
    expect(byTown[String(A.id)]).toMatchObject({ registerSize: 3, checked: 3, responseRate: 100, cncRate: 75, cncChange: 20 });
    expect(byTown[String(B.id)]).toMatchObject({ registerSize: 2, checked: 0, responseRate: 0, rdToolRate: null, cncRate: null, cncChange: null });
    const footwear = r.byIndustry.find((f: { key: string }) => f.key === 'footwear');
    // E1, X1, X3 (odd codes): E1 and X1 checked, 13 of 16 key processes.
    expect(footwear).toMatchObject({ registerSize: 3, checked: 2, responseRate: 66.7, cncRate: 81.3 });
    const base = (await office.get(`${BASE}/rounds/${round2023}/results`)).json();
    expect(base).toMatchObject({ baselineYear: null, city: { registerSize: 4, checked: 3, responseRate: 75, cncRate: 52, cncChange: null } });
  });

  it('answers the metrics as of the window’s end: null before any check, the latest round’s level after', async () => {
    const db = t.deps.database.db;
    const at = (to: string, townId?: number) => ({ from: '2023-01-01T00:00:00Z', to, ...(townId ? { townId } : {}) });
    for (const m of surveyMetrics) expect(await m.compute(db, at('2024-01-14T00:00:00Z'))).toBeNull();
    expect(await metric('renewal.survey.digitalRdToolRate').compute(db, at('2024-06-01T00:00:00Z'))).toBe(66.7);
    expect(await metric('renewal.survey.keyProcessCncRate').compute(db, at('2024-06-01T00:00:00Z'))).toBe(52);
    expect(await metric('renewal.survey.digitalTransformationCoverage').compute(db, at('2024-06-01T00:00:00Z'))).toBe(33.3);
    expect(await metric('renewal.survey.keyProcessCncRate').compute(db, at('2026-01-01T00:00:00Z'))).toBe(75);
    expect(await metric('renewal.survey.digitalRdToolRate').compute(db, at('2026-01-01T00:00:00Z'))).toBe(66.7);
    expect(await metric('renewal.survey.digitalTransformationCoverage').compute(db, at('2026-01-01T00:00:00Z'))).toBe(66.7);
    // Town B has no checked 2025 response: its latest checked level is 2023's (X2: 2 of 5).
    expect(await metric('renewal.survey.keyProcessCncRate').compute(db, at('2026-01-01T00:00:00Z', B.id))).toBe(40);
    expect(await metric('renewal.survey.keyProcessCncRate').compute(db, at('2026-01-01T00:00:00Z', A.id))).toBe(75);
  });
});
