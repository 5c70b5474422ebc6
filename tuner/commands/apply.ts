import type { Command } from 'commander';
import { addCycleOptions, type CycleCommandFlags, runCycleCommand } from './cycleCommand.ts';

/**
 * Registers `thermostat apply`: one tuning cycle in the config's mode, with the user's AWS
 * credentials. A config in recommend mode is refused (exit 1, nothing observed or changed)
 * unless `--force-apply`: the config is where a team decides the tuner may act, and a command
 * line should not overrule it by accident.
 *
 * @example
 * ```ts
 * registerApplyCommand(program);
 * // thermostat apply --config thermostat.config.yaml --memory s3://my-reports/thermostat/
 * ```
 */
export function registerApplyCommand(program: Command): void {
  addCycleOptions(
    program
      .command('apply')
      .description(
        "Run one tuning cycle in the config's mode with your AWS credentials and apply the plan; " +
          'refuses a recommend-mode config unless --force-apply',
      ),
  )
    .option('--force-apply', 'apply even though the config says mode: recommend')
    .action(async (flags: CycleCommandFlags) => {
      process.exitCode = await runCycleCommand('apply', flags, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
    });
}
