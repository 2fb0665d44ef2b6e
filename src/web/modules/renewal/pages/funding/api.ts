/**
 * The funding API on the web: shapes from the server's zod schemas (type-only imports), query keys and hooks, all
 * through the one web client.
 */
import { useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import type {
  ApplicationDetailView,
  ApplicationView,
  FundingProjectView,
  OverviewView,
  SubsidyView,
} from '../../../../../server/modules/renewal/funding/schema';

export type { ApplicationDetailView, ApplicationView, FundingProjectView, OverviewView, SubsidyView, Page };
export type FundingAction = ApplicationView['actions'][number];

export interface FundingOptions {
  grantingUnits: { id: number; name: string }[];
  dayBasis: number;
  capFen: number | null;
}

export const FUNDING_BASE = '/api/renewal/funding';

/** Every funding query sits under one key, so one invalidation refreshes lists, projects, details and the overview. */
export const fundingKeys = {
  all: ['renewal', 'funding'] as const,
  projects: (q: object) => ['renewal', 'funding', 'projects', q] as const,
  list: (q: object) => ['renewal', 'funding', 'list', q] as const,
  one: (id: number) => ['renewal', 'funding', 'one', id] as const,
  overview: ['renewal', 'funding', 'overview'] as const,
  options: ['renewal', 'funding', 'options'] as const,
  subsidy: (q: object) => ['renewal', 'funding', 'subsidy', q] as const,
};

export function useFundingProjects(q: Query) {
  return useQuery({
    queryKey: fundingKeys.projects(q),
    queryFn: ({ signal }) => api.get<Page<FundingProjectView>>('/api/renewal/funding/projects', q, signal),
  });
}

export function useApplications(q: Query, enabled = true) {
  return useQuery({
    queryKey: fundingKeys.list(q),
    queryFn: ({ signal }) => api.get<Page<ApplicationView>>('/api/renewal/funding/applications', q, signal),
    enabled,
  });
}

export function useApplication(id: number | null) {
  return useQuery({
    queryKey: fundingKeys.one(id ?? 0),
    queryFn: ({ signal }) => api.get<ApplicationDetailView>(`/api/renewal/funding/applications/${id}`, undefined, signal),
    enabled: id !== null && id > 0,
  });
}

export function useFundingOptions() {
  return useQuery({
    queryKey: fundingKeys.options,
    queryFn: ({ signal }) => api.get<FundingOptions>('/api/renewal/funding/options', undefined, signal),
    staleTime: 60_000,
  });
}

export function useOverview() {
  return useQuery({ queryKey: fundingKeys.overview, queryFn: ({ signal }) => api.get<OverviewView>('/api/renewal/funding/overview', undefined, signal) });
}

/** The server's 贴息 computation for the loan typed so far (null until it is complete). */
export function useSubsidy(q: Query | null) {
  return useQuery({
    queryKey: fundingKeys.subsidy(q ?? {}),
    queryFn: ({ signal }) => api.get<SubsidyView>('/api/renewal/funding/interest-subsidy', q ?? undefined, signal),
    enabled: q !== null,
    retry: false,
  });
}

export { useTowns } from '../../../../api/towns';
