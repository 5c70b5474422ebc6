/** What the profiler needs from one invocation's EMF document (the telemetry contract's metric names, sdk/emf/telemetryContract.ts). */
export interface EmfInvocation {
  /** `InvokeLatency`: handler wall time, ms. */
  readonly invokeLatencyMs: number;
  /** `CpuTime`: process CPU time during the invocation, ms. */
  readonly cpuTimeMs: number;
  /** `InitDuration`: process start → ready, ms; only on an environment's first invocation. */
  readonly initDurationMs: number | undefined;
}

/**
 * Reads one stdout line as an SDK EMF document; undefined for any other line (a handler's own
 * logs share stdout) or an EMF document without the per-invocation metrics.
 *
 * @example
 * ```ts
 * parseEmfInvocation('{"_aws":{...},"InvokeLatency":12.5,"CpuTime":11.9,"InitDuration":840}');
 * // { invokeLatencyMs: 12.5, cpuTimeMs: 11.9, initDurationMs: 840 }
 * ```
 */
export function parseEmfInvocation(line: string): EmfInvocation | undefined {
  if (!line.startsWith('{') || !line.includes('"_aws"')) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof document !== 'object' || document === null || !('_aws' in document)) return undefined;
  const fields = document as Record<string, unknown>;
  const invokeLatencyMs = singleValue(fields.InvokeLatency);
  const cpuTimeMs = singleValue(fields.CpuTime);
  if (invokeLatencyMs === undefined || cpuTimeMs === undefined) return undefined;
  return { invokeLatencyMs, cpuTimeMs, initDurationMs: singleValue(fields.InitDuration) };
}

// EMF allows a metric to carry an array of values; one invocation's metric carries one.
function singleValue(value: unknown): number | undefined {
  const candidate = Array.isArray(value) && value.length === 1 ? value[0] : value;
  return typeof candidate === 'number' && Number.isFinite(candidate) ? candidate : undefined;
}
