import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { openPeriod, planIdOf, reportId } from '../reporting/testSupport.js';

/** Reads one entry of a zip file (docx) through its central directory. */
export function unzipEntry(zip: Buffer, name: string): Buffer | null {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(eocd + 16);
  const count = zip.readUInt16LE(eocd + 10);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entry = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? data : inflateRawSync(data);
    }
    at += 46 + nameLength + extra + comment;
  }
  return null;
}

describe('monthly briefing', () => {
  let t: TestApp;
  let planId: number;
  beforeAll(async () => {
    t = await createTestApp();
    planId = await planIdOf(t);
    const office = await t.login('demo_office');
    const period = await openPeriod(office, planId, '2025-02');
    const dept = await t.login('demo_department');
    const id = await reportId(t, period.id, 'A2-S-01', '市商务局');
    await dept.post(`/api/plan-reports/${id}/submit`, { value: 0.3, narrative: '2月进展' });
    await office.post(`/api/plan-reports/${id}/accept`);
  });
  afterAll(() => t.close());

  it('is a Word document with the plan’s indicators, statuses, reasons, overdue units and charts', async () => {
    const res = await (await t.login('demo_office')).get(`/api/briefings/monthly.docx?planId=${planId}&period=2025-02`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = unzipEntry(res.rawPayload, 'word/document.xml')!.toString('utf8');
    const names = await t.deps.database.db.selectFrom('indicators').select('name').where('plan_id', '=', planId).execute();
    for (const n of names) expect(xml).toContain(n.name);
    for (const s of ['工作简报', '2025年第2期', '一、总体情况', '三、滞后及风险指标', '四、逾期未报单位', '市公安局', '逾期未报']) expect(xml).toContain(s);
    const media = unzipEntry(res.rawPayload, 'word/media/') ?? null;
    expect(media).toBeNull(); // directories are not entries; the images are:
    expect(xml.match(/<pic:pic/g)?.length).toBe(2);
    if (process.env.BRIEFING_OUT) (await import('node:fs')).writeFileSync(process.env.BRIEFING_OUT, res.rawPayload);
  });

  it('is for the office and auditors only', async () => {
    expect((await (await t.login('demo_auditor')).get(`/api/briefings/monthly.docx?planId=${planId}&period=2025-02`)).statusCode).toBe(200);
    expect((await (await t.login('demo_department')).get(`/api/briefings/monthly.docx?planId=${planId}&period=2025-02`)).statusCode).toBe(403);
    expect((await (await t.login('demo_office')).get(`/api/briefings/monthly.docx?planId=${planId}&period=2025-2`)).statusCode).toBe(400);
  });
});
