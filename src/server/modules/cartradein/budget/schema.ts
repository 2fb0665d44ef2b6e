import { z } from 'zod';

const fen = z.number().int().min(0).max(100_000_000_000_000);

/** A budget split as 市商务局 sets it: exact fen per funding source. */
export const setCarBudgetBody = z
  .object({
    centralFen: fen.describe('Central (中央) funds, fen'),
    provincialFen: fen.describe('Provincial (省级) funds, fen'),
    cityFen: fen.describe('City (市级) funds, fen'),
    note: z.string().trim().max(500).optional().describe('Why the budget changed (kept in the history)'),
    baseVersion: z.number().int().min(0).optional().describe('The `version` the editor loaded (0 while none was set); omitted: the current one'),
  })
  .strict();
export type SetCarBudgetInput = z.infer<typeof setCarBudgetBody>;

/**
 * An amount in fen and its parts by funding source in the budget's proportions (whole fen that add up); the parts
 * are null while no budget is set, since there is nothing to split by.
 */
export const carSplitView = z.object({
  total: z.number().int(),
  central: z.number().int().nullable(),
  provincial: z.number().int().nullable(),
  city: z.number().int().nullable(),
});
export type CarSplitView = z.infer<typeof carSplitView>;

export const carBudgetView = z.object({
  programId: z.number().int(),
  programName: z.string(),
  asOf: z.string(),
  /** False while no split was set: approvals under the programme are then not limited. */
  set: z.boolean(),
  version: z.number().int().describe('Current version of the split; 0 while none was set'),
  budget: carSplitView.nullable(),
  /** Eligible applications waiting for a decision (submitted, or returned for correction): what may still be approved. */
  committed: carSplitView.extend({ count: z.number().int() }),
  /** Applications approved (approved, in payment or paid): what the budget's CHECK counts. */
  approved: carSplitView.extend({ count: z.number().int() }),
  paid: carSplitView.extend({ count: z.number().int() }),
  /** budget − approved; null while no budget is set. */
  remaining: carSplitView.nullable(),
  /** budget − approved − committed; negative when the waiting applications would not all fit. */
  uncommitted: carSplitView.nullable(),
  /** Daily cumulative figures (Asia/Shanghai dates) from the programme's first day to today. */
  burnDown: z.array(
    z.object({
      date: z.string(),
      approved: z.number().int(),
      paid: z.number().int(),
      remaining: z.number().int().nullable(),
    }),
  ),
});
export type CarBudgetView = z.infer<typeof carBudgetView>;

export const carBudgetVersionView = z.object({
  id: z.number().int(),
  version: z.number().int(),
  centralFen: z.number().int(),
  provincialFen: z.number().int(),
  cityFen: z.number().int(),
  totalFen: z.number().int(),
  note: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
  current: z.boolean(),
});
export type CarBudgetVersionView = z.infer<typeof carBudgetVersionView>;
