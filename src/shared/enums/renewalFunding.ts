/** Values of the renewal module's funding records (the plan's 三(二) and 三(三)) that server and web share. */

/**
 * The code list of funding sources (`renewal_funding_source`, kept by the office at /admin/dictionaries): the six
 * the plan names, seeded at every start; the office adds others there.
 */
export const FUNDING_SOURCE_DICTIONARY = 'renewal_funding_source';

/**
 * 技术改造贷款贴息: an application to it carries the loan (principal, rate, subsidised points, period) and its
 * subsidy is computed from them. A source the office adds under it (its dictionary parent) is one too.
 */
export const INTEREST_SUBSIDY_SOURCE = 'tech_retrofit_loan_interest';

/**
 * An application's way: applied by the project's enterprise → granted (下达, by the department holding the renewal
 * `manage` grant) or rejected with a reason → paid (拨付, by 市财政局) in one or more payments: partially_paid until
 * the payments reach the granted amount, then paid.
 */
export const FUNDING_STATUSES = ['applied', 'granted', 'partially_paid', 'paid', 'rejected'] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

/** Granted and not yet fully paid: 市财政局's payment queue. */
export const PAYABLE_STATUSES = ['granted', 'partially_paid'] as const satisfies readonly FundingStatus[];
/** What counts as granted money in the figures. */
export const GRANTED_STATUSES = ['granted', 'partially_paid', 'paid'] as const satisfies readonly FundingStatus[];

/** The department queues: to grant (applied) and to pay (granted, partly paid). */
export const FUNDING_QUEUES = ['grant', 'pay'] as const;
export type FundingQueue = (typeof FUNDING_QUEUES)[number];

/** The list's sort keys. */
export const FUNDING_SORTS = ['appliedOn', 'grantedOn', 'requestedFen', 'grantedFen', 'paidFen', 'createdAt'] as const;

/**
 * Day-count bases of an interest subsidy: Chinese banks and the 贴息 rules count interest by actual days over a
 * 360-day year (日利率 = 年利率 ÷ 360, 人民币利率管理规定), so 360 is the default; 365 where a rule says so.
 */
export const DAY_BASES = ['360', '365'] as const;
export type DayBasis = (typeof DAY_BASES)[number];

/** Days from one date to another, counting the first day and not the last (算头不算尾, as bank interest does). */
export function daysFromTo(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface InterestSubsidyInput {
  principalFen: number;
  /** The loan's annual rate in basis points (3.45% = 345): the subsidy cannot pass the interest. */
  annualRateBp: number;
  /** Subsidised percentage points of the annual rate in basis points (1.0 point = 100). */
  subsidyPointsBp: number;
  /** The subsidised period: first day counted, last day not. */
  from: string;
  to: string;
  dayBasis: number;
  /** What the project may still receive as interest subsidy (the per-project cap less its other grants); null: no cap. */
  capFen?: number | null;
}

export interface InterestSubsidy {
  days: number;
  dayBasis: number;
  /** principal × points × days ÷ basis, half-up to the fen. */
  formulaFen: number;
  /** After the cap: what may be granted. */
  subsidyFen: number;
  capped: boolean;
  capFen: number | null;
}

/**
 * 贴息 = principal × subsidised points × days ÷ day basis, rounded half-up to the fen — computed in integers (BigInt:
 * a 100-million-yuan loan times points times days passes 2^53), then capped. Invalid periods give zero days.
 */
export function interestSubsidy(input: InterestSubsidyInput): InterestSubsidy {
  const days = Math.max(0, daysFromTo(input.from, input.to));
  const numerator = BigInt(input.principalFen) * BigInt(input.subsidyPointsBp) * BigInt(days);
  const denominator = 10_000n * BigInt(input.dayBasis);
  const formulaFen = Number((2n * numerator + denominator) / (2n * denominator));
  const cap = input.capFen === undefined || input.capFen === null ? null : Math.max(0, input.capFen);
  const subsidyFen = cap === null ? formulaFen : Math.min(formulaFen, cap);
  return { days, dayBasis: input.dayBasis, formulaFen, subsidyFen, capped: subsidyFen < formulaFen, capFen: cap };
}
