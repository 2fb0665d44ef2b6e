/**
 * The recycling network's API on the web: shapes from the server's zod schemas (type-only imports), query keys and
 * hooks, all through the one web client.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import type {
  PublicSiteView,
  SiteDetailView,
  SiteView,
  TownSummary,
  CreateSiteInput,
  UpdateSiteInput,
  UpdateOperationsInput,
  SiteMove,
} from '../../../../../server/modules/recycling/sites/schema';

export type { PublicSiteView, SiteDetailView, SiteView, TownSummary, CreateSiteInput, UpdateSiteInput, UpdateOperationsInput, SiteMove, Page };
export type SiteAction = SiteView['actions'][number];
export interface OperatorOption {
  organizationId: number;
  name: string;
  isRecycler: boolean;
}

/** Where the public list lives: outside the signed-in app, for residents on a phone (App.tsx routes it). */
export const PUBLIC_SITES_PATH = '/recycling-sites';

/** Every site query sits under one key, so one invalidation refreshes lists, summaries and a detail. */
export const siteKeys = {
  all: ['recycling', 'sites'] as const,
  list: (q: object) => ['recycling', 'sites', 'list', q] as const,
  one: (id: number) => ['recycling', 'sites', 'one', id] as const,
  summary: (pub: boolean) => ['recycling', 'sites', 'summary', pub] as const,
  public: (q: object) => ['recycling', 'sites', 'public', q] as const,
  operators: ['recycling', 'sites', 'operators'] as const,
};

export { useTowns } from '../../../../api/towns';

export function useSite(id: number) {
  return useQuery({
    queryKey: siteKeys.one(id),
    queryFn: ({ signal }) => api.get<SiteDetailView>(`/api/recycling/sites/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useOperatorOptions(enabled: boolean) {
  return useQuery({
    queryKey: siteKeys.operators,
    queryFn: ({ signal }) => api.get<OperatorOption[]>('/api/recycling/sites/operator-options', undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}

export function useSiteSummary(pub: boolean) {
  return useQuery({
    queryKey: siteKeys.summary(pub),
    queryFn: ({ signal }) => api.get<TownSummary>(pub ? '/api/recycling/public/sites/summary' : '/api/recycling/sites/summary', undefined, signal),
  });
}
