import type { Command } from 'commander';
import { registerApplyCommand } from './apply.ts';
import { registerBacktestCommand } from './backtest.ts';
import { registerDemoCommand } from './demo.ts';
import { registerPlanCommand } from './plan.ts';
import { registerProfileCommand } from './profile.ts';
import { registerReportCommand } from './report.ts';
import { registerWhatIfCommand } from './whatIf.ts';

/**
 * Adds every command to the program. One line per command: `registerX(program)`.
 *
 * @example
 * ```ts
 * const program = new Command('thermostat');
 * registerCommands(program);
 * ```
 */
export function registerCommands(program: Command): void {
  registerProfileCommand(program);
  registerBacktestCommand(program);
  registerWhatIfCommand(program);
  registerDemoCommand(program);
  registerPlanCommand(program);
  registerApplyCommand(program);
  registerReportCommand(program);
}
