/**
 * What one level of a cascade contributes to the level above it. Only counts and amounts add up — 6 万辆 of a
 * county are part of a province's cars, so their share is a ratio once both are in one unit. Rates (%, 百分点)
 * and levels do not add: a county's 25% growth is not a quarter of anything, so for them the levels are only
 * compared (the same, above or below the parent's aim).
 */

/** Magnitude prefixes Chinese plans write before a counting unit (万辆, 亿元, 万平方米, 千瓦). Longest first. */
const PREFIXES: readonly [string, number][] = [
  ['千万', 1e7],
  ['百万', 1e6],
  ['亿', 1e8],
  ['万', 1e4],
  ['千', 1e3],
];

const RATE_UNITS = new Set(['%', '％', '百分点', '个百分点', '‰']);
const ADDITIVE_KINDS = new Set(['cumulative', 'annual']);

/** A unit as magnitude × base: 万辆 → 10000 × 辆. A bare prefix (万) is its own base. */
export function parseUnit(unit: string): { factor: number; base: string } {
  const u = unit.trim();
  for (const [prefix, factor] of PREFIXES) if (u.startsWith(prefix) && u.length > prefix.length) return { factor, base: u.slice(prefix.length) };
  return { factor: 1, base: u };
}

export const isRateUnit = (unit: string) => RATE_UNITS.has(unit.trim());

/** The factor taking a value in `from` to `to` (万辆 → 辆: 10000), or null when they measure different things. */
export function conversionFactor(from: string, to: string): number | null {
  if (isRateUnit(from) || isRateUnit(to)) return from.trim() === to.trim() ? 1 : null;
  const a = parseUnit(from);
  const b = parseUnit(to);
  return a.base === b.base ? a.factor / b.factor : null;
}

export interface ShareSide {
  kind: string;
  unit: string;
  targets: readonly { year: number; value: number }[];
  actual?: number | null;
}

export type Share =
  | {
      status: 'additive';
      year: number;
      /** The child's target in the parent's unit. */
      childTarget: number;
      parentTarget: number;
      parentUnit: string;
      factor: number;
      /** Percent of the parent's target the child's target makes up. */
      targetShare: number | null;
      /** Percent of the parent's target the child's actual makes up so far (null without an actual). */
      actualShare: number | null;
    }
  | {
      status: 'not_additive';
      /** rate: a % or 百分点 target; kind: a level, growth or share indicator. */
      reason: 'rate' | 'kind';
      year: number | null;
      /** How the child's aim compares with the parent's, when both are stated for the same year in the same unit. */
      comparison: 'higher' | 'same' | 'lower' | null;
    }
  | { status: 'unit_mismatch'; childUnit: string; parentUnit: string }
  | { status: 'kind_mismatch'; childKind: string; parentKind: string }
  | { status: 'no_common_year' };

const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The latest year both state a target for. */
function commonYear(child: ShareSide, parent: ShareSide): number | null {
  const years = new Set(parent.targets.map((t) => t.year));
  const shared = child.targets.map((t) => t.year).filter((y) => years.has(y));
  return shared.length ? Math.max(...shared) : null;
}

const targetIn = (side: ShareSide, year: number) => side.targets.find((t) => t.year === year)!.value;

export function shareOf(child: ShareSide, parent: ShareSide): Share {
  const year = commonYear(child, parent);
  const rate = isRateUnit(child.unit) || isRateUnit(parent.unit);
  if (rate || !ADDITIVE_KINDS.has(child.kind) || !ADDITIVE_KINDS.has(parent.kind)) {
    const factor = conversionFactor(child.unit, parent.unit);
    let comparison: 'higher' | 'same' | 'lower' | null = null;
    if (year !== null && factor !== null) {
      const c = round(targetIn(child, year) * factor, 9);
      const p = targetIn(parent, year);
      comparison = c > p ? 'higher' : c < p ? 'lower' : 'same';
    }
    return { status: 'not_additive', reason: rate ? 'rate' : 'kind', year, comparison };
  }
  if (child.kind !== parent.kind) return { status: 'kind_mismatch', childKind: child.kind, parentKind: parent.kind };
  const factor = conversionFactor(child.unit, parent.unit);
  if (factor === null) return { status: 'unit_mismatch', childUnit: child.unit, parentUnit: parent.unit };
  if (year === null) return { status: 'no_common_year' };
  const childTarget = targetIn(child, year) * factor;
  const parentTarget = targetIn(parent, year);
  const pct = (v: number) => (parentTarget === 0 ? null : round((v / parentTarget) * 100, 2));
  return {
    status: 'additive',
    year,
    childTarget: round(childTarget),
    parentTarget,
    parentUnit: parent.unit,
    factor,
    targetShare: pct(childTarget),
    actualShare: child.actual === null || child.actual === undefined ? null : pct(child.actual * factor),
  };
}
