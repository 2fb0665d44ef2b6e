/**
 * The survey API on the web: shapes from the server's zod schemas (type-only imports), query keys and hooks, all
 * through the one web client.
 */
import { useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../../../api/client';
import type { Page, Town } from '../../../../api/types';
import type {
  FiguresView,
  ImportResultView,
  RegisterRowView,
  ResponseAnswers,
  ResponseView,
  ResultsView,
  RoundView,
} from '../../../../../server/modules/renewal/survey/schema';

export type { FiguresView, ImportResultView, RegisterRowView, ResponseAnswers, ResponseView, ResultsView, RoundView, Page };

export const SURVEY_BASE = '/api/renewal/survey';

/** Every survey query sits under one key, so one invalidation refreshes rounds, registers, queues and results. */
export const surveyKeys = {
  all: ['renewal', 'survey'] as const,
  rounds: ['renewal', 'survey', 'rounds'] as const,
  mine: ['renewal', 'survey', 'mine'] as const,
  register: (roundId: number, q: object) => ['renewal', 'survey', 'register', roundId, q] as const,
  queue: (q: object) => ['renewal', 'survey', 'queue', q] as const,
  results: (roundId: number) => ['renewal', 'survey', 'results', roundId] as const,
};

export function useRounds() {
  return useQuery({ queryKey: surveyKeys.rounds, queryFn: ({ signal }) => api.get<RoundView[]>(`${SURVEY_BASE}/rounds`, undefined, signal) });
}

export function useMine() {
  return useQuery({ queryKey: surveyKeys.mine, queryFn: ({ signal }) => api.get<{ rows: RegisterRowView[] }>(`${SURVEY_BASE}/mine`, undefined, signal) });
}

export function useRegister(roundId: number | null, q: Query) {
  return useQuery({
    queryKey: surveyKeys.register(roundId ?? 0, q),
    queryFn: ({ signal }) => api.get<Page<RegisterRowView>>(`${SURVEY_BASE}/rounds/${roundId}/register`, q, signal),
    enabled: roundId !== null,
  });
}

export function useQueue(q: Query) {
  return useQuery({ queryKey: surveyKeys.queue(q), queryFn: ({ signal }) => api.get<Page<RegisterRowView>>(`${SURVEY_BASE}/queue`, q, signal) });
}

export function useResults(roundId: number | null) {
  return useQuery({
    queryKey: surveyKeys.results(roundId ?? 0),
    queryFn: ({ signal }) => api.get<ResultsView>(`${SURVEY_BASE}/rounds/${roundId}/results`, undefined, signal),
    enabled: roundId !== null,
  });
}

export function useTowns() {
  return useQuery({ queryKey: ['towns'], queryFn: ({ signal }) => api.get<Town[]>('/api/towns', undefined, signal), staleTime: 3_600_000 });
}

export const saveResponse = (registerId: number, answers: ResponseAnswers) =>
  api.put<RegisterRowView>(`${SURVEY_BASE}/register/${registerId}/response`, answers);
export const submitResponse = (id: number) => api.post<RegisterRowView>(`${SURVEY_BASE}/responses/${id}/submit`);
export const checkResponse = (id: number) => api.post<RegisterRowView>(`${SURVEY_BASE}/responses/${id}/check`);
export const returnResponse = (id: number, reason: string) => api.post<RegisterRowView>(`${SURVEY_BASE}/responses/${id}/return`, { reason });
