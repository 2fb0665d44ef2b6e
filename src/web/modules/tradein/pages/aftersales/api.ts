/**
 * After-sales API for the pages of this folder: shapes from the server's zod schemas (type-only), query keys, the
 * return window the server applies, and the small shared pieces (status tag, stars).
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type { CaseDetailView, CaseView, MerchantServicePage, MerchantServiceRow } from '../../../../../server/modules/tradein/aftersales/schema';

export type { CaseDetailView, CaseView, MerchantServicePage, MerchantServiceRow };
export { AFTER_SALES_KINDS, AFTER_SALES_STATUSES, AFTER_SALES_TOPICS } from '../../../../../shared/enums/tradein';

export const afterSalesKeys = {
  mine: (page: number) => ['tradein', 'after-sales', 'mine', page] as const,
  list: (q: object) => ['tradein', 'after-sales', 'list', q] as const,
  detail: (id: number) => ['tradein', 'after-sales', 'detail', id] as const,
  service: (q: object) => ['tradein', 'merchant-service', q] as const,
  all: ['tradein', 'after-sales'] as const,
};

export function useCase(id: number | null) {
  return useQuery({
    queryKey: afterSalesKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<CaseDetailView>(`/api/tradein/after-sales/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

/** `tradein.returnWindowDays` as the server applies it (the statutory 7 until the parameters load). */
export function useReturnWindowDays(): number {
  const q = useQuery({
    queryKey: ['parameters', 'for-pages'],
    queryFn: ({ signal }) => api.get<Record<string, number | boolean | string>>('/api/parameters/for-pages', undefined, signal),
    staleTime: 60_000,
  });
  const days = q.data?.['tradein.returnWindowDays'];
  return typeof days === 'number' ? days : 7;
}
