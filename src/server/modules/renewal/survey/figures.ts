import type { Queryable } from '../../../db/database.js';
import { percent } from '../../../../shared/enums/renewalSurvey.js';
import type { FiguresView } from './schema.js';

/**
 * The survey's figures, one definition for the results page, its export and the plan's metrics. Only checked
 * responses count (a submitted one is the enterprise's word, not yet the town's); the register size is the
 * denominator of the response rate whether or not the enterprise has an account.
 *
 * Key-process CNC rate (关键工序数控化率) = Σ numerically controlled key processes ÷ Σ key processes over the checked
 * respondents — the pooled ratio, not the mean of enterprise rates. Why: it is the share of the city's key processes
 * that are numerically controlled, which is what the plan's "关键工序数控化率超过75%" reads as for a region; each
 * process counts once, so an enterprise with 2 key processes (1 of 2 = 50%) does not weigh as much as one with 40, and
 * its figure adds up across towns and industries (the towns' numerators and denominators sum to the city's). The
 * 两化融合 assessment's mean of enterprise rates answers "how far along is the typical enterprise" instead; both are
 * defensible, this one is documented here and in the metric's description.
 */

/** The counts a group's rates are computed from. */
export interface Tally {
  registerSize: number;
  submitted: number;
  checked: number;
  withTool: number;
  keyProcesses: number;
  cncProcesses: number;
  transformed: number;
  apps5g: number;
}

export const emptyTally = (): Tally => ({
  registerSize: 0,
  submitted: 0,
  checked: 0,
  withTool: 0,
  keyProcesses: 0,
  cncProcesses: 0,
  transformed: 0,
  apps5g: 0,
});

/** One register row with its response (if any), as the tallies read it. */
export interface FigureRow {
  town_id: number | string;
  town_name: string;
  industry: string;
  status: string | null;
  checked_at: string | null;
  has_rd_tools: number | null;
  key_processes: number | null;
  cnc_processes: number | null;
  transformed: number | null;
  app_5g_count: number | null;
}

export async function figureRows(db: Queryable, roundId: number): Promise<FigureRow[]> {
  return db
    .selectFrom('renewal_survey_register as g')
    .innerJoin('organizations as t', 't.id', 'g.town_id')
    .leftJoin('renewal_survey_responses as r', 'r.register_id', 'g.id')
    .select([
      'g.town_id',
      't.name as town_name',
      'g.industry',
      'r.status',
      'r.checked_at',
      'r.has_rd_tools',
      'r.key_processes',
      'r.cnc_processes',
      'r.transformed',
      'r.app_5g_count',
    ])
    .where('g.round_id', '=', roundId)
    .execute();
}

export function add(t: Tally, r: FigureRow): void {
  t.registerSize += 1;
  if (r.status === 'submitted') t.submitted += 1;
  if (r.status !== 'checked') return;
  t.checked += 1;
  t.withTool += Number(r.has_rd_tools);
  t.keyProcesses += Number(r.key_processes);
  t.cncProcesses += Number(r.cnc_processes);
  t.transformed += Number(r.transformed);
  t.apps5g += Number(r.app_5g_count);
}

/** The rates of a tally, unrounded (null where nothing divides). */
export function rates(t: Tally) {
  const ratio = (n: number, d: number) => (d > 0 ? (n / d) * 100 : null);
  return {
    responseRate: ratio(t.checked, t.registerSize),
    rdToolRate: ratio(t.withTool, t.checked),
    cncRate: ratio(t.cncProcesses, t.keyProcesses),
    transformationCoverage: ratio(t.transformed, t.checked),
    transformationLowerBound: ratio(t.transformed, t.registerSize),
  };
}

const one = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** A group's view; `baseline` is the same group's tally in the 2023 round, when there is one. */
export function figuresOf(key: string, label: string, t: Tally, baseline?: Tally): FiguresView {
  const r = rates(t);
  const base = baseline ? rates(baseline).cncRate : null;
  return {
    key,
    label,
    registerSize: t.registerSize,
    submitted: t.submitted,
    checked: t.checked,
    responseRate: percent(t.checked, t.registerSize),
    rdToolRate: percent(t.withTool, t.checked),
    cncRate: percent(t.cncProcesses, t.keyProcesses),
    cncChange: r.cncRate !== null && base !== null ? one(r.cncRate - base) : null,
    transformationCoverage: percent(t.transformed, t.checked),
    transformationLowerBound: percent(t.transformed, t.registerSize),
    apps5g: t.apps5g,
  };
}

/** Tallies by a grouping key, plus the whole. */
export function tallyBy(rows: readonly FigureRow[], keyOf: (r: FigureRow) => string): { all: Tally; groups: Map<string, Tally> } {
  const all = emptyTally();
  const groups = new Map<string, Tally>();
  for (const r of rows) {
    add(all, r);
    const k = keyOf(r);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = emptyTally()));
    add(g, r);
  }
  return { all, groups };
}
