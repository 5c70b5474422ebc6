/**
 * The SLO config: schema, defaults, parsing and errors; `@lambda-thermostat/tuner/config` (the
 * construct in infra/ validates its props with it at synth).
 */
export { Knob } from '../plan.ts';
export {
  DurationUnit,
  describeSlo,
  type PeriodBasedSlo,
  type RequestBasedSlo,
  type ServiceLevelObjective,
  type SloGoal,
  type SloInterval,
  SloKind,
} from '../slo/serviceLevelObjective.ts';
export { CONFIG_DEFAULTS } from './configDefaults.ts';
export { ConfigError, type ConfigIssue, formatConfigIssue } from './configError.ts';
export type { GuardrailsInput } from './configSchema.ts';
export { type FunctionArnParts, parseFunctionArn } from './functionArn.ts';
export { LambdaLimits } from './lambdaLimits.ts';
export {
  CONFIG_MAX_CHARS,
  ConfigFormat,
  detectConfigFormat,
  type ParseConfigOptions,
  parseConfig,
} from './parseConfig.ts';
export { parseS3Url, type S3Location } from './s3Url.ts';
export { parseSchedule, type Schedule } from './schedule.ts';
export { resolveSlo, type SloInput, sloInputSchema } from './sloSchema.ts';
export type {
  Cooldown,
  GuardrailsConfig,
  Range,
  ReportsConfig,
  ReservedRange,
  RollbackConfig,
  SafetyMarginConfig,
  TargetBounds,
  TargetConfig,
  ThermostatConfig,
} from './thermostatConfig.ts';
export { TunerMode } from './thermostatConfig.ts';
export { type ValidateConfigOptions, validateConfig } from './validateConfig.ts';
