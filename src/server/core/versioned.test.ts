import type { Generated, Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, isPostgres, type TestApp } from '../../../test/helpers/testApp.js';
import { isUniqueViolation } from '../db/errors.js';
import { withId } from '../db/migrations.js';
import { AppError } from './errors.js';
import { appendVersion, canonicalJson, currentVersion, versionHistory, type Version, type VersionStore } from './versioned.js';

/**
 * The kernel on a pair of scratch tables shaped like every use's (an owner pointing at its current version, a
 * versions table unique on owner and number), on whichever database the suite runs on.
 */
type TestTables = {
  vt_owners: { key: string; current_version_id: number };
  vt_versions: {
    id: Generated<number>;
    owner: string;
    version: number;
    value_json: string;
    note: string | null;
    created_by: number | null;
    created_at: string;
  };
};
type Value = Record<string, unknown>;
type Db = Kysely<TestTables>;

const store: VersionStore<string, Value, TestTables> = {
  async current(db, key) {
    const row = await db
      .selectFrom('vt_versions as v')
      .innerJoin('vt_owners as o', (j) => j.onRef('o.current_version_id', '=', 'v.id').onRef('o.key', '=', 'v.owner'))
      .selectAll('v')
      .where('v.owner', '=', key)
      .executeTakeFirst();
    return row && toVersion(row);
  },
  async list(db, key) {
    return (await db.selectFrom('vt_versions').selectAll().where('owner', '=', key).execute()).map(toVersion);
  },
  async insert(tx, key, v) {
    const row = await tx
      .insertInto('vt_versions')
      .values({ owner: key, version: v.version, value_json: JSON.stringify(v.value), note: v.note, created_by: v.createdBy, created_at: v.createdAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  },
  async advance(tx, key, from, to) {
    const moved = await tx
      .updateTable('vt_owners')
      .set({ current_version_id: to.id })
      .where('key', '=', key)
      .where('current_version_id', '=', from.id)
      .executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1;
  },
};

function toVersion(r: { id: number; version: number; value_json: string; note: string | null; created_by: number | null; created_at: string }): Version<Value> {
  return { id: Number(r.id), version: r.version, value: JSON.parse(r.value_json) as Value, note: r.note, createdBy: r.created_by, createdAt: r.created_at };
}

/** A store that reports what the second writer of a race saw and when it reached its insert. */
function watched() {
  let reachInsert!: () => void;
  const reachedInsert = new Promise<void>((resolve) => (reachInsert = resolve));
  const seen: (number | undefined)[] = [];
  const s: VersionStore<string, Value, TestTables> = {
    ...store,
    async current(db, key) {
      const v = await store.current(db, key);
      seen.push(v?.version);
      return v;
    },
    async insert(tx, key, v) {
      reachInsert();
      return store.insert(tx, key, v);
    },
  };
  return { store: s, seen, reachedInsert };
}

const conflict = (err: unknown) => err instanceof AppError && err.status === 409 && err.code === 'VERSION_CONFLICT';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('versioned records', () => {
  let t: TestApp;
  let db: Db;

  /** A new record with its first version, created the way the services do: version, then the owner row. */
  async function create(key: string, value: Value) {
    await db.transaction().execute(async (tx) => {
      const { current } = await appendVersion(tx, store, key, { value, baseVersion: 0, note: 'first', by: null });
      await tx.insertInto('vt_owners').values({ key, current_version_id: current.id }).execute();
    });
  }
  const append = (key: string, value: Value, baseVersion?: number, s = store) =>
    db.transaction().execute((tx) => appendVersion(tx, s, key, { value, baseVersion, note: null, by: 7 }));
  const numbers = async (key: string) => (await versionHistory(db, store, key)).map((v) => [v.version, v.current]);

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const { db: base, dialect } = t.deps.database;
    await base.schema
      .createTable('vt_owners')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('current_version_id', 'bigint', (c) => c.notNull())
      .execute();
    await withId(base.schema.createTable('vt_versions'), dialect)
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('value_json', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_by', 'bigint')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('vt_versions_key', ['owner', 'version'])
      .execute();
    db = base.withTables<TestTables>() as unknown as Db;
  });
  afterAll(() => t.close());

  it('compares values as canonical JSON: key order does not matter, undefined fields are absent', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('appends a changed value as the next version, with or without a stated base, and reads the history newest first', async () => {
    await create('a', { rate: 15 });
    const second = await append('a', { rate: 20 }, 1);
    expect(second).toMatchObject({ created: true, current: { version: 2, value: { rate: 20 }, note: null, createdBy: 7 }, previous: { version: 1 } });
    const third = await append('a', { rate: 25 });
    expect(third.current.version).toBe(3);
    expect(await currentVersion(db, store, 'a')).toMatchObject({ version: 3, value: { rate: 25 } });
    expect(await numbers('a')).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    const history = await versionHistory(db, store, 'a');
    expect(history.at(-1)).toMatchObject({ version: 1, note: 'first', value: { rate: 15 } });
  });

  it('makes no version for an unchanged value (canonical JSON equal)', async () => {
    await create('b', { rate: 15, cap: { fen: 200_000, per: 'item' } });
    const same = await append('b', { cap: { per: 'item', fen: 200_000 }, rate: 15 }, 1);
    expect(same).toMatchObject({ created: false, current: { version: 1 } });
    expect(await numbers('b')).toEqual([[1, true]]);
  });

  it('refuses a stale base with 409 VERSION_CONFLICT and changes nothing', async () => {
    await create('c', { rate: 1 });
    await append('c', { rate: 2 }, 1);
    const stale = await append('c', { rate: 3 }, 1).catch((e: unknown) => e);
    expect(conflict(stale)).toBe(true);
    expect((stale as AppError).params).toEqual({ base: 1 });
    // Stale even when the value is the one already saved: the writer had not seen it.
    expect(conflict(await append('c', { rate: 2 }, 1).catch((e: unknown) => e))).toBe(true);
    // A base ahead of the record is as wrong as one behind it.
    expect(conflict(await append('c', { rate: 3 }, 5).catch((e: unknown) => e))).toBe(true);
    // "A new record" (0) for one that has versions.
    expect(conflict(await append('c', { rate: 3 }, 0).catch((e: unknown) => e))).toBe(true);
    expect(await numbers('c')).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('reads no history for a record that does not exist (404)', async () => {
    const err = await versionHistory(db, store, 'nobody').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(404);
    expect(await currentVersion(db, store, 'nobody')).toBeUndefined();
  });

  it('lets one of two transactions that edited the same version win; the other is 409', async () => {
    await create('d', { rate: 1 });
    const w = watched();
    const tx1 = await db.startTransaction().execute();
    await appendVersion(tx1, store, 'd', { value: { rate: 2 }, baseVersion: 1, note: 'first writer', by: 1 });
    const second = (async () => {
      const tx2 = await db.startTransaction().execute();
      try {
        const r = await appendVersion(tx2, w.store, 'd', { value: { rate: 3 }, baseVersion: 1, note: 'second writer', by: 2 });
        await tx2.commit().execute();
        return r;
      } catch (err) {
        await tx2.rollback().execute();
        throw err;
      }
    })();
    if (isPostgres()) {
      // The second writer read version 1 too (the first has not committed) and is now waiting at its insert,
      // which the unique index holds until the first commits.
      await w.reachedInsert;
      await sleep(100);
      expect(w.seen).toEqual([1]);
    }
    // On SQLite the second cannot even begin before the first ends: writes are serialised.
    await tx1.commit().execute();
    const lost = await second.catch((e: unknown) => e);
    expect(conflict(lost)).toBe(true);
    const history = await versionHistory(db, store, 'd');
    expect(history.map((v) => [v.version, v.note, v.current])).toEqual([
      [2, 'first writer', true],
      [1, 'first', false],
    ]);
  });

  it('never lets two writers without a stated base make the same version', async () => {
    await create('e', { rate: 1 });
    const w = watched();
    const tx1 = await db.startTransaction().execute();
    await appendVersion(tx1, store, 'e', { value: { rate: 2 }, note: 'first writer', by: 1 });
    const second = (async () => {
      const tx2 = await db.startTransaction().execute();
      try {
        const r = await appendVersion(tx2, w.store, 'e', { value: { rate: 3 }, note: 'second writer', by: 2 });
        await tx2.commit().execute();
        return r;
      } catch (err) {
        await tx2.rollback().execute();
        throw err;
      }
    })();
    if (isPostgres()) {
      await w.reachedInsert;
      await sleep(100);
    }
    await tx1.commit().execute();
    const outcome = await second.catch((e: unknown) => e);
    const history = await versionHistory(db, store, 'e');
    if (isPostgres()) {
      // Both took version 1 as their base; the index let only the first insert version 2.
      expect(conflict(outcome)).toBe(true);
      expect(history.map((v) => [v.version, v.note])).toEqual([
        [2, 'first writer'],
        [1, 'first'],
      ]);
    } else {
      // Serialised: the second's base is the first's version, so it appends after it.
      expect(outcome).toMatchObject({ created: true, current: { version: 3 } });
      expect(history.map((v) => [v.version, v.note])).toEqual([
        [3, 'second writer'],
        [2, 'first writer'],
        [1, 'first'],
      ]);
    }
  });

  it('of many concurrent saves of the same base exactly one wins', async () => {
    await create('f', { rate: 0 });
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => append('f', { rate: i + 1 }, 1)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(7);
    expect(rejected.every((r) => conflict(r.reason))).toBe(true);
    expect(await numbers('f')).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('is backed by a unique index on (owner…, version) in every shipped versions table', async () => {
    const q = t.deps.database.db;
    // Each table's first stored version (seeded programmes and risk rules), inserted once more.
    const { id: _t, ...tradein } = await q.selectFrom('tradein_rule_versions').selectAll().executeTakeFirstOrThrow();
    const { id: _c, ...car } = await q.selectFrom('cartradein_rule_versions').selectAll().executeTakeFirstOrThrow();
    const { id: _r, ...risk } = await q.selectFrom('tradein_risk_rule_versions').selectAll().executeTakeFirstOrThrow();
    const attempts = [
      () => q.insertInto('tradein_rule_versions').values(tradein).execute(),
      () => q.insertInto('cartradein_rule_versions').values(car).execute(),
      () => q.insertInto('tradein_risk_rule_versions').values(risk).execute(),
    ];
    for (const attempt of attempts) expect(isUniqueViolation(await attempt().catch((e: unknown) => e))).toBe(true);
  });
});
