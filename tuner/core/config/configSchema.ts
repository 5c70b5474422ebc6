/**
 * The shape of the SLO config as a user writes it (docs/architecture.md, "The SLO config"): every object strict (a typo is an
 * error, not a silently ignored key), every field checked where it stands. Defaults and the checks
 * that need several fields at once live in ./validateConfig.ts.
 */
import { z } from 'zod';
import { KNOBS } from '../plan.ts';
import { AwsPartition, isSupportedPartition, partitionOfRegion } from './awsPartition.ts';
import { parseFunctionArn } from './functionArn.ts';
import {
  ALIAS_NAME_PATTERN,
  FUNCTION_NAME_PATTERN,
  LATEST_QUALIFIER,
  LambdaLimits,
  REGION_PATTERN,
  VERSION_PATTERN,
} from './lambdaLimits.ts';
import { parseS3Url } from './s3Url.ts';
import { parseSchedule } from './schedule.ts';
import { sloInputSchema } from './sloSchema.ts';
import { showConfigValue as show } from './zodIssues.ts';

/** The largest value a field accepts, and what that bound is, for the message. */
interface UpperBound {
  readonly max: number;
  readonly why: string;
}

/**
 * A number with a lower bound (inclusive or not) and an upper one, with messages that quote
 * the value: every number in a config is bounded (a `1e300` is a mistake, not a setting).
 */
function numberAbove(limit: number, options: { inclusive: boolean; upper: UpperBound }) {
  const base = options.inclusive
    ? z.number().min(limit, { error: (issue) => `${show(issue.input)} is below ${limit}` })
    : z.number().gt(limit, { error: (issue) => `${show(issue.input)} is not above ${limit}` });
  return base.max(options.upper.max, {
    error: (issue) => `${show(issue.input)} is above ${options.upper.max} (${options.upper.why})`,
  });
}

const USD_MAX: UpperBound = { max: 1e9, why: 'a billion dollars a month' };
const COOLDOWN_MAX: UpperBound = { max: 7 * 24 * 60, why: 'a week' };
const TIMEOUT_MAX: UpperBound = { max: 3600, why: 'an hour' };
const WATCH_MAX: UpperBound = { max: 24 * 60, why: 'a day' };
const GROWTH_MAX: UpperBound = { max: 100, why: 'a hundredfold' };

/** The message for a concurrency above {@link LambdaLimits.CONCURRENCY_MAX}, or null. */
function concurrencyAboveMax(value: number): string | null {
  return value > LambdaLimits.CONCURRENCY_MAX
    ? `${show(value)} is above ${LambdaLimits.CONCURRENCY_MAX}, more than any account's concurrency`
    : null;
}

/** A fraction in (low, 1] or [low, high]. */
function fraction(low: number, high: number, lowInclusive: boolean) {
  const base = lowInclusive
    ? z.number().min(low, { error: (issue) => `${show(issue.input)} is below ${low}` })
    : z.number().gt(low, { error: (issue) => `${show(issue.input)} is not above ${low}` });
  return base.max(high, { error: (issue) => `${show(issue.input)} is above ${high}` });
}

/** `[min, max]`, whole numbers within Lambda's memory range. */
const memoryRange = z
  .tuple([z.number(), z.number()], { error: 'expected [minMb, maxMb]' })
  .superRefine((range, ctx) => {
    for (const value of range) {
      if (!Number.isInteger(value)) ctx.addIssue(`${show(value)} is not a whole number of MB`);
      else if (value < LambdaLimits.MEMORY_MIN_MB)
        ctx.addIssue(`${value} is below the Lambda minimum ${LambdaLimits.MEMORY_MIN_MB}`);
      else if (value > LambdaLimits.MEMORY_MAX_MB)
        ctx.addIssue(`${value} is above the Lambda maximum ${LambdaLimits.MEMORY_MAX_MB}`);
    }
    if (range[0] > range[1]) ctx.addIssue(`minimum ${range[0]} is above maximum ${range[1]}`);
  });

/** `[min, max]` provisioned concurrency: whole numbers, 0 or more. */
const provisionedRange = z
  .tuple([z.number(), z.number()], { error: 'expected [min, max]' })
  .superRefine((range, ctx) => {
    for (const value of range) {
      if (!Number.isInteger(value) || value < 0)
        ctx.addIssue(`${show(value)} is not a whole number of 0 or more`);
      else if (concurrencyAboveMax(value) !== null)
        ctx.addIssue(concurrencyAboveMax(value) as string);
    }
    if (range[0] > range[1]) ctx.addIssue(`minimum ${range[0]} is above maximum ${range[1]}`);
  });

/** `[min | null, max | null]` reserved concurrency (0 is checked with `allowZeroReserved`). */
const reservedRange = z
  .tuple([z.number().nullable(), z.number().nullable()], {
    error: 'expected [min or null, max or null]',
  })
  .superRefine((range, ctx) => {
    for (const value of range) {
      if (value !== null && (!Number.isInteger(value) || value < 0))
        ctx.addIssue(`${show(value)} is not a whole number of 0 or more`);
      else if (value !== null && concurrencyAboveMax(value) !== null)
        ctx.addIssue(concurrencyAboveMax(value) as string);
    }
    const [min, max] = range;
    if (min !== null && max !== null && min > max)
      ctx.addIssue(`minimum ${min} is above maximum ${max}`);
  });

/** A function name or a function ARN (never qualified with `$LATEST`). */
const functionField = z.string().superRefine((value, ctx) => {
  if (value.startsWith('arn:')) {
    const arn = parseFunctionArn(value);
    if (arn === null)
      ctx.addIssue(
        `malformed function ARN ${show(value)} (expected arn:aws:lambda:<region>:<account>:function:<name>[:<alias>])`,
      );
    else if (!isSupportedPartition(arn.partition))
      ctx.addIssue(
        `partition ${show(arn.partition)} is not supported (expected ${Object.values(AwsPartition).join(', ')})`,
      );
    else if (partitionOfRegion(arn.region) !== arn.partition)
      ctx.addIssue(
        `Region ${show(arn.region)} is not in partition ${show(arn.partition)} (it is in ${show(partitionOfRegion(arn.region) ?? 'an isolated partition')})`,
      );
    else if (arn.qualifier === LATEST_QUALIFIER)
      ctx.addIssue(
        '$LATEST cannot carry provisioned concurrency: qualify the ARN with an alias or a published version',
      );
  } else if (!FUNCTION_NAME_PATTERN.test(value)) {
    ctx.addIssue(
      `${show(value)} is neither a function name (letters, digits, - and _, up to 64) nor a function ARN`,
    );
  }
});

/** An alias name or a version number. */
const aliasField = z.string().superRefine((value, ctx) => {
  if (value === LATEST_QUALIFIER)
    ctx.addIssue(
      '$LATEST cannot carry provisioned concurrency: use an alias name or a published version number',
    );
  else if (!VERSION_PATTERN.test(value) && !ALIAS_NAME_PATTERN.test(value))
    ctx.addIssue(
      `${show(value)} is neither an alias name (letters, digits, - and _, not all digits) nor a version number`,
    );
});

const regionField = z
  .string()
  .regex(REGION_PATTERN, { error: (issue) => `${show(issue.input)} is not an AWS Region code` })
  .refine((region) => partitionOfRegion(region) !== undefined, {
    error: (issue) =>
      `${show(issue.input)} is in an isolated partition (supported: ${Object.values(AwsPartition).join(', ')})`,
  });

const knobField = z.enum(KNOBS as [string, ...string[]], {
  error: (issue) =>
    `unknown knob ${show(issue.input)} (expected provisionedConcurrency, memory or reservedConcurrency)`,
});

/** One target as written. */
export const targetInputSchema = z.strictObject({
  function: functionField,
  alias: aliasField.optional(),
  region: regionField.optional(),
  slo: sloInputSchema,
  bounds: z
    .strictObject({
      memoryMb: memoryRange.optional(),
      provisionedConcurrency: provisionedRange.optional(),
      reservedConcurrency: reservedRange.optional(),
    })
    .optional(),
  tune: z.array(knobField).optional(),
  budget: z
    .strictObject({ maxMonthlyUsd: numberAbove(0, { inclusive: false, upper: USD_MAX }) })
    .optional(),
  allowZeroReserved: z.boolean().optional(),
  paused: z.boolean().optional(),
});
export type TargetInput = z.infer<typeof targetInputSchema>;

/** Minutes, or `{ up, down }` minutes; a bare number sets both. */
const cooldownField = z.preprocess(
  (value) => (typeof value === 'number' ? { up: value, down: value } : value),
  z.strictObject({
    up: numberAbove(0, { inclusive: true, upper: COOLDOWN_MAX }).optional(),
    down: numberAbove(0, { inclusive: true, upper: COOLDOWN_MAX }).optional(),
  }),
);

const perKnob = <T extends z.ZodType>(field: T) =>
  z.strictObject({
    provisionedConcurrency: field.optional(),
    memory: field.optional(),
    reservedConcurrency: field.optional(),
  });

const guardrailsInputSchema = z.strictObject({
  cooldownMinutes: perKnob(cooldownField).optional(),
  scaleDownMaxStep: perKnob(fraction(0, 1, false)).optional(),
  safetyMargin: z
    .strictObject({
      initial: fraction(0, 0.9, true).optional(),
      min: fraction(0, 0.9, true).optional(),
      max: fraction(0, 0.9, true).optional(),
      growOnMiss: numberAbove(1, { inclusive: true, upper: GROWTH_MAX }).optional(),
      shrinkOnHit: fraction(0, 1, false).optional(),
    })
    .optional(),
  minUnreservedConcurrency: z
    .number()
    .int({ error: (issue) => `${show(issue.input)} is not a whole number` })
    .min(LambdaLimits.MIN_UNRESERVED_CONCURRENCY, {
      error: (issue) =>
        `${show(issue.input)} is below ${LambdaLimits.MIN_UNRESERVED_CONCURRENCY}: Lambda always keeps ${LambdaLimits.MIN_UNRESERVED_CONCURRENCY} unreserved`,
    })
    .max(LambdaLimits.CONCURRENCY_MAX, {
      error: (issue) => concurrencyAboveMax(issue.input as number) ?? 'is too large',
    })
    .optional(),
  pcAllocationTimeoutSec: numberAbove(0, { inclusive: false, upper: TIMEOUT_MAX }).optional(),
  functionUpdateTimeoutSec: numberAbove(0, { inclusive: false, upper: TIMEOUT_MAX }).optional(),
  rollback: z
    .strictObject({
      enabled: z.boolean().optional(),
      watchMinutes: numberAbove(0, { inclusive: false, upper: WATCH_MAX }).optional(),
      maxErrorRateIncrease: fraction(0, 1, true).optional(),
      maxThrottleRateIncrease: fraction(0, 1, true).optional(),
    })
    .optional(),
});
export type GuardrailsInput = z.infer<typeof guardrailsInputSchema>;

const reportsInputSchema = z
  .strictObject({
    s3: z
      .string()
      .refine((value) => parseS3Url(value) !== null, {
        error: (issue) => `${show(issue.input)} is not an s3://bucket/prefix/ URL`,
      })
      .optional(),
    dir: z.string().min(1, { error: 'must not be empty' }).optional(),
  })
  .refine((value) => (value.s3 === undefined) !== (value.dir === undefined), {
    error: 'give exactly one of s3 (s3://bucket/prefix/) or dir (./reports)',
  });

/**
 * The config as written, targets left as `unknown[]`: each target is checked on its own with
 * {@link targetInputSchema}, so one broken target does not hide the problems of the others.
 */
export const configInputSchema = z.strictObject({
  mode: z
    .enum(['recommend', 'apply'], {
      error: (issue) => `${show(issue.input)} is not a mode (expected recommend or apply)`,
    })
    .optional(),
  schedule: z
    .string()
    .refine((value) => parseSchedule(value) !== null, {
      error: (issue) =>
        `${show(issue.input)} is not an EventBridge schedule (expected e.g. rate(5 minutes) or cron(0/5 * * * ? *))`,
    })
    .optional(),
  namespace: z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(255, { error: 'is longer than 255 characters' })
    .optional(),
  region: regionField.optional(),
  targets: z.array(z.unknown()).min(1, { error: 'list at least one target' }),
  reports: reportsInputSchema.optional(),
  guardrails: guardrailsInputSchema.optional(),
});
export type ConfigInput = z.infer<typeof configInputSchema>;
