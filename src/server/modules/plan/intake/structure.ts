/**
 * The document's outline, found from its own numbering: 一、… for parts, （一）… for actions (under 重点任务 or
 * 主要任务) and measures (under 保障措施), 1．2．… for numbered tasks. A heading only counts at the start of a
 * line and only in sequence (the next task after 3．is 4．), so a number that a line break happens to put first
 * is not taken for a heading.
 */
import type { CompactText } from './text.js';
import { parseChineseNumber } from './numerals.js';

export interface Block {
  /** Compact-text positions. */
  start: number;
  end: number;
}

export interface OutlineTask extends Block {
  number: number;
  /** Where the body (after the marker) starts. */
  bodyStart: number;
}

export interface OutlineAction extends Block {
  section: 'task' | 'measure';
  /** As written: （一）. */
  number: string;
  title: string;
  titleEnd: number;
  /** The paragraph before the first task (the action's own targets). */
  intro: Block;
  tasks: OutlineTask[];
}

export interface Outline {
  parts: { title: string; start: number; end: number; bodyStart: number }[];
  actions: OutlineAction[];
  /** Part whose title names the general requirements (总体要求 / 指导思想 / 工作目标). */
  general: Block | null;
}

const PART = /^([一二三四五六七八九十]+)、/;
const ACTION = /^[（(]([一二三四五六七八九十]+)[）)]/;
const TASK = /^(\d{1,2})[.、](?!\d)/;

const MEASURE_PART = /保障|措施|组织实施/;
const TASK_PART = /任务|行动|举措|工作内容|重点工作/;
const GENERAL_PART = /总体要求|指导思想|工作目标|主要目标|总体目标|基本原则/;

/** Where the body of the plan begins: after the cover letter ("印发给你们…执行"), if there is one. */
export function bodyStart(ct: CompactText): number {
  const m = /(?:印发给你们|现印发给你们|现予印发)[^。]*。/.exec(ct.text);
  return m ? m.index + m[0].length : 0;
}

/** A heading title: the rest of its line, or up to the first 。 when the paragraph runs on. */
function headingTitle(ct: CompactText, from: number, limit: number): { title: string; end: number; runsOn: boolean } {
  let lineEnd = from;
  while (lineEnd < limit && !ct.lineStarts.has(lineEnd)) lineEnd++;
  const line = ct.text.slice(from, lineEnd);
  const stop = line.search(/[。：:]/);
  if (stop >= 0) return { title: line.slice(0, stop), end: from + stop + 1, runsOn: true };
  return { title: line, end: lineEnd, runsOn: false };
}

export function parseOutline(ct: CompactText): Outline {
  const text = ct.text;
  const begin = bodyStart(ct);
  const end = text.search(/抄送[：:]/) > begin ? text.search(/抄送[：:]/) : text.length;
  const starts = [...ct.lineStarts].filter((p) => p >= begin && p < end).sort((a, b) => a - b);

  const parts: Outline['parts'] = [];
  let expectPart = 1;
  for (const p of starts) {
    const m = PART.exec(text.slice(p, p + 6));
    if (m && parseChineseNumber(m[1]!) === expectPart) {
      const h = headingTitle(ct, p + m[0].length, end);
      if (h.title.length > 0 && h.title.length <= 20) {
        parts.push({ title: h.title, start: p, end, bodyStart: h.runsOn ? p + m[0].length : h.end });
        expectPart++;
      }
    }
  }
  parts.forEach((part, i) => (part.end = parts[i + 1]?.start ?? end));

  const actions: OutlineAction[] = [];
  let general: Block | null = null;
  for (const part of parts) {
    const isMeasure = MEASURE_PART.test(part.title);
    const isTask = !isMeasure && TASK_PART.test(part.title) && !GENERAL_PART.test(part.title);
    if (GENERAL_PART.test(part.title) && !general) general = { start: part.bodyStart, end: part.end };
    if (!isMeasure && !isTask) continue;
    const inPart = starts.filter((p) => p >= part.bodyStart && p < part.end);
    let expectAction = 1;
    const partActions: OutlineAction[] = [];
    for (const p of inPart) {
      const m = ACTION.exec(text.slice(p, p + 6));
      if (!m || parseChineseNumber(m[1]!) !== expectAction) continue;
      const h = headingTitle(ct, p + m[0].length, part.end);
      partActions.push({
        section: isMeasure ? 'measure' : 'task',
        number: `（${m[1]}）`,
        title: h.title,
        titleEnd: h.end,
        start: p,
        end: part.end,
        intro: { start: h.end, end: part.end },
        tasks: [],
      });
      expectAction++;
    }
    partActions.forEach((a, i) => (a.end = partActions[i + 1]?.start ?? part.end));
    for (const a of partActions) {
      let expectTask = 1;
      for (const p of inPart.filter((q) => q >= a.titleEnd && q < a.end)) {
        const m = TASK.exec(text.slice(p, p + 4));
        if (!m || Number(m[1]) !== expectTask) continue;
        a.tasks.push({ number: expectTask, start: p, end: a.end, bodyStart: p + m[0].length });
        expectTask++;
      }
      a.tasks.forEach((t, i) => (t.end = a.tasks[i + 1]?.start ?? a.end));
      a.intro = { start: a.titleEnd, end: a.tasks[0]?.start ?? a.end };
    }
    actions.push(...partActions);
  }
  return { parts, actions, general };
}
