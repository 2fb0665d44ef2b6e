import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import type { TestClient } from '../../../../../test/helpers/testApp.js';
import { createTradeinWorld, type TradeinWorld } from './testFixture.js';

// The seeded programmes' releases are dated around "now": a morning inside their window, as risk.test.ts does.
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);

async function uploadPhoto(c: TestClient): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(JPEG)]), '旧机照片.jpg');
  const res = await c.request({ method: 'POST', url: '/api/attachments', payload: form as never });
  expect(res.statusCode).toBe(201);
  return res.json().id as number;
}

describe('risk review: the manual old-item proof can be opened by its reviewers', () => {
  let w: TradeinWorld;
  let mobile = 0;
  const fresh = () => `1371${String(++mobile).padStart(5, '0')}00`;
  beforeAll(async () => {
    w = await createTradeinWorld(2);
    await w.disableAllRules();
    await w.setRule('old_item_proof_reuse', { enabled: true });
  });
  afterAll(() => w.t.close());

  it('shows the proof with its photo, serves the photo inline to 市商务局 (audited with the sale) and to no one else', async () => {
    const [shop0, shop1] = w.shops as [(typeof w.shops)[0], (typeof w.shops)[0]];
    await w.buy(shop0, await w.resident(fresh()), 'television', 300_000, {
      oldItemProof: { reference: 'HS-7788', attachmentId: await uploadPhoto(shop0.client) },
    });
    const photo = await uploadPhoto(shop1.client);
    const held = await w.buy(shop1, await w.resident(fresh()), 'television', 300_000, { oldItemProof: { reference: 'HS-7788', attachmentId: photo } });
    expect(held.status).toBe('held');

    const detail = (await w.commerce.get(`/api/tradein/risk/reviews/${held.id}`)).json();
    expect(detail.oldItemProof).toEqual({
      kind: 'manual',
      reference: 'HS-7788',
      attachment: { id: photo, filename: '旧机照片.jpg', mimeType: 'image/jpeg', sizeBytes: JPEG.length, openedByMe: false },
    });
    const url = `/api/tradein/risk/reviews/${held.id}/evidence/${photo}`;
    const file = await w.commerce.get(url);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(JPEG)).toBe(true);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['content-disposition']).toMatch(/^inline; /);
    expect(String(file.headers['content-security-policy'])).toContain('sandbox');
    const audit = await w.t.deps.database.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity', '=', 'attachment')
      .where('entity_id', '=', String(photo))
      .where('action', '=', 'viewed')
      .execute();
    expect(audit.map((a) => JSON.parse(a.after_json!).record)).toEqual([{ entity: 'tradein_redemption', id: held.id, kind: 'old_item_proof' }]);
    expect((await w.commerce.get(`/api/tradein/risk/reviews/${held.id}`)).json().oldItemProof.attachment.openedByMe).toBe(true);
    // 市财政局 follows the queue read-only and may look; the merchant may not see its sale is under review.
    expect((await w.finance.get(url)).statusCode).toBe(200);
    expect((await shop1.client.get(url)).statusCode).toBe(403);
    // Only the file the sale cites.
    const other = await uploadPhoto(shop1.client);
    expect((await w.commerce.get(`/api/tradein/risk/reviews/${held.id}/evidence/${other}`)).statusCode).toBe(404);
  });
});
