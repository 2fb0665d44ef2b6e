/**
 * The plan module's API: shapes taken from the server's zod schemas (type-only imports, nothing of the server
 * reaches the bundle), query keys and the query hooks, all through the one web client.
 */
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { Attachment } from '../../api/types';
import type { IndicatorView, MilestoneView, PlanDetailView, PlanSummaryView } from '../../../server/modules/plan/plans/schema';
import type {
  DashboardIndicator,
  DashboardView,
  TownIndicator,
  TownsDashboardView,
  TrendView,
  UnitRecordView,
  UnitRecordsView,
} from '../../../server/modules/plan/dashboard/schema';
import type { MetricSummaryView, RevisionView } from '../../../server/modules/plan/indicators/schema';
import type { PeriodView } from '../../../server/modules/plan/reporting/periods/schema';
import type { ReportDetailView, ReportView } from '../../../server/modules/plan/reporting/reports/schema';
import type { WorkspaceView } from '../../../server/modules/plan/workspace/schema';

export type {
  Attachment,
  DashboardIndicator,
  DashboardView,
  IndicatorView,
  MetricSummaryView,
  MilestoneView,
  PeriodView,
  PlanDetailView,
  PlanSummaryView,
  ReportDetailView,
  ReportView,
  RevisionView,
  TownIndicator,
  TownsDashboardView,
  TrendView,
  UnitRecordView,
  UnitRecordsView,
  WorkspaceView,
};

export type PlanAction = PlanDetailView['actions'][number];
export type PlanTask = PlanAction['tasks'][number];
export type UnitRef = IndicatorView['organizations'][number];
export type DueReport = ReportView & { daysLeft: number };
export type Evidence = ReportView['evidence'][number];

export interface ImportJob {
  id: number;
  filename: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  totalRows: number;
  processedRows: number;
  importedRows: number;
  errors: { row: number; column: string; reason: string; message: string }[];
  createdAt: string;
  finishedAt: string | null;
}

export interface ReportPage {
  items: ReportView[];
  total: number;
  page: number;
  pageSize: number;
}

export const planKeys = {
  all: ['plan'] as const,
  plans: ['plan', 'plans'] as const,
  plan: (id: number) => ['plan', 'plan', id] as const,
  dashboard: (q: Record<string, unknown>) => ['plan', 'dashboard', q] as const,
  townsDashboard: (planId: number, asOf?: string) => ['plan', 'dashboard', 'towns', planId, asOf ?? null] as const,
  unitRecords: (planId: number, periodId: number | undefined) => ['plan', 'dashboard', 'units', planId, periodId ?? null] as const,
  trend: (id: number, asOf?: string) => ['plan', 'trend', id, asOf ?? null] as const,
  indicator: (id: number) => ['plan', 'indicator', id] as const,
  revisions: (id: number) => ['plan', 'revisions', id] as const,
  metrics: ['plan', 'metrics'] as const,
  periods: (planId: number) => ['plan', 'periods', planId] as const,
  reports: (q: Record<string, unknown>) => ['plan', 'reports', q] as const,
  report: (id: number) => ['plan', 'report', id] as const,
  workspace: ['plan', 'workspace'] as const,
};

/** The plans loaded, and the one in use: `?planId=` when given, else the first (晋政文〔2024〕98号). */
export function usePlanChoice() {
  const [search] = useSearchParams();
  const plans = useQuery({
    queryKey: planKeys.plans,
    queryFn: ({ signal }) => api.get<PlanSummaryView[]>('/api/plans', undefined, signal),
    staleTime: 5 * 60_000,
  });
  const wanted = Number(search.get('planId')) || undefined;
  const plan = plans.data?.find((p) => p.id === wanted) ?? plans.data?.[0];
  return { plans, plan, planId: plan?.id };
}

/** The whole plan tree (actions, tasks, indicators, milestones); it changes rarely. */
export function usePlanTree(planId: number | undefined) {
  return useQuery({
    queryKey: planKeys.plan(planId ?? 0),
    queryFn: ({ signal }) => api.get<PlanDetailView>(`/api/plans/${planId}`, undefined, signal),
    enabled: planId !== undefined,
    staleTime: 60_000,
  });
}

/** Reads every page of a report list (a period holds a few hundred reports; the API pages by 200 at most). */
export async function fetchAllReports(query: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<ReportView[]> {
  const out: ReportView[] = [];
  for (let page = 1; page < 50; page++) {
    const res = await api.get<ReportPage>('/api/plan-reports', { ...query, page, pageSize: 200 }, signal);
    out.push(...res.items);
    if (out.length >= res.total || res.items.length === 0) break;
  }
  return out;
}

/** Each unit's reporting record for a period, rolled up by the server. */
export function useUnitRecords(planId: number, periodId: number | undefined) {
  return useQuery({
    queryKey: planKeys.unitRecords(planId, periodId),
    queryFn: ({ signal }) => api.get<UnitRecordsView>(`/api/plans/${planId}/dashboard/units`, { periodId }, signal),
    enabled: periodId !== undefined,
  });
}

/** Every metric an indicator can be bound to (modules' figures and every ledger kind's), for the editor's choosers. */
export function usePlanMetrics(enabled = true) {
  return useQuery({
    queryKey: planKeys.metrics,
    queryFn: ({ signal }) => api.get<MetricSummaryView[]>('/api/plan/metrics', undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}
