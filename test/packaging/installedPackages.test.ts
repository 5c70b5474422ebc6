/**
 * The packages as a user gets them: each workspace is packed (`npm pack`, which builds it on
 * `prepack`), the tarballs are installed into empty directories with production dependencies
 * only, and the installs are used as a function, an operator and a CDK app would use them
 * (docs/decisions/0060-one-package-per-concern.md). Prints the tarball sizes and what the SDK
 * adds to a function. CI sets THERMOSTAT_REQUIRE_REGISTRY=1 (.ci/run): an unreachable registry
 * fails there instead of skipping.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcessOutcome, repositoryRoot, runProcess } from '../support/childProcess.ts';
import { REQUIRE_REGISTRY_VARIABLE, registryAvailability } from '../support/npmRegistry.ts';

const registry = registryAvailability();

const PACKAGES = ['@lambda-thermostat/sdk', '@lambda-thermostat/tuner', '@lambda-thermostat/infra'];
const SDK_BUDGET_BYTES = 1_000_000;
const SAMPLES = 'node_modules/@lambda-thermostat/tuner/samples';

/** The environment of the npm and node children: none of the `npm test` run's npm settings. */
const childEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.keys(process.env)
    .filter((key) => key.toLowerCase().startsWith('npm_') || key === 'NODE_OPTIONS')
    .map((key) => [key, undefined]),
);

function run(cwd: string, command: string, args: readonly string[]): Promise<ProcessOutcome> {
  return runProcess(command, args, { cwd, env: childEnv });
}

async function mustRun(cwd: string, command: string, args: readonly string[]): Promise<string> {
  const outcome = await run(cwd, command, args);
  if (outcome.code !== 0)
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited ${outcome.code}:\n${outcome.stderr}`,
    );
  return outcome.stdout;
}

/** Bytes of the files below a directory (their sizes, not the disk blocks). */
function treeBytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + treeBytes(join(path, entry)), 0);
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/** An empty npm project, and the tarballs installed into it with production dependencies only. */
async function installInto(directory: string, tarballs: readonly string[]): Promise<void> {
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'package.json'), '{ "name": "installed", "private": true }\n');
  await mustRun(directory, 'npm', [
    'install',
    '--omit=dev',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    ...tarballs,
  ]);
}

describe.skipIf(registry.skipped)(
  'the packages, packed and installed with production dependencies only',
  () => {
    let root: string;
    let tarballs: Record<string, string>;
    let sdkInstall: string;
    let toolInstall: string;

    beforeAll(async () => {
      if (registry.unreachable !== undefined)
        throw new Error(
          `the npm registry is unreachable (${registry.unreachable}); this test installs the packed tarballs' dependencies from it, and ${REQUIRE_REGISTRY_VARIABLE}=1 makes that a failure`,
        );
      root = mkdtempSync(join(tmpdir(), 'thermostat-packages-'));
      const packed = join(root, 'tarballs');
      mkdirSync(packed);
      await mustRun(repositoryRoot, 'npm', [
        'pack',
        ...PACKAGES.flatMap((name) => ['--workspace', name]),
        '--pack-destination',
        packed,
      ]);
      tarballs = Object.fromEntries(
        PACKAGES.map((name) => [
          name,
          join(packed, `${name.slice(1).replace('/', '-')}-0.1.0.tgz`),
        ]),
      );
      for (const [name, file] of Object.entries(tarballs))
        console.log(`[packaging] ${name}: tarball ${kilobytes(statSync(file).size)}`);
      sdkInstall = join(root, 'function');
      toolInstall = join(root, 'operator');
      await installInto(sdkInstall, [tarballs['@lambda-thermostat/sdk'] as string]);
      await installInto(toolInstall, Object.values(tarballs));
    }, 900_000);

    afterAll(() => {
      if (root !== undefined) rmSync(root, { recursive: true, force: true });
    });

    it('the SDK installs only itself and @opentelemetry/api, and adds at most 1 MB besides it', async () => {
      // Prepare
      const modules = join(sdkInstall, 'node_modules');

      // Act
      const topLevel = readdirSync(modules).filter((entry) => !entry.startsWith('.'));
      const scoped = Object.fromEntries(
        topLevel.map((scope) => [scope, readdirSync(join(modules, scope))]),
      );
      const apiBytes = treeBytes(join(modules, '@opentelemetry', 'api'));
      const addedBytes = treeBytes(modules) - apiBytes;
      console.log(
        `[packaging] SDK install: ${kilobytes(addedBytes)} besides @opentelemetry/api (${kilobytes(apiBytes)})`,
      );
      const loaded = await mustRun(sdkInstall, process.execPath, [
        '--input-type=module',
        '--eval',
        "const sdk = await import('@lambda-thermostat/sdk'); const otel = await import('@lambda-thermostat/sdk/otel'); console.log(typeof sdk.withTelemetry, typeof otel.startTelemetry);",
      ]);

      // Assess
      expect(scoped).toEqual({ '@lambda-thermostat': ['sdk'], '@opentelemetry': ['api'] });
      expect(addedBytes).toBeLessThanOrEqual(SDK_BUDGET_BYTES);
      expect(loaded.trim()).toBe('function function');
    });

    it('the installed SDK needs @opentelemetry/api only once a tracer provider is registered, then makes spans', async () => {
      // Prepare: a function that serves one invocation, with or without a provider (a fake one,
      // from the API alone: the install has nothing else); and a copy of the install without the
      // API at all, where a static import of it would fail before anything ran
      const script = (withProvider: boolean) => `
        const names = [];
        if (${withProvider}) {
          const { trace } = await import('@opentelemetry/api');
          const parent = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 };
          trace.setGlobalTracerProvider({ getTracer: () => ({ startSpan: (name) => (names.push(name), trace.wrapSpanContext(parent)) }) });
        }
        const { withTelemetry } = await import('@lambda-thermostat/sdk');
        const handler = withTelemetry(async () => 'ok', { writer: () => {} });
        const result = await handler({}, { awsRequestId: 'r', functionName: 'fn', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn' });
        console.log(JSON.stringify({ result, spans: names }));`;
      const withoutApi = join(root, 'function-without-api');
      cpSync(
        join(sdkInstall, 'node_modules', '@lambda-thermostat'),
        join(withoutApi, 'node_modules', '@lambda-thermostat'),
        { recursive: true },
      );
      const invoke = async (directory: string, withProvider: boolean) =>
        JSON.parse(
          await mustRun(directory, process.execPath, [
            '--input-type=module',
            '--eval',
            script(withProvider),
          ]),
        ) as { result: string; spans: string[] };

      // Act
      const noApi = await invoke(withoutApi, false);
      const noProvider = await invoke(sdkInstall, false);
      const provider = await invoke(sdkInstall, true);

      // Assess
      expect(noApi).toEqual({ result: 'ok', spans: [] });
      expect(noProvider).toEqual({ result: 'ok', spans: [] });
      expect(provider).toEqual({ result: 'ok', spans: ['init', 'fn'] });
    }, 300_000);

    it('npx thermostat --help and thermostat plan --help work from the installed tarball', async () => {
      // Prepare
      const npx = ['thermostat'];

      // Act
      const help = await run(toolInstall, 'npx', [...npx, '--help']);
      const planHelp = await run(toolInstall, 'npx', [...npx, 'plan', '--help']);

      // Assess
      expect(help.stderr).toBe('');
      expect(help.code).toBe(0);
      for (const command of ['plan', 'apply', 'backtest', 'profile', 'demo'])
        expect(help.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
      expect(planHelp.code).toBe(0);
      expect(planHelp.stdout).toContain('--config');
    }, 300_000);

    it('thermostat backtest runs on the sample trace and profile the tuner package ships', async () => {
      // Prepare
      const jsonFile = join(root, 'backtest.json');
      const args = [
        'thermostat',
        'backtest',
        '--trace',
        `${SAMPLES}/azure2019-busy-and-sparse.csv`,
        '--function',
        '074d7db579',
        '--profile',
        `${SAMPLES}/ocr-detector.profile.json`,
        '--slo-p99-ms',
        '200',
        '--policies',
        'on-demand,thermostat,oracle',
        '--no-progress',
        '--json',
        jsonFile,
      ];

      // Act
      const backtest = await run(toolInstall, 'npx', args);

      // Assess
      expect(backtest.stderr).toBe('');
      expect(backtest.code).toBe(0);
      for (const policy of ['on-demand', 'thermostat', 'oracle'])
        expect(backtest.stdout).toMatch(new RegExp(`^${policy} +\\d+/\\d+`, 'm'));
      expect(readFileSync(jsonFile, 'utf8')).toContain(
        '074d7db5790cd48f87f3735d285a3f4c758ddf00d8992d920629ca532564f7f7',
      );
    }, 300_000);

    it('profile --example and demo say they need a checkout, without a stack trace', async () => {
      // Prepare
      const npx = ['thermostat'];

      // Act
      const profile = await run(toolInstall, 'npx', [
        ...npx,
        'profile',
        '--example',
        'ocr-detector',
      ]);
      const demo = await run(toolInstall, 'npx', [...npx, 'demo']);

      // Assess
      expect(profile.code).toBe(1);
      expect(profile.stderr).toMatch(
        /^thermostat: CheckoutRequiredError: profiling the ocr-detector example: .*handler\.ts is missing: it runs only in a checkout of the lambda-thermostat repository/m,
      );
      expect(demo.code).toBe(1);
      expect(demo.stderr).toMatch(
        /^thermostat: CheckoutRequiredError: the demo: .*100_inv\.csv is missing: it runs only in a checkout/m,
      );
      expect(`${profile.stderr}${demo.stderr}`).not.toMatch(/^\s+at /m);
    }, 300_000);

    it('the installed construct synthesizes: it bundles the installed tuner handler with the app’s esbuild', async () => {
      // Prepare
      const app = join(toolInstall, 'app.mjs');
      writeFileSync(
        app,
        [
          "import { App, Stack } from 'aws-cdk-lib';",
          "import { Alias, Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';",
          "import { InferenceTuner } from '@lambda-thermostat/infra';",
          "const app = new App({ outdir: 'cdk.out' });",
          "const stack = new Stack(app, 'Installed', { env: { account: '123456789012', region: 'us-east-1' } });",
          "const fn = new Function(stack, 'Model', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => 1;') });",
          "const live = new Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });",
          "new InferenceTuner(stack, 'Tuner', { targets: [{ alias: live, slo: { p99Ms: 300 }, tune: ['provisionedConcurrency'] }] });",
          'app.synth();',
          "let error = '';",
          "try { new InferenceTuner(new Stack(app, 'Bad'), 'Tuner', { targets: [{ alias: live, slo: { p99Ms: -1 } }] }); } catch (e) { error = e.message; }",
          'console.log(JSON.stringify({ error }));',
        ].join('\n'),
      );

      // Act
      const synth = JSON.parse(await mustRun(toolInstall, process.execPath, [app])) as {
        error: string;
      };
      const template = JSON.parse(
        readFileSync(join(toolInstall, 'cdk.out', 'Installed.template.json'), 'utf8'),
      ) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
      const tuner = Object.values(template.Resources).find(
        (resource) =>
          resource.Type === 'AWS::Lambda::Function' &&
          String(resource.Properties.Description).startsWith('lambda-thermostat'),
      );
      const assets = readdirSync(join(toolInstall, 'cdk.out')).filter((entry) =>
        entry.startsWith('asset.'),
      );
      const bundles = assets
        .map((asset) => join(toolInstall, 'cdk.out', asset, 'index.mjs'))
        .filter((file) => readdirSync(join(file, '..')).includes('index.mjs'));

      // Assess
      expect(tuner?.Properties.Architectures).toEqual(['arm64']);
      expect(tuner?.Properties.Handler).toBe('index.handler');
      expect(bundles).toHaveLength(1);
      expect(readFileSync(bundles[0] as string, 'utf8')).toContain('LambdaThermostat/Tuner');
      expect(synth.error).toMatch(/targets\[0\]\.slo\.p99Ms/);
    }, 300_000);
  },
);
