import { useSyncExternalStore } from 'react';

/** True while the media query matches (e.g. `(max-width: 768px)` for phones). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      const mql = window.matchMedia(query);
      mql.addEventListener('change', notify);
      return () => mql.removeEventListener('change', notify);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

export const PHONE_QUERY = '(max-width: 768px)';
export const useIsPhone = () => useMediaQuery(PHONE_QUERY);
