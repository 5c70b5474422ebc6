/**
 * The last step of the sharded cycle (infra/sharding/shardedTunerCycle.ts): reads every shard's
 * report (`shards/<n>/cycle.json`, ./shardHandler.ts), checks the account against its unreserved
 * minimum as the state machine read it after the shards, sets the next cycle's headroom shares
 * from what each shard wanted (./headroomShares.ts), and publishes the cycle as the unsharded
 * handler does (../handler.ts): `reports/<time>.json`, `latest.json`, the rolling `history.json`
 * and `index.html`, and the tuner's EMF metrics, so reports, dashboard and alarms read the same.
 */
import { type EmfLineWriter, serialiseEmf, writeToStdout } from '@lambda-thermostat/sdk/emf';
import { errorSummary } from '../../core/errorSummary.ts';
import type { CycleReport } from '../../cycle/cycleReport.ts';
import { publishReport } from '../../cycle/publishReport.ts';
import { publishRollingHistory } from '../../report/publishRollingHistory.ts';
import { parseCycleReport } from '../../report/read/parseReport.ts';
import { systemClock } from '../clock.ts';
import { tunerMetricBatches } from '../cycle/tunerMetrics.ts';
import {
  consoleLogger,
  s3ReportsOf,
  type TunerHandlerSummary,
  type TunerInvocationContext,
  tunerHandlerSummary,
} from '../handler.ts';
import { HEADROOM_SHARES_NAME, nextHeadroomShares } from './headroomShares.ts';
import { mergeShardReports, type ShardOutcome } from './mergeShardReports.ts';
import { accountOf, parseShardEvent, reconcileEventSchema } from './shardEvents.ts';
import {
  SHARD_REPORT_NAME,
  type ShardedHandlerOptions,
  shardConfigLoader,
} from './shardHandler.ts';
import { shardFolder } from './shardRanges.ts';
import { s3PrefixStores } from './shardStores.ts';

/** What the reconcile handler is built with besides the shards' options. */
export interface ReconcileHandlerOptions extends ShardedHandlerOptions {
  /** Where EMF lines go. Default: stdout. */
  readonly emfWriter?: EmfLineWriter;
}

/** Clock skew allowed between Step Functions and a shard's Lambda, ms. */
const CLOCK_SKEW_MS = 60_000;

/**
 * Builds the reconcile handler.
 *
 * @throws ShardEventError for an event the state machine would not send; NoShardReportedError
 *   when no shard reported this cycle (the execution fails, and the tuner's alarm fires).
 * @example
 * ```ts
 * export const handler = createReconcileHandler();
 * await handler({ shards: mapResults, account, startedAt }, context);
 * ```
 */
export function createReconcileHandler(
  options: ReconcileHandlerOptions = {},
): (event: unknown, context?: TunerInvocationContext) => Promise<TunerHandlerSummary> {
  return async (input, context) => {
    const event = parseShardEvent(reconcileEventSchema, input, 'reconcile event');
    const env = options.env ?? process.env;
    const aws = options.aws ?? {};
    const logger = options.logger ?? consoleLogger;
    const clock = options.clock ?? systemClock;
    // Every shard's config carries the same settings; the first names the reports and guardrails.
    const { config, source } = await (options.loadShardConfig ?? shardConfigLoader(env, aws))(0);
    const reportsUrl = s3ReportsOf(config, source);
    const open = options.stores ?? s3PrefixStores(aws);
    const root = open(reportsUrl);
    const startedAtMs = Date.parse(event.startedAt);

    const outcomes: ShardOutcome[] = [];
    for (let index = 0; index < event.shards.length; index++) {
      const returned = event.shards.find((s) => s.shard === index);
      if (returned !== undefined && 'failure' in returned) {
        const { Error: name, Cause: cause } = returned.failure;
        outcomes.push({
          shard: index,
          missing: `${name}${cause === undefined ? '' : `: ${cause}`}`,
        });
        continue;
      }
      outcomes.push(
        await shardOutcome(open(`${reportsUrl}${shardFolder(index)}`), index, startedAtMs),
      );
    }

    const notes: string[] = [];
    const account = accountOf(event.account);
    const minimum = config.guardrails.minUnreservedConcurrency;
    if (!(account instanceof Error) && account.unreservedConcurrency < minimum)
      notes.push(
        `the account has ${account.unreservedConcurrency} unreserved after the cycle, below the ${minimum} kept free: something besides the tuner reserved concurrency`,
      );
    for (const note of notes) logger.warn(note);
    const report: CycleReport = mergeShardReports(outcomes, {
      account: account instanceof Error ? { error: errorSummary(account) } : account,
      memoryLocation: `${reportsUrl}shards/`,
      notes,
    });

    const wanted = event.shards.map((s) => ('wantedReservation' in s ? s.wantedReservation : 0));
    try {
      await root.sink.write(
        HEADROOM_SHARES_NAME,
        `${JSON.stringify(nextHeadroomShares(wanted, clock.now()))}\n`,
        'application/json',
      );
    } catch (error) {
      const e = error as Error;
      logger.warn(`${HEADROOM_SHARES_NAME} not written (${e.name}): the next cycle shares equally`);
    }

    const published = await publishReport(report, root.sink, logger);
    const rolling = await publishRollingHistory(report, root.source, root.sink, clock.now());
    for (const note of rolling.notes) logger.warn(note);
    const apiErrors = report.totals.apiErrors + published.failures.length;
    const write = options.emfWriter ?? writeToStdout;
    const tuner = context?.functionName ?? env.AWS_LAMBDA_FUNCTION_NAME ?? 'lambda-thermostat';
    for (const batch of tunerMetricBatches(
      { report, apiErrors },
      { tuner, timestampMs: clock.now() },
    ))
      for (const line of serialiseEmf(batch)) write(line);
    logger.info(
      `cycle of ${event.shards.length} shard(s): ${report.totals.targets} target(s), ${report.totals.actionsPlanned} action(s) planned, status ${report.status}`,
    );
    return tunerHandlerSummary(report, {
      apiErrors,
      report: published.written[0] ?? null,
      html: rolling.written.find((w) => w.endsWith('index.html')) ?? null,
    });
  };
}

/** A shard's report of this cycle, or why there is none (missing, unreadable, or older). */
async function shardOutcome(
  stores: ReturnType<ReturnType<typeof s3PrefixStores>>,
  index: number,
  startedAtMs: number,
): Promise<ShardOutcome> {
  const where = `${stores.source.location}${SHARD_REPORT_NAME}`;
  try {
    const text = await stores.source.read(SHARD_REPORT_NAME);
    if (text === null) return { shard: index, missing: `no report at ${where}` };
    const report = parseCycleReport(text, where) as CycleReport;
    // A shard's cycle starts after the execution (a minute allowed for clock skew); a report
    // from before that is a past cycle's.
    if (report.generatedAtMs < startedAtMs - CLOCK_SKEW_MS)
      return {
        shard: index,
        missing: `the report at ${where} is from ${report.generatedAt}, an earlier cycle`,
      };
    return { shard: index, report };
  } catch (error) {
    const e = error as Error;
    return { shard: index, missing: `${where} unreadable (${e.name}: ${e.message})` };
  }
}

/** The reconcile handler, configured from `process.env`. */
export const handler = createReconcileHandler();
