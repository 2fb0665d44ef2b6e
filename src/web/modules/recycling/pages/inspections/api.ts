/**
 * The inspection pages' API: shapes from the server's zod schemas (type-only imports), query keys and hooks,
 * all through the one web client.
 */
import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import type {
  InspectionDetailView,
  InspectionInput,
  InspectionView,
  RectificationView,
  checklistView,
  rectificationCounts,
  siteOptions,
} from '../../../../../server/modules/recycling/inspections/schema';

export type { InspectionDetailView, InspectionInput, InspectionView, RectificationView, Page };
export type Checklist = z.infer<typeof checklistView>;
export type RectificationCounts = z.infer<typeof rectificationCounts>;
export type SiteOption = z.infer<typeof siteOptions>[number];
export type InspectionResult = InspectionView['result'];
export type ChecklistAnswer = InspectionDetailView['answers'][number]['answer'];

export const INSPECTION_RESULTS: readonly InspectionResult[] = ['pass', 'rectify', 'ban'];
export const CHECKLIST_ANSWERS: readonly ChecklistAnswer[] = ['ok', 'not_ok', 'n_a'];
export const INSPECTIONS_PATH = '/recycling/inspections';
export const INSPECT_PATH = '/recycling/inspect';

export const inspectionKeys = {
  all: ['recycling', 'inspections'] as const,
  list: (q: object) => ['recycling', 'inspections', 'list', q] as const,
  one: (id: number) => ['recycling', 'inspections', 'one', id] as const,
  site: (id: number) => ['recycling', 'inspections', 'site', id] as const,
  rectifications: (q: object) => ['recycling', 'inspections', 'rectifications', q] as const,
  counts: ['recycling', 'inspections', 'counts'] as const,
  checklist: ['recycling', 'inspections', 'checklist'] as const,
  sites: (q: string) => ['recycling', 'inspections', 'site-options', q] as const,
};

export function useChecklist() {
  return useQuery({
    queryKey: inspectionKeys.checklist,
    queryFn: ({ signal }) => api.get<Checklist>('/api/recycling/inspections/checklist', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useInspection(id: number | null) {
  return useQuery({
    queryKey: inspectionKeys.one(id ?? 0),
    queryFn: ({ signal }) => api.get<InspectionDetailView>(`/api/recycling/inspections/${id}`, undefined, signal),
    enabled: id !== null && id > 0,
  });
}

export function useRectificationCounts() {
  return useQuery({
    queryKey: inspectionKeys.counts,
    queryFn: ({ signal }) => api.get<RectificationCounts>('/api/recycling/rectifications/counts', undefined, signal),
  });
}

export const photoUrl = (inspectionId: number, attachmentId: number) => `/api/recycling/inspections/${inspectionId}/photos/${attachmentId}`;
