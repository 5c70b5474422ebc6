/**
 * One Application Signals service level objective per target, the SLO the tuner steers to
 * (the target's validated `slo`, tuner/core/slo/serviceLevelObjective.ts): period-based, the p99
 * of the SDK's `EndToEndLatency` per 5-minute period within the threshold, in the goal's share of
 * periods; or request-based, the requests whose `EndToEndLatency` is within the threshold
 * (`TC(:threshold)`: CloudWatch counts values at or below the bound) out of all requests, the
 * throttled ones (AWS/Lambda `Throttles`) counted among them as bad. The goal — attainment,
 * rolling or calendar interval, warning threshold — is the target's, so CloudWatch's SLO view
 * shows the error budget the tuner spends.
 */

import type { ServiceLevelObjective, SloGoal } from '@lambda-thermostat/tuner/config';
import { CfnServiceLevelObjective } from 'aws-cdk-lib/aws-applicationsignals';
import { Construct } from 'constructs';
import { targetDimensions } from '../dashboard/fleetDashboard.ts';
import type { ResolvedTarget } from '../targets/tunedTarget.ts';

/** A target and the SLO its validated config gives it. */
export interface TargetObjective {
  readonly target: ResolvedTarget;
  readonly objective: ServiceLevelObjective;
}

/** Options of {@link TargetServiceLevelObjectives}. */
export interface TargetServiceLevelObjectivesProps {
  readonly targets: readonly TargetObjective[];
  readonly namespace: string;
}

const MINUTE_SECONDS = 60;

/**
 * The objectives.
 *
 * @example
 * ```ts
 * new TargetServiceLevelObjectives(this, 'Slos', {
 *   targets: [{ target, objective: config.targets[0].slo }],
 *   namespace: 'LambdaThermostat',
 * });
 * ```
 */
export class TargetServiceLevelObjectives extends Construct {
  readonly objectives: CfnServiceLevelObjective[];

  constructor(scope: Construct, id: string, props: TargetServiceLevelObjectivesProps) {
    super(scope, id);
    this.objectives = props.targets.map(
      ({ target, objective }, index) =>
        new CfnServiceLevelObjective(this, `Target${index}`, {
          name: `thermostat-${this.node.addr.slice(0, 8)}-${index}`,
          description: `${describeIndicator(target, objective)} (lambda-thermostat)`,
          ...(objective.kind === 'period'
            ? { sli: periodSli(target, objective.p99Ms, objective.periodMinutes, props.namespace) }
            : { requestBasedSli: requestSli(target, objective.latencyMs, props.namespace) }),
          goal: goalProperty(objective.goal),
        }),
    );
  }
}

function describeIndicator(target: ResolvedTarget, objective: ServiceLevelObjective): string {
  const of = `${target.functionName}:${target.qualifier}`;
  return objective.kind === 'period'
    ? `p99 end-to-end latency of ${of} at most ${objective.p99Ms} ms per ${objective.periodMinutes}-minute window`
    : `requests to ${of} answered end to end within ${objective.latencyMs} ms`;
}

function dimensions(target: ResolvedTarget) {
  return Object.entries(targetDimensions(target)).map(([name, value]) => ({ name, value }));
}

function periodSli(
  target: ResolvedTarget,
  p99Ms: number,
  periodMinutes: number,
  namespace: string,
): CfnServiceLevelObjective.SliProperty {
  return {
    comparisonOperator: 'LessThanOrEqualTo',
    metricThreshold: p99Ms,
    sliMetric: {
      metricDataQueries: [
        {
          id: 'p99',
          returnData: true,
          metricStat: {
            metric: { namespace, metricName: 'EndToEndLatency', dimensions: dimensions(target) },
            period: periodMinutes * MINUTE_SECONDS,
            stat: 'p99',
            unit: 'Milliseconds',
          },
        },
      ],
    },
  };
}

function requestSli(
  target: ResolvedTarget,
  latencyMs: number,
  namespace: string,
): CfnServiceLevelObjective.RequestBasedSliProperty {
  const e2e = (id: string, stat: string): CfnServiceLevelObjective.MetricDataQueryProperty => ({
    id,
    returnData: id === 'good',
    metricStat: {
      metric: { namespace, metricName: 'EndToEndLatency', dimensions: dimensions(target) },
      period: MINUTE_SECONDS,
      stat,
      unit: 'Milliseconds',
    },
  });
  return {
    requestBasedSliMetric: {
      monitoredRequestCountMetric: { goodCountMetric: [e2e('good', `TC(:${latencyMs})`)] },
      totalRequestCountMetric: [
        e2e('served', 'SampleCount'),
        {
          id: 'throttles',
          returnData: false,
          metricStat: {
            metric: {
              namespace: 'AWS/Lambda',
              metricName: 'Throttles',
              dimensions: dimensions(target),
            },
            period: MINUTE_SECONDS,
            stat: 'Sum',
          },
        },
        { id: 'total', returnData: true, expression: 'served + FILL(throttles, 0)' },
      ],
    },
  };
}

function goalProperty(goal: SloGoal): CfnServiceLevelObjective.GoalProperty {
  const { interval } = goal;
  return {
    attainmentGoal: goal.attainmentGoal,
    warningThreshold: goal.warningThreshold,
    interval:
      interval.kind === 'rolling'
        ? {
            rollingInterval: { duration: interval.duration, durationUnit: interval.durationUnit },
          }
        : {
            calendarInterval: {
              startTime: Math.floor(interval.startTimeMs / 1000),
              duration: interval.duration,
              durationUnit: interval.durationUnit,
            },
          },
  };
}
