/**
 * The standards part's API on the web: shapes from the server's zod schemas (type-only imports), query keys and
 * hooks, all through the one web client.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../../../api/client';
import type { Page, Town } from '../../../../api/types';
import type { ClaimModel } from '../../../../../shared/enums/renewalStandards';
import type { BrandView, CertificationView, ClaimDetail, RdReportView, StandardView } from '../../../../../server/modules/renewal/standards/specs';
import type { RdOverview } from '../../../../../server/modules/renewal/standards/overview';

export type { BrandView, CertificationView, RdReportView, StandardView, RdOverview, Page };
export type ClaimView = StandardView | CertificationView | BrandView | RdReportView;
export type ClaimDetailView = ClaimView & ClaimDetail;
export type ClaimMove = 'submit' | 'confirm' | 'return' | 'withdraw';

/** Each model's path under /api/renewal and the grant domain whose `manage` holder confirms it. */
export const MODEL_PATHS: Record<ClaimModel, string> = { standard: 'standards', certification: 'certifications', brand: 'brands', rd: 'rd-reports' };
export const MODEL_DOMAINS: Record<ClaimModel, string> = { standard: 'renewal_standards', certification: 'renewal', brand: 'renewal', rd: 'renewal_rd' };
export const claimBase = (model: ClaimModel) => `/api/renewal/${MODEL_PATHS[model]}`;

/** Every query of the part sits under one key, so one invalidation refreshes lists, details and the overview. */
export const standardsKeys = {
  all: ['renewal', 'standards'] as const,
  list: (model: ClaimModel, q: object) => ['renewal', 'standards', model, 'list', q] as const,
  one: (model: ClaimModel, id: number) => ['renewal', 'standards', model, 'one', id] as const,
  overview: (q: object) => ['renewal', 'standards', 'overview', q] as const,
};

export function useClaims(model: ClaimModel, q: Query) {
  return useQuery({
    queryKey: standardsKeys.list(model, q),
    queryFn: ({ signal }) => api.get<Page<ClaimView>>(claimBase(model), q, signal),
  });
}

export function useClaim(model: ClaimModel, id: number | null) {
  return useQuery({
    queryKey: standardsKeys.one(model, id ?? 0),
    queryFn: ({ signal }) => api.get<ClaimDetailView>(`${claimBase(model)}/${id}`, undefined, signal),
    enabled: id !== null && id > 0,
  });
}

export function useRdOverview(q: Query) {
  return useQuery({ queryKey: standardsKeys.overview(q), queryFn: ({ signal }) => api.get<RdOverview>('/api/renewal/rd-reports/overview', q, signal) });
}

/** Saves (creates or edits) a record and refreshes the part's queries. */
export function useSaveClaim() {
  const qc = useQueryClient();
  return async (model: ClaimModel, id: number | null, body: object) => {
    const saved = id ? await api.put<ClaimDetailView>(`${claimBase(model)}/${id}`, body) : await api.post<ClaimDetailView>(claimBase(model), body);
    await qc.invalidateQueries({ queryKey: standardsKeys.all });
    return saved;
  };
}

export function useMoveClaim() {
  const qc = useQueryClient();
  return async (model: ClaimModel, id: number, move: ClaimMove, body?: object) => {
    const moved = await api.post<ClaimDetailView>(`${claimBase(model)}/${id}/${move}`, move === 'submit' ? undefined : (body ?? {}));
    await qc.invalidateQueries({ queryKey: standardsKeys.all });
    return moved;
  };
}

export function useTowns() {
  return useQuery({ queryKey: ['towns'], queryFn: ({ signal }) => api.get<Town[]>('/api/towns', undefined, signal), staleTime: 3_600_000 });
}
