import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../db/database.js';
import { migrateToLatest } from '../../../db/migrations.js';
import { ALL_MIGRATIONS } from '../../migrations.js';
import { isPostgres } from '../../../../../test/helpers/testApp.js';
import { notify } from './service.js';

const PER_USER = '20261203_1800_platform_notifications_per_user';

describe('notifications made before they named their reader (migration 20261203_1800)', () => {
  const postgresUrl = isPostgres() ? process.env.DATABASE_URL! : null;
  let dir: string;
  let pgName: string | null = null;
  let database: Database;
  const ids: { org: number; other: number; members: number[]; away: number; own: number } = { org: 0, other: 0, members: [], away: 0, own: 0 };

  async function admin(text: string) {
    const client = new pg.Client({ connectionString: postgresUrl! });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-notes-'));
    let url = `sqlite:${path.join(dir, 'upgrade.db')}`;
    if (postgresUrl) {
      pgName = `huanxin_t_${randomBytes(6).toString('hex')}`;
      await admin(`create database ${pgName}`);
      const u = new URL(postgresUrl);
      u.pathname = `/${pgName}`;
      url = u.toString();
    }
    database = createDatabase(url, { poolSize: 2 });
    await migrateToLatest(
      database,
      ALL_MIGRATIONS.filter((m) => m.name < PER_USER),
    );
    const now = new Date().toISOString();
    // Written as the old schema had it (user_id nullable), so the test types it loosely, as a migration would.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = database.db as unknown as Kysely<any>;
    const organization = async (code: string) =>
      Number(
        (
          await db
            .insertInto('organizations')
            .values({ code, name: code, kind: 'department', status: 'active', is_demo: 0, created_at: now, updated_at: now })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    ids.org = await organization('notes-org');
    ids.other = await organization('notes-empty');
    const user = async (username: string, status: string) =>
      Number(
        (
          await db
            .insertInto('users')
            .values({
              username,
              display_name: username,
              role: 'department',
              organization_id: ids.org,
              password_hash: 'x',
              status,
              must_change_password: 0,
              created_at: now,
              updated_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    ids.members = [await user('notes-a', 'active'), await user('notes-b', 'active')];
    ids.away = await user('notes-c', 'disabled');
    const note = (userId: number | null, organizationId: number | null, dedupeKey: string, readAt: string | null) => ({
      user_id: userId,
      organization_id: organizationId,
      kind: 'test',
      params_json: '{}',
      link: null,
      dedupe_key: dedupeKey,
      created_at: now,
      read_at: readAt,
    });
    ids.own = Number(
      (
        await db
          .insertInto('notifications')
          .values(note(ids.members[0]!, ids.org, 'own', null))
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    await db
      .insertInto('notifications')
      .values([note(null, ids.org, 'org-unread', null), note(null, ids.org, 'org-read', now), note(null, ids.other, 'org-nobody', null)])
      .execute();
    await migrateToLatest(database, ALL_MIGRATIONS);
  });

  afterAll(async () => {
    await database?.close();
    if (pgName) await admin(`drop database if exists ${pgName} with (force)`);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives each active member their copy of the organisation’s notifications, read marks kept; a user’s own stay as they were', async () => {
    const rows = await database.db.selectFrom('notifications').select(['id', 'user_id', 'dedupe_key', 'read_at']).orderBy('id').execute();
    expect(rows.find((r) => r.dedupe_key === 'own')).toMatchObject({ id: ids.own, user_id: ids.members[0], read_at: null });
    const copies = (key: string) =>
      rows
        .filter((r) => r.dedupe_key === key)
        .map((r) => [Number(r.user_id), r.read_at !== null])
        .sort();
    expect(copies('org-unread')).toEqual(ids.members.map((m) => [m, false]).sort());
    expect(copies('org-read')).toEqual(ids.members.map((m) => [m, true]).sort());
    // An organisation without active members had no one to read it: no copy, but it was told.
    expect(copies('org-nobody')).toEqual([]);
    const told = await database.db.selectFrom('organization_notifications').select(['organization_id', 'dedupe_key']).orderBy('dedupe_key').execute();
    expect(told.map((r) => [Number(r.organization_id), r.dedupe_key])).toEqual([
      [ids.other, 'org-nobody'],
      [ids.org, 'org-read'],
      [ids.org, 'org-unread'],
    ]);
  });

  it('dedupes per organisation and per reader from then on', async () => {
    const db = database.db;
    expect(await notify(db, { organizationId: ids.org, kind: 'test', dedupeKey: 'org-unread' })).toBe(false);
    expect(await notify(db, { organizationId: ids.other, kind: 'test', dedupeKey: 'org-nobody' })).toBe(false);
    expect(await notify(db, { userId: ids.members[1]!, kind: 'test', dedupeKey: 'own' })).toBe(true);
    expect(await notify(db, { userId: ids.members[1]!, kind: 'test', dedupeKey: 'own' })).toBe(false);
  });
});
