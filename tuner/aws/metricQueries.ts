/**
 * The GetMetricData queries for the tuner's per-minute metrics: per target, the SDK's EMF metrics
 * and AWS/Lambda's, both by FunctionName + Resource (`name:qualifier`).
 *
 * The Resource dimension, per the Lambda developer guide (checked 2026-11):
 * - "Viewing metrics" / "Types of metrics": Resource = a version or alias of a function, so
 *   Invocations, Errors, Throttles, Duration and the provisioned-concurrency invocation metrics
 *   are filterable by it; ExecutedVersion splits an alias's metrics by version.
 * - "Monitoring concurrency": ConcurrentExecutions is emitted "for all functions, versions, and
 *   aliases"; ProvisionedConcurrentExecutions / ProvisionedConcurrencyUtilization "for each
 *   function version and alias with provisioned concurrency configured" (absent without PC:
 *   our fields read null / 0 then, which is what IntervalMetrics says they mean).
 *   UnreservedConcurrentExecutions and ClaimedAccountConcurrency are Region-wide only.
 * - The value is `name:qualifier` (the AWS CDK's alias metrics use exactly this since aws-cdk
 *   #3728); the docs give no per-metric dimension table, and the CDK's generated table lists
 *   Resource for every Lambda metric, including Region-wide ones, so it proves nothing more.
 *   A target with SDK data but no AWS/Lambda datapoints gets a note (see assembleObservation).
 */
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { Dimension, Metric } from '@lambda-thermostat/sdk/emf';
import { ALL_OBSERVED_FIELDS, type ObservedField } from '../core/observe/observedFields.ts';
import type { TargetQuery } from '../core/ports.ts';

/** Which namespace a field comes from. */
export const MetricOrigin = {
  SDK: 'sdk',
  LAMBDA: 'lambda',
} as const;
export type MetricOrigin = (typeof MetricOrigin)[keyof typeof MetricOrigin];

/** The AWS/Lambda namespace. */
export const LAMBDA_NAMESPACE = 'AWS/Lambda';

/** One statistic of one metric, for every target. */
export interface MetricField {
  readonly key: string;
  /** The value it fills (an `IntervalMetrics` field, or the percentile rank). */
  readonly field: ObservedField;
  readonly origin: MetricOrigin;
  readonly metricName: string;
  /** The statistic; `PR(:<slo>)` depends on the target's SLO. */
  readonly stat: (target: TargetQuery) => string;
  /** For the SDK's metrics: the unit the SDK emits it in (the telemetry contract's). */
  readonly unit?: string;
}

const fixed = (stat: string) => () => stat;

/**
 * Every field queried, in the order of `IntervalMetrics`. Keys are valid query-id parts. The SDK's
 * metric names and units come from its contract (sdk/emf/telemetryContract.ts), not retyped.
 */
export const METRIC_FIELDS = [
  {
    key: 'invocations',
    field: 'invocations',
    origin: 'lambda',
    metricName: 'Invocations',
    stat: fixed('Sum'),
  },
  {
    key: 'throttles',
    field: 'throttles',
    origin: 'lambda',
    metricName: 'Throttles',
    stat: fixed('Sum'),
  },
  { key: 'errors', field: 'errors', origin: 'lambda', metricName: 'Errors', stat: fixed('Sum') },
  {
    key: 'durationP50',
    field: 'durationP50Ms',
    origin: 'lambda',
    metricName: 'Duration',
    stat: fixed('p50'),
  },
  {
    key: 'durationP99',
    field: 'durationP99Ms',
    origin: 'lambda',
    metricName: 'Duration',
    stat: fixed('p99'),
  },
  {
    key: 'concurrencyMax',
    field: 'concurrencyMax',
    origin: 'lambda',
    metricName: 'ConcurrentExecutions',
    stat: fixed('Maximum'),
  },
  {
    key: 'pcUtilizationMax',
    field: 'pcUtilizationMax',
    origin: 'lambda',
    metricName: 'ProvisionedConcurrencyUtilization',
    stat: fixed('Maximum'),
  },
  {
    key: 'pcUtilizationAvg',
    field: 'pcUtilizationAvg',
    origin: 'lambda',
    metricName: 'ProvisionedConcurrencyUtilization',
    stat: fixed('Average'),
  },
  {
    key: 'spillover',
    field: 'spillover',
    origin: 'lambda',
    metricName: 'ProvisionedConcurrencySpilloverInvocations',
    stat: fixed('Sum'),
  },
  {
    key: 'e2eP50',
    field: 'e2eP50Ms',
    origin: 'sdk',
    metricName: Metric.EndToEndLatency.name,
    unit: Metric.EndToEndLatency.unit,
    stat: fixed('p50'),
  },
  {
    key: 'e2eP99',
    field: 'e2eP99Ms',
    origin: 'sdk',
    metricName: Metric.EndToEndLatency.name,
    unit: Metric.EndToEndLatency.unit,
    stat: fixed('p99'),
  },
  // Percentile rank: the share of samples at or below the SLO, 0..100 (for reports).
  {
    key: 'e2eWithinSlo',
    field: 'withinSloPercent',
    origin: 'sdk',
    metricName: Metric.EndToEndLatency.name,
    unit: Metric.EndToEndLatency.unit,
    stat: (t: TargetQuery) => `PR(:${t.sloP99Ms})`,
  },
  // The SDK writes InitDuration on user-facing cold starts only: its SampleCount counts them.
  {
    key: 'coldStarts',
    field: 'coldStarts',
    origin: 'sdk',
    metricName: Metric.InitDuration.name,
    unit: Metric.InitDuration.unit,
    stat: fixed('SampleCount'),
  },
  {
    key: 'initP50',
    field: 'initP50Ms',
    origin: 'sdk',
    metricName: Metric.InitDuration.name,
    unit: Metric.InitDuration.unit,
    stat: fixed('p50'),
  },
  {
    key: 'cpuTimeAvg',
    field: 'cpuTimeAvgMs',
    origin: 'sdk',
    metricName: Metric.CpuTime.name,
    unit: Metric.CpuTime.unit,
    stat: fixed('Average'),
  },
  // Handler wall time: AWS/Lambda's Duration is the same measure and costs no custom metric.
  {
    key: 'invokeLatencyAvg',
    field: 'invokeLatencyAvgMs',
    origin: 'lambda',
    metricName: 'Duration',
    stat: fixed('Average'),
  },
] as const satisfies readonly MetricField[];

export type MetricFieldKey = (typeof METRIC_FIELDS)[number]['key'];

/** Where a query id leads back to. */
export interface QueryOrigin {
  readonly targetIndex: number;
  readonly field: MetricFieldKey;
}

/**
 * The query id of a target's field: `t<index>_<field>`, which matches GetMetricData's
 * `^[a-z][a-zA-Z0-9_]*$` and is unique per (target, field).
 *
 * @example
 * ```ts
 * queryId(3, 'e2eP99'); // 't3_e2eP99'
 * ```
 */
export function queryId(targetIndex: number, field: MetricFieldKey): string {
  return `t${targetIndex}_${field}`;
}

/**
 * Builds the queries for the targets (one per field read: 16 per target for every field), and
 * the map from query id back to target and field.
 *
 * @example
 * ```ts
 * const { queries, origins } = buildMetricQueries([{ ref: { functionName: 'ocr', qualifier: 'live' }, sloP99Ms: 300 }], 'LambdaThermostat', 60);
 * queries.length; // 16
 * ```
 */
export function buildMetricQueries(
  targets: readonly TargetQuery[],
  defaultNamespace: string,
  periodSec: number,
  fields: readonly ObservedField[] = ALL_OBSERVED_FIELDS,
): { queries: MetricDataQuery[]; origins: Map<string, QueryOrigin> } {
  const read = METRIC_FIELDS.filter((field) => fields.includes(field.field));
  const queries: MetricDataQuery[] = [];
  const origins = new Map<string, QueryOrigin>();
  targets.forEach((target, targetIndex) => {
    const { functionName, qualifier } = target.ref;
    const dimensions = [
      { Name: Dimension.FunctionName, Value: functionName },
      { Name: Dimension.Resource, Value: `${functionName}:${qualifier}` },
    ];
    for (const field of read) {
      const id = queryId(targetIndex, field.key);
      const namespace =
        field.origin === MetricOrigin.LAMBDA
          ? LAMBDA_NAMESPACE
          : (target.namespace ?? defaultNamespace);
      queries.push({
        Id: id,
        MetricStat: {
          Metric: { Namespace: namespace, MetricName: field.metricName, Dimensions: dimensions },
          Period: periodSec,
          Stat: field.stat(target),
        },
        ReturnData: true,
      });
      origins.set(id, { targetIndex, field: field.key });
    }
  });
  return { queries, origins };
}
