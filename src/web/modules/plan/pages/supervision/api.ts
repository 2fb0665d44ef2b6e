/**
 * The supervision pages' API: shapes from the server's zod schemas (type-only imports), query keys, hooks.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type { OrganizationView, Page } from '../../../../api/types';
import type { AlertView, AlertsView, OrderDetailView, OrderView } from '../../../../../server/modules/plan/supervision/schema';

export type { AlertView, AlertsView, OrderDetailView, OrderView };
export type AlertColour = AlertView['colour'];
export type OrderStatus = OrderView['status'];

/** In the server's order (tables.ts): the workflow's statuses, and the colours most urgent first. */
export const ORDER_STATUSES: readonly OrderStatus[] = ['draft', 'issued', 'signed', 'handling', 'fed_back', 'returned', 'closed'];
export const ALERT_COLOURS: readonly AlertColour[] = ['red', 'yellow', 'blue'];

export const supervisionKeys = {
  all: ['plan', 'supervision'] as const,
  orders: (q: Record<string, unknown>) => ['plan', 'supervision', 'orders', q] as const,
  order: (id: number) => ['plan', 'supervision', 'order', id] as const,
  alerts: (q: Record<string, unknown>) => ['plan', 'supervision', 'alerts', q] as const,
  units: ['plan', 'supervision', 'units'] as const,
};

/** Today's alerts: a plan's (the dashboard) or the caller's own unit's (`mine`, the workspace). */
export function useAlerts(q: { planId?: number | undefined; mine?: 'true'; subject?: 'indicator' | 'order' }, enabled = true) {
  return useQuery({
    queryKey: supervisionKeys.alerts(q),
    queryFn: ({ signal }) => api.get<AlertsView>('/api/plan-alerts', q, signal),
    enabled,
  });
}

/** The units an order can go to: every active department and town (a few dozen), so a prefilled one shows its name. */
export function useOrderUnits(enabled = true) {
  return useQuery({
    queryKey: supervisionKeys.units,
    queryFn: async ({ signal }) => {
      const [departments, towns] = await Promise.all(
        (['department', 'town'] as const).map((kind) =>
          api.get<Page<OrganizationView>>('/api/organizations', { kind, status: 'active', pageSize: 200, sort: 'name', order: 'asc' }, signal),
        ),
      );
      return [...departments!.items, ...towns!.items];
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}
