import type { Queryable } from '../db/database.js';
import { shanghaiDate } from './time.js';

/**
 * What a metric is asked for: a time window and optionally one town.
 * `from` is inclusive and `to` exclusive, both ISO-8601 UTC instants (period boundaries are midnights in
 * Asia/Shanghai, e.g. 2025-01-01 local is `2024-12-31T16:00:00.000Z`).
 */
export interface MetricParams {
  from: string;
  to: string;
  /** Restrict to one town's jurisdiction (organisation id of the town); absent for the whole city. */
  townId?: number | null;
}

/**
 * A named, parameterised aggregate a module offers the plan (DESIGN.md "Modules"). The value is the flow within
 * the window for count and amount metrics (stations built in the window), or the rate over the window for share
 * metrics (share of NEVs among cars subsidised in the window). The owning module queries its own tables; the plan
 * only knows the name. A figure known only once a period has been reported (a yearly survey, a year's R&D
 * spending) is `null` for a window nothing has been reported for yet — not 0, which would read as a real fall.
 */
export interface MetricDefinition {
  /** `module.subject.measure`, e.g. `recycling.sites.stationsBuilt`; indicators name it in the plan file. */
  name: string;
  description: string;
  /** The unit the value is in, as the plan writes units (个, 万辆, %, 亿元…). */
  unit: string;
  compute(db: Queryable, params: MetricParams): Promise<number | null>;
}

/** What a list of metrics says of each: enough to choose one for an indicator. */
export interface MetricSummary {
  name: string;
  description: string;
  unit: string;
}

/**
 * Metrics whose names are data rather than code: every figure of every ledger kind (`ledgers.<kind>.<figure>`),
 * kinds officials define at run time included. The family answers any name under its prefix with a metric that
 * reads the current definition when computed (null when the kind or figure does not exist), so a new kind's
 * figures are there at once in every process; `list` says which exist now.
 */
export interface MetricFamily {
  /** The first segment of the names it answers: the owning module's name. */
  prefix: string;
  /** A metric for a well-formed name under the prefix; undefined for a name the family can never have. */
  get(name: string): MetricDefinition | undefined;
  list(db: Queryable): Promise<MetricSummary[]>;
}

/**
 * A window's first and last Asia/Shanghai dates, both inclusive (`to` is exclusive): what a metric compares its
 * YYYY-MM-DD columns with.
 */
export function windowDates(p: MetricParams): { first: string; last: string } {
  return { first: shanghaiDate(p.from), last: shanghaiDate(new Date(Date.parse(p.to) - 1)) };
}
