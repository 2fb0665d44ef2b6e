/**
 * Qualitative goals as milestones: the clauses of a task that commit to doing something (建立…、出台…、推进…)
 * and carry no figure, and the clauses of an action's paragraph that describe an outcome (…大幅提升, 培育一批…).
 */
import { findQuantities } from './quantities.js';

export interface ExtractedMilestone {
  title: string;
  text: string;
  dueYear: number;
  start: number;
  end: number;
  confidence: number;
}

const COMMITMENT =
  /^(?:加快|持续|深入|全面|积极|有序|大力|进一步|逐步|扎实|着力|严格|切实)?(?:推进|推动|建立|完善|出台|开展|实施|落实|培育|建设|打造|形成|组建|引育|创建|设立|推出|举办|制定|发布|实现|探索|规范|整合|改造|更新|加强|强化|提升|聘请|组织|建成|取缔|简化|纳入|保证|落地)/;
const OUTCOME = /提升|提高|达到|形成|基本|明显|显著|一批|完善|健全|增强|优化/;
const YEAR = /(?:到|至)(\d{4})年(?:底|末)?(?:前)?/;
const MAX_PER_BLOCK = 6;

function clauses(text: string, from: number, to: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let s = from;
  for (let i = from; i <= to; i++) {
    if (i === to || /[，。；！]/.test(text[i]!)) {
      if (i > s) out.push({ start: s, end: i });
      s = i + 1;
    }
  }
  return out;
}

export function extractMilestones(
  text: string,
  from: number,
  to: number,
  endYear: number,
  mode: 'task' | 'section',
  taken: { start: number; end: number }[],
): ExtractedMilestone[] {
  const out: ExtractedMilestone[] = [];
  const numbers = findQuantities(text, from, to);
  for (const c of clauses(text, from, to)) {
    if (out.length >= MAX_PER_BLOCK) break;
    if (numbers.some((q) => q.start < c.end && c.start < q.end)) continue;
    if (taken.some((t) => t.start < c.end && c.start < t.end)) continue;
    const raw = text.slice(c.start, c.end);
    const year = YEAR.exec(raw);
    const title = raw.replace(/^(?:力争)?(?:到|至)\d{4}年(?:底|末)?(?:前)?/, '').replace(/^(?:全市|全县|全区|全省)/, '');
    if (title.length < 6 || title.length > 60) continue;
    const fits = mode === 'task' ? COMMITMENT.test(title) : OUTCOME.test(title);
    if (!fits) continue;
    out.push({ title, text: raw, dueYear: year ? Number(year[1]) : endYear, start: c.start, end: c.end, confidence: mode === 'task' ? 0.7 : 0.6 });
  }
  return out;
}
