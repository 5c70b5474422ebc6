/**
 * One Application Signals service level objective per target, defined exactly as the tuner
 * steers: the p99 of the SDK's `EndToEndLatency` per 5-minute window at most the target, met in
 * the goal's share of windows (99% by default: the README's "windows ok"). CloudWatch's SLO view
 * then shows the SLO the tuner works to.
 */
import { CfnServiceLevelObjective } from 'aws-cdk-lib/aws-applicationsignals';
import { Construct } from 'constructs';
import { targetDimensions } from '../dashboard/fleetDashboard.ts';
import type { ResolvedTarget } from '../targets/tunedTarget.ts';

/** Options of {@link TargetServiceLevelObjectives}. */
export interface TargetServiceLevelObjectivesProps {
  readonly targets: readonly ResolvedTarget[];
  readonly namespace: string;
  /** Percentage of good windows. Default 99. */
  readonly attainmentGoal?: number;
  /** Rolling interval, days. Default 30. */
  readonly intervalDays?: number;
}

/** Seconds in a window the SLO is judged on: the tuner's 5-minute window. */
export const SLO_WINDOW_SECONDS = 300;

/**
 * The objectives.
 *
 * @example
 * ```ts
 * new TargetServiceLevelObjectives(this, 'Slos', { targets, namespace: 'LambdaThermostat' });
 * ```
 */
export class TargetServiceLevelObjectives extends Construct {
  readonly objectives: CfnServiceLevelObjective[];

  constructor(scope: Construct, id: string, props: TargetServiceLevelObjectivesProps) {
    super(scope, id);
    this.objectives = props.targets.map(
      (target, index) =>
        new CfnServiceLevelObjective(this, `Target${index}`, {
          name: `thermostat-${this.node.addr.slice(0, 8)}-${index}`,
          description: `p99 end-to-end latency of ${target.functionName}:${target.qualifier} at most ${target.tuning.slo.p99Ms} ms per 5-minute window (lambda-thermostat)`,
          sli: {
            comparisonOperator: 'LessThanOrEqualTo',
            metricThreshold: target.tuning.slo.p99Ms,
            sliMetric: {
              metricDataQueries: [
                {
                  id: 'p99',
                  returnData: true,
                  metricStat: {
                    metric: {
                      namespace: props.namespace,
                      metricName: 'EndToEndLatency',
                      dimensions: Object.entries(targetDimensions(target)).map(([name, value]) => ({
                        name,
                        value,
                      })),
                    },
                    period: SLO_WINDOW_SECONDS,
                    stat: 'p99',
                    unit: 'Milliseconds',
                  },
                },
              ],
            },
          },
          goal: {
            attainmentGoal: props.attainmentGoal ?? 99,
            warningThreshold: 50,
            interval: {
              rollingInterval: { duration: props.intervalDays ?? 30, durationUnit: 'DAY' },
            },
          },
        }),
    );
  }
}
