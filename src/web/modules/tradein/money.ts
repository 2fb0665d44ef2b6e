/**
 * Money at the edge: the API speaks integer fen; people read and type 元 with two decimals. Conversion is done on
 * the decimal string (never through a float), so "1999.99" is exactly 199 999 fen.
 */

/** A price typed in 元: digits, optionally a point and at most two decimals; thousands separators and spaces allowed. */
export const YUAN_PATTERN = /^\d{1,10}(\.\d{0,2})?$/;

/** "1,999.9" → 199990; null when it is not a well-formed amount. */
export function yuanToFen(input: string | null | undefined): number | null {
  const s = (input ?? '').replace(/[,，\s]/g, '').replace(/^¥/, '');
  if (!YUAN_PATTERN.test(s)) return null;
  const [whole = '0', frac = ''] = s.split('.');
  const fen = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** 199990 → "1,999.90" (thousands separators, two decimals, exact). */
export function fenToYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** "¥1,999.90" — for tables and cards where the unit is not in the header. */
export function yuan(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '—' : `¥${fenToYuan(fen)}`;
}

/** Fen as 万元 with two decimals, for headline figures. */
export function wanYuan(fen: number): string {
  const v = Math.round(fen / 10_000); // hundredths of 万元
  const sign = v < 0 ? '-' : '';
  const abs = Math.abs(v);
  return `${sign}${Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(abs % 100).padStart(2, '0')}`;
}

/** Basis points as a percentage: 1500 → "15%", 1250 → "12.5%". */
export function percent(bp: number): string {
  return `${Number((bp / 100).toFixed(2))}%`;
}

/**
 * The subsidy the server will compute, for the preview at the till: rate × price rounded to the fen (half up or
 * down, as the programme states), then capped. Integer arithmetic, the same as the server's computeSubsidy.
 */
export function previewSubsidy(priceFen: number, rateBp: number, capFen: number, rounding: 'half_up' | 'down'): number {
  const scaled = priceFen * rateBp;
  const rounded = rounding === 'half_up' ? Math.floor((scaled + 5_000) / 10_000) : Math.floor(scaled / 10_000);
  return Math.min(rounded, capFen);
}

/** A voucher code grouped for reading aloud or typing: "AB12CD34EF5" → "AB12 CD34 EF5". */
export function groupCode(code: string): string {
  const bare = code.replace(/[\s-]/g, '').toUpperCase();
  return bare.replace(/(.{4})(?=.)/g, '$1 ');
}
