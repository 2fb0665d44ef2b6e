// The Citus layout of the migrated schema: for every table, whether it is hash-distributed (and by which column, in
// which colocation group), a reference table (one shard copied to every node), or local to the coordinator. The
// per-module files say why each table has its role; rules.ts checks the schema against it, check.ts prints the
// create_reference_table / create_distributed_table script a cluster runs.
import { cartradeinLayout } from './layout/cartradein.js';
import { ledgersLayout } from './layout/ledgers.js';
import { planLayout } from './layout/plan.js';
import { platformLayout } from './layout/platform.js';
import { recyclingLayout } from './layout/recycling.js';
import { renewalLayout } from './layout/renewal.js';
import { tradeinLayout } from './layout/tradein.js';

export type { Layout, TableRole } from './layout/roles.js';
import type { Layout } from './layout/roles.js';

export const LAYOUT: Layout = {
  ...platformLayout,
  ...tradeinLayout,
  ...cartradeinLayout,
  ...recyclingLayout,
  ...renewalLayout,
  ...planLayout,
  ...ledgersLayout,
};
