import type { AppDeps } from '../core/deps.js';
import { adminInitCommands } from './adminInit.js';
import { backupCommands } from './backup.js';
import { keyCommands } from './keys.js';
import { dbRoleCommands } from './dbRoles.js';
import { dashboardCommands } from './planDashboard.js';

/** A command of `npm run cli --` beyond the core ones of main.ts: its usage line and what it runs (exit code). */
export interface CliCommand {
  name: string;
  usage: string;
  run(deps: AppDeps, args: string[]): Promise<number>;
}

export const EXTRA_COMMANDS: readonly CliCommand[] = [...adminInitCommands, ...backupCommands, ...keyCommands, ...dbRoleCommands, ...dashboardCommands];
