/**
 * How many times the records behind a read model have changed, per key (`renewal`): a read model caches what it
 * computed under the version it read first, and recomputes once the version moves. One row per key.
 */
export interface DataVersionTable {
  key: string;
  version: number;
  updated_at: string;
}
