/** Settlement periods are calendar months in Asia/Shanghai (fixed +08:00, no daylight saving). */
const SHANGHAI_MS = 8 * 3600_000;

export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The instants a month starts and ends (exclusive), as ISO UTC: 2025-03 → [2025-02-28T16:00Z, 2025-03-31T16:00Z). */
export function periodBounds(period: string): { from: string; to: string } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 1, 1) - SHANGHAI_MS);
  const to = new Date(Date.UTC(y, m, 1) - SHANGHAI_MS);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** The month an instant falls in, in Shanghai. */
export function periodOf(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_MS).toISOString().slice(0, 7);
}

/** The month before. */
export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

/** The Shanghai calendar date of an ISO instant. */
export function shanghaiDateOf(iso: string): string {
  return new Date(new Date(iso).getTime() + SHANGHAI_MS).toISOString().slice(0, 10);
}
