// Reads a small schema that would not distribute from a scratch database on the CI PostgreSQL (127.0.0.1:5432, its
// own database whatever DATABASE_URL says, so the SQLite run is unaffected) and checks what the rules find in it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScratchDatabase } from './scratch.js';
import { distributed, LOCAL, REFERENCE, type Layout } from './layout/roles.js';
import { checkLayout, type SchemaDescription } from './rules.js';
import { readSchemaAt } from './schema.js';

const SERVER_URL = 'postgres://root@127.0.0.1:5432/postgres';

const DDL = `
  CREATE TABLE users (id bigserial PRIMARY KEY, username text NOT NULL UNIQUE);
  CREATE TABLE kinds (id bigserial PRIMARY KEY, code text NOT NULL UNIQUE, created_by bigint REFERENCES users (id));
  CREATE TABLE vouchers (
    id bigserial PRIMARY KEY,
    holder_id bigint NOT NULL REFERENCES users (id),
    kind_id bigint NOT NULL REFERENCES kinds (id),
    code text NOT NULL,
    status text NOT NULL,
    period int4range NOT NULL,
    UNIQUE (holder_id, id),
    EXCLUDE USING gist (holder_id WITH =, period WITH &&)
  );
  CREATE UNIQUE INDEX vouchers_one_active ON vouchers (code) WHERE status = 'active';
  CREATE UNIQUE INDEX vouchers_lower_code ON vouchers (holder_id, lower(code));
  CREATE TABLE redemptions (
    holder_id bigint,
    id bigserial,
    voucher_id bigint NOT NULL,
    PRIMARY KEY (holder_id, id),
    FOREIGN KEY (holder_id, voucher_id) REFERENCES vouchers (holder_id, id),
    FOREIGN KEY (voucher_id) REFERENCES vouchers (id)
  );
  CREATE TABLE job_runs (name text PRIMARY KEY, voucher_id bigint REFERENCES vouchers (id));`;

const LAYOUT: Layout = {
  users: distributed('id'),
  vouchers: distributed('holder_id', 'users'),
  redemptions: distributed('holder_id', 'vouchers'),
  kinds: REFERENCE,
  job_runs: LOCAL,
};

describe('the checker on a PostgreSQL schema', () => {
  let schema: SchemaDescription;
  let finish: () => void = () => undefined;
  let done: Promise<unknown> = Promise.resolve();

  beforeAll(async () => {
    // The scratch database lives until afterAll: withScratchDatabase drops it when the promise it awaits settles.
    const ready = new Promise<void>((resolve, reject) => {
      done = withScratchDatabase(SERVER_URL, `hx_citus_test_pg_${process.pid}`, async (url) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
        await client.query(DDL);
        await client.end();
        schema = await readSchemaAt(url);
        resolve();
        await new Promise<void>((release) => (finish = release));
      }).catch(reject);
    });
    await ready;
  });

  afterAll(async () => {
    finish();
    await done;
  });

  it('reads keys with their kind, order, predicate and operators', () => {
    const vouchers = schema.tables.find((t) => t.name === 'vouchers');
    expect(vouchers?.columns.find((c) => c.name === 'holder_id')).toEqual({ name: 'holder_id', type: 'bigint', notNull: true });
    expect(vouchers?.uniqueKeys.map((k) => [k.kind, k.columns.join(','), k.predicate ?? '', (k.operators ?? []).join(',')]).sort()).toEqual([
      ['exclusion constraint', 'holder_id,period', '', '=,&&'],
      ['primary key', 'id', '', ''],
      ['unique constraint', 'holder_id,id', '', ''],
      ['unique index', 'code', "(status = 'active'::text)", ''],
      ['unique index', 'holder_id,(lower(code))', '', ''],
    ]);
    const redemptions = schema.tables.find((t) => t.name === 'redemptions');
    expect(redemptions?.foreignKeys.map((f) => `${f.columns.join(',')}→${f.referencedColumns.join(',')}`).sort()).toEqual([
      'holder_id,voucher_id→holder_id,id',
      'voucher_id→id',
    ]);
  });

  it('finds every violation of the bad schema', () => {
    const found = checkLayout(schema, LAYOUT).map((v) => `${v.table} ${v.rule}: ${v.message}`);
    expect(found.sort()).toEqual(
      [
        'job_runs foreign key: foreign key job_runs_voucher_id_fkey (voucher_id) → vouchers (id): a local table may not reference a distributed table',
        'kinds foreign key: foreign key kinds_created_by_fkey (created_by) → users (id): a reference table may not reference a distributed table',
        'redemptions foreign key: foreign key redemptions_voucher_id_fkey (voucher_id) → vouchers (id): must pair holder_id with vouchers.holder_id',
        'users unique key: unique constraint users_username_key (username) does not include id',
        'vouchers unique key: primary key vouchers_pkey (id) does not include holder_id',
        "vouchers unique key: unique index vouchers_one_active (code) WHERE (status = 'active'::text) does not include holder_id",
      ].sort(),
    );
  });
});
