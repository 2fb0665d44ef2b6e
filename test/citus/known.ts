// The ratchet over the violations that remain (test/citus/known-violations.txt): CI fails on a violation that is not
// listed — a new table or constraint that would not distribute — and on a listed one that is gone, so the list
// shrinks as the migrations in REPORT.md land and can never silently grow back.
import type { Violation } from './rules.js';

/** One violation as a line of the known list: `table [rule] message`. */
export function violationLine(violation: Violation): string {
  return `${violation.table} [${violation.rule}] ${violation.message}`;
}

/** The known list's lines, without comments (`#`) and blank lines. */
export function parseKnown(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export function formatKnown(violations: Violation[]): string {
  const header = [
    '# Violations of Citus’s rules the schema still has (npm run check:citus; REPORT.md says how each goes away).',
    '# CI fails on one not listed here and on a line here that no longer applies: remove the line when a migration',
    '# fixes it (or regenerate: npm run check:citus -- --write-known test/citus/known-violations.txt).',
  ];
  return `${[...header, ...[...new Set(violations.map(violationLine))].sort()].join('\n')}\n`;
}

export interface Ratchet {
  /** Found now and not in the list: a regression. */
  added: string[];
  /** In the list and not found now: fixed, the line must go. */
  fixed: string[];
}

export function compareWithKnown(violations: Violation[], known: string[]): Ratchet {
  const now = new Set(violations.map(violationLine));
  const listed = new Set(known);
  return { added: [...now].filter((line) => !listed.has(line)).sort(), fixed: [...listed].filter((line) => !now.has(line)).sort() };
}
