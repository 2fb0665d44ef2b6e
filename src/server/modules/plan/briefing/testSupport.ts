import { inflateRawSync } from 'node:zlib';
import type { DashboardView } from '../dashboard/schema.js';
import type { PlanAlert } from '../supervision/alerts.js';
import type { BriefingData } from './data.js';

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

/** A briefing's data with no indicators: enough to see the page, the standing alerts and the 版记. */
export function emptyBriefing(alerts: PlanAlert[]): BriefingData {
  const dashboard = { planId: 1, asOf: '2025-03-05T00:00:00.000Z', townId: null, cards: [], tasks: [], units: [], indicators: [] } as unknown as DashboardView;
  const reports = { total: 0, late: 0, overdue: 0, pending: 0, draft: 0, submitted: 0, returned: 0, corrected: 0, accepted: 0 };
  return {
    plan: { id: 1, title: '晋江市推动大规模设备更新和消费品以旧换新行动工作方案', docNumber: '晋政文〔2024〕98号' },
    period: '2025-02',
    asOf: '2025-03-05T00:00:00.000Z',
    dashboard,
    reports,
    overdueUnits: [],
    alerts,
  };
}
