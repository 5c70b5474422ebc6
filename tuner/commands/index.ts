import type { Command } from 'commander';

/**
 * Adds every command to the program. One line per command: `registerX(program)`.
 *
 * @example
 * ```ts
 * const program = new Command('thermostat');
 * registerCommands(program);
 * ```
 */
export function registerCommands(_program: Command): void {}
