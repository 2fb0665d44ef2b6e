import { STATUSES, type IndicatorStatus } from './evaluate.js';

export type StatusCounts = Record<IndicatorStatus, number>;

export interface RollUp {
  counts: StatusCounts;
  total: number;
  /**
   * Mean progress (%) over the items that have one, each capped at 100 so that one target far exceeded does not
   * hide another that is behind. Null when no item has progress.
   */
  meanProgress: number | null;
}

export const emptyCounts = (): StatusCounts => Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;

/** Counts by status and mean progress of one group of evaluated indicators. */
export function summarise(items: readonly { status: IndicatorStatus; progress: number | null }[]): RollUp {
  const counts = emptyCounts();
  let progressSum = 0;
  let progressCount = 0;
  for (const item of items) {
    counts[item.status] += 1;
    if (item.progress !== null) {
      progressSum += Math.min(100, Math.max(0, item.progress));
      progressCount += 1;
    }
  }
  return {
    counts,
    total: items.length,
    meanProgress: progressCount === 0 ? null : Math.round((progressSum / progressCount) * 10) / 10,
  };
}

/**
 * Groups evaluated indicators and summarises each group: per task, per action, per responsible unit (an indicator
 * counts for every unit it names) or per town (an indicator evaluated on each town's own observations). `keysOf`
 * returns the group key(s) of an item; an item with no key is left out.
 */
export function rollUp<T extends { status: IndicatorStatus; progress: number | null }, K>(
  items: readonly T[],
  keysOf: (item: T) => K | readonly K[] | null,
): Map<K, RollUp> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const keys = keysOf(item);
    if (keys === null) continue;
    for (const key of (Array.isArray(keys) ? keys : [keys]) as K[]) {
      const list = groups.get(key);
      if (list) list.push(item);
      else groups.set(key, [item]);
    }
  }
  return new Map([...groups].map(([k, list]) => [k, summarise(list)]));
}
