// Powertools for AWS Lambda Metrics emitting the signals the tuner reads: end-to-end latency, cold
// starts (its own cold-start metric), init duration on a cold start, CPU time.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** A fresh handler (its own Metrics instance, so its first invocation is a cold start). */
export function powertoolsSameSignals(): (event: unknown, context: unknown) => Promise<unknown> {
  const metrics = new Metrics({ namespace: 'LambdaThermostat', serviceName: 'ocr-detector' });
  let first = true;
  return async (_event, _context) => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    metrics.captureColdStartMetric();
    const result = { ok: true };
    const used = process.cpuUsage(cpu);
    const latency = performance.now() - start;
    if (first) metrics.addMetric('InitDuration', MetricUnit.Milliseconds, start);
    metrics.addMetric(
      'EndToEndLatency',
      MetricUnit.Milliseconds,
      first ? start + latency : latency,
    );
    metrics.addMetric('CpuTime', MetricUnit.Milliseconds, (used.user + used.system) / 1000);
    first = false;
    metrics.publishStoredMetrics();
    return result;
  };
}
