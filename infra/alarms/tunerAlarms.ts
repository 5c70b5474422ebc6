/**
 * Alarms on the tuner itself: the function failed, a cycle hit AWS API errors (the tuner's own
 * `ApiErrors` metric, tuner/aws/cycle/tunerMetrics.ts), or no cycle ran for three intervals
 * (a schedule disabled or a function throttled).
 */

import { TUNER_NAMESPACE } from '@lambda-thermostat/tuner/metrics';
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IAlarmAction,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** Options of {@link TunerAlarms}. */
export interface TunerAlarmsProps {
  readonly tuner: IFunction;
  /** The schedule's interval, minutes (5 when the schedule is a cron expression). */
  readonly intervalMinutes: number;
  /** Where alarms notify, e.g. an `SnsAction`. */
  readonly actions?: readonly IAlarmAction[];
}

/**
 * The alarms.
 *
 * @example
 * ```ts
 * new TunerAlarms(this, 'Alarms', { tuner: fn, intervalMinutes: 5, actions: [new SnsAction(topic)] });
 * ```
 */
export class TunerAlarms extends Construct {
  readonly errors: Alarm;
  readonly apiErrors: Alarm;
  readonly notRunning: Alarm;

  constructor(scope: Construct, id: string, props: TunerAlarmsProps) {
    super(scope, id);
    const period = Duration.minutes(Math.max(1, props.intervalMinutes));
    this.errors = new Alarm(this, 'Errors', {
      alarmDescription: 'The lambda-thermostat tuner failed a cycle (see its log group).',
      metric: props.tuner.metricErrors({ period, statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.apiErrors = new Alarm(this, 'ApiErrors', {
      alarmDescription:
        'Two of the last three tuner cycles had AWS API errors (the cycle report says which).',
      metric: new Metric({
        namespace: TUNER_NAMESPACE,
        metricName: 'ApiErrors',
        dimensionsMap: { Tuner: props.tuner.functionName },
        statistic: 'Sum',
        period,
      }),
      threshold: 1,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // A cycle without errors declares no ApiErrors (a metric is billed by the hour it has
      // data): its missing datapoint is the 0 it stands for.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.notRunning = new Alarm(this, 'NotRunning', {
      alarmDescription: 'No tuner cycle ran for three schedule intervals.',
      metric: props.tuner.metricInvocations({ period: period.plus(period).plus(period) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.BREACHING,
    });
    for (const alarm of [this.errors, this.apiErrors, this.notRunning])
      for (const action of props.actions ?? []) alarm.addAlarmAction(action);
  }
}
