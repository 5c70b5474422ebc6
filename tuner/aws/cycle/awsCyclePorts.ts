import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { ThermostatConfig } from '../../core/config/thermostatConfig.ts';
import type { Actuator, MetricsSource, StateReader } from '../../core/ports.ts';
import { type AwsClientOptions, sharedClientConfig } from '../awsClientOptions.ts';
import { withBasicStatisticsOnly } from '../basicStatisticsOnly.ts';
import type { Clock } from '../clock.ts';
import { CloudWatchMetricsSource } from '../cloudWatchMetricsSource.ts';
import { LambdaActuator } from '../lambdaActuator.ts';
import { LambdaStateReader } from '../lambdaStateReader.ts';
import { acceptXmlErrorResponses } from '../xmlErrorResponses.ts';

/** How to reach AWS for a cycle. */
export interface AwsCyclePortsOptions {
  readonly aws?: AwsClientOptions;
  /**
   * `aws.endpoint` is an AWS emulator such as moto_server, which has no provisioned-concurrency
   * API and no percentile statistics: the adapters skip the one and read basic statistics
   * instead of the other (see ../basicStatisticsOnly.ts).
   */
  readonly emulator?: boolean;
  /** Time for the actuator's bounded waits. */
  readonly clock?: Clock;
  /** An upper bound on every actuation wait, ms (e.g. what is left of a Lambda invocation). */
  readonly maxWaitMs?: number;
}

/** The AWS ports of a cycle. */
export interface AwsCyclePorts {
  readonly metricsSource: MetricsSource;
  readonly stateReader: StateReader;
  readonly actuator: Actuator;
}

/**
 * Builds the CloudWatch metrics source, the Lambda state reader and the Lambda actuator for a
 * config, the actuator's waits bounded by the config's guardrails.
 *
 * @example
 * ```ts
 * const ports = awsCyclePorts(config, { aws: { region: 'eu-west-1' } });
 * await runTuningCycle({ config, ...ports, memoryStore, clock: systemClock });
 * ```
 */
export function awsCyclePorts(
  config: ThermostatConfig,
  options: AwsCyclePortsOptions = {},
): AwsCyclePorts {
  const aws = options.aws ?? {};
  const emulator = options.emulator === true;
  const cap = (ms: number) => Math.max(0, Math.min(ms, options.maxWaitMs ?? ms));
  return {
    metricsSource: new CloudWatchMetricsSource({
      aws,
      namespace: config.namespace,
      ...(emulator
        ? {
            clientFor: (region: string | undefined) =>
              withBasicStatisticsOnly(
                acceptXmlErrorResponses(new CloudWatchClient(sharedClientConfig(aws, region))),
              ),
          }
        : {}),
    }),
    stateReader: new LambdaStateReader({ aws, provisionedConcurrencyApi: !emulator }),
    actuator: new LambdaActuator({
      aws,
      provisionedConcurrencyApi: !emulator,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      waits: {
        functionUpdateTimeoutMs: cap(config.guardrails.functionUpdateTimeoutSec * 1000),
        provisionedReadyTimeoutMs: cap(config.guardrails.pcAllocationTimeoutSec * 1000),
      },
    }),
  };
}
