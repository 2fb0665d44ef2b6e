/**
 * The trade-in module's API: shapes taken from the server's zod schemas (type-only imports: nothing of the
 * server reaches the bundle), query keys and the query hooks, all through the one web client (claims and sales
 * are sent with an Idempotency-Key and this device's id: `api.post(path, body, { idempotencyKey, device: true })`).
 */
import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Attachment, Page } from '../../api/types';
import type { ProgramView, ruleVersionView } from '../../../server/modules/tradein/programs/schema';
import type { CategoryRule } from '../../../server/modules/tradein/programs/rules';
import type { PoolView, QueuePlaceView, VoucherView, voucherLookupView } from '../../../server/modules/tradein/vouchers/schema';
import type { MerchantView, ProductView, PublicMerchantView } from '../../../server/modules/tradein/merchants/schema';
import type { RedemptionView } from '../../../server/modules/tradein/redemptions/schema';
import type { RiskReviewView, riskReviewDetailView, RiskRuleView } from '../../../server/modules/tradein/risk/schema';
import type { BatchView, batchDetailView } from '../../../server/modules/tradein/settlement/schema';
import type { BudgetView } from '../../../server/modules/tradein/budget/schema';

export type {
  ProgramView,
  CategoryRule,
  PoolView,
  QueuePlaceView,
  VoucherView,
  MerchantView,
  ProductView,
  PublicMerchantView,
  RedemptionView,
  RiskReviewView,
  RiskRuleView,
  BatchView,
  BudgetView,
};
export type RuleVersionView = z.infer<typeof ruleVersionView>;
export type VoucherLookup = z.infer<typeof voucherLookupView>;
export type RiskReviewDetail = z.infer<typeof riskReviewDetailView>;
export type BatchDetail = z.infer<typeof batchDetailView>;
export type CategoryView = ProgramView['categories'][number];
export type { Attachment, Page };

/** How often the open releases are asked again for their remaining quota. */
export const POOL_REFRESH_MS = 4_000;

export const keys = {
  programs: ['tradein', 'programs'] as const,
  pools: (q: object) => ['tradein', 'pools', q] as const,
  myVouchers: ['tradein', 'vouchers', 'mine'] as const,
  queuePlace: (poolId: number) => ['tradein', 'queue', poolId] as const,
  merchants: (q: object) => ['tradein', 'merchants', q] as const,
  stores: (q: object) => ['tradein', 'stores', q] as const,
  products: (q: object) => ['tradein', 'products', q] as const,
  redemptions: (q: object) => ['tradein', 'redemptions', q] as const,
  reviews: (q: object) => ['tradein', 'reviews', q] as const,
  batches: (q: object) => ['tradein', 'batches', q] as const,
  budget: (id: number) => ['tradein', 'budget', id] as const,
};

export function usePrograms() {
  return useQuery({
    queryKey: keys.programs,
    queryFn: ({ signal }) => api.get<ProgramView[]>('/api/tradein/programs', undefined, signal),
    staleTime: 60_000,
  });
}

/** The category's display name in a programme (falls back to the code). */
export function categoryName(programs: ProgramView[] | undefined, programId: number, category: string): string {
  return programs?.find((p) => p.id === programId)?.categories.find((c) => c.category === category)?.name ?? category;
}
