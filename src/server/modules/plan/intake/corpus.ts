/**
 * Precision and recall of the intake on the test corpus (corpus/*.txt, fictional plans written for testing, with
 * their expected indicators in *.expected.json). An extracted indicator matches an expected one at the same place
 * (action, task or the action's paragraph) with the same unit and the same targets; the comparator and kind are
 * scored separately among the matches. Run: npx tsx src/server/modules/plan/intake/corpus.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { draftFromText } from './draft.js';

export interface ExpectedIndicator {
  at: string;
  unit: string;
  comparator: string;
  kind: string;
  targets: { year: number; value: number }[];
  baseline?: number;
  yearOnYear?: boolean;
  isEffort?: boolean;
}

export interface CorpusScore {
  document: string;
  heldOut: boolean;
  expected: number;
  extracted: number;
  matched: number;
  precision: number;
  recall: number;
  /** Among matches: comparator and kind both right. */
  attributesRight: number;
}

const dir = fileURLToPath(new URL('./corpus/', import.meta.url));
const key = (at: string, unit: string, targets: { year: number; value: number }[]) => `${at}|${unit}|${targets.map((t) => `${t.year}:${t.value}`).join(',')}`;

export function scoreDocument(name: string): CorpusScore {
  const text = readFileSync(`${dir}${name}.txt`, 'utf8');
  const spec = JSON.parse(readFileSync(`${dir}${name}.expected.json`, 'utf8')) as { heldOut: boolean; indicators: ExpectedIndicator[] };
  const { draft, items } = draftFromText(text);
  const extracted: { key: string; comparator: string; kind: string }[] = [];
  draft.actions.forEach((a, ai) => {
    a.indicators.forEach((i, ii) => {
      const item = items.find((it) => it.path === `actions.${ai}.indicators.${ii}`);
      extracted.push({ key: key(`${a.code}-S`, i.unit, i.targets), comparator: item?.comparator ?? i.comparator, kind: i.kind });
    });
    a.tasks.forEach((t, ti) =>
      t.indicators.forEach((i, ii) => {
        const item = items.find((it) => it.path === `actions.${ai}.tasks.${ti}.indicators.${ii}`);
        extracted.push({ key: key(`${a.code}-T${t.number}`, i.unit, i.targets), comparator: item?.comparator ?? i.comparator, kind: i.kind });
      }),
    );
  });
  const pool = [...extracted];
  let matched = 0;
  let attributesRight = 0;
  for (const e of spec.indicators) {
    const i = pool.findIndex((x) => x.key === key(e.at, e.unit, e.targets));
    if (i < 0) continue;
    matched++;
    if (pool[i]!.comparator === e.comparator && pool[i]!.kind === e.kind) attributesRight++;
    pool.splice(i, 1);
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    document: name,
    heldOut: spec.heldOut,
    expected: spec.indicators.length,
    extracted: extracted.length,
    matched,
    precision: round(extracted.length ? matched / extracted.length : 1),
    recall: round(spec.indicators.length ? matched / spec.indicators.length : 1),
    attributesRight,
  };
}

export function corpusDocuments(): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.replace(/\.txt$/, ''))
    .sort();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const d of corpusDocuments()) console.log(JSON.stringify(scoreDocument(d)));
}
