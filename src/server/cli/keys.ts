import type { CliCommand } from './commands.js';

/** Scaffold: commands of cli/keys.ts (filled in by its owner). */
export const keyCommands: CliCommand[] = [];
