/**
 * The EventBridge Scheduler schedule that runs one cycle per tick. No retries: a failed cycle is
 * followed by the next one, and a retry could overlap it (the function's reserved concurrency of
 * 1 would throttle the retry anyway).
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { nagResourceName, WILDCARD_REASONS } from '../permissions/acknowledgedFindings.ts';

/** Options of {@link TunerSchedule}. */
export interface TunerScheduleProps {
  /** What to invoke each tick. */
  readonly target: IFunction;
  /** `rate(5 minutes)` or `cron(...)`, as in the config (already validated). */
  readonly expression: string;
  readonly enabled?: boolean;
}

/**
 * The schedule.
 *
 * @example
 * ```ts
 * new TunerSchedule(this, 'Schedule', { target: tuner.function, expression: 'rate(5 minutes)' });
 * ```
 */
export class TunerSchedule extends Construct {
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: TunerScheduleProps) {
    super(scope, id);
    // A role of its own (not the stack-wide one CDK shares between targets), so its one finding
    // can be acknowledged here.
    // Only schedules of this account's default group may assume it (confused deputy), as the
    // role CDK would make.
    const stack = Stack.of(this);
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({
              service: 'scheduler',
              resource: 'schedule-group',
              resourceName: 'default',
            }),
          },
        },
      }),
    });
    this.schedule = new Schedule(this, 'Schedule', {
      schedule: ScheduleExpression.expression(props.expression),
      target: new LambdaInvoke(props.target, {
        role,
        retryAttempts: 0,
        maxEventAge: Duration.minutes(5),
      }),
      description: 'lambda-thermostat: one tuning cycle',
      enabled: props.enabled ?? true,
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${nagResourceName(stack, props.target.functionArn)}:*]`,
      reason: WILDCARD_REASONS.invokeVersions,
    });
  }
}
