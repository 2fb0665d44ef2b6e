import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../notifications/service.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function upload(c: TestClient, filename: string, data: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), filename);
  return c.request({ method: 'POST', url: '/api/attachments', payload: form as never });
}

describe('attachments and notifications', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { HUANXIN_UPLOAD_LIMIT_BYTES: String(64 * 1024) } });
  });
  afterAll(() => t.close());

  it('stores a checked file and lets its organisation and the office read it back', async () => {
    const dept = await t.login('demo_department');
    const res = await upload(dept, '现场照片.png', PNG);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ filename: '现场照片.png', mimeType: 'image/png', sizeBytes: PNG.length });
    const id = res.json().id;
    const back = await dept.get(`/api/attachments/${id}`);
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload.equals(PNG)).toBe(true);
    expect((await (await t.login('demo_office')).get(`/api/attachments/${id}`)).statusCode).toBe(200);
    expect((await (await t.login('demo_town')).get(`/api/attachments/${id}`)).statusCode).toBe(403);
  });

  it('a resident reads only their own files, though all residents share one organisation', async () => {
    await t.anonymous.post('/api/auth/register/resident', {
      mobile: '13911112222',
      password: 'Resident#2024x',
      realName: '钱七',
      idNumber: '11010519491231002X',
    });
    const owner = await t.login('13911112222', 'Resident#2024x');
    const id = (await upload(owner, '旧车照片.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).json().id;
    expect((await owner.get(`/api/attachments/${id}`)).statusCode).toBe(200);
    const other = await t.login('13800000001');
    expect((await other.get(`/api/attachments/${id}`)).statusCode).toBe(403);
  });

  it('refuses a file whose content does not match its type, an empty file, and one over the size limit', async () => {
    const dept = await t.login('demo_department');
    const fake = await upload(dept, 'report.pdf', Buffer.from('MZ this is an executable'));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.details[0].field).toBe('file');
    expect((await upload(dept, 'virus.exe', PNG)).statusCode).toBe(415);
    expect((await upload(dept, 'empty.png', Buffer.alloc(0))).statusCode).toBe(400);
    const big = Buffer.concat([PNG, Buffer.alloc(100 * 1024)]);
    expect((await upload(dept, 'big.png', big)).statusCode).toBe(413);
  });

  it('notifications reach the user or the whole organisation, once per dedupe key', async () => {
    const town = await t.login('demo_town');
    const me = (await town.get('/api/auth/me')).json().user;
    const db = t.deps.database.db;
    expect(await notify(db, { organizationId: me.organization.id, kind: 'test', dedupeKey: 'org-1' })).toBe(true);
    expect(await notify(db, { organizationId: me.organization.id, kind: 'test', dedupeKey: 'org-1' })).toBe(false);
    await notify(db, { userId: me.id, kind: 'test', dedupeKey: 'user-1' });
    const list = (await town.get('/api/notifications')).json();
    expect(list.total).toBe(2);
    expect(list.unread).toBe(2);
    const other = await t.login('demo_department');
    expect((await other.get('/api/notifications')).json().total).toBe(0);
    expect((await other.post(`/api/notifications/${list.items[0].id}/read`)).statusCode).toBe(403);
    expect((await town.post(`/api/notifications/${list.items[0].id}/read`)).statusCode).toBe(204);
    expect((await town.post('/api/notifications/read-all')).json().marked).toBe(1);
    expect((await town.get('/api/notifications?unread=true')).json().total).toBe(0);
  });
});
