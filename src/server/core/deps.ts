import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Sealer } from './crypto.js';
import type { FileStorage } from './storage.js';

/** What every module plugin is given when it is registered: nothing is imported from globals. */
export interface AppDeps {
  config: Config;
  database: Database;
  sealer: Sealer;
  storage: FileStorage;
}
