/**
 * The plan module's API: shapes taken from the server's zod schemas (type-only imports, nothing of the server
 * reaches the bundle), query keys, and the few calls the shared client does not cover (multipart uploads, polling).
 */
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ApiError, api, NETWORK_ERROR, type ErrorDetail } from '../../api/client';
import type { IndicatorView, MilestoneView, PlanDetailView, PlanSummaryView } from '../../../server/modules/plan/plans/schema';
import type { DashboardIndicator, DashboardView, TownIndicator, TownsDashboardView, TrendView } from '../../../server/modules/plan/dashboard/schema';
import type { RevisionView } from '../../../server/modules/plan/indicators/schema';
import type { PeriodView } from '../../../server/modules/plan/reporting/periods/schema';
import type { ReportDetailView, ReportView } from '../../../server/modules/plan/reporting/reports/schema';
import type { WorkspaceView } from '../../../server/modules/plan/workspace/schema';

export type {
  DashboardIndicator,
  DashboardView,
  IndicatorView,
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
  WorkspaceView,
};

export type PlanAction = PlanDetailView['actions'][number];
export type PlanTask = PlanAction['tasks'][number];
export type UnitRef = IndicatorView['organizations'][number];
export type DueReport = ReportView & { daysLeft: number };
export type Evidence = ReportView['evidence'][number];

export const INDICATOR_STATUSES = ['on_track', 'at_risk', 'behind', 'not_started', 'overdue'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

export const REPORT_STATUSES = ['pending', 'draft', 'submitted', 'returned', 'corrected', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** The unit may still change these (while the period is open). */
export const EDITABLE: readonly ReportStatus[] = ['pending', 'draft', 'returned', 'corrected'];

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

export interface Attachment {
  id: number;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export interface NotificationView {
  id: number;
  kind: string;
  message: string;
  params: Record<string, unknown>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
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
  trend: (id: number, asOf?: string) => ['plan', 'trend', id, asOf ?? null] as const,
  indicator: (id: number) => ['plan', 'indicator', id] as const,
  revisions: (id: number) => ['plan', 'revisions', id] as const,
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

function csrf(): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === 'hx_csrf') return decodeURIComponent(v.join('='));
  }
  return null;
}

/** Sends one file as multipart field "file" (evidence, Excel imports); errors come back as {@link ApiError}. */
export async function uploadFile<T>(path: string, file: File, locale: string): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers = new Headers({ Accept: 'application/json', 'Accept-Language': locale });
  const token = csrf();
  if (token) headers.set('X-CSRF-Token', token);
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', body: form, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, locale === 'en' ? 'Could not reach the server' : '无法连接服务器');
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | undefined)?.error;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? res.statusText, e?.details ?? []);
  }
  return body as T;
}

/** Evidence file types and size the server accepts (platform attachments). */
export const EVIDENCE_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'docx', 'xlsx'];
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

export function fileExtension(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? '' : name.slice(i + 1).toLowerCase();
}

/** The current month in Asia/Shanghai as YYYY-MM. */
export function shanghaiMonth(date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).formatToParts(date);
  const y = parts.find((p) => p.type === 'year')?.value ?? '2024';
  const m = parts.find((p) => p.type === 'month')?.value ?? '01';
  return `${y}-${m}`;
}

/** The month before `period` (YYYY-MM). */
export function previousMonth(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
