import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';

export const MATTER_STATUSES = ['raised', 'escalated', 'answered', 'closed', 'withdrawn'] as const;
export type MatterStatus = (typeof MATTER_STATUSES)[number];
export const MATTER_URGENCIES = ['normal', 'urgent', 'critical'] as const;
export type MatterUrgency = (typeof MATTER_URGENCIES)[number];

export interface MatterView {
  id: number;
  title: string;
  urgency: MatterUrgency;
  status: MatterStatus;
  organization: { id: number; name: string; kind: string };
  raisedAt: string;
  dueAt: string;
  overdue: boolean;
  escalatedTo: { id: number; name: string } | null;
  answeredAt: string | null;
  closedAt: string | null;
  demo: boolean;
}

export interface MatterDetailView extends MatterView {
  description: string;
  escalatedAt: string | null;
  escalationNote: string | null;
  answer: string | null;
  answeredBy: { id: number; name: string } | null;
  closingNote: string | null;
  withdrawnReason: string | null;
  evidence: { id: number; filename: string; mimeType: string; sizeBytes: number }[];
  actions: string[];
  timeline: { id: number; action: string; fromStatus: string | null; toStatus: string; actorName: string | null; note: string | null; at: string }[];
}

export const matterKeys = {
  all: ['plan-matters'] as const,
  list: (q: object) => ['plan-matters', 'list', q] as const,
  one: (id: number) => ['plan-matters', 'one', id] as const,
};

/** The answer time limits by urgency, as the server counts them (its parameters, or the shipped defaults). */
export function useAnswerDays(): Record<MatterUrgency, number> {
  const { data } = useQuery({
    queryKey: ['parameters', 'for-pages'],
    queryFn: ({ signal }) => api.get<Record<string, number | boolean | string>>('/api/parameters/for-pages', undefined, signal),
    staleTime: 60_000,
  });
  const n = (key: string, fallback: number) => (typeof data?.[key] === 'number' ? (data[key] as number) : fallback);
  return { normal: n('plan.matterAnswerDaysNormal', 10), urgent: n('plan.matterAnswerDaysUrgent', 3), critical: n('plan.matterAnswerDaysCritical', 1) };
}
