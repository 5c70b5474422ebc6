import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: where the CLI and the package scripts run from. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** What a finished child process left behind. */
export interface ProcessOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command in the repository root (or `cwd`) and collects its output. `stdin` is written and closed
 * (none: stdin is closed at once); `breakStdout` closes the child's stdout before it runs, so
 * its writes fail with EPIPE.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { stdin?: string; breakStdout?: boolean; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? repositoryRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    if (options.breakStdout === true) child.stdout.destroy();
    child.stdin.end(options.stdin ?? '');
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `thermostat <args>` from the sources, as `npm run thermostat` does (without npm's banner). */
export function runThermostatCli(args: readonly string[]): Promise<ProcessOutcome> {
  return runProcess(join(repositoryRoot, 'node_modules', '.bin', 'tsx'), [
    '--conditions=source',
    'tuner/cli.ts',
    ...args,
  ]);
}

/** Runs a TypeScript file in a fresh Node process (tsx, `source` condition), sending it "go". */
export function runTypeScriptChild(
  file: string,
  options: { breakStdout?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessOutcome> {
  return runProcess(process.execPath, ['--import', 'tsx', '--conditions=source', file], {
    ...options,
    stdin: 'go\n',
  });
}
