import { useSearchParams } from 'react-router';
import { CLAIM_MODELS, type ClaimModel } from '../../../../../shared/enums/renewalStandards';
import { LIST_FILTERS } from './ClaimList';

/**
 * The page's tab (and the record opened) in the address bar, so a notification's link (?tab=standard&id=3) opens
 * it; changing tab clears the list's filters, which belong to one model's list.
 */
export function useTab<T extends string>(extra: readonly T[] = []) {
  const [search, setSearch] = useSearchParams();
  const raw = search.get('tab');
  const tab = ([...CLAIM_MODELS, ...extra] as string[]).includes(raw ?? '') ? (raw as ClaimModel | T) : 'standard';
  const setTab = (next: string) =>
    setSearch(
      (prev) => {
        const out = new URLSearchParams(prev);
        for (const k of [...LIST_FILTERS, 'q', 'page', 'sort', 'order', 'id']) out.delete(k);
        out.set('tab', next);
        return out;
      },
      { replace: true },
    );
  const openedId = Number(search.get('id')) || null;
  return { tab, setTab, openedId };
}
