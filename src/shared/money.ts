/**
 * Money at the edge: the API and the database speak integer fen; people read and type 元 with two decimals.
 * Conversion works on the decimal string, never through a float, so "1999.99" is exactly 199 999 fen. The web's
 * forms and tables and the server's messages (notifications, risk reasons) format amounts with these, so a figure
 * reads the same wherever it is shown.
 */

/** An amount typed in 元 once separators, spaces and the ¥ sign are gone: digits, optionally a point and at most two decimals. */
export const YUAN_PATTERN = /^\d{1,10}(\.\d{0,2})?$/;

/** "1,999.9" or "¥1999.90" → 199 990 fen; null when it is not a well-formed amount. */
export function yuanToFen(input: string | null | undefined): number | null {
  const s = (input ?? '').replace(/[,，\s]/g, '').replace(/^[¥￥]/, '');
  if (!YUAN_PATTERN.test(s)) return null;
  const [whole = '0', frac = ''] = s.split('.');
  const fen = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  return Number.isSafeInteger(fen) ? fen : null;
}

function yuanParts(fen: number): { sign: string; whole: number; cents: string } {
  const abs = Math.abs(Math.trunc(fen));
  return { sign: fen < 0 ? '-' : '', whole: Math.floor(abs / 100), cents: String(abs % 100).padStart(2, '0') };
}

const grouped = (n: number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 199 990 → "1,999.90": thousands separators, two decimals, exact; "—" when there is no amount. */
export function fenToYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const { sign, whole, cents } = yuanParts(fen);
  return `${sign}${grouped(whole)}.${cents}`;
}

/** 199 990 → "1999.90": the plain decimal an input field is filled with, and that yuanToFen reads back. */
export function fenToDecimal(fen: number): string {
  const { sign, whole, cents } = yuanParts(fen);
  return `${sign}${whole}.${cents}`;
}

/** "¥1,999.90", for tables and cards where the unit is not in the header; "—" when there is no amount. */
export function yuan(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '—' : `¥${fenToYuan(fen)}`;
}

/**
 * Half-up division of non-negative integers: the nearest integer, a half rounded up (0.5 fen → 1 fen). Money is
 * integer fen and every tax figure is rounded once, with this, to the fen.
 */
export function divideHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** Fen in 亿元 to 1万元 (four decimals), the unit departments report investment in; sums stay exact in fen before. */
export function fenToYi(fen: number | string | null | undefined): number {
  return Math.round(Number(fen ?? 0) / 1_000_000) / 10_000;
}
