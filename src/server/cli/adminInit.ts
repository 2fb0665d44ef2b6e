import type { CliCommand } from './commands.js';

/** Scaffold: commands of cli/adminInit.ts (filled in by its owner). */
export const adminInitCommands: CliCommand[] = [];
