import type { MetricDefinition, MetricFamily, MetricSummary } from '../../../core/metrics.js';
import type { Queryable } from '../../../db/database.js';
import { LEDGER_METRIC_NAME, ledgerMetricName } from '../../../../shared/ledgers/definition.js';
import { listKinds, loadKindByCode, type LoadedKind } from '../kinds/current.js';
import { computeLedgerMetric } from './compute.js';

/**
 * What the last listing said of each metric, so that `get` (which cannot read the database) gives a known metric
 * its label and unit. Names only ever gain meaning here: a kind or metric that is gone still answers null when
 * computed, whatever this remembers.
 */
const known = new Map<string, MetricSummary>();

function summariesOf(kind: LoadedKind): MetricSummary[] {
  return kind.definition.metrics.map((m) => ({
    name: ledgerMetricName(kind.code, m.code),
    description: `${kind.definition.name.zh} · ${m.label.zh}`,
    unit: m.unit,
  }));
}

function remember(summaries: readonly MetricSummary[]): void {
  for (const s of summaries) known.set(s.name, s);
}

/**
 * Every figure of every ledger kind as a metric `ledgers.<kind>.<figure>`. The definition is read when the metric
 * is computed, so a kind defined or changed on the page is bound and computed at once, in every process, without a
 * restart; a name whose kind or figure does not exist (yet, or any more) computes to null.
 */
export const ledgerMetricFamily: MetricFamily = {
  prefix: 'ledgers',
  get(name: string): MetricDefinition | undefined {
    const match = LEDGER_METRIC_NAME.exec(name);
    if (!match) return undefined;
    const [, kindCode, metricCode] = match as unknown as [string, string, string];
    const summary = known.get(name);
    return {
      name,
      description: summary?.description ?? name,
      unit: summary?.unit ?? '',
      async compute(db: Queryable, params) {
        const kind = await loadKindByCode(db, kindCode);
        const metric = kind?.definition.metrics.find((m) => m.code === metricCode);
        if (!kind || !metric) return null;
        remember(summariesOf(kind));
        return computeLedgerMetric(db, kind, metric, params);
      },
    };
  },
  async list(db: Queryable): Promise<MetricSummary[]> {
    const summaries = (await listKinds(db)).flatMap(summariesOf);
    remember(summaries);
    return summaries;
  },
};
