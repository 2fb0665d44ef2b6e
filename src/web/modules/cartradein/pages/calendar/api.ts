/**
 * The working-calendar endpoints, through the one web client; shapes from the server's schema (types only). Paths
 * are written out whole, so the check that every API route has a page (test/api/webRoutes.test.ts) finds them.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type {
  CalendarDay,
  CalendarDetails,
  CalendarYearSummary,
  ImportError,
  ImportResult,
  ImportRow,
  SetYearInput,
} from '../../../../../server/modules/cartradein/calendar/schema';

export type { CalendarDay, CalendarDetails, CalendarYearSummary, ImportError, ImportResult, ImportRow };

export const calendarKeys = {
  all: ['cartradein', 'working-calendar'] as const,
  years: ['cartradein', 'working-calendar', 'years'] as const,
  details: (year: number) => ['cartradein', 'working-calendar', 'details', year] as const,
};

export function useCalendarYears() {
  return useQuery({
    queryKey: calendarKeys.years,
    queryFn: ({ signal }) => api.get<CalendarYearSummary[]>('/api/tradein/car-programs/working-calendar', undefined, signal),
  });
}

export const fetchCalendarDetails = (year: number, signal?: AbortSignal) =>
  api.get<CalendarDetails>(`/api/tradein/car-programs/working-calendar/${year}/details`, undefined, signal);

export function useCalendarDetails(year: number) {
  return useQuery({ queryKey: calendarKeys.details(year), queryFn: ({ signal }) => fetchCalendarDetails(year, signal) });
}

export const saveCalendarYear = (year: number, input: SetYearInput) => api.put<CalendarDay[]>(`/api/tradein/car-programs/working-calendar/${year}`, input);

/** Checks a sheet (dryRun) or imports it; `source` is kept with the year on import. */
export function uploadCalendarSheet(year: number, file: File, options: { dryRun: boolean; source?: string }) {
  const query = new URLSearchParams({ dryRun: String(options.dryRun) });
  if (options.source?.trim()) query.set('source', options.source.trim());
  return api.upload<ImportResult>(`/api/tradein/car-programs/working-calendar/${year}/import?${query.toString()}`, file);
}
