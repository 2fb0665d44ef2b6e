import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import { createTestApp, isPostgres, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { notify } from './service.js';

describe('notifications: the unread count the header bell polls', () => {
  let t: TestApp;
  let office: TestClient;
  let officeUser: { id: number; organization_id: number };
  beforeAll(async () => {
    t = await createTestApp();
    office = await t.login('demo_office');
    const u = await t.deps.database.db.selectFrom('users').select(['id', 'organization_id']).where('username', '=', 'demo_office').executeTakeFirstOrThrow();
    officeUser = { id: Number(u.id), organization_id: Number(u.organization_id) };
  });
  afterAll(() => t.close());

  const unread = async (client: TestClient) => {
    const res = await client.get('/api/notifications/unread-count');
    expect(res.statusCode).toBe(200);
    return res.json<{ unread: number }>().unread;
  };

  it('counts my own and my organisation’s unread notifications, the same as the list says', async () => {
    const start = await unread(office);
    await notify(t.deps.database.db, { userId: officeUser.id, kind: 'test', dedupeKey: 'bell-test:user' });
    await notify(t.deps.database.db, { organizationId: officeUser.organization_id, kind: 'test', dedupeKey: 'bell-test:org' });
    // Addressed to another person of the organisation (the administrators sit in the office): theirs, not everyone's.
    const admin = await t.deps.database.db.selectFrom('users').select(['id', 'organization_id']).where('username', '=', 'demo_admin').executeTakeFirstOrThrow();
    expect(Number(admin.organization_id)).toBe(officeUser.organization_id);
    await notify(t.deps.database.db, { userId: Number(admin.id), organizationId: officeUser.organization_id, kind: 'test', dedupeKey: 'bell-test:other' });
    expect(await unread(office)).toBe(start + 2);
    const list = (await office.get('/api/notifications?pageSize=5')).json<{ unread: number; items: { id: number; readAt: string | null }[] }>();
    expect(list.unread).toBe(start + 2);
    expect((await office.post(`/api/notifications/${list.items[0]!.id}/read`)).statusCode).toBe(204);
    expect(await unread(office)).toBe(start + 1);
    expect((await office.post('/api/notifications/read-all')).json().marked).toBe(start + 1);
    expect(await unread(office)).toBe(0);
    expect((await t.anonymous.get('/api/notifications/unread-count')).statusCode).toBe(401);
  });

  it('fans an organisation-wide notification out to each active member, once per member and dedupe key', async () => {
    const db = t.deps.database.db;
    const members = await db
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', officeUser.organization_id)
      .where('status', '=', 'active')
      .execute();
    expect(await notify(db, { organizationId: officeUser.organization_id, kind: 'test', dedupeKey: 'fan-out-test' })).toBe(true);
    expect(await notify(db, { organizationId: officeUser.organization_id, kind: 'test', dedupeKey: 'fan-out-test' })).toBe(false);
    const rows = await db
      .selectFrom('notifications')
      .select(['user_id', 'organization_id'])
      .where('dedupe_key', '=', 'fan-out-test')
      .orderBy('user_id')
      .execute();
    expect(rows.map((r) => Number(r.user_id))).toEqual(members.map((m) => Number(m.id)).sort((a, b) => a - b));
    expect(new Set(rows.map((r) => Number(r.organization_id)))).toEqual(new Set([officeUser.organization_id]));
    // The same key may reach another user: it is unique per reader.
    expect(await notify(db, { userId: officeUser.id, kind: 'test', dedupeKey: 'bell-test:other' })).toBe(true);
  });

  it.skipIf(isPostgres())('serves the count from an index, not a scan of the table', async () => {
    const db = t.deps.database.db;
    const c = db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('user_id', '=', 1)
      .where('read_at', 'is', null)
      .compile();
    const rows = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]));
    expect(rows.rows.map((r) => r.detail).join('; ')).toMatch(/USING (COVERING )?INDEX notifications_user/);
  });
});
