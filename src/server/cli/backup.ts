import type { CliCommand } from './commands.js';

/** Scaffold: commands of cli/backup.ts (filled in by its owner). */
export const backupCommands: CliCommand[] = [];
