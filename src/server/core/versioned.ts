import type { Kysely, Transaction } from 'kysely';
import { isUniqueViolation } from '../db/errors.js';
import type { DatabaseSchema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { AppError, notFound } from './errors.js';

/**
 * A record with an append-only list of versions: a trade-in category's subsidy rule, a car programme's rule, a
 * risk rule's thresholds, and the ledger kinds and recycling rules to come. Records issued under a rule (vouchers,
 * applications, risk flags) keep pointing at the version they used, so versions are never updated or removed.
 *
 * One concurrency rule for all of them, optimistic: the writer states the version it edited (`baseVersion`) and a
 * stale one is refused with 409 VERSION_CONFLICT, so nobody overwrites a change they have not seen. Without a
 * stated base the version current when the request is served is the base. Either way the new version is
 * base + 1, and the unique index on (owner key…, version) every versions table has means two transactions that
 * read the same base cannot both insert: on PostgreSQL the second waits for the first and then loses on the index;
 * on SQLite writes are serialised, so the second reads the first's version and a stated base is stale.
 */

/** One stored version of a record's value. */
export interface Version<V> {
  id: number;
  version: number;
  value: V;
  note: string | null;
  createdBy: number | null;
  createdAt: string;
}

export type NewVersion<V> = Omit<Version<V>, 'id'>;

/** The columns every versions table has, as the driver returns them (ids may come back as text on PostgreSQL). */
export interface StoredVersionRow {
  id: number | string;
  version: number | string;
  note: string | null;
  created_by: number | string | null;
  created_at: string;
}

/** One stored row as a Version, its value read by the store (a rule from JSON, thresholds from columns). */
export function storedVersion<V>(row: StoredVersionRow, value: V): Version<V> {
  return {
    id: Number(row.id),
    version: Number(row.version),
    value,
    note: row.note,
    createdBy: row.created_by === null ? null : Number(row.created_by),
    createdAt: row.created_at,
  };
}

/**
 * How one use reaches its tables, written with that use's typed queries: the kernel holds the rule, each table
 * pair keeps its own columns (a rule as JSON, or thresholds in columns) and its own kind of owner pointer (the
 * current version's id, or its number).
 */
export interface VersionStore<K, V, DB = DatabaseSchema> {
  /** The owner's current version; undefined when the owner does not exist or has no version yet. */
  current(db: Kysely<DB>, key: K): Promise<Version<V> | undefined>;
  /** Every version of the owner, in any order. */
  list(db: Kysely<DB>, key: K): Promise<Version<V>[]>;
  /** Inserts one version row and returns its id; the unique index refuses a second row with the same number. */
  insert(tx: Transaction<DB>, key: K, version: NewVersion<V>): Promise<number>;
  /**
   * Points the owner at `to`, only if it still points at `from`; false when it had moved. Not called for an
   * owner's first version: whoever creates the owner points it at that one.
   */
  advance(tx: Transaction<DB>, key: K, from: Version<V>, to: Version<V>): Promise<boolean>;
}

export interface AppendInput<V> {
  value: V;
  /** The version the writer edited (0 for a record that has none yet); omitted: the current one. */
  baseVersion?: number | undefined;
  note: string | null;
  by: number | null;
}

export interface AppendResult<V> {
  /** The current version after the call: the new one, or the previous one when the value was unchanged. */
  current: Version<V>;
  previous: Version<V> | undefined;
  created: boolean;
}

/** 409 for a write based on a version that is no longer the current one. */
export const versionConflict = (base: number) => new AppError(409, 'VERSION_CONFLICT', 'error.VERSION_CONFLICT', { base });

function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** JSON with object keys sorted, so two equal values compare equal as text whatever order their keys were built in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortKeys);
}

/**
 * Appends a version when the value differs from the current one; an equal value (canonical JSON) makes none.
 * Runs inside the caller's transaction, after its `authorize`; the caller writes the audit record.
 */
export async function appendVersion<K, V, DB>(
  tx: Transaction<NoInfer<DB>>,
  store: VersionStore<K, V, DB>,
  key: K,
  input: AppendInput<V>,
): Promise<AppendResult<V>> {
  const previous = await store.current(tx, key);
  const base = previous?.version ?? 0;
  if (input.baseVersion !== undefined && input.baseVersion !== base) throw versionConflict(input.baseVersion);
  if (previous && canonicalJson(previous.value) === canonicalJson(input.value)) return { current: previous, previous, created: false };
  const next: NewVersion<V> = { version: base + 1, value: input.value, note: input.note, createdBy: input.by, createdAt: nowIso() };
  let id: number;
  try {
    id = await store.insert(tx, key, next);
  } catch (err) {
    // Another transaction inserted base + 1 after we read the base: it saved first.
    if (isUniqueViolation(err)) throw versionConflict(base);
    throw err;
  }
  const current: Version<V> = { id, ...next };
  if (previous && !(await store.advance(tx, key, previous, current))) throw versionConflict(base);
  return { current, previous, created: true };
}

export function currentVersion<K, V, DB>(db: Kysely<NoInfer<DB>>, store: VersionStore<K, V, DB>, key: K): Promise<Version<V> | undefined> {
  return store.current(db, key);
}

/** Every version of a record, newest first, the current one marked; 404 for a record that does not exist. */
export async function versionHistory<K, V, DB>(db: Kysely<NoInfer<DB>>, store: VersionStore<K, V, DB>, key: K): Promise<(Version<V> & { current: boolean })[]> {
  const current = await store.current(db, key);
  if (!current) throw notFound();
  const versions = await store.list(db, key);
  return versions.sort((a, b) => b.version - a.version).map((v) => ({ ...v, current: v.version === current.version }));
}
