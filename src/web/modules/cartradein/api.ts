/**
 * The car trade-in module's API: shapes from the server's zod schemas (type-only imports; nothing of the server
 * reaches the bundle), query keys, hooks, and the helpers shared by the pages.
 */
import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { CarProgramView } from '../../../server/modules/cartradein/programs/schema';
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

export type { CarProgramView, CarRule, CarApplicationSummary, CarApplicationView, SubmitCarApplicationInput, BatchView, EventView, Page };
export type Eligibility = z.infer<typeof eligibilityView>;
export type PrecheckResult = Eligibility & { certificateCheck: 'verified' | 'mismatch' | 'unverified' | 'not_applicable'; ruleVersionId: number };
export type OverdueItem = z.infer<typeof overdueItemView>;
export type BatchDetail = z.infer<typeof batchDetailView>;
export type PublicEvent = z.infer<typeof publicEventView>;

export const CAR_STATUSES = ['submitted', 'returned', 'rejected', 'approved', 'in_payment', 'paid'] as const;
export type CarStatus = (typeof CAR_STATUSES)[number];
export const CAR_KINDS = ['scrapping', 'replacement'] as const;
export const EMISSIONS = ['guo0', 'guo1', 'guo2', 'guo3', 'guo4', 'guo5', 'guo6'] as const;
export const EVENT_TYPES = ['car_promotion', 'car_carnival', 'car_expo', 'appliance_rural', 'appliance_community', 'home_building_expo', 'other'] as const;

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

export const STATUS_COLORS: Record<CarStatus, string> = {
  submitted: 'processing',
  returned: 'warning',
  rejected: 'error',
  approved: 'success',
  in_payment: 'cyan',
  paid: 'green',
};
