/**
 * The car trade-in module's API: shapes from the server's zod schemas (type-only imports; nothing of the server
 * reaches the bundle), query keys and the query hooks, all through the one web client.
 */
import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { CarProgramView, carRuleVersionView } from '../../../server/modules/cartradein/programs/schema';
import type { CarRule } from '../../../server/modules/cartradein/programs/rules';
import type {
  CarApplicationSummary,
  CarApplicationView,
  SubmitCarApplicationInput,
  eligibilityView,
  overdueItemView,
} from '../../../server/modules/cartradein/applications/schema';
import type { BatchView, batchDetailView } from '../../../server/modules/cartradein/payments/schema';
import type { EventView, publicEventView } from '../../../server/modules/cartradein/events/schema';
import type { CarBudgetVersionView, CarBudgetView, SetCarBudgetInput } from '../../../server/modules/cartradein/budget/schema';

export type { CarProgramView, CarRule, CarApplicationSummary, CarApplicationView, SubmitCarApplicationInput, BatchView, EventView, Page };
export type Eligibility = z.infer<typeof eligibilityView>;
export type PrecheckResult = Eligibility & { certificateCheck: 'verified' | 'mismatch' | 'unverified' | 'not_applicable'; ruleVersionId: number };
export type OverdueItem = z.infer<typeof overdueItemView>;
export type BatchDetail = z.infer<typeof batchDetailView>;
export type PublicEvent = z.infer<typeof publicEventView>;

export const carKeys = {
  programs: ['cartradein', 'programs'] as const,
  applications: (q: object) => ['cartradein', 'applications', q] as const,
  application: (id: number) => ['cartradein', 'application', id] as const,
  batches: ['cartradein', 'batches'] as const,
  overdue: ['cartradein', 'overdue'] as const,
  calendar: ['cartradein', 'calendar'] as const,
  events: ['cartradein', 'events'] as const,
};

export function useCarPrograms() {
  return useQuery({
    queryKey: carKeys.programs,
    queryFn: ({ signal }) => api.get<CarProgramView[]>('/api/tradein/car-programs', undefined, signal),
    staleTime: 60_000,
  });
}

export function useCarApplication(id: number) {
  return useQuery({
    queryKey: carKeys.application(id),
    queryFn: ({ signal }) => api.get<CarApplicationView>(`/api/tradein/car-applications/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

// Programme administration: one programme, its rule history and its budget (pages/programs/).
export type CarRuleVersion = z.infer<typeof carRuleVersionView>;
export type { CarBudgetView, CarBudgetVersionView, SetCarBudgetInput };

export const carAdminKeys = {
  program: (id: number) => ['cartradein', 'programs', id] as const,
  rules: (id: number) => ['cartradein', 'programs', id, 'rules'] as const,
  budget: (id: number) => ['cartradein', 'programs', id, 'budget'] as const,
  budgetVersions: (id: number) => ['cartradein', 'programs', id, 'budget', 'versions'] as const,
};

export function useCarProgram(id: number) {
  return useQuery({
    queryKey: carAdminKeys.program(id),
    queryFn: ({ signal }) => api.get<CarProgramView>(`/api/tradein/car-programs/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useCarRuleHistory(id: number, enabled = true) {
  return useQuery({
    queryKey: carAdminKeys.rules(id),
    queryFn: ({ signal }) => api.get<CarRuleVersion[]>(`/api/tradein/car-programs/${id}/rules`, undefined, signal),
    enabled: enabled && id > 0,
  });
}

export function useCarBudget(id: number) {
  return useQuery({
    queryKey: carAdminKeys.budget(id),
    queryFn: ({ signal }) => api.get<CarBudgetView>(`/api/tradein/car-programs/${id}/budget`, undefined, signal),
    enabled: id > 0,
  });
}

export function useCarBudgetHistory(id: number, enabled = true) {
  return useQuery({
    queryKey: carAdminKeys.budgetVersions(id),
    queryFn: ({ signal }) => api.get<CarBudgetVersionView[]>(`/api/tradein/car-programs/${id}/budget/versions`, undefined, signal),
    enabled: enabled && id > 0,
  });
}
