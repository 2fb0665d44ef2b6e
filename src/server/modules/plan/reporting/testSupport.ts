/** Helpers the reporting tests share (imported by *.test.ts only). */
import { expect } from 'vitest';
import type { TestApp, TestClient } from '../../../../../test/helpers/testApp.js';

export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

export async function planIdOf(t: TestApp): Promise<number> {
  const row = await t.deps.database.db.selectFrom('plans').select('id').where('code', '=', 'JJ-2024-98').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function openPeriod(office: TestClient, planId: number, period: string, deadlineDay?: number) {
  const res = await office.post('/api/plan-periods', { planId, period, ...(deadlineDay ? { deadlineDay } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; deadlineDate: string; deadlineAt: string; counts: { total: number } };
}

/** The report one organisation owes for an indicator (by code) in a period. */
export async function reportId(t: TestApp, periodId: number, indicatorCode: string, organizationName: string): Promise<number> {
  const row = await t.deps.database.db
    .selectFrom('plan_reports as r')
    .innerJoin('indicators as i', 'i.id', 'r.indicator_id')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .select('r.id')
    .where('r.period_id', '=', periodId)
    .where('i.code', '=', indicatorCode)
    .where('o.name', '=', organizationName)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function uploadEvidence(c: TestClient, filename = '佐证.png'): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PNG)]), filename);
  const res = await c.request({ method: 'POST', url: '/api/attachments', payload: form as never });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
