/**
 * One shard of the sharded cycle (infra/sharding/shardedTunerCycle.ts): the shipped cycle
 * (tuner/cycle/tuningCycle.ts) on the shard's run of targets, with its own memory
 * (`shards/<n>/state/memory.json`; until it has one, the unsharded tuner's:
 * ./inheritedMemoryStore.ts) and its report written as `shards/<n>/cycle.json` for the
 * reconcile step (./reconcileHandler.ts), which publishes the cycle's report and history. The
 * account it plans against is the one the state machine read before the shards started, cut to
 * this shard's share of the headroom (./headroomShares.ts), so the shards together never reserve
 * past it. It emits no metrics: the reconcile step does, for the whole cycle.
 */

import type { PlannerOptions } from '../../core/plan/plannerOptions.ts';
import type { StateReader } from '../../core/ports.ts';
import type { CycleLogger } from '../../cycle/cycleLogger.ts';
import { runTuningCycle } from '../../cycle/tuningCycle.ts';
import type { AwsClientOptions } from '../awsClientOptions.ts';
import { type Clock, systemClock } from '../clock.ts';
import { type AwsCyclePorts, awsCyclePorts } from '../cycle/awsCyclePorts.ts';
import type { LoadedTunerConfig } from '../cycle/tunerConfigSource.ts';
import { loadTunerConfig, TunerConfigSourceError } from '../cycle/tunerConfigSource.ts';
import {
  consoleLogger,
  REPORT_RESERVE_MS,
  s3ReportsOf,
  type TunerInvocationContext,
} from '../handler.ts';
import {
  HEADROOM_SHARES_NAME,
  shardAccountView,
  shardWeight,
  wantedReservationIncrease,
} from './headroomShares.ts';
import { InheritedMemoryStore } from './inheritedMemoryStore.ts';
import { accountOf, parseShardEvent, type ShardSummary, shardEventSchema } from './shardEvents.ts';
import { shardConfigName, shardFolder } from './shardRanges.ts';
import { type OpenPrefixStores, s3PrefixStores } from './shardStores.ts';

/** The variable naming the prefix of the per-shard config objects (`shard-<n>.json`). */
export const SHARD_CONFIGS_VARIABLE = 'THERMOSTAT_SHARD_CONFIGS';

/** The name of a shard's report in its folder. */
export const SHARD_REPORT_NAME = 'cycle.json';

/** What the shard and reconcile handlers are built with; everything defaults to the real thing. */
export interface ShardedHandlerOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly aws?: AwsClientOptions;
  readonly logger?: CycleLogger;
  readonly clock?: Clock;
  readonly plannerOptions?: Partial<PlannerOptions>;
  /** Shard n's config; default the object `shard-<n>.json` under `THERMOSTAT_SHARD_CONFIGS`. */
  readonly loadShardConfig?: (index: number) => Promise<LoadedTunerConfig>;
  /** The stores under a prefix; default S3. */
  readonly stores?: OpenPrefixStores;
  /** The cycle's AWS ports for a config; default CloudWatch and Lambda. */
  readonly ports?: (config: LoadedTunerConfig['config']) => AwsCyclePorts;
}

/**
 * The loader of shard n's config from `THERMOSTAT_SHARD_CONFIGS` (an `s3://bucket/prefix/`).
 *
 * @throws TunerConfigSourceError when the variable is not set.
 * @example
 * ```ts
 * const load = shardConfigLoader({ THERMOSTAT_SHARD_CONFIGS: 's3://b/lambda-thermostat-config/x/' });
 * const { config } = await load(3); // s3://b/lambda-thermostat-config/x/shard-0003.json
 * ```
 */
export function shardConfigLoader(
  env: Readonly<Record<string, string | undefined>>,
  aws: AwsClientOptions = {},
): (index: number) => Promise<LoadedTunerConfig> {
  return async (index) => {
    const prefix = env[SHARD_CONFIGS_VARIABLE]?.trim() ?? '';
    if (prefix === '')
      throw new TunerConfigSourceError(
        `no shard configs: set ${SHARD_CONFIGS_VARIABLE} to the s3://bucket/prefix/ of the shard-<n>.json objects`,
      );
    const url = `${prefix.endsWith('/') ? prefix : `${prefix}/`}${shardConfigName(index)}`;
    return loadTunerConfig({ THERMOSTAT_CONFIG_S3: url }, { aws });
  };
}

/**
 * Builds the shard handler.
 *
 * @throws ShardEventError for an event the state machine would not send; TunerConfigSourceError
 *   or ConfigError when the shard's config cannot be used (nothing is observed or changed).
 * @example
 * ```ts
 * export const handler = createShardHandler();
 * await handler({ shard: { index: 0, first: 0, count: 80 }, shards: 3, account }, context);
 * ```
 */
export function createShardHandler(
  options: ShardedHandlerOptions = {},
): (event: unknown, context?: TunerInvocationContext) => Promise<ShardSummary> {
  return async (input, context) => {
    const event = parseShardEvent(shardEventSchema, input, 'shard event');
    const env = options.env ?? process.env;
    const aws = options.aws ?? {};
    const logger = options.logger ?? consoleLogger;
    const clock = options.clock ?? systemClock;
    const { index } = event.shard;
    const load = options.loadShardConfig ?? shardConfigLoader(env, aws);
    const { config, source } = await load(index);
    if (config.targets.length !== event.shard.count)
      throw new TunerConfigSourceError(
        `${source}: ${config.targets.length} target(s), but the state machine gave shard ${index} ${event.shard.count}: redeploy so both come from the same synth`,
      );
    const reportsUrl = s3ReportsOf(config, source);
    const open = options.stores ?? s3PrefixStores(aws);
    const root = open(reportsUrl);
    const shard = open(`${reportsUrl}${shardFolder(index)}`);

    let sharesText: string | null = null;
    try {
      sharesText = await root.source.read(HEADROOM_SHARES_NAME);
    } catch (error) {
      logger.warn(`${HEADROOM_SHARES_NAME} not read (${(error as Error).name}): an equal share`);
    }
    const { weight, note } = shardWeight(sharesText, index, event.shards);
    if (note !== undefined) logger.warn(note);
    const read = accountOf(event.account);
    const account =
      read instanceof Error
        ? read
        : shardAccountView(read, weight, config.guardrails.minUnreservedConcurrency);
    logger.info(
      `shard ${index + 1} of ${event.shards}: targets ${event.shard.first + 1}–${event.shard.first + event.shard.count} from ${source}; ${
        account instanceof Error
          ? 'account settings unread: no reservation is raised'
          : `${(weight * 100).toFixed(1)}% of the account's headroom (plans as if ${account.unreservedConcurrency} were unreserved)`
      }`,
    );

    const ports = (options.ports ?? ((c) => awsCyclePorts(c, { aws, clock })))(config);
    const remainingMs = context?.getRemainingTimeInMillis?.();
    const deadlineMs =
      remainingMs === undefined ? undefined : clock.now() + remainingMs - REPORT_RESERVE_MS;
    const result = await runTuningCycle({
      config,
      ...ports,
      stateReader: withAccount(ports.stateReader, account),
      memoryStore: new InheritedMemoryStore(shard.memory, root.memory),
      clock,
      logger,
      ...(deadlineMs === undefined ? {} : { deadlineMs }),
      ...(options.plannerOptions === undefined ? {} : { plannerOptions: options.plannerOptions }),
    });
    logger.info(result.markdown);

    let report: string | null = null;
    try {
      report = await shard.sink.write(
        SHARD_REPORT_NAME,
        `${JSON.stringify(result.report)}\n`,
        'application/json',
      );
    } catch (error) {
      // Not thrown: the cycle has acted, and a retried invocation would act again.
      const e = error as Error;
      logger.warn(`shard report not written (${e.name}: ${e.message}): the reconcile step says so`);
    }
    const { totals } = result.report;
    return {
      shard: index,
      status: result.report.status,
      targets: totals.targets,
      actionsPlanned: totals.actionsPlanned,
      actionsApplied: totals.actionsApplied,
      actionsFailed: totals.actionsFailed,
      apiErrors: result.apiErrors,
      report,
      weight,
      wantedReservation: wantedReservationIncrease(result.report.targets.map((t) => t.plan)),
    };
  };
}

/** The state reader, with the account replaced by the shard's view of it. */
function withAccount(reader: StateReader, account: ReturnType<typeof accountOf>): StateReader {
  return {
    readState: async (targets) => ({ ...(await reader.readState(targets)), account }),
  };
}

/** The shard handler, configured from `process.env`. */
export const handler = createShardHandler();
