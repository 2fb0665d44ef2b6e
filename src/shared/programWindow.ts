import { daysBetween } from './dates.js';

/**
 * Where today stands in a programme's inclusive window of Shanghai dates. Trade-in and car programmes both run in
 * such windows, and both warn their managers a month before the end, so that a programme is extended or rolled
 * over into the next year before residents are refused. Shared with the web, which tags programmes the same way.
 * How early is the system parameter `platform.programEndingNoticeDays` (30 unless the office changed it): the
 * server's notices and the pages' tags both pass it.
 */
export const ENDING_NOTICE_DAYS = 30;

export type WindowPhase = 'upcoming' | 'open' | 'ending' | 'ended';

export interface ProgramWindow {
  validFrom: string;
  validTo: string;
}

export function windowPhase(window: ProgramWindow, today: string, noticeDays = ENDING_NOTICE_DAYS): { phase: WindowPhase; daysLeft: number } {
  const daysLeft = daysBetween(today, window.validTo);
  if (today < window.validFrom) return { phase: 'upcoming', daysLeft };
  if (daysLeft < 0) return { phase: 'ended', daysLeft };
  return { phase: daysLeft <= noticeDays ? 'ending' : 'open', daysLeft };
}
