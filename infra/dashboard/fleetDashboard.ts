/**
 * A CloudWatch dashboard of the tuned fleet, one row per target: p99 end-to-end latency against
 * the SLO, cold starts, provisioned concurrency and spill-over, and the estimated cost — from the
 * SDK's metrics (namespace, `FunctionName` + `Resource`, README "The SDK") and AWS/Lambda's.
 */
import { Duration } from 'aws-cdk-lib';
import {
  Dashboard,
  GraphWidget,
  type HorizontalAnnotation,
  Metric,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { ResolvedTarget } from '../targets/tunedTarget.ts';

/** Options of {@link FleetDashboard}. */
export interface FleetDashboardProps {
  readonly targets: readonly ResolvedTarget[];
  /** The SDK's EMF namespace (the config's `namespace`). */
  readonly namespace: string;
  readonly dashboardName?: string;
}

const PERIOD = Duration.minutes(5);

/** The dimensions the SDK and AWS/Lambda share for an alias or version. */
export function targetDimensions(target: ResolvedTarget): Record<string, string> {
  return {
    FunctionName: target.functionName,
    Resource: `${target.functionName}:${target.qualifier}`,
  };
}

/**
 * The dashboard.
 *
 * @example
 * ```ts
 * new FleetDashboard(this, 'Dashboard', { targets, namespace: 'LambdaThermostat' });
 * ```
 */
export class FleetDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: FleetDashboardProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      ...(props.dashboardName === undefined ? {} : { dashboardName: props.dashboardName }),
      defaultInterval: Duration.hours(6),
    });
    props.targets.forEach((target, index) => {
      const dimensionsMap = targetDimensions(target);
      const sdk = (metricName: string, statistic: string, label: string) =>
        new Metric({
          namespace: props.namespace,
          metricName,
          dimensionsMap,
          statistic,
          period: PERIOD,
          label,
        });
      const lambda = (metricName: string, statistic: string, label: string) =>
        new Metric({
          namespace: 'AWS/Lambda',
          metricName,
          dimensionsMap,
          statistic,
          period: PERIOD,
          label,
        });
      const { p99Ms, requestBasedSli } = target.tuning.slo;
      const slo = p99Ms ?? (requestBasedSli?.latencyMs as number);
      const sloText =
        p99Ms !== undefined
          ? `p99 ≤ ${slo} ms per 5-minute window`
          : `requests within ${slo} ms end to end (request-based)`;
      this.dashboard.addWidgets(
        new TextWidget({
          markdown: `### Target ${index + 1}: ${sloText}`,
          width: 24,
          height: 1,
        }),
      );
      this.dashboard.addWidgets(
        new GraphWidget({
          title: 'p99 end-to-end latency vs SLO (ms)',
          left: [sdk('EndToEndLatency', 'p99', 'p99')],
          leftAnnotations: [
            { value: slo, label: 'SLO', color: '#d62728' } satisfies HorizontalAnnotation,
          ],
          width: 6,
        }),
        new GraphWidget({
          title: 'Cold starts and invocations',
          left: [sdk('ColdStart', 'Sum', 'cold starts')],
          right: [sdk('Invocations', 'Sum', 'invocations')],
          width: 6,
        }),
        new GraphWidget({
          title: 'Provisioned concurrency and spill-over',
          left: [lambda('ProvisionedConcurrentExecutions', 'Maximum', 'provisioned in use')],
          right: [lambda('ProvisionedConcurrencySpilloverInvocations', 'Sum', 'spill-over')],
          width: 6,
        }),
        new GraphWidget({
          title: 'Estimated cost (USD per 5 minutes)',
          left: [sdk('Cost', 'Sum', 'invocation cost')],
          width: 6,
        }),
      );
    });
  }
}
