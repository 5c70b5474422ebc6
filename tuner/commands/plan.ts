import type { Command } from 'commander';
import { addCycleOptions, type CycleCommandFlags, runCycleCommand } from './cycleCommand.ts';

/**
 * Registers `thermostat plan`: one tuning cycle in recommend mode, whatever the config's mode,
 * with the user's AWS credentials; prints the Markdown summary and writes the report locally.
 * Changes nothing in AWS.
 *
 * @example
 * ```ts
 * registerPlanCommand(program);
 * // thermostat plan --config thermostat.config.yaml --report-dir reports/thermostat --region eu-west-1
 * ```
 */
export function registerPlanCommand(program: Command): void {
  addCycleOptions(
    program
      .command('plan')
      .description(
        'Run one tuning cycle in recommend mode (whatever the config says) with your AWS ' +
          'credentials: print the summary, write the report under --report-dir; changes nothing',
      ),
  ).action(async (flags: CycleCommandFlags) => {
    process.exitCode = await runCycleCommand('plan', flags, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    });
  });
}
