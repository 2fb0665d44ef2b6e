import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { EvidenceKey } from './controls.js';

/** One proof's evidence file as recordEvidence (test/helpers/evidence.ts) writes it; anything else is "unreadable". */
const evidenceFile = z.object({
  control: z.string(),
  ok: z.boolean(),
  summary: z.object({ 'zh-CN': z.string(), en: z.string() }),
  figures: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  command: z.string(),
  at: z.string(),
});

export type EvidenceRecord =
  | { control: EvidenceKey; found: false }
  | { control: EvidenceKey; found: true; readable: false; error: string }
  | ({ control: EvidenceKey; found: true; readable: true } & Omit<z.infer<typeof evidenceFile>, 'control'>);

/**
 * Reads `<dir>/<key>.json` for each key. A missing file is "not evidenced", a file that is not valid evidence is
 * reported as such (never taken as a pass), and a file naming another control than its own is refused.
 */
export async function readEvidence(dir: string, keys: readonly EvidenceKey[]): Promise<Map<EvidenceKey, EvidenceRecord>> {
  const out = new Map<EvidenceKey, EvidenceRecord>();
  await Promise.all(
    keys.map(async (control) => {
      let raw: string;
      try {
        raw = await fs.readFile(path.join(dir, `${control}.json`), 'utf8');
      } catch {
        out.set(control, { control, found: false });
        return;
      }
      let parsed: z.infer<typeof evidenceFile>;
      try {
        parsed = evidenceFile.parse(JSON.parse(raw));
      } catch {
        out.set(control, { control, found: true, readable: false, error: 'not a valid evidence file' });
        return;
      }
      if (parsed.control !== control) {
        out.set(control, { control, found: true, readable: false, error: `names the control "${parsed.control}"` });
        return;
      }
      const { control: _named, ...rest } = parsed;
      out.set(control, { control, found: true, readable: true, ...rest });
    }),
  );
  return out;
}
