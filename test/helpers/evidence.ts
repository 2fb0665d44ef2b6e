import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What one proof (a test file, the fuzzer, the crash test, a scan) showed, left for the security controls page
 * (/admin/security-controls) as `<HUANXIN_EVIDENCE_DIR or test-artifacts/evidence>/<control>.json`.
 * `control` is one of the keys the page knows (see platform/security/controls.ts).
 */
export interface Evidence {
  control: string;
  ok: boolean;
  /** One sentence an assessor reads, in English and Chinese. */
  summary: { 'zh-CN': string; en: string };
  /** The measured figures behind it (requests sent, kills survived, findings by level…). */
  figures?: Record<string, number | string>;
  /** How to produce it again. */
  command: string;
}

export function recordEvidence(e: Evidence): void {
  const dir = path.resolve(process.env.HUANXIN_EVIDENCE_DIR ?? 'test-artifacts/evidence');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${e.control}.json`), JSON.stringify({ ...e, at: new Date().toISOString() }, null, 2));
}
