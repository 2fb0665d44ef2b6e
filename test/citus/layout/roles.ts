// The roles a table can have in a Citus cluster, and the shorthands the per-module layouts use.

export type TableRole =
  /** Hash-distributed by `column`; `colocateWith` names a table whose shards this one shares (same hash ranges, same nodes). */
  | { kind: 'distributed'; column: string; colocateWith?: string }
  /** Small and rarely written: every node keeps a full copy, so any shard joins it locally; a write goes to every node. */
  | { kind: 'reference' }
  /** Stays on the coordinator only: bookkeeping of the coordinator's own processes. */
  | { kind: 'local' };

export type Layout = Readonly<Record<string, TableRole>>;

export const REFERENCE: TableRole = { kind: 'reference' };
export const LOCAL: TableRole = { kind: 'local' };
export const distributed = (column: string, colocateWith?: string): TableRole =>
  colocateWith ? { kind: 'distributed', column, colocateWith } : { kind: 'distributed', column };

/**
 * Residents' data lives with its holder: users is distributed by id and everything a resident claims, redeems, applies
 * for or signs in with is colocated by the holder's user id, so the claim path (queue → voucher → redemption) is a
 * single-shard transaction on the holder's node.
 */
export const USERS_GROUP = 'users';
