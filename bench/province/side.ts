/**
 * What goes on during the rush besides the claims: the demo merchant redeeming vouchers already issued (a sale
 * with serial, invoice and old-item photo, as bench:crash makes it) and the office reading its dashboards.
 * Each at a low steady rate, so they measure how the rest of the platform fares while the release is rushed.
 */
import { computeInvoiceNumber } from '../../src/server/modules/tradein/redemptions/testInvoices.js';
import { PNG } from '../crash/png.js';
import { type Client, outcomeKey, type Who } from './http.js';

export interface SideResult {
  redemptions: number;
  redemptionMs: number[];
  redemptionOutcomes: Record<string, number>;
  dashboards: number;
  dashboardMs: number[];
  dashboardOutcomes: Record<string, number>;
  seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The proof photo every sale offers (a photo is not used up by a sale). */
export async function uploadPhoto(port: number, merchant: Who): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'old-item.png');
  const res = await fetch(`http://127.0.0.1:${port}/api/attachments`, {
    method: 'POST',
    headers: { cookie: merchant.cookie, 'x-csrf-token': merchant.csrf },
    body: form,
  });
  if (res.status !== 201) throw new Error(`could not upload the proof photo: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

export interface SideOptions {
  merchant: Who;
  office: Who;
  productId: number;
  programId: number;
  planId: number;
  photoId: number;
  /** Sales per second, all redeemers together; dashboard reads per second. */
  redeemRate: number;
  redeemers: number;
  dashboardRate: number;
  readers: number;
  codes: string[];
  stop: { now: boolean };
}

export async function sideLoad(client: Client, o: SideOptions): Promise<SideResult> {
  const r: SideResult = { redemptions: 0, redemptionMs: [], redemptionOutcomes: {}, dashboards: 0, dashboardMs: [], dashboardOutcomes: {}, seconds: 0 };
  const started = performance.now();
  const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);
  const tag = Math.random().toString(36).slice(2, 8);
  const invoiceBase = Math.floor(Math.random() * 1e9);
  let sale = 0;
  const redeemer = async () => {
    const gap = (1000 * o.redeemers) / Math.max(0.001, o.redeemRate);
    while (!o.stop.now) {
      const tick = performance.now();
      const code = o.codes.shift();
      if (code) {
        const n = sale++;
        const a = await client.send('POST', '/api/tradein/redemptions', o.merchant, {
          voucherCode: code,
          productId: o.productId,
          serialNumber: `PROV-${tag}-${n}`,
          price: 459_900,
          invoiceNumber: computeInvoiceNumber(invoiceBase + n),
          oldItemProof: { reference: `OLD-${tag}-${n}`, attachmentId: o.photoId },
        });
        count(r.redemptionOutcomes, outcomeKey(a));
        r.redemptionMs.push(a.ms);
        if (a.status === 201) r.redemptions++;
      }
      await sleep(Math.max(0, gap - (performance.now() - tick)));
    }
  };
  const reads = [`/api/plan-dashboard?planId=${o.planId}`, `/api/tradein/programs/${o.programId}/budget`, `/api/tradein/pools?programId=${o.programId}`];
  let read = 0;
  const reader = async () => {
    const gap = (1000 * o.readers) / Math.max(0.001, o.dashboardRate);
    while (!o.stop.now) {
      const tick = performance.now();
      const path = reads[read++ % reads.length]!;
      const a = await client.send('GET', path, o.office);
      count(r.dashboardOutcomes, `${path.split('?')[0]} ${outcomeKey(a)}`);
      r.dashboardMs.push(a.ms);
      if (a.status === 200) r.dashboards++;
      await sleep(Math.max(0, gap - (performance.now() - tick)));
    }
  };
  await Promise.all([...Array.from({ length: o.redeemers }, redeemer), ...Array.from({ length: o.readers }, reader)]);
  r.seconds = (performance.now() - started) / 1000;
  return r;
}
