import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { hasViewed } from './service.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const PDF = Buffer.from('%PDF-1.4\n% evidence\n');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(14)]);
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26)]);

async function upload(c: TestClient, filename: string, data: Buffer): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), filename);
  const res = await c.request({ method: 'POST', url: '/api/attachments', payload: form as never });
  expect(res.statusCode).toBe(201);
  return res.json().id as number;
}

describe('opening evidence files', () => {
  let t: TestApp;
  let dept: TestClient;
  let me: number;
  beforeAll(async () => {
    t = await createTestApp();
    dept = await t.login('demo_department');
    me = (await dept.get('/api/auth/me')).json().user.id;
  });
  afterAll(() => t.close());

  const views = (attachmentId: number) =>
    t.deps.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'attachment')
      .where('entity_id', '=', String(attachmentId))
      .where('action', '=', 'viewed')
      .orderBy('id')
      .execute();

  it('shows photos and PDFs inline with their own restrictive headers, and downloads everything else', async () => {
    for (const [name, data, type, disposition] of [
      ['现场照片.png', PNG, 'image/png', 'inline'],
      ['photo.webp', WEBP, 'image/webp', 'inline'],
      ['证明.pdf', PDF, 'application/pdf', 'inline'],
      ['台账.docx', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'attachment'],
    ] as const) {
      const id = await upload(dept, name, data);
      const res = await dept.get(`/api/attachments/${id}`);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(data)).toBe(true);
      expect(res.headers['content-type']).toBe(type);
      expect(res.headers['content-disposition']).toBe(
        `${disposition}; filename="evidence.${name.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('private, no-store');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      // Only the app may frame what it shows inline; a download may not be framed at all.
      expect(csp).toContain(disposition === 'inline' ? "frame-ancestors 'self'" : "frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe(disposition === 'inline' ? 'SAMEORIGIN' : 'DENY');
      if (type.startsWith('image/') || disposition === 'attachment') expect(csp).toMatch(/; sandbox$/);
    }
    const pdf = await upload(dept, 'a.pdf', PDF);
    expect((await dept.get(`/api/attachments/${pdf}?download=1`)).headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('writes one audit record per opening, with the disposition; hasViewed reads it back for that user only', async () => {
    const id = await upload(dept, 'scan.png', PNG);
    expect(await hasViewed(t.deps.database.db, id, me)).toBe(false);
    await dept.get(`/api/attachments/${id}`);
    await dept.get(`/api/attachments/${id}?download=true`);
    const rows = await views(id);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => Number(r.actor_user_id) === me && r.outcome === 'ok')).toBe(true);
    expect(rows.map((r) => JSON.parse(r.after_json!).disposition)).toEqual(['inline', 'attachment']);
    expect(JSON.parse(rows[0]!.after_json!)).toMatchObject({ record: null, filename: 'scan.png' });
    expect(await hasViewed(t.deps.database.db, id, me)).toBe(true);
    const office = await t.login('demo_office');
    const officeId = (await office.get('/api/auth/me')).json().user.id as number;
    expect(await hasViewed(t.deps.database.db, id, officeId)).toBe(false);
    expect(await hasViewed(t.deps.database.db, id, null)).toBe(false);
  });

  it('refuses a stranger (403, no "viewed" record), an unknown file (404) and a signed-out caller (401)', async () => {
    const id = await upload(dept, 'private.pdf', PDF);
    const town = await t.login('demo_town');
    const denied = await town.get(`/api/attachments/${id}`);
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['content-disposition']).toBeUndefined();
    expect(await views(id)).toHaveLength(0);
    const townId = (await town.get('/api/auth/me')).json().user.id as number;
    expect(await hasViewed(t.deps.database.db, id, townId)).toBe(false);
    expect((await dept.get('/api/attachments/99999999')).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/attachments/${id}`)).statusCode).toBe(401);
  });
});
