import type { Architecture, PricingTable } from './cost/pricingTable.ts';
import { EMF_LIMITS } from './emf/emfDocument.ts';
import { DEFAULT_EMF_MODE, EmfMode } from './emf/emfEmitter.ts';
import type { EmfLineWriter } from './emf/stdoutWriter.ts';
import { writeToStdout } from './emf/stdoutWriter.ts';
import {
  DEFAULT_METRICS,
  DEFAULT_NAMESPACE,
  Dimension,
  OPT_IN_METRICS,
  type OptInMetricName,
} from './emf/telemetryContract.ts';
import { DEFAULT_PROACTIVE_INIT_THRESHOLD_MS } from './lifecycle/executionEnvironment.ts';
import { reportIgnoredSetting } from './telemetryFaults.ts';

/** Options of `withTelemetry` and `telemetryMiddleware`; every one has a sensible default. */
export interface TelemetryOptions {
  /** EMF namespace. Default `LambdaThermostat`, or `THERMOSTAT_NAMESPACE`. */
  readonly namespace?: string;
  /**
   * `aggregated` (default: a document per environment and minute; failed invocations, those with
   * metadata and cold starts alone) or `per-invocation` (every request its own searchable
   * document, with `requestId` and `traceId`: about 12× the log bytes); or `THERMOSTAT_EMF_MODE`.
   */
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
  /**
   * `false`: no metrics (spans only; also `THERMOSTAT_METRICS_DISABLED=true`). A list: these
   * opt-in metrics as CloudWatch metrics besides the default set (also `THERMOSTAT_METRICS`,
   * comma-separated). Default: the default set only (`DEFAULT_METRICS`, what the tuner reads);
   * the other values are written as plain members of the document.
   */
  readonly metrics?: boolean | readonly OptInMetricName[];
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
  /** False: no EMF at all. */
  readonly metrics: boolean;
  /** The metrics declared as CloudWatch metrics; every other value is a plain member. */
  readonly listedMetrics: ReadonlySet<string>;
}

/** An option the SDK cannot work with: raised when the handler is wrapped, at deploy time. */
export class TelemetryConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TelemetryConfigurationError';
  }
}

/**
 * A check of one setting: undefined when the value is usable, else what is wrong with it (in
 * words that follow the setting's name: "must be ...").
 */
type SettingCheck<T> = (value: T) => string | undefined;

/**
 * One setting, from the explicit option, else its environment variable, else the default.
 * An explicit option is the programmer's: a bad one throws, at wrap time, naming the option. An
 * environment variable is the deployer's and is read at module load, where a throw would fail
 * every invocation: a bad one gets one note on stderr and the default.
 */
function resolveSetting<T>(
  option: string,
  explicit: T | undefined,
  variable: { readonly name: string; readonly parse: (raw: string) => T } | undefined,
  env: NodeJS.ProcessEnv,
  fallback: T,
  check: SettingCheck<T>,
  fallbackLabel = String(fallback),
): T {
  if (explicit !== undefined) {
    const problem = check(explicit);
    if (problem !== undefined) throw new TelemetryConfigurationError(`${option}: ${problem}`);
    return explicit;
  }
  const raw = variable === undefined ? undefined : env[variable.name];
  if (variable === undefined || raw === undefined) return fallback;
  const parsed = variable.parse(raw);
  const problem = check(parsed);
  if (problem === undefined) return parsed;
  reportIgnoredSetting(variable.name, raw, problem, fallbackLabel);
  return fallback;
}

/**
 * CloudWatch's namespace rules (Amazon CloudWatch User Guide, "Namespaces"; PutMetricData API
 * reference, checked 2026-12): 1..255 ASCII characters among 0-9A-Za-z . - _ / # : and space, at
 * least one not a space, and not `AWS/` (reserved for AWS services).
 */
const checkNamespace: SettingCheck<string> = (namespace) => {
  if (namespace.length === 0 || namespace.length > EMF_LIMITS.nameLength)
    return `must be 1..${EMF_LIMITS.nameLength} characters, got ${namespace.length}`;
  if (!/^[0-9A-Za-z._\-/#: ]+$/.test(namespace))
    return 'must use only the characters 0-9 A-Z a-z . - _ / # : and space';
  if (namespace.trim().length === 0) return 'must hold a non-blank character';
  if (namespace.startsWith('AWS/')) return '"AWS/" is reserved for AWS services';
  return undefined;
};

const checkMode: SettingCheck<string> = (mode) =>
  mode === EmfMode.PER_INVOCATION || mode === EmfMode.AGGREGATED
    ? undefined
    : `must be "per-invocation" or "aggregated", got "${mode}"`;

const checkNonNegative: SettingCheck<number> = (value) =>
  value >= 0 ? undefined : `must be a number >= 0, got ${value}`;

/** `THERMOSTAT_METRICS_DISABLED`: "true" or "false"; anything else is not a yes or a no. */
const METRICS_DISABLED = {
  name: 'THERMOSTAT_METRICS_DISABLED',
  parse: (raw: string): boolean | string => (raw === 'true' ? false : raw === 'false' ? true : raw),
};

/** `THERMOSTAT_METRICS`: opt-in metric names, comma-separated (spaces around them allowed). */
const OPT_IN_VARIABLE = {
  name: 'THERMOSTAT_METRICS',
  parse: (raw: string): readonly string[] =>
    raw
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
};

const checkOptInMetrics: SettingCheck<readonly string[]> = (names) => {
  if (!Array.isArray(names)) return 'must be a list of metric names';
  const unknown = names.filter((name) => !(OPT_IN_METRICS as readonly string[]).includes(name));
  return unknown.length === 0
    ? undefined
    : `${unknown.map((name) => JSON.stringify(name)).join(', ')} ${unknown.length === 1 ? 'is not an' : 'are not'} opt-in metric${unknown.length === 1 ? '' : 's'} (${OPT_IN_METRICS.join(', ')})`;
};

/**
 * Applies defaults (options, then environment variables, then built-ins) and validates. Throws
 * `TelemetryConfigurationError` for a bad explicit option only; a bad environment variable is
 * noted once on stderr and its default used.
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
  const namespace = resolveSetting(
    'namespace',
    options.namespace,
    { name: 'THERMOSTAT_NAMESPACE', parse: (raw) => raw },
    env,
    DEFAULT_NAMESPACE,
    checkNamespace,
  );
  const mode = resolveSetting<string>(
    'mode',
    options.mode,
    { name: 'THERMOSTAT_EMF_MODE', parse: (raw) => raw },
    env,
    DEFAULT_EMF_MODE,
    checkMode,
  ) as EmfMode;
  const maxAgeMs = resolveSetting(
    'maxAgeMs',
    options.maxAgeMs,
    undefined,
    env,
    60_000,
    checkNonNegative,
  );
  const proactiveInitThresholdMs = resolveSetting(
    'proactiveInitThresholdMs',
    options.proactiveInitThresholdMs,
    undefined,
    env,
    DEFAULT_PROACTIVE_INIT_THRESHOLD_MS,
    checkNonNegative,
  );
  const extraDimensions = options.extraDimensions ?? {};
  validateDimensions(extraDimensions);
  const architecture = options.architecture ?? (process.arch === 'arm64' ? 'arm64' : 'x86_64');
  if (architecture !== 'arm64' && architecture !== 'x86_64') {
    throw new TelemetryConfigurationError(
      `architecture: must be "x86_64" or "arm64", got "${architecture}"`,
    );
  }
  const explicitMetrics = options.metrics;
  const metrics = resolveSetting<boolean | string>(
    'metrics',
    typeof explicitMetrics === 'boolean' ? explicitMetrics : undefined,
    explicitMetrics === undefined ? METRICS_DISABLED : undefined,
    env,
    true,
    (value) => (typeof value === 'boolean' ? undefined : 'must be "true" or "false"'),
  ) as boolean;
  const optIn = resolveSetting<readonly string[]>(
    'metrics',
    Array.isArray(explicitMetrics) ? explicitMetrics : undefined,
    explicitMetrics === undefined ? OPT_IN_VARIABLE : undefined,
    env,
    [],
    checkOptInMetrics,
    `the default metric set (${DEFAULT_METRICS.join(', ')})`,
  );
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
    metrics,
    listedMetrics: new Set<string>([...DEFAULT_METRICS, ...optIn]),
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
