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

/** Channels a subsidised sale is made through: at a store's till, or in an online shop with delivery in the city. */
export const SALE_CHANNELS = ['store', 'online'] as const;
export type SaleChannel = (typeof SALE_CHANNELS)[number];

/** The e-commerce platforms an online store is on (`own`: the merchant's own shop or mini-program). */
export const ONLINE_PLATFORMS = ['jd', 'tmall', 'taobao', 'pinduoduo', 'douyin', 'meituan', 'suning', 'own', 'other'] as const;
export type OnlinePlatform = (typeof ONLINE_PLATFORMS)[number];

export const ONLINE_STORE_STATUSES = ['active', 'closed'] as const;
export type OnlineStoreStatus = (typeof ONLINE_STORE_STATUSES)[number];

/**
 * An online order waits for the resident to confirm it on their phone before the voucher is consumed; confirmed
 * makes the sale (a redemption); the resident may decline, the merchant cancel, and an unconfirmed order expires.
 */
export const ONLINE_ORDER_STATUSES = ['awaiting_confirmation', 'confirmed', 'declined', 'cancelled', 'expired'] as const;
export type OnlineOrderStatus = (typeof ONLINE_ORDER_STATUSES)[number];

/**
 * What happens to a sale after the till: delivered (by the resident's confirmation or the merchant's record with a
 * photo), installed where the category needs it (the installer's record with a photo), then settleable — only
 * settleable sales enter a settlement batch. A sale carried out of the store is settleable at once; a reversed
 * sale's fulfilment is cancelled.
 */
export const FULFILMENT_STATUSES = ['awaiting_delivery', 'delivered', 'installed', 'settleable', 'cancelled'] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

/**
 * Categories installed in the home (air conditioners, water heaters, range hoods, dishwashers, kitchen stoves): a
 * category rule that does not say otherwise (`installation`) settles their sales only once installed.
 */
export const INSTALLED_CATEGORIES: ReadonlySet<string> = new Set(['air_conditioner', 'water_heater', 'range_hood', 'dishwasher', 'kitchen_stove']);

/** Whether sales of a category under this rule are settled only once installed. */
export function needsInstallation(rule: { installation?: boolean | undefined }, category: string): boolean {
  return rule.installation ?? INSTALLED_CATEGORIES.has(category);
}

/** After-sales cases of a subsidised sale: a return (within the statutory 7 days it reverses the subsidy), a repair, a complaint. */
export const AFTER_SALES_KINDS = ['return', 'repair', 'complaint'] as const;
export type AfterSalesKind = (typeof AFTER_SALES_KINDS)[number];

export const AFTER_SALES_TOPICS = ['quality', 'delivery', 'installation', 'service', 'price', 'subsidy', 'other'] as const;
export type AfterSalesTopic = (typeof AFTER_SALES_TOPICS)[number];

/** open → responded (the merchant's first answer: the response time) → resolved or refused; the resident then rates it. */
export const AFTER_SALES_STATUSES = ['open', 'responded', 'resolved', 'refused'] as const;
export type AfterSalesStatus = (typeof AFTER_SALES_STATUSES)[number];

/** Places the plan asks shops to set up (二(二)3): smart-home showrooms and home-renovation sample rooms. */
export const SHOWROOM_KINDS = ['smart_home_showroom', 'renovation_sample_room'] as const;
export type ShowroomKind = (typeof SHOWROOM_KINDS)[number];

export const SHOWROOM_CHANNELS = ['offline', 'online'] as const;
export type ShowroomChannel = (typeof SHOWROOM_CHANNELS)[number];

export const SHOWROOM_STATUSES = ['open', 'closed'] as const;
export type ShowroomStatus = (typeof SHOWROOM_STATUSES)[number];
