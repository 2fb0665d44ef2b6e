/**
 * The document as the parser reads it: text pasted or extracted from a PDF is broken into lines at the page's
 * width, with blank lines and page numbers between them, and a word may be split across two lines. The parser works
 * on the compact text (all whitespace and page furniture removed) and maps every position back to the original, so
 * each extracted item can point at its span in what the user pasted.
 */
import { toHalfWidth } from './numerals.js';

export interface Span {
  start: number;
  end: number;
}

export interface CompactText {
  /** The original text, as received. */
  original: string;
  /** Whitespace and page numbers removed; full-width digits made ASCII (one character for one). */
  text: string;
  /** Offset in `original` of each character of `text`. */
  offsets: number[];
  /** Positions in `text` where a line of the original begins (a heading may only start there). */
  lineStarts: Set<number>;
}

/** "— 3 —", "-3-", "第3页" on a line of its own. */
const PAGE_NUMBER = /^\s*(?:[—–-]\s*\d+\s*[—–-]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)\s*$/;

export function compact(original: string): CompactText {
  const chars: string[] = [];
  const offsets: number[] = [];
  const lineStarts = new Set<number>();
  let pos = 0;
  for (const line of original.split('\n')) {
    if (!PAGE_NUMBER.test(line)) {
      let first = true;
      for (let i = 0; i < line.length; i++) {
        const c = line[i]!;
        if (/\s/.test(c) || c === '\u3000' || c === '\ufeff') continue;
        if (first) lineStarts.add(chars.length);
        first = false;
        chars.push(toHalfWidth(c));
        offsets.push(pos + i);
      }
    }
    pos += line.length + 1;
  }
  return { original, text: chars.join(''), offsets, lineStarts };
}

/** A span of the compact text as a span of the original. */
export function toOriginal(ct: CompactText, start: number, end: number): Span {
  if (ct.offsets.length === 0) return { start: 0, end: 0 };
  const s = ct.offsets[Math.min(start, ct.offsets.length - 1)]!;
  const e = end > start ? ct.offsets[Math.min(end - 1, ct.offsets.length - 1)]! + 1 : s;
  return { start: s, end: e };
}
