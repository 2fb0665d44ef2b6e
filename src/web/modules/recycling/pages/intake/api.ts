/** The intake and reverse-invoice pages' API: shapes from the server's zod schemas (type-only), keys and hooks over the one client. */
import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import type {
  IntakeOptions,
  IntakeView,
  InvoicePage,
  InvoiceView,
  RecordIntakeInput,
  intakeDetailView,
  recordIntakeBody,
} from '../../../../../server/modules/recycling/intake/schema';

export type { IntakeOptions, IntakeView, InvoicePage, InvoiceView, Page };
/** The body as sent (before the server's defaults apply). */
export type RecordIntakeBody = z.input<typeof recordIntakeBody>;
export type IntakeDetail = z.infer<typeof intakeDetailView>;
export type { RecordIntakeInput };

export const INTAKE_PATH = '/recycling/intake';
export const INVOICES_PATH = '/recycling/intake/invoices';
export const OVERVIEW_PATH = '/recycling/intake/all';
export const EXPORT_ENDPOINT = '/api/recycling/intake/reverse-invoices/export';

export const intakeKeys = {
  all: ['recycling', 'intake'] as const,
  list: (q: Query) => ['recycling', 'intake', 'list', q] as const,
  options: ['recycling', 'intake', 'options'] as const,
  invoices: (q: Query) => ['recycling', 'intake', 'invoices', q] as const,
};

export function useIntakeList(query: Query) {
  return useQuery({
    queryKey: intakeKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<IntakeView>>('/api/recycling/intake', query, signal),
  });
}

export function useIntakeOptions() {
  return useQuery({ queryKey: intakeKeys.options, queryFn: ({ signal }) => api.get<IntakeOptions>('/api/recycling/intake/options', undefined, signal) });
}

export function useInvoices(query: Query) {
  return useQuery({
    queryKey: intakeKeys.invoices(query),
    queryFn: ({ signal }) => api.get<InvoicePage>('/api/recycling/intake/reverse-invoices', query, signal),
  });
}

export const recordIntake = (body: RecordIntakeBody) => api.post<{ id: number; reverseInvoiceId: number | null }>('/api/recycling/intake', body);
export const getIntake = (id: number) => api.get<IntakeDetail>(`/api/recycling/intake/${id}`);
export const voidIntake = (id: number, reason: string) => api.post<IntakeDetail>(`/api/recycling/intake/${id}/void`, { reason });

/** 100 basis points → "1%", 50 → "0.5%". */
export const percent = (bp: number) => `${Number((bp / 100).toFixed(2))}%`;
