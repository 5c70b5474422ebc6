#!/usr/bin/env node
/**
 * `thermostat`: the command line. Each command lives in `tuner/commands/<name>.ts` and registers
 * itself on the program; this file only wires them and turns errors into one clear line.
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.ts';
import { errorLine } from './commands/optionFlags.ts';

const program = new Command('thermostat')
  .description(
    'Telemetry-driven tuning of provisioned concurrency, memory and reserved concurrency for Lambda inference',
  )
  .showHelpAfterError()
  .exitOverride();

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    const e = error as Error;
    process.stderr.write(`thermostat: ${errorLine(e)}\n`);
    if (process.env.THERMOSTAT_DEBUG) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 1;
  }
}
