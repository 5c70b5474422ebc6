/**
 * The tuner's Lambda function: tuner/aws/handler.ts bundled with the local esbuild (never
 * Docker), arm64, reserved concurrency 1 so cycles never overlap (a memory change waits minutes
 * for provisioned concurrency; each cycle reads the memory the last one wrote), its own log group
 * with a retention, and a role that holds nothing but what it is given.
 */
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The Node.js runtimes the tuner is built for. */
export const TunerRuntime = {
  NODEJS_22: 'nodejs22.x',
  NODEJS_24: 'nodejs24.x',
} as const;
export type TunerRuntime = (typeof TunerRuntime)[keyof typeof TunerRuntime];

/** Options of {@link TunerFunction}. */
export interface TunerFunctionProps {
  /** Environment of the function (the config source). */
  readonly environment: Record<string, string>;
  /** Default Node.js 22. */
  readonly runtime?: TunerRuntime;
  /** Default one month. */
  readonly logRetention?: RetentionDays;
  /** Default 1,024 MB: planning simulates every candidate, which is CPU-bound. */
  readonly memorySize?: number;
  /** Default 14 minutes: long enough for a provisioned-concurrency allocation to become READY. */
  readonly timeout?: Duration;
  /** Another entry module (the sharded cycle's handlers); default the scheduled handler. */
  readonly entry?: string;
  readonly handler?: string;
}

/**
 * The scheduled tuner handler module, resolved through the tuner package's exports: its
 * TypeScript source in a checkout (run with the `source` condition), its compiled JavaScript when
 * installed from npm (docs/decisions/0060-one-package-per-concern.md).
 */
export const TUNER_HANDLER_ENTRY = fileURLToPath(
  import.meta.resolve('@lambda-thermostat/tuner/handler'),
);

/**
 * Running from the sources of a checkout: bundle with the repository's own lockfile and the
 * `source` condition, so the SDK is bundled from its TypeScript too. Installed, the CDK app's
 * lockfile and the packages' compiled files are used, as for any dependency.
 */
const checkoutRoot = TUNER_HANDLER_ENTRY.endsWith('.ts')
  ? fileURLToPath(new URL('../../', import.meta.url))
  : undefined;

/**
 * The function, its role and its log group.
 *
 * @example
 * ```ts
 * const tuner = new TunerFunction(this, 'Function', { environment: { THERMOSTAT_CONFIG: json } });
 * tuner.addToRolePolicy(statement);
 * ```
 */
export class TunerFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: TunerFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // A role of its own instead of the AWSLambdaBasicExecutionRole managed policy: logs only to
    // this function's log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `lambda-thermostat tuner ${Stack.of(this).stackName}/${this.node.path}`,
    });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry ?? TUNER_HANDLER_ENTRY,
      handler: props.handler ?? 'handler',
      ...(checkoutRoot !== undefined
        ? { projectRoot: checkoutRoot, depsLockFilePath: `${checkoutRoot}package-lock.json` }
        : {}),
      runtime: props.runtime === TunerRuntime.NODEJS_24 ? Runtime.NODEJS_24_X : Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.minutes(14),
      reservedConcurrentExecutions: 1,
      role: this.role,
      logGroup: this.logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      description: 'lambda-thermostat: one tuning cycle per invocation',
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        // The whole AWS SDK is bundled: the cycle runs on the versions it was tested with.
        externalModules: [],
        // The handler is ESM; a few bundled CommonJS dependencies still call require().
        banner:
          "import { createRequire as __thermostatRequire } from 'node:module'; const require = __thermostatRequire(import.meta.url);",
        ...(checkoutRoot !== undefined ? { esbuildArgs: { '--conditions': 'source' } } : {}),
      },
    });
  }
}
