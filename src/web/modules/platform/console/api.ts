/**
 * The admin console's server calls: shapes from the server's zod schemas (type-only imports), query keys, hooks.
 * The header bell's own calls live with it (web core's AppLayout), under the same `notifications` key.
 */
import type { z } from 'zod';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Page } from '../../../api/types';
import type { JobRunView, JobView, jobList } from '../../../../server/modules/platform/jobs/schema';
import type { ServiceStatus } from '../../../../server/modules/platform/status/schema';

export type { JobRunView, JobView, ServiceStatus };
export type JobList = z.infer<typeof jobList>;

export const consoleKeys = {
  jobs: ['console', 'jobs'] as const,
  runs: (name: string, query: object) => ['console', 'jobs', name, 'runs', query] as const,
  status: ['console', 'status'] as const,
};

/** Refreshed every 30 s while the page is open: runs start and finish on their own. */
export function useJobs() {
  return useQuery({
    queryKey: consoleKeys.jobs,
    queryFn: ({ signal }) => api.get<JobList>('/api/jobs', undefined, signal),
    refetchInterval: 30_000,
  });
}

export function useJobRuns(name: string | null, query: { page: number; pageSize: number; outcome?: string | undefined }) {
  return useQuery({
    queryKey: consoleKeys.runs(name ?? '', query),
    queryFn: ({ signal }) => api.get<Page<JobRunView>>(`/api/jobs/${encodeURIComponent(name!)}/runs`, query, signal),
    enabled: name !== null,
    placeholderData: keepPreviousData,
  });
}

export function useRunJobNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<{ run: JobRunView }>(`/api/jobs/${encodeURIComponent(name)}/run`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: consoleKeys.jobs }),
  });
}

export function useServiceStatus() {
  return useQuery({
    queryKey: consoleKeys.status,
    queryFn: ({ signal }) => api.get<ServiceStatus>('/api/status', undefined, signal),
    refetchInterval: 60_000,
  });
}
