import { windowPhase, type ProgramWindow, type WindowPhase } from '../../../../shared/programWindow.js';

/**
 * Where today stands in a programme's window when managers are warned `noticeDays` before its end (the
 * `platform.programEndingNoticeDays` parameter) rather than the shared default the web's tags use.
 */
export function windowPhaseWithin(window: ProgramWindow, today: string, noticeDays: number): { phase: WindowPhase; daysLeft: number } {
  const at = windowPhase(window, today);
  if (at.phase !== 'open' && at.phase !== 'ending') return at;
  return { phase: at.daysLeft <= noticeDays ? 'ending' : 'open', daysLeft: at.daysLeft };
}
