import type {
  GuardrailsConfig,
  TargetConfig,
  ThermostatConfig,
} from '../../../tuner/core/config/thermostatConfig.ts';
import { validateConfig } from '../../../tuner/core/config/validateConfig.ts';
import type { FunctionState } from '../../../tuner/core/ports.ts';
import type { IntervalMetrics } from '../../../tuner/sim/intervalMetrics.ts';

/** A validated config with one target (fields as a user writes them). */
export function configWith(
  target: Record<string, unknown> = {},
  rest: Record<string, unknown> = {},
): ThermostatConfig {
  return validateConfig({
    mode: 'apply',
    targets: [{ function: 'ocr-detector', alias: 'live', slo: { p99Ms: 200 }, ...target }],
    ...rest,
  });
}

export function targetOf(config: ThermostatConfig): TargetConfig {
  return config.targets[0] as TargetConfig;
}

export function guardrailsOf(config: ThermostatConfig): GuardrailsConfig {
  return config.guardrails;
}

/** The state of `ocr-detector:live` as the Lambda API would report it. */
export function functionState(overrides: Partial<FunctionState> = {}): FunctionState {
  return {
    functionName: 'ocr-detector',
    qualifier: 'live',
    arn: 'arn:aws:lambda:us-east-1:123456789012:function:ocr-detector:live',
    aliasVersion: '7',
    memoryMb: 1769,
    architecture: 'x86_64',
    codeSha256: 'sha-7',
    latestCodeSha256: 'sha-7',
    latestMemoryMb: 1769,
    provisioned: null,
    reservedConcurrency: null,
    tags: {},
    ...overrides,
  };
}

/** `n` minutes of steady traffic ending at `endMs`, shaped like CloudWatch's per-minute metrics. */
export function steadyMinutes(
  n: number,
  endMs: number,
  perMinute: number,
  overrides: Partial<IntervalMetrics> = {},
): IntervalMetrics[] {
  return Array.from({ length: n }, (_, i) => ({
    startMs: endMs - (n - i) * 60_000,
    periodSec: 60,
    invocations: perMinute,
    throttles: 0,
    errors: 0,
    durationP50Ms: 110,
    durationP99Ms: 140,
    concurrencyMax: 2,
    pcUtilizationMax: null,
    pcUtilizationAvg: null,
    spillover: 0,
    e2eP50Ms: 110,
    e2eP99Ms: 140,
    coldStarts: i === 0 ? 1 : 0,
    initP50Ms: i === 0 ? 330 : null,
    cpuTimeAvgMs: 108,
    invokeLatencyAvgMs: 112,
    ...overrides,
  }));
}
