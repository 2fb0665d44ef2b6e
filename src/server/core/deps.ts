import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { ReadRouter } from '../db/replica.js';
import type { Sealer } from './crypto.js';
import type { ExtensionPoints } from './extensions.js';
import type { HuanxinModule } from './module.js';
import type { ParameterReader } from './parameters.js';
import type { FileStorage } from './storage.js';

/** What every module plugin is given when it is registered: nothing is imported from globals. */
export interface AppDeps {
  config: Config;
  database: Database;
  /** Where pure reads that may lag a little go: a streaming replica when configured and current (db/replica.ts). */
  reads: ReadRouter;
  sealer: Sealer;
  storage: FileStorage;
  /** The extension points, resolved once from the installed modules (see extensions.ts). */
  extensions: ExtensionPoints;
  /** The installed modules, in registration order (the composition root reads their contracts). */
  modules: readonly HuanxinModule[];
  /** The system parameters' current values (cached; see core/parameters.ts). */
  parameters: ParameterReader;
}
