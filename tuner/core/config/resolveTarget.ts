/**
 * One target as written → one target as the tuner uses it: name and qualifier split out of an
 * ARN, Region resolved, defaults filled in, and the rules that need several fields checked.
 */
import type { Knob, TargetRef } from '../plan.ts';
import { CONFIG_DEFAULTS } from './configDefaults.ts';
import type { PathIssue, PathSegments } from './configPath.ts';
import type { TargetInput } from './configSchema.ts';
import { parseFunctionArn } from './functionArn.ts';
import { resolveSlo } from './sloSchema.ts';
import type { ReservedRange, TargetConfig } from './thermostatConfig.ts';

/** The resolved target, or none when a rule failed, and the problems found. */
export interface ResolvedTarget {
  readonly target: TargetConfig | undefined;
  readonly issues: readonly PathIssue[];
}

/**
 * Resolves one target validated by `targetInputSchema`.
 *
 * @example
 * ```ts
 * resolveTarget({ function: 'ocr', alias: 'live', slo: { p99Ms: 300 } }, 0, 'eu-west-1').target?.ref;
 * // { functionName: 'ocr', qualifier: 'live', region: 'eu-west-1' }
 * ```
 */
export function resolveTarget(
  input: TargetInput,
  index: number,
  defaultRegion: string | undefined,
): ResolvedTarget {
  const issues: PathIssue[] = [];
  const at = (...segments: PathSegments): PathSegments => ['targets', index, ...segments];
  const problem = (segments: PathSegments, message: string) => issues.push({ segments, message });

  const arn = input.function.startsWith('arn:') ? parseFunctionArn(input.function) : null;
  const functionName = arn?.functionName ?? input.function;
  const qualifier = input.alias ?? arn?.qualifier;
  if (input.alias !== undefined && arn?.qualifier !== undefined && input.alias !== arn.qualifier)
    problem(
      at('alias'),
      `"${input.alias}" contradicts the qualifier "${arn.qualifier}" of the function ARN`,
    );
  if (qualifier === undefined)
    problem(
      at('alias'),
      'is required: provisioned concurrency lives on an alias or a published version (or qualify the function ARN)',
    );
  if (input.region !== undefined && arn !== null && input.region !== arn.region)
    problem(
      at('region'),
      `"${input.region}" contradicts the Region "${arn.region}" of the function ARN`,
    );
  const region = arn?.region ?? input.region ?? defaultRegion;

  const allowZeroReserved = input.allowZeroReserved ?? CONFIG_DEFAULTS.allowZeroReserved;
  const reserved: ReservedRange =
    input.bounds?.reservedConcurrency ?? CONFIG_DEFAULTS.bounds.reservedConcurrency;
  if (!allowZeroReserved && reserved.includes(0))
    problem(
      at('bounds', 'reservedConcurrency'),
      'reserved concurrency 0 stops the function: set allowZeroReserved: true on this target to allow it',
    );

  const reservedMax = reserved[1];
  const givenPc = input.bounds?.provisionedConcurrency;
  if (givenPc !== undefined && reservedMax !== null && givenPc[1] > reservedMax)
    problem(
      at('bounds', 'provisionedConcurrency'),
      `maximum ${givenPc[1]} is above the reserved-concurrency maximum ${reservedMax} (Lambda refuses provisioned concurrency above reserved)`,
    );
  const defaultPcMax = CONFIG_DEFAULTS.bounds.provisionedConcurrencyMax;
  const provisionedConcurrency = givenPc ?? [
    0,
    Math.min(defaultPcMax, reservedMax ?? defaultPcMax),
  ];

  const tune: readonly Knob[] = (input.tune as Knob[] | undefined) ?? CONFIG_DEFAULTS.tune;
  tune.forEach((knob, position) => {
    if (tune.indexOf(knob) !== position) problem(at('tune', position), `"${knob}" is listed twice`);
  });

  if (issues.length > 0 || qualifier === undefined) return { target: undefined, issues };
  const ref: TargetRef =
    arn !== null
      ? {
          functionName,
          qualifier,
          region: arn.region,
          accountId: arn.accountId,
          partition: arn.partition,
        }
      : region === undefined
        ? { functionName, qualifier }
        : { functionName, qualifier, region };
  const target: TargetConfig = {
    function: input.function,
    functionName,
    qualifier,
    ...(region === undefined ? {} : { region }),
    ...(arn === null ? {} : { accountId: arn.accountId }),
    ref,
    slo: resolveSlo(input.slo),
    bounds: {
      memoryMb: input.bounds?.memoryMb ?? CONFIG_DEFAULTS.bounds.memoryMb,
      provisionedConcurrency,
      reservedConcurrency: reserved,
    },
    tune,
    ...(input.budget === undefined
      ? {}
      : { budget: { maxMonthlyUsd: input.budget.maxMonthlyUsd } }),
    allowZeroReserved,
    paused: input.paused ?? CONFIG_DEFAULTS.paused,
  };
  return { target, issues };
}
