import { z } from 'zod';
import { ONLINE_ORDER_STATUSES, ONLINE_PLATFORMS, ONLINE_STORE_STATUSES } from '../../../../shared/enums/tradein.js';
import { zInvoiceNumber } from '../../../../shared/zodFields.js';
import { pageQuery } from '../../../http/schema.js';

/** An http(s) address with a host: a shop's page the officials can open. */
export function isShopUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

const shopUrl = z.string().trim().min(8).max(300).refine(isShopUrl, { message: 'field.tradein.shopUrl' });
const categories = z.array(z.string().trim().min(1).max(40)).min(1).max(30);

export const onlineStoreInput = z
  .object({
    /** The programme enrolment (`tradein_merchants`) of my organisation the shop sells under. */
    merchantId: z.number().int().positive(),
    platform: z.enum(ONLINE_PLATFORMS),
    shopName: z.string().trim().min(2).max(100),
    shopUrl,
    categories,
  })
  .strict();
export type OnlineStoreInput = z.infer<typeof onlineStoreInput>;

export const onlineStoreUpdate = z
  .object({
    platform: z.enum(ONLINE_PLATFORMS).optional(),
    shopName: z.string().trim().min(2).max(100).optional(),
    shopUrl: shopUrl.optional(),
    categories: categories.optional(),
  })
  .strict();
export type OnlineStoreUpdate = z.infer<typeof onlineStoreUpdate>;

export const onlineStoreView = z.object({
  id: z.number().int(),
  merchantId: z.number().int(),
  programId: z.number().int(),
  programName: z.string(),
  organizationId: z.number().int(),
  organizationName: z.string(),
  platform: z.enum(ONLINE_PLATFORMS),
  shopName: z.string(),
  shopUrl: z.string(),
  categories: z.array(z.string()),
  status: z.enum(ONLINE_STORE_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OnlineStoreView = z.infer<typeof onlineStoreView>;

export const listOnlineStoresQuery = z.object({
  organizationId: z.coerce.number().int().positive().optional(),
  platform: z.enum(ONLINE_PLATFORMS).optional(),
  status: z.enum(ONLINE_STORE_STATUSES).optional(),
  ...pageQuery.shape,
});
export type ListOnlineStoresQuery = z.infer<typeof listOnlineStoresQuery>;

export const onlineOrderInput = z
  .object({
    onlineStoreId: z.number().int().positive(),
    voucherCode: z.string().min(4).max(20),
    productId: z.number().int().positive(),
    /** The platform's order number: unique per online store, for ever. */
    orderNumber: z.string().trim().min(4).max(64),
    serialNumber: z.string().trim().min(4).max(64),
    invoiceNumber: zInvoiceNumber(),
    price: z.number().int().min(1).max(100_000_000_000).meta({ description: 'Sale price in fen' }),
    /** A town of the city (GET /api/towns). */
    deliveryTownId: z.number().int().positive(),
    deliveryAddress: z.string().trim().min(6).max(200),
  })
  .strict();
export type OnlineOrderInput = z.infer<typeof onlineOrderInput>;

export const onlineOrderView = z.object({
  id: z.number().int(),
  onlineStoreId: z.number().int(),
  platform: z.enum(ONLINE_PLATFORMS),
  shopName: z.string(),
  organizationId: z.number().int(),
  organizationName: z.string(),
  voucherCode: z.string(),
  category: z.string(),
  programId: z.number().int(),
  productId: z.number().int(),
  productBrand: z.string(),
  productModel: z.string(),
  orderNumber: z.string(),
  serialNumber: z.string(),
  invoiceNumber: z.string(),
  price: z.number().int(),
  /** The subsidy the confirmation will give, by the voucher's rule (null: the product or price is not eligible). */
  subsidy: z.number().int().nullable(),
  /** What the resident pays (price − subsidy). */
  payable: z.number().int().nullable(),
  deliveryTownId: z.number().int(),
  deliveryTownName: z.string(),
  /** In full for the resident and the merchant who delivers; masked for everyone else. */
  deliveryAddress: z.string(),
  status: z.enum(ONLINE_ORDER_STATUSES),
  expiresAt: z.string(),
  redemptionId: z.number().int().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type OnlineOrderView = z.infer<typeof onlineOrderView>;

export const ONLINE_ORDER_SORTS = ['createdAt', 'expiresAt', 'price'] as const;

const orderFilters = {
  status: z.enum(ONLINE_ORDER_STATUSES).optional(),
  onlineStoreId: z.coerce.number().int().positive().optional(),
  organizationId: z.coerce.number().int().positive().optional(),
  /** Part of an order number. */
  q: z.string().trim().max(64).optional(),
};

export const listOnlineOrdersQuery = z.object({
  ...orderFilters,
  sort: z.enum(ONLINE_ORDER_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pageQuery.shape,
});
export type ListOnlineOrdersQuery = z.infer<typeof listOnlineOrdersQuery>;

export const exportOnlineOrdersQuery = z.object(orderFilters);
export type ExportOnlineOrdersQuery = z.infer<typeof exportOnlineOrdersQuery>;
