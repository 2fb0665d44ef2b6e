import type { Database } from '../../src/server/db/database.js';

/**
 * The seeded trade-in and car programmes follow the national rules' window, which ends on a fixed date
 * (2026-12-31). Tests exercise them as live programmes whatever day they run on, so a test database moves an end
 * that is near or past to a year from today. Only test databases: the application never does this.
 */
export async function keepSeededProgrammesLive(database: Database, now = new Date()): Promise<void> {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const soon = day(new Date(now.getTime() + 60 * 86_400_000));
  const nextYear = day(new Date(now.getTime() + 365 * 86_400_000));
  await database.db.updateTable('tradein_programs').set({ valid_to: nextYear }).where('valid_to', '<', soon).execute();
  await database.db.updateTable('cartradein_programs').set({ valid_to: nextYear }).where('valid_to', '<', soon).execute();
}
