import { z } from 'zod';

/** An amount in fen split by funding source; the three shares always add up to `total`. */
export const splitView = z.object({
  total: z.number().int(),
  central: z.number().int(),
  provincial: z.number().int(),
  city: z.number().int(),
});

export const budgetView = z.object({
  programId: z.number().int(),
  programName: z.string(),
  asOf: z.string(),
  /** The programme's budget as allocated. */
  budget: splitView,
  /**
   * Active, unexpired vouchers × the most each could cost: the per-item cap of the rule version the voucher was
   * issued under. An upper bound of what is already promised, not a forecast.
   */
  committed: splitView.extend({ activeVouchers: z.number().int() }),
  /** Subsidies of redemptions that stand (accepted or held; not reversed or rejected). */
  redeemed: splitView.extend({ count: z.number().int() }),
  /** Net amounts of batches approved by 市商务局 (approved, confirmed or paid). */
  settled: splitView,
  /** Net amounts of batches marked paid. */
  paid: splitView,
  /** budget − redeemed − committed; negative when commitments exceed what is left. */
  uncommitted: splitView,
  /** Daily cumulative figures (Asia/Shanghai dates) from the programme's first day to today or its last day. */
  burnDown: z.array(
    z.object({
      date: z.string(),
      redeemed: z.number().int(),
      paid: z.number().int(),
      remaining: z.number().int(),
    }),
  ),
});
export type BudgetView = z.infer<typeof budgetView>;
