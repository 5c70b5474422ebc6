/** The lambda-thermostat CDK construct library. */

export { TunerRuntime } from './function/tunerFunction.ts';
export {
  ConfigSource,
  InferenceTuner,
  type InferenceTunerProps,
  InferenceTunerPropsError,
} from './inferenceTuner.ts';
export { TunerStatementId } from './permissions/tunerPolicyStatements.ts';
export type { TunerReportsProps } from './reports/tunerReportsBucket.ts';
export type {
  AliasTarget,
  InferenceTunerTarget,
  TargetTuning,
  VersionTarget,
} from './targets/tunedTarget.ts';
