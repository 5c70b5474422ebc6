/**
 * What Lambda itself accepts, so the config can reject what Lambda would reject.
 * Sources (checked 2026-11): Lambda API reference (CreateFunction, CreateAlias,
 * PutFunctionConcurrency, PutProvisionedConcurrencyConfig) and the developer guide
 * ("Configure Lambda function memory", "Lambda scaling behavior").
 */
export const LambdaLimits = {
  /** Memory range, MB, in 1 MB steps. */
  MEMORY_MIN_MB: 128,
  MEMORY_MAX_MB: 10_240,
  /** PutFunctionConcurrency refuses reservations that leave fewer unreserved executions than this. */
  MIN_UNRESERVED_CONCURRENCY: 100,
  /**
   * A bound for every concurrency in a config: above any account's concurrency quota (quotas
   * are raised on request to tens of thousands), so a larger value is a mistake, not a wish.
   */
  CONCURRENCY_MAX: 1_000_000,
  /** The longest an invocation may run, ms (the 15-minute timeout). */
  INVOCATION_MAX_MS: 900_000,
  FUNCTION_NAME_MAX_LENGTH: 64,
  ALIAS_NAME_MAX_LENGTH: 128,
} as const;

/** A bare function name. */
export const FUNCTION_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/** A full function ARN, optionally qualified: partition, Region, account, name, qualifier. */
export const FUNCTION_ARN_PATTERN =
  /^arn:(aws[a-zA-Z-]*):lambda:([a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d):(\d{12}):function:([a-zA-Z0-9_-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;

/** A published version number. */
export const VERSION_PATTERN = /^[1-9][0-9]*$/;

/** An alias name: letters, digits, `-` and `_`, not all digits (that would be a version). */
export const ALIAS_NAME_PATTERN = /^(?![0-9]+$)[a-zA-Z0-9_-]{1,128}$/;

/** An AWS Region code, e.g. `us-east-1`, `us-gov-west-1`. */
export const REGION_PATTERN = /^[a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d$/;

/** The unpublished version: never a tuning target. */
export const LATEST_QUALIFIER = '$LATEST';
