/**
 * A moto_server for integration tests: started once per test file on a free port of 127.0.0.1,
 * waited for, stopped afterwards. When moto_server is not on the PATH the tests are skipped with
 * a printed reason, unless THERMOSTAT_REQUIRE_MOTO=1 (CI), which turns its absence into a failure.
 *
 * @example
 * ```ts
 * const moto = useMotoServer();
 * describe.skipIf(moto.skipped)('against moto', () => {
 *   it('works', async () => {
 *     const lambda = new LambdaClient(moto.clientConfig());
 *   });
 * });
 * ```
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

const EXECUTABLE = 'moto_server';
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 30_000;

/** The variable that makes a missing moto_server fail the tests instead of skipping them. */
export const REQUIRE_MOTO_VARIABLE = 'THERMOSTAT_REQUIRE_MOTO';

/**
 * moto_server could not be found or started.
 *
 * @example
 * ```ts
 * throw new MotoServerError('moto_server is not on the PATH');
 * ```
 */
export class MotoServerError extends Error {
  override readonly name = 'MotoServerError';
}

/** A running moto_server. */
export interface MotoServer {
  readonly endpoint: string;
  /** Forgets every resource (POST /moto-api/reset). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Creates an IAM role in moto (its Lambda checks that a function's role exists) through the IAM
 * query API, so the tests need no IAM client; returns the role ARN.
 *
 * @example
 * ```ts
 * const role = await createMotoRole(moto.endpoint, 'lambda-role');
 * ```
 */
export async function createMotoRole(endpoint: string, roleName: string): Promise<string> {
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  });
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      // moto routes by the credential scope's service; it does not check the signature.
      authorization:
        'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: new URLSearchParams({
      Action: 'CreateRole',
      Version: '2010-05-08',
      RoleName: roleName,
      AssumeRolePolicyDocument: trust,
    }),
  });
  const text = await response.text();
  const arn = /<Arn>([^<]+)<\/Arn>/.exec(text)?.[1];
  if (!response.ok || arn === undefined)
    throw new MotoServerError(`CreateRole failed (${response.status}): ${text.slice(0, 300)}`);
  return arn;
}

/**
 * The moto_server executable on the PATH, or undefined. Synchronous: `describe.skipIf` needs the
 * answer while the test file is being collected.
 *
 * @example
 * ```ts
 * if (findMotoServer() === undefined) console.warn('no moto_server');
 * ```
 */
export function findMotoServer(path = process.env.PATH ?? ''): string | undefined {
  return findExecutable(EXECUTABLE, path);
}

/**
 * An executable on the PATH, or undefined.
 *
 * @example
 * ```ts
 * findExecutable('cfn-lint'); // '/usr/local/bin/cfn-lint'
 * ```
 */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const directory of path.split(delimiter).filter(Boolean)) {
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function isServing(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/moto-api/data.json`, {
      signal: AbortSignal.timeout(1_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** How to start moto_server. */
export interface MotoServerOptions {
  /** Extra environment, e.g. `INITIAL_NO_AUTH_ACTION_COUNT` to turn on its IAM enforcement. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Starts `moto_server -H 127.0.0.1 -p <free port>` and waits (bounded) until it answers.
 *
 * @throws MotoServerError when the executable is missing or the server does not come up.
 * @example
 * ```ts
 * const moto = await startMotoServer({ env: { INITIAL_NO_AUTH_ACTION_COUNT: '3' } });
 * try { ... } finally { await moto.stop(); }
 * ```
 */
export async function startMotoServer(options: MotoServerOptions = {}): Promise<MotoServer> {
  const executable = findMotoServer();
  if (executable === undefined) throw new MotoServerError(`${EXECUTABLE} is not on the PATH`);
  const port = await freePort();
  const endpoint = `http://${HOST}:${port}`;
  const child = spawn(executable, ['-H', HOST, '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    child.kill('SIGTERM');
    if (!(await exited(child, 5_000))) child.kill('SIGKILL');
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await isServing(endpoint))) {
    if (child.exitCode !== null)
      throw new MotoServerError(
        `${EXECUTABLE} exited with code ${child.exitCode}: ${stderr.trim()}`,
      );
    if (Date.now() > deadline) {
      await stop();
      throw new MotoServerError(
        `${EXECUTABLE} did not answer on ${endpoint} within ${START_TIMEOUT_MS / 1000} s: ${stderr.trim()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    endpoint,
    reset: async () => {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    },
    stop,
  };
}

/** The per-file handle on moto: `skipped` decides `describe.skipIf`. */
export interface MotoHandle {
  readonly skipped: boolean;
  readonly endpoint: string;
  reset(): Promise<void>;
  /** SDK client config for moto: endpoint, fake credentials, us-east-1, few retries. */
  clientConfig(): {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
    maxAttempts: number;
  };
}

/**
 * Registers beforeAll/afterAll hooks that run one moto_server for the calling test file.
 * Call at the top level of the file.
 *
 * @example
 * ```ts
 * const moto = useMotoServer();
 * describe.skipIf(moto.skipped)('Lambda against moto', () => { ... });
 * // with IAM enforced after the first three requests
 * const enforcing = useMotoServer({ env: { INITIAL_NO_AUTH_ACTION_COUNT: '3' } });
 * ```
 */
export function useMotoServer(options: MotoServerOptions = {}): MotoHandle {
  const required = process.env[REQUIRE_MOTO_VARIABLE] === '1';
  const skipped = findMotoServer() === undefined && !required;
  if (skipped)
    console.warn(
      `[moto] skipping integration tests: ${EXECUTABLE} is not on the PATH (set ${REQUIRE_MOTO_VARIABLE}=1 to make this a failure)`,
    );
  let server: MotoServer | undefined;
  beforeAll(async () => {
    if (skipped) return;
    server = await startMotoServer(options);
  }, START_TIMEOUT_MS + 5_000);
  afterAll(async () => {
    await server?.stop();
  });
  const running = (): MotoServer => {
    if (server === undefined) throw new MotoServerError('moto_server is not running');
    return server;
  };
  return {
    skipped,
    get endpoint() {
      return running().endpoint;
    },
    reset: () => running().reset(),
    clientConfig: () => ({
      endpoint: running().endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      maxAttempts: 2,
    }),
  };
}
