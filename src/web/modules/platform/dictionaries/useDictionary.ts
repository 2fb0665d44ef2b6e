import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useLocale } from '../../../i18n/I18nProvider';
import { dictionaryKeys, type PublicDictionaryItem } from './api';

export interface DictionaryOption {
  /** The code a record stores. */
  value: string;
  /** In the current language. */
  label: string;
  parentCode: string | null;
}

export interface Dictionary {
  /** The enabled items in the officials' order, ready for a Select's `options`. */
  options: DictionaryOption[];
  /** The label of a code in the current language; a disabled or unknown code shows as itself. */
  labelOf: (code: string | null | undefined) => string;
  loading: boolean;
  error: unknown;
}

/**
 * A code list for a form (`useDictionary('material_kind')`): the enabled items with their label in the current
 * language. Anyone may read them (the endpoint is public, so registration forms can use it); both languages come
 * in one answer, so switching language needs no request. The dictionaries page refreshes it after a change.
 */
export function useDictionary(code: string): Dictionary {
  const { locale } = useLocale();
  const query = useQuery({
    queryKey: dictionaryKeys.items(code),
    queryFn: ({ signal }) => api.get<PublicDictionaryItem[]>(`/api/dictionaries/${encodeURIComponent(code)}/items`, undefined, signal),
    staleTime: 300_000,
  });
  const { data } = query;
  return useMemo(() => {
    const label = (i: PublicDictionaryItem) => (locale === 'en' ? i.labelEn : i.labelZh);
    const options = (data ?? []).map((i) => ({ value: i.code, label: label(i), parentCode: i.parentCode }));
    const byCode = new Map(options.map((o) => [o.value, o.label]));
    return {
      options,
      labelOf: (c: string | null | undefined) => (c ? (byCode.get(c) ?? c) : ''),
      loading: query.isPending,
      error: query.error,
    };
  }, [data, locale, query.isPending, query.error]);
}
