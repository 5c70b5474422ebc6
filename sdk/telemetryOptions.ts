import type { Architecture, PricingTable } from './cost/pricingTable.ts';
import { EMF_LIMITS } from './emf/emfDocument.ts';
import { EmfMode } from './emf/emfEmitter.ts';
import type { EmfLineWriter } from './emf/stdoutWriter.ts';
import { writeToStdout } from './emf/stdoutWriter.ts';
import { DEFAULT_NAMESPACE, Dimension } from './emf/telemetryContract.ts';
import { DEFAULT_PROACTIVE_INIT_THRESHOLD_MS } from './lifecycle/executionEnvironment.ts';

/** Options of `withTelemetry` and `telemetryMiddleware`; every one has a sensible default. */
export interface TelemetryOptions {
  /** EMF namespace. Default `LambdaThermostat`, or `THERMOSTAT_NAMESPACE`. */
  readonly namespace?: string;
  /** `per-invocation` (default) or `aggregated`; or `THERMOSTAT_EMF_MODE`. */
  readonly mode?: EmfMode;
  /** Aggregated mode: write once the oldest pending value is this old. Default 60,000 ms. */
  readonly maxAgeMs?: number;
  /** Dimensions added to the default set (FunctionName, Resource). Each one costs custom metrics. */
  readonly extraDimensions?: Readonly<Record<string, string>>;
  /** A longer gap between ready and the first invocation means a proactive init. Default 10,000 ms. */
  readonly proactiveInitThresholdMs?: number;
  /** Pricing override for the `Cost` metric. */
  readonly pricing?: PricingTable;
  /** Architecture override; default from `process.arch`. */
  readonly architecture?: Architecture;
  /** Monthly volume tier for the `Cost` metric (0 = first). */
  readonly pricingTier?: number;
  /** Where EMF lines go; default raw stdout. */
  readonly writer?: EmfLineWriter;
  /** Set false to emit no metrics (spans only). Also `THERMOSTAT_METRICS_DISABLED=true`. */
  readonly metrics?: boolean;
}

/** Options after defaults and validation. */
export interface ResolvedTelemetryOptions {
  readonly namespace: string;
  readonly mode: EmfMode;
  readonly maxAgeMs: number;
  readonly extraDimensions: Readonly<Record<string, string>>;
  readonly proactiveInitThresholdMs: number;
  readonly pricing: PricingTable | undefined;
  readonly architecture: Architecture;
  readonly pricingTier: number;
  readonly writer: EmfLineWriter;
  readonly metrics: boolean;
}

/** An option the SDK cannot work with: raised when the handler is wrapped, at deploy time. */
export class TelemetryConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TelemetryConfigurationError';
  }
}

/**
 * Applies defaults (options, then environment variables, then built-ins) and validates.
 *
 * @example
 * ```ts
 * resolveTelemetryOptions({ mode: 'aggregated' }).maxAgeMs; // 60000
 * ```
 */
export function resolveTelemetryOptions(
  options: TelemetryOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedTelemetryOptions {
  const namespace = options.namespace ?? env.THERMOSTAT_NAMESPACE ?? DEFAULT_NAMESPACE;
  if (namespace.length === 0 || namespace.length > EMF_LIMITS.nameLength) {
    throw new TelemetryConfigurationError(
      `namespace: must be 1..${EMF_LIMITS.nameLength} characters, got ${namespace.length}`,
    );
  }
  const mode =
    options.mode ?? (env.THERMOSTAT_EMF_MODE as EmfMode | undefined) ?? EmfMode.PER_INVOCATION;
  if (mode !== EmfMode.PER_INVOCATION && mode !== EmfMode.AGGREGATED) {
    throw new TelemetryConfigurationError(
      `mode: must be "per-invocation" or "aggregated", got "${mode}"`,
    );
  }
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  if (!(maxAgeMs >= 0))
    throw new TelemetryConfigurationError(`maxAgeMs: must be a number >= 0, got ${maxAgeMs}`);
  const proactiveInitThresholdMs =
    options.proactiveInitThresholdMs ?? DEFAULT_PROACTIVE_INIT_THRESHOLD_MS;
  if (!(proactiveInitThresholdMs >= 0)) {
    throw new TelemetryConfigurationError(
      `proactiveInitThresholdMs: must be a number >= 0, got ${proactiveInitThresholdMs}`,
    );
  }
  const extraDimensions = options.extraDimensions ?? {};
  validateDimensions(extraDimensions);
  const architecture = options.architecture ?? (process.arch === 'arm64' ? 'arm64' : 'x86_64');
  if (architecture !== 'arm64' && architecture !== 'x86_64') {
    throw new TelemetryConfigurationError(
      `architecture: must be "x86_64" or "arm64", got "${architecture}"`,
    );
  }
  return {
    namespace,
    mode,
    maxAgeMs,
    extraDimensions,
    proactiveInitThresholdMs,
    pricing: options.pricing,
    architecture,
    pricingTier: options.pricingTier ?? 0,
    writer: options.writer ?? writeToStdout,
    metrics: options.metrics ?? env.THERMOSTAT_METRICS_DISABLED !== 'true',
  };
}

function validateDimensions(extra: Readonly<Record<string, string>>): void {
  const names = Object.keys(extra);
  if (names.length + 2 > EMF_LIMITS.dimensionsPerSet) {
    throw new TelemetryConfigurationError(
      `extraDimensions: at most ${EMF_LIMITS.dimensionsPerSet - 2} (a dimension set holds ${EMF_LIMITS.dimensionsPerSet}, 2 are FunctionName and Resource), got ${names.length}`,
    );
  }
  for (const name of names) {
    const value = extra[name];
    if (name === Dimension.FunctionName || name === Dimension.Resource) {
      throw new TelemetryConfigurationError(
        `extraDimensions.${name}: is set by the SDK and cannot be overridden`,
      );
    }
    if (name.length === 0 || name.length > EMF_LIMITS.nameLength || name.startsWith(':')) {
      throw new TelemetryConfigurationError(
        `extraDimensions: name "${name}" must be 1..255 characters and not start with ":"`,
      );
    }
    if (
      typeof value !== 'string' ||
      value.length === 0 ||
      value.length > EMF_LIMITS.dimensionValueLength
    ) {
      throw new TelemetryConfigurationError(
        `extraDimensions.${name}: value must be a string of 1..1024 characters`,
      );
    }
  }
}
