import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { ClaimModel } from '../../../../shared/enums/renewalStandards.js';
import type { RequestContext } from '../../../core/context.js';
import type { FieldIssue } from '../../../core/errors.js';
import type { Policy } from '../../../core/policy.js';
import type { Workflow } from '../../../core/workflow.js';
import type { Queryable, Tx } from '../../../db/database.js';
import type { SheetColumn } from '../../../http/excel.js';
import type { ClaimPolicyAction, ClaimRecord } from './claimRules.js';
import type { StandardsTables } from './tables.js';
import type { ClaimAction } from './workflow.js';

export type ClaimTableName = keyof StandardsTables;
/** A row of any of the part's tables as every list reads it: the record with its organisation's and town's names. */
export type ClaimRow<T extends ClaimTableName = ClaimTableName> = Selectable<StandardsTables[T]> & {
  organization_name: string;
  town_id: number | null;
  town_name: string | null;
};

/**
 * One model of the part (standard, certification, brand, R&D report): its table, workflow, policy and grant domain,
 * its own fields (body, view, filters, export columns) and checks. The service (service.ts, moves.ts) does the
 * rest the same way for all four.
 */
export interface ClaimSpec<
  T extends ClaimTableName,
  I extends { organizationId?: number | undefined; evidence: number[]; note?: string | null | undefined },
  V,
> {
  model: ClaimModel;
  table: T;
  workflow: Workflow<T, ClaimAction>;
  policy: Policy<ClaimRecord, ClaimPolicyAction>;
  /** The grant domain whose `manage` holder confirms (renewal_standards, renewal, renewal_rd). */
  domain: string;
  body: z.ZodType<I>;
  /** The model's own columns from a body (the common ones are the service's). */
  columns(input: I): Omit<Partial<Selectable<StandardsTables[T]>>, 'id'>;
  view(row: ClaimRow<T>): V;
  /**
   * Writes the record's keys that are unique across organisations into their lookup table, in the transaction of
   * the record's insert (`before` undefined) or of its update (`before` the row as it was); a duplicate fails there
   * on the lookup table's primary key. Only the models with such a key have it.
   */
  holdKeys?(
    tx: Tx,
    record: { id: number; organizationId: number; columns: Omit<Partial<Selectable<StandardsTables[T]>>, 'id'> },
    before?: ClaimRow<T>,
  ): Promise<void>;
  /** Field issues of the body (dates in order, codes offered…); a duplicate throws its own 409. */
  check(tx: Tx, input: I, organizationId: number, id: number | null): Promise<FieldIssue[]>;
  /** Columns the list's search matches, the date the year filter and the `date` sort read, the `name` sort's column. */
  search: string[];
  dateColumn: string;
  nameColumn: string;
  /** The model's list filters by query key → column (a value equal to the column's). */
  filters: Record<string, string>;
  exportColumns(ctx: RequestContext, labels: (dictionary: string, code: string) => string): SheetColumn<ClaimRow<T>>[];
  sheet: { 'zh-CN': string; en: string };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a spec of any model, as the routes and the service take it
export type AnyClaimSpec = ClaimSpec<any, any, any>;

/**
 * The four tables share their claim columns but Kysely sees a union of tables it cannot check a statement against
 * when the table comes from the spec; the service touches the shared columns and hands over the spec's own (typed
 * against its table by `ClaimSpec.columns`). This is the one place that view is taken, as the workflows kernel does.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export const loose = (db: Queryable) => db as unknown as Kysely<any>;
