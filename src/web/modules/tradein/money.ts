/**
 * Trade-in's figures beyond plain 元 (src/shared/money.ts): 万元 headlines, rates in basis points, and the
 * subsidy the till previews before the server computes it.
 */

/** Fen as 万元 with two decimals, for headline figures. */
export function wanYuan(fen: number): string {
  const v = Math.round(fen / 10_000); // hundredths of 万元
  const sign = v < 0 ? '-' : '';
  const abs = Math.abs(v);
  return `${sign}${Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(abs % 100).padStart(2, '0')}`;
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
