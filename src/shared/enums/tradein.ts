/**
 * The trade-in module's codes that the server stores and the web lists (filters, tags), in the order the pages
 * show them. The server's table types are derived from these, so a new code reaches both sides at once.
 */

export const PROGRAM_KINDS = ['appliance', 'digital', 'home_renovation'] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];

export const POOL_STATUSES = ['scheduled', 'open', 'closed'] as const;
export type PoolStatus = (typeof POOL_STATUSES)[number];

export const VOUCHER_STATUSES = ['active', 'redeemed', 'expired', 'cancelled'] as const;
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];

export const MERCHANT_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const;
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number];

export const REDEMPTION_STATUSES = ['accepted', 'held', 'rejected', 'reversed'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

export const RISK_REVIEW_STATUSES = ['open', 'held', 'cleared', 'rejected'] as const;
export type RiskReviewStatus = (typeof RISK_REVIEW_STATUSES)[number];

export const SETTLEMENT_STATUSES = ['draft', 'approved', 'confirmed', 'paid'] as const;
export type SettlementBatchStatus = (typeof SETTLEMENT_STATUSES)[number];
