import type { Generated } from 'kysely';
import type {
  AfterSalesKind,
  AfterSalesStatus,
  AfterSalesTopic,
  FulfilmentStatus,
  OnlineOrderStatus,
  OnlinePlatform,
  OnlineStoreStatus,
  SaleChannel,
  ShowroomChannel,
  ShowroomKind,
  ShowroomStatus,
} from '../../../shared/enums/tradein.js';

/**
 * Table types of the sale beyond the till (migration 20261202_0100): online stores and their orders, delivery and
 * installation before settlement, after-sales cases, showrooms and sample rooms. Conventions as in tables.ts.
 */

/** A merchant enrolment's shop on an e-commerce platform, beside its physical stores. */
export interface TradeinOnlineStoreTable {
  id: Generated<number>;
  merchant_id: number;
  organization_id: number;
  platform: OnlinePlatform;
  shop_name: string;
  shop_url: string;
  status: OnlineStoreStatus;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** The categories an online store sells: a subset of its enrolment's categories. */
export interface TradeinOnlineStoreCategoryTable {
  online_store_id: number;
  category: string;
}

/**
 * An order placed in an online store against a resident's voucher. The voucher is consumed only when the resident
 * confirms the order on their phone: then the sale is made (a redemption) with everything checked as at a till.
 * The order number is unique per online store, for ever.
 */
export interface TradeinOnlineOrderTable {
  id: Generated<number>;
  online_store_id: number;
  merchant_id: number;
  organization_id: number;
  voucher_id: number;
  holder_user_id: number;
  product_id: number;
  order_number: string;
  serial_number: string;
  invoice_number: string;
  price_fen: number;
  /** The delivery address's town: a town of the city, or the order is refused. */
  delivery_town_id: number;
  /** The address sealed (personal data); the mask is what lists show. */
  delivery_address_enc: string;
  delivery_address_mask: string;
  status: OnlineOrderStatus;
  /** An order not confirmed by then expires and the voucher stays the resident's. */
  expires_at: string;
  /** The sale the confirmation made. */
  redemption_id: number | null;
  decided_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/**
 * One per redemption: what happened after the sale, and whether it may be settled. Keyed by the redemption's id
 * (the workflows kernel moves `status` by `redemption_id`).
 */
export interface TradeinFulfilmentTable {
  redemption_id: number;
  organization_id: number;
  merchant_id: number;
  holder_user_id: number;
  channel: SaleChannel;
  status: FulfilmentStatus;
  /** From the category's rule when the sale was made (air conditioners, water heaters, range hoods, dishwashers, stoves). */
  needs_installation: number;
  delivery_town_id: number | null;
  delivery_address_enc: string | null;
  delivery_address_mask: string | null;
  /** Delivery is due by then (the sale's time plus `tradein.deliveryDueDays`); null when nothing is to be delivered. */
  due_at: string | null;
  delivered_at: string | null;
  /** Who confirmed the delivery: the resident on their phone, or the merchant with a photo of the signed receipt. */
  delivery_confirmed_by: 'resident' | 'merchant' | null;
  delivery_attachment_id: number | null;
  /** Sale → delivery, kept when delivered so the metrics average a column instead of subtracting text times. */
  delivery_minutes: number | null;
  installed_at: string | null;
  installer_name: string | null;
  installation_attachment_id: number | null;
  /** Delivery → installation. */
  installation_minutes: number | null;
  settleable_at: string | null;
  /** When the merchant was told the delivery is overdue (once). */
  overdue_notified_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A return, repair or complaint about one subsidised sale, opened by the resident and answered by the merchant. */
export interface TradeinAfterSalesCaseTable {
  id: Generated<number>;
  redemption_id: number;
  organization_id: number;
  merchant_id: number;
  holder_user_id: number;
  kind: AfterSalesKind;
  topic: AfterSalesTopic;
  description: string;
  status: AfterSalesStatus;
  opened_at: string;
  /** The merchant's first answer: opened_at → responded_at is the response time 市商务局 watches. */
  responded_at: string | null;
  response_note: string | null;
  resolved_at: string | null;
  outcome: string | null;
  /** The resident's satisfaction, 1–5, once the case is resolved or refused. */
  rating: number | null;
  rating_comment: string | null;
  rated_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A smart-home showroom or a home-renovation sample room, offline (address, town, hours) or online (a URL). */
export interface TradeinShowroomTable {
  id: Generated<number>;
  organization_id: number;
  kind: ShowroomKind;
  channel: ShowroomChannel;
  name: string;
  town_id: number | null;
  address: string | null;
  url: string | null;
  opening_hours: string;
  description: string | null;
  status: ShowroomStatus;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** The programmes a showroom takes part in. */
export interface TradeinShowroomProgramTable {
  showroom_id: number;
  program_id: number;
}

/** The order numbers taken in each online store, for ever, across holders (orders are distributed by holder on Citus). */
export interface TradeinOnlineOrderNumberTable {
  online_store_id: number;
  order_number: string;
  holder_user_id: number;
  online_order_id: number;
}

export interface TradeinSaleTables {
  tradein_online_stores: TradeinOnlineStoreTable;
  tradein_online_store_categories: TradeinOnlineStoreCategoryTable;
  tradein_online_orders: TradeinOnlineOrderTable;
  tradein_online_order_numbers: TradeinOnlineOrderNumberTable;
  tradein_fulfilments: TradeinFulfilmentTable;
  tradein_after_sales_cases: TradeinAfterSalesCaseTable;
  tradein_showrooms: TradeinShowroomTable;
  tradein_showroom_programs: TradeinShowroomProgramTable;
}

declare module '../../db/schema.js' {
  interface DatabaseSchema extends TradeinSaleTables {}
}
