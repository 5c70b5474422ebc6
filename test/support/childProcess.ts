import { spawn } from 'node:child_process';

/** Runs a TypeScript file in a fresh Node process (tsx, `source` condition) and collects its output. */
export async function runTypeScriptChild(
  file: string,
  options: { breakStdout?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', file], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  if (options.breakStdout === true) child.stdout.destroy(); // the child's writes now fail with EPIPE
  child.stdin.end('go\n');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { stdout, stderr, code };
}
