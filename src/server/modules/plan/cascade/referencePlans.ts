import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePlanFile, type PlanFile } from '../planfile/planFileSchema.js';
import { indicatorsWithPaths } from './parentLinks.js';

/**
 * The parent plans of 晋政文〔2024〕98号 shipped as reference data for the target cascade: only the targets their
 * texts state, nobody reports on them. 泉政〔2024〕2号 (the city's plan) is not among them — its text was not
 * available to transcribe, so the cascade shows that level as missing rather than inventing it.
 */
export const REFERENCE_PLANS: readonly { code: string; url: URL; provenance: string }[] = [
  {
    code: 'GF-2024-7',
    url: new URL('../planfile/data/guofa-2024-7.json', import.meta.url),
    provenance: 'transcribed from the published text; verify before official use',
  },
  {
    code: 'MZ-2024-5',
    url: new URL('../planfile/data/minzheng-2024-5.json', import.meta.url),
    provenance: 'transcribed from the published text; verify before official use',
  },
];

const PARENT_LINK_FILES = [new URL('../planfile/data/jinjiang-2024-98.parents.json', import.meta.url)];

interface ParentLinkFile {
  plan: string;
  links: { indicator: string; parent: { plan: string; indicator: string } }[];
}

const readJson = (url: URL): unknown => JSON.parse(readFileSync(fileURLToPath(url), 'utf8'));

export function referencePlanFiles(): PlanFile[] {
  return REFERENCE_PLANS.map((r) => parsePlanFile(readJson(r.url)));
}

export function provenanceOf(planCode: string): string | null {
  return REFERENCE_PLANS.find((r) => r.code === planCode)?.provenance ?? null;
}

/**
 * The plan file with the parent links kept beside it (a separate file, so the transcription of the plan itself
 * stays exactly the published text). A link naming an indicator the plan does not have is a mistake in the links
 * file: refused loudly rather than dropped.
 */
export function withParentLinks(file: PlanFile): PlanFile {
  const linkFiles = PARENT_LINK_FILES.map((u) => readJson(u) as ParentLinkFile).filter((l) => l.plan === file.code);
  if (!linkFiles.length) return file;
  const copy = structuredClone(file);
  const byCode = new Map(indicatorsWithPaths(copy).map((x) => [x.indicator.code, x.indicator]));
  for (const { indicator, parent } of linkFiles.flatMap((l) => l.links)) {
    const target = byCode.get(indicator);
    if (!target) throw new Error(`parent links of ${file.code}: no indicator ${indicator}`);
    target.parent = { plan: parent.plan, indicator: parent.indicator };
  }
  return parsePlanFile(copy);
}
