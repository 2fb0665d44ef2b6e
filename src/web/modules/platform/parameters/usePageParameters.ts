import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { ENDING_NOTICE_DAYS } from '../../../../shared/programWindow';

/**
 * The system parameters pages read so that they show what the server decides — how many days before its end a
 * programme counts as ending. Until they load (or if they cannot), the shipped defaults.
 */
export function usePageParameters(): { programEndingNoticeDays: number } {
  const q = useQuery({
    queryKey: ['parameters', 'for-pages'],
    queryFn: ({ signal }) => api.get<Record<string, number | boolean | string>>('/api/parameters/for-pages', undefined, signal),
    staleTime: 60_000,
  });
  const days = q.data?.['platform.programEndingNoticeDays'];
  return { programEndingNoticeDays: typeof days === 'number' ? days : ENDING_NOTICE_DAYS };
}
