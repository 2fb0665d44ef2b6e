import { useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../../../api/client';
import type { RenewalOverviewView } from '../../../../../server/modules/renewal/overview/schema';

export type { RenewalOverviewView };

export const OVERVIEW_EXPORT_PATH = '/api/renewal/overview/export.xlsx';

/** The renewal overview with the page's filters (year, sector, town). */
export function useRenewalOverview(query: Query) {
  return useQuery({
    queryKey: ['renewal', 'overview', query] as const,
    queryFn: ({ signal }) => api.get<RenewalOverviewView>('/api/renewal/overview', query, signal),
  });
}
