/** Timestamps are stored as ISO-8601 UTC text in both dialects (they sort correctly as text). */
export function nowIso(): string {
  return new Date().toISOString();
}

export function isoPlus(from: Date | string, ms: number): string {
  return new Date(new Date(from).getTime() + ms).toISOString();
}
