/**
 * The tuner as a Lambda function, invoked by an EventBridge schedule (the config's `schedule`,
 * `rate(5 minutes)` by default): reads the config (see ./cycle/tunerConfigSource.ts), runs one
 * cycle, logs the Markdown summary, writes its own EMF metrics (./cycle/tunerMetrics.ts) and
 * returns a small JSON summary. Reports and memory live under the config's `reports.s3` URL:
 * `reports/<time>.json`, `latest.json`, `state/memory.json`, and the last 24 hours as
 * `history.json` and `index.html` (one object read per cycle: see
 * tuner/report/publishRollingHistory.ts).
 *
 * Deploy it with reserved concurrency 1: cycles must not overlap (a memory change can wait
 * minutes for provisioned concurrency), and each cycle reads the memory the last one wrote.
 * Its deadline is the invocation's remaining time less {@link REPORT_RESERVE_MS}: no step starts
 * and no wait goes on after it, and the report says what was not done.
 */
import { type EmfLineWriter, serialiseEmf, writeToStdout } from '@lambda-thermostat/sdk/emf';
import { ConfigError } from '../core/config/configError.ts';
import type { ThermostatConfig, TunerMode } from '../core/config/thermostatConfig.ts';
import type { PlannerOptions } from '../core/plan/plannerOptions.ts';
import type { CycleLogger } from '../cycle/cycleLogger.ts';
import type { CycleStatus } from '../cycle/cycleReport.ts';
import { runTuningCycle } from '../cycle/tuningCycle.ts';
import { publishRollingHistory } from '../report/publishRollingHistory.ts';
import type { AwsClientOptions } from './awsClientOptions.ts';
import { type Clock, systemClock } from './clock.ts';
import { awsCyclePorts } from './cycle/awsCyclePorts.ts';
import { loadTunerConfig } from './cycle/tunerConfigSource.ts';
import { tunerMetricBatches } from './cycle/tunerMetrics.ts';
import { S3ReportSink } from './s3ReportSink.ts';
import { S3ReportSource } from './s3ReportSource.ts';
import { S3TunerMemoryStore } from './s3TunerMemoryStore.ts';

/** Time kept back from actuation waits to save memory and write the report, ms. */
export const REPORT_RESERVE_MS = 30_000;

/** What a handler is built with; everything defaults to the real thing. */
export interface TunerHandlerOptions {
  /** The environment to read the config source from. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly aws?: AwsClientOptions;
  /** Where EMF lines go. Default: stdout (fd 1), where Lambda's log agent extracts them. */
  readonly emfWriter?: EmfLineWriter;
  /** Default: `console`. */
  readonly logger?: CycleLogger;
  readonly clock?: Clock;
  readonly plannerOptions?: Partial<PlannerOptions>;
}

/** The parts of the Lambda context the handler uses. */
export interface TunerInvocationContext {
  readonly functionName?: string;
  getRemainingTimeInMillis?(): number;
}

/** What an invocation returns (and what a test or a Step Functions state can branch on). */
export interface TunerHandlerSummary {
  readonly status: CycleStatus;
  readonly mode: TunerMode;
  readonly dryRun: boolean;
  readonly targets: number;
  readonly actionsPlanned: number;
  readonly actionsApplied: number;
  readonly actionsFailed: number;
  readonly apiErrors: number;
  /** Where the dated report was written; null when it could not be. */
  readonly report: string | null;
  /** Where the last day's HTML report was written; null when it could not be. */
  readonly html: string | null;
}

const consoleLogger: CycleLogger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
};

/**
 * Builds the scheduled handler.
 *
 * @throws TunerConfigSourceError or ConfigError (naming the variable the config came from) when
 *   there is no usable config: the invocation fails, and nothing is observed or changed.
 * @example
 * ```ts
 * // tuner entry point of a deployment
 * export const handler = createTunerHandler();
 * // a test
 * const run = createTunerHandler({ env: { THERMOSTAT_CONFIG: yaml }, emfWriter: lines.push.bind(lines) });
 * await run({}, { functionName: 'thermostat', getRemainingTimeInMillis: () => 300_000 });
 * ```
 */
export function createTunerHandler(
  options: TunerHandlerOptions = {},
): (event: unknown, context?: TunerInvocationContext) => Promise<TunerHandlerSummary> {
  return async (_event, context) => {
    const env = options.env ?? process.env;
    const logger = options.logger ?? consoleLogger;
    const clock = options.clock ?? systemClock;
    const aws = options.aws ?? {};
    const { config, source } = await loadTunerConfig(env, { aws });
    logger.info(
      `config from ${source}: ${config.targets.length} target(s), mode ${config.mode}, schedule ${config.schedule}`,
    );
    const reportsUrl = s3ReportsOf(config, source);
    const remainingMs = context?.getRemainingTimeInMillis?.();
    const reportSink = new S3ReportSink(reportsUrl, { aws });
    // Nothing starts later than this: what is left is for saving the memory and the report.
    const deadlineMs =
      remainingMs === undefined ? undefined : clock.now() + remainingMs - REPORT_RESERVE_MS;
    const result = await runTuningCycle({
      ...(deadlineMs === undefined ? {} : { deadlineMs }),
      config,
      ...awsCyclePorts(config, {
        aws,
        clock,
        ...(remainingMs === undefined ? {} : { maxWaitMs: remainingMs - REPORT_RESERVE_MS }),
      }),
      reportSink,
      memoryStore: new S3TunerMemoryStore(reportsUrl, { aws }),
      clock,
      logger,
      ...(options.plannerOptions === undefined ? {} : { plannerOptions: options.plannerOptions }),
    });
    logger.info(result.markdown);
    const rolling = await publishRollingHistory(
      result.report,
      new S3ReportSource(reportsUrl, { aws }),
      reportSink,
      clock.now(),
    );
    for (const note of rolling.notes) logger.warn(note);
    const write = options.emfWriter ?? writeToStdout;
    const tuner = context?.functionName ?? env.AWS_LAMBDA_FUNCTION_NAME ?? 'lambda-thermostat';
    for (const batch of tunerMetricBatches(result, { tuner, timestampMs: clock.now() }))
      for (const line of serialiseEmf(batch)) write(line);
    const { totals } = result.report;
    return {
      status: result.report.status,
      mode: result.report.mode,
      dryRun: result.report.dryRun,
      targets: totals.targets,
      actionsPlanned: totals.actionsPlanned,
      actionsApplied: totals.actionsApplied,
      actionsFailed: totals.actionsFailed,
      apiErrors: result.apiErrors,
      report: result.reportLocations[0] ?? null,
      html: rolling.written.find((w) => w.endsWith('index.html')) ?? null,
    };
  };
}

/** The scheduled handler, configured from `process.env`. */
export const handler = createTunerHandler();

/** The handler keeps memory and reports in S3: a config without `reports.s3` cannot run here. */
function s3ReportsOf(config: ThermostatConfig, source: string): string {
  const reports = config.reports;
  if (reports !== undefined && 's3' in reports) return reports.s3;
  throw new ConfigError(
    [
      {
        path: 'reports',
        message:
          'the scheduled handler keeps its reports and memory (cooldowns, rollback watch) in S3: set reports: { s3: s3://bucket/prefix/ }',
      },
    ],
    source,
  );
}
