/**
 * Splits an amount in fen by a budget's funding shares (central, provincial, city) so the parts are
 * whole fen and add up exactly: each share is rounded down, and the fen left over go to the shares with the
 * largest remainders (ties to central, then provincial).
 */
export function splitByShares(amount: number, shares: { central: number; provincial: number; city: number }) {
  const weights = [shares.central, shares.provincial, shares.city];
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  if (totalWeight <= 0) return { total: amount, central: 0, provincial: 0, city: amount };
  const sign = amount < 0 ? -1 : 1;
  const abs = Math.abs(amount);
  // BigInt: amount × weight can pass 2^53 for a large programme (10^12 fen × 10^12 fen).
  const exact = weights.map((w) => BigInt(abs) * BigInt(w));
  const parts = exact.map((e) => e / BigInt(totalWeight));
  let left = abs - parts.reduce((s, p) => s + Number(p), 0);
  const order = exact.map((e, i) => ({ i, rem: e % BigInt(totalWeight) })).sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = parts[i]! + 1n;
    left--;
  }
  const [central, provincial, city] = parts.map((p) => (p === 0n ? 0 : sign * Number(p))) as [number, number, number];
  return { total: amount, central, provincial, city };
}
