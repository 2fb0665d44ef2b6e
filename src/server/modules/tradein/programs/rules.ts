import { z } from 'zod';
import type { SubsidyRounding } from '../tables.js';

export { needsInstallation } from '../../../../shared/enums/tradein.js';

/**
 * The rule of one category of a programme. Rates are basis points of the sale price (1500 = 15%); amounts are
 * fen. A rate with `grade: null` applies to any product (digital products, renovation packages); otherwise the
 * product's energy/water efficiency grade must match a listed grade, or the product is not eligible.
 */
export const categoryRuleSchema = z
  .object({
    rates: z
      .array(z.object({ grade: z.number().int().min(1).max(5).nullable(), rateBp: z.number().int().min(0).max(10_000) }).strict())
      .min(1)
      .max(6),
    capFen: z.number().int().min(0).max(100_000_000),
    priceCeilingFen: z.number().int().positive().max(1_000_000_000).nullable(),
    limitPerPerson: z.number().int().min(1).max(20),
    evidence: z.object({ invoice: z.boolean(), serialNumber: z.boolean(), oldItemProof: z.boolean() }).strict(),
    /**
     * Whether a sale must be installed (the installer's record and a photo) before it can be settled. Rules written
     * before this existed say nothing: then the categories the programme names as installed ones decide.
     */
    installation: z.boolean().optional(),
  })
  .strict();
export type CategoryRule = z.infer<typeof categoryRuleSchema>;

export function parseRule(json: string): CategoryRule {
  return categoryRuleSchema.parse(JSON.parse(json));
}

/** The rate that applies to a product of this grade, or null when the product is not eligible. */
export function rateFor(rule: CategoryRule, grade: number | null): number | null {
  const exact = grade === null ? undefined : rule.rates.find((r) => r.grade === grade);
  if (exact) return exact.rateBp;
  return rule.rates.find((r) => r.grade === null)?.rateBp ?? null;
}

/** Largest price we compute with: price × 10 000 stays far below 2^53. */
export const MAX_PRICE_FEN = 100_000_000_000;

/**
 * The subsidy in fen: rate × price rounded to the fen as the programme states (half up, or down), then capped.
 * Integer arithmetic only, so no floating-point drift: half up is floor((price × bp + 5000) / 10000).
 */
export function computeSubsidy(priceFen: number, rateBp: number, capFen: number, rounding: SubsidyRounding): number {
  if (!Number.isSafeInteger(priceFen) || priceFen < 0 || priceFen > MAX_PRICE_FEN) throw new RangeError('price out of range');
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > 10_000) throw new RangeError('rate out of range');
  const scaled = priceFen * rateBp;
  const rounded = rounding === 'half_up' ? Math.floor((scaled + 5_000) / 10_000) : Math.floor(scaled / 10_000);
  return Math.min(rounded, capFen);
}

/** Words for the statement every programme shows about its rounding. */
export const ROUNDING_STATEMENT: Record<SubsidyRounding, string> = {
  half_up: 'rate × price, rounded half up to the fen, then capped at the per-item maximum',
  down: 'rate × price, truncated to the fen, then capped at the per-item maximum',
};
