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

  it.skipIf(isPostgres())('serves each count from an index, not a scan of the table', async () => {
    const db = t.deps.database.db;
    const plans = [];
    for (const q of [
      db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('user_id', '=', 1)
        .where('read_at', 'is', null),
      db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('organization_id', '=', 1)
        .where('read_at', 'is', null)
        .where('user_id', 'is', null),
    ]) {
      const c = q.compile();
      const rows = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]));
      plans.push(rows.rows.map((r) => r.detail).join('; '));
    }
    expect(plans[0]).toMatch(/USING (COVERING )?INDEX notifications_user/);
    expect(plans[1]).toMatch(/USING INDEX notifications_org/);
  });
});
