// Powertools for AWS Lambda Metrics: the cold-start metric and 3 metrics per invocation.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

const metrics = new Metrics({ namespace: 'Bench', serviceName: 'ocr-detector' });

export const handler = async (_event: unknown, _context: unknown) => {
  const start = performance.now();
  const cpu = process.cpuUsage();
  metrics.captureColdStartMetric();
  const result = { ok: true };
  metrics.addMetric('InvokeLatency', MetricUnit.Milliseconds, performance.now() - start);
  const used = process.cpuUsage(cpu);
  metrics.addMetric('CpuTime', MetricUnit.Milliseconds, (used.user + used.system) / 1000);
  metrics.addMetric('MemoryUsed', MetricUnit.Megabytes, process.resourceUsage().maxRSS / 1024);
  metrics.publishStoredMetrics();
  return result;
};
