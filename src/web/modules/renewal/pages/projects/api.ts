/**
 * The renewal projects' API on the web: shapes from the server's zod schemas (type-only imports), query keys and
 * hooks, all through the one web client.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import type {
  ImportJobView,
  ProjectDetail,
  ProjectInput,
  ProjectView,
  RecognitionInput,
  RecognitionView,
} from '../../../../../server/modules/renewal/projects/schema';

export type { ImportJobView, ProjectDetail, ProjectInput, ProjectView, RecognitionInput, RecognitionView, Page };

/** Whose list: the enterprise's own, the town's, or every submitted project (the department and supervisors). */
export type ProjectScope = 'mine' | 'town' | 'all';

const LIST_PATH: Record<ProjectScope, string> = {
  mine: '/api/renewal/projects/mine',
  town: '/api/renewal/projects/town',
  all: '/api/renewal/projects',
};

export const PROJECT_PAGES = {
  mine: '/renewal/projects/mine',
  town: '/renewal/projects/town',
  library: '/renewal/projects/library',
  recognitions: '/renewal/projects/recognitions',
};

/** Every project query sits under one key, so one invalidation refreshes lists and a detail. */
export const projectKeys = {
  all: ['renewal', 'projects'] as const,
  list: (scope: ProjectScope, q: object) => ['renewal', 'projects', 'list', scope, q] as const,
  one: (id: number) => ['renewal', 'projects', 'one', id] as const,
  recognitions: (q: object) => ['renewal', 'projects', 'recognitions', q] as const,
  importJob: (id: number) => ['renewal', 'projects', 'import', id] as const,
};

export { useTowns } from '../../../../api/towns';

export function useProjects(scope: ProjectScope, query: Query) {
  return useQuery({
    queryKey: projectKeys.list(scope, query),
    queryFn: ({ signal }) => api.get<Page<ProjectView>>(LIST_PATH[scope], query, signal),
  });
}

export function useProject(id: number | null) {
  return useQuery({
    queryKey: projectKeys.one(id ?? 0),
    queryFn: ({ signal }) => api.get<ProjectDetail>(`/api/renewal/projects/${id}`, undefined, signal),
    enabled: id !== null && id > 0,
  });
}

export function useRecognitions(query: Query) {
  return useQuery({
    queryKey: projectKeys.recognitions(query),
    queryFn: ({ signal }) => api.get<Page<RecognitionView>>('/api/renewal/recognitions', query, signal),
  });
}

export function useImportJob(id: number | null) {
  return useQuery({
    queryKey: projectKeys.importJob(id ?? 0),
    queryFn: ({ signal }) => api.get<ImportJobView>(`/api/renewal/projects/imports/${id}`, undefined, signal),
    enabled: id !== null,
    // Polled until the job is finished: the progress bar follows the rows checked.
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'succeeded' || q.state.data.status === 'failed') ? false : 700),
  });
}

export type ProjectMove = 'submit' | 'town-pass' | 'town-return' | 'approve' | 'return' | 'start' | 'complete' | 'return-completion';

/** One move of a project; every project list and view is refreshed after it. */
export function useProjectMove() {
  const qc = useQueryClient();
  return async (id: number, move: ProjectMove, body?: object) => {
    const out = await api.post<ProjectDetail>(`/api/renewal/projects/${id}/${move}`, body ?? {});
    await qc.invalidateQueries({ queryKey: projectKeys.all });
    return out;
  };
}

export const saveProject = (id: number | null, body: ProjectInput) =>
  id ? api.put<ProjectDetail>(`/api/renewal/projects/${id}`, body) : api.post<ProjectDetail>('/api/renewal/projects', body);
export const createRecognition = (body: RecognitionInput) => api.post<RecognitionView>('/api/renewal/recognitions', body);
export const removeRecognition = (id: number) => api.delete<{ ok: true }>(`/api/renewal/recognitions/${id}`);
export const uploadProjectList = (file: File) => api.upload<ImportJobView>('/api/renewal/projects/imports', file);
export const evidenceUrl = (projectId: number, attachmentId: number) => `/api/renewal/projects/${projectId}/evidence/${attachmentId}`;
export const EXPORT_PATH = '/api/renewal/projects/export.xlsx';
export const TEMPLATE_PATH = '/api/renewal/projects/import-template.xlsx';
