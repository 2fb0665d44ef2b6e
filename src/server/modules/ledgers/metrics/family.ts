import type { MetricFamily } from '../../../core/metrics.js';

/** Every figure of every ledger kind as a metric `ledgers.<kind>.<figure>` (S4 fills this in). */
export const ledgerMetricFamily: MetricFamily = {
  prefix: 'ledgers',
  get: () => undefined,
  list: async () => [],
};
