import { z } from 'zod';
import { MERCHANT_STATUSES, ONLINE_PLATFORMS, PROGRAM_KINDS } from '../../../../shared/enums/tradein.js';
import { pageOf, pageQuery } from '../../../http/schema.js';
import { zBankAccount, zMobile, zPassword } from '../../../../shared/zodFields.js';
import { usernameField } from '../../platform/users/schema.js';
import { categoryCode } from '../programs/schema.js';

export { MERCHANT_STATUSES };

const storeInput = z
  .object({
    name: z.string().trim().min(2).max(100),
    townId: z.number().int().positive(),
    address: z.string().trim().min(4).max(200),
  })
  .strict();

export const applyBody = z
  .object({
    programId: z.number().int().positive(),
    categories: z.array(categoryCode).min(1).max(50),
    stores: z.array(storeInput).min(1).max(100),
    bankName: z.string().trim().min(2).max(100),
    accountName: z.string().trim().min(2).max(100),
    bankAccount: zBankAccount(),
  })
  .strict();
export type ApplyInput = z.infer<typeof applyBody>;

export const merchantView = z.object({
  id: z.number().int(),
  organizationId: z.number().int(),
  organizationName: z.string(),
  programId: z.number().int(),
  programName: z.string(),
  status: z.enum(MERCHANT_STATUSES),
  categories: z.array(z.string()),
  stores: z.array(z.object({ id: z.number().int(), name: z.string(), townId: z.number().int(), townName: z.string(), address: z.string() })),
  bankName: z.string(),
  accountName: z.string(),
  /** Always masked: the full number is needed only by settlement, which reads it itself and audits the read. */
  bankAccount: z.string(),
  reviewNote: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type MerchantView = z.infer<typeof merchantView>;

export const listMerchantsQuery = z.object({
  status: z.enum(MERCHANT_STATUSES).optional(),
  programId: z.coerce.number().int().positive().optional(),
});

/** The store finder's query: residents look for enrolled merchants by town, category, programme and name. */
export const publicMerchantsQuery = pageQuery.extend({
  townId: z.coerce.number().int().positive().optional().describe('Only merchants with a store in this town (organisation of kind town)'),
  category: categoryCode.optional().describe('Only merchants enrolled for this category'),
  programId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(100).optional().describe('Part of the merchant’s or a store’s name'),
});
export type PublicMerchantsQuery = z.infer<typeof publicMerchantsQuery>;

const publicCategoryView = z.object({ category: z.string(), name: z.string() });
/** An approved merchant as residents see it: where its stores are and what it sells with a subsidy, in which programmes. */
export const publicMerchantView = z.object({
  organizationId: z.number().int(),
  organizationName: z.string(),
  /** Every category of the programmes listed, once. */
  categories: z.array(publicCategoryView),
  stores: z.array(z.object({ name: z.string(), townId: z.number().int(), townName: z.string(), address: z.string() })),
  /** Its active online shops (delivery within the city; the order is confirmed on the resident's phone). */
  onlineStores: z.array(z.object({ platform: z.enum(ONLINE_PLATFORMS), shopName: z.string(), shopUrl: z.string() })),
  programs: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      kind: z.enum(PROGRAM_KINDS),
      validFrom: z.string().describe('First day (Asia/Shanghai)'),
      validTo: z.string().describe('Last day (Asia/Shanghai)'),
      categories: z.array(publicCategoryView),
    }),
  ),
});
export type PublicMerchantView = z.infer<typeof publicMerchantView>;
export const publicMerchantPage = pageOf(publicMerchantView);
export const publicCategoriesView = z.array(publicCategoryView);

export const reviewBody = z.object({ note: z.string().trim().max(500).optional() }).strict();
export const reasonBody = z.object({ note: z.string().trim().min(2).max(500) }).strict();

export const productInput = z
  .object({
    category: categoryCode,
    brand: z.string().trim().min(1).max(60),
    model: z.string().trim().min(1).max(80),
    efficiencyGrade: z.number().int().min(1).max(5).nullable().default(null),
    referencePriceFen: z.number().int().min(1).max(100_000_000_000),
  })
  .strict();
export type ProductInput = z.infer<typeof productInput>;
export const productUpdate = z
  .object({
    efficiencyGrade: z.number().int().min(1).max(5).nullable(),
    referencePriceFen: z.number().int().min(1).max(100_000_000_000),
    status: z.enum(['active', 'withdrawn']),
  })
  .partial()
  .strict();
export const productView = z.object({
  id: z.number().int(),
  organizationId: z.number().int(),
  category: z.string(),
  brand: z.string(),
  model: z.string(),
  efficiencyGrade: z.number().int().nullable(),
  referencePriceFen: z.number().int(),
  status: z.enum(['active', 'withdrawn']),
});
export type ProductView = z.infer<typeof productView>;
export const listProductsQuery = z.object({
  organizationId: z.coerce.number().int().positive().optional(),
  category: categoryCode.optional(),
});

export const staffBody = z
  .object({ username: usernameField, displayName: z.string().trim().min(1).max(50), password: zPassword(), mobile: zMobile().optional() })
  .strict();
export const staffView = z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), status: z.enum(['active', 'disabled']) });
