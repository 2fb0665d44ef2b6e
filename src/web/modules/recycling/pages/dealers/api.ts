/**
 * The dealers pages' API: shapes from the server's zod schemas (type-only imports), query keys and hooks, all
 * through the one web client.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import type {
  DealerDetailView,
  DealerInput,
  DealerView,
  PublicDealerView,
  PublicViolationView,
  RuleHistoryView,
  TradeView,
  ViolationView,
} from '../../../../../server/modules/recycling/dealers/schema';
import type { CreditRules } from '../../../../../server/modules/recycling/dealers/rules';

export type { DealerDetailView, DealerInput, DealerView, PublicDealerView, PublicViolationView, RuleHistoryView, TradeView, ViolationView, CreditRules, Page };
export type DealerAction = DealerView['actions'][number];
export type RuleVersion = RuleHistoryView['versions'][number];

export const DEALERS_PATH = '/recycling/dealers';
export const DISCLOSURE_PATH = '/credit-disclosure';

/** Every dealers query sits under one key, so one invalidation refreshes lists, a detail and the grades. */
export const dealerKeys = {
  all: ['recycling', 'dealers'] as const,
  list: (q: object) => ['recycling', 'dealers', 'list', q] as const,
  one: (id: number) => ['recycling', 'dealers', 'one', id] as const,
  trades: (q: object) => ['recycling', 'dealers', 'trades', q] as const,
  violations: (q: object) => ['recycling', 'dealers', 'violations', q] as const,
  organizations: ['recycling', 'dealers', 'organizations'] as const,
  rules: ['recycling', 'dealers', 'rules'] as const,
  publicViolations: (q: object) => ['recycling', 'dealers', 'public', 'violations', q] as const,
  publicDealers: (q: object) => ['recycling', 'dealers', 'public', 'dealers', q] as const,
};

export function useDealer(id: number) {
  return useQuery({
    queryKey: dealerKeys.one(id),
    queryFn: ({ signal }) => api.get<DealerDetailView>(`/api/recycling/dealers/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useDealerOrganizations(enabled: boolean) {
  return useQuery({
    queryKey: dealerKeys.organizations,
    queryFn: ({ signal }) => api.get<{ organizationId: number; name: string }[]>('/api/recycling/dealers/organization-options', undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}

/** The rules are public: the signed-in rules page and the disclosure page read the same answer. */
export function useCreditRules() {
  return useQuery({
    queryKey: dealerKeys.rules,
    queryFn: ({ signal }) => api.get<RuleHistoryView>('/api/recycling/public/credit/rules', undefined, signal),
  });
}

export function useTrades(q: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: dealerKeys.trades(q),
    queryFn: ({ signal }) => api.get<Page<TradeView>>('/api/recycling/dealer-trades', q, signal),
  });
}

export function useViolations(q: Record<string, string | number | undefined>, enabled = true) {
  return useQuery({
    queryKey: dealerKeys.violations(q),
    queryFn: ({ signal }) => api.get<Page<ViolationView>>('/api/recycling/dealer-violations', q, signal),
    enabled,
  });
}

export const evidenceUrl = (violationId: number, attachmentId: number) => `/api/recycling/dealer-violations/${violationId}/evidence/${attachmentId}`;
