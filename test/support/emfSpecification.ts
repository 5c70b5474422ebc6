/**
 * An independent checker of the CloudWatch Embedded Metric Format specification, written from the
 * published text (not from the SDK's code, so the two cannot share a mistake):
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
const UNITS = new Set([
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
]);

/** Returns every way `line` breaks the specification (empty when it is a valid document). */
export function emfViolationsOf(line: string): string[] {
  const problems: string[] = [];
  if (Buffer.byteLength(line) > 1_048_576) problems.push('document larger than 1 MB');
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch {
    return ['not valid JSON'];
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return ['root is not an object'];
  const root = doc as Record<string, unknown>;
  const aws = root._aws as Record<string, unknown> | undefined;
  if (typeof aws !== 'object' || aws === null) return ['missing _aws object'];
  if (!Number.isInteger(aws.Timestamp)) problems.push('_aws.Timestamp is not an integer');
  const directives = aws.CloudWatchMetrics;
  if (!Array.isArray(directives)) return [...problems, '_aws.CloudWatchMetrics is not an array'];
  for (const [i, d] of (directives as Record<string, unknown>[]).entries()) {
    const at = `CloudWatchMetrics[${i}]`;
    for (const key of Object.keys(d)) {
      if (!['Namespace', 'Dimensions', 'Metrics'].includes(key))
        problems.push(`${at} has unknown member ${key}`);
    }
    if (typeof d.Namespace !== 'string' || d.Namespace.length < 1 || d.Namespace.length > 255)
      problems.push(`${at}.Namespace invalid`);
    if (!Array.isArray(d.Dimensions) || d.Dimensions.length < 1)
      problems.push(`${at}.Dimensions must be a non-empty array`);
    else {
      for (const [j, set] of (d.Dimensions as unknown[]).entries()) {
        if (!Array.isArray(set)) {
          problems.push(`${at}.Dimensions[${j}] is not an array`);
          continue;
        }
        if (set.length > 30) problems.push(`${at}.Dimensions[${j}] has more than 30 dimensions`);
        for (const name of set) {
          if (typeof name !== 'string' || name.length < 1 || name.length > 255)
            problems.push(`${at}.Dimensions[${j}] bad name`);
          const value = root[name as string];
          if (typeof value !== 'string')
            problems.push(`dimension ${String(name)} has no string target member`);
          else if (value.length < 1 || value.length > 1024)
            problems.push(`dimension ${String(name)} value length out of 1..1024`);
        }
      }
    }
    if (!Array.isArray(d.Metrics)) {
      problems.push(`${at}.Metrics is not an array`);
      continue;
    }
    if (d.Metrics.length > 100) problems.push(`${at}.Metrics has more than 100 definitions`);
    for (const m of d.Metrics as Record<string, unknown>[]) {
      for (const key of Object.keys(m)) {
        if (!['Name', 'Unit', 'StorageResolution'].includes(key))
          problems.push(`metric has unknown member ${key}`);
      }
      if (typeof m.Name !== 'string' || m.Name.length < 1 || m.Name.length > 255) {
        problems.push(`${at} metric name invalid`);
        continue;
      }
      if (m.Unit !== undefined && !UNITS.has(m.Unit as string))
        problems.push(`metric ${m.Name} has invalid unit ${String(m.Unit)}`);
      if (
        m.StorageResolution !== undefined &&
        m.StorageResolution !== 1 &&
        m.StorageResolution !== 60
      )
        problems.push(`metric ${m.Name} bad StorageResolution`);
      const target = root[m.Name];
      if (typeof target === 'number') {
        if (!Number.isFinite(target)) problems.push(`metric ${m.Name} is not finite`);
      } else if (Array.isArray(target)) {
        if (target.length > 100) problems.push(`metric ${m.Name} has more than 100 values`);
        if (target.length === 0) problems.push(`metric ${m.Name} has no values`);
        if (target.some((v) => typeof v !== 'number' || !Number.isFinite(v)))
          problems.push(`metric ${m.Name} has a non-numeric value`);
      } else {
        problems.push(`metric ${m.Name} has no numeric target member`);
      }
    }
  }
  return problems;
}

/** Every EMF document seen in this test file, and what was wrong with any of them. */
export const emfAudit = {
  documents: 0,
  violations: [] as string[],
  /** Documents the default writer put on stdout in this test file, in order. */
  stdoutDocuments: [] as Record<string, unknown>[],
};

/**
 * Checks one line as an EMF document and records it in the audit.
 * Returns the parsed document for the test to inspect.
 */
export function auditEmfLine(line: string): Record<string, unknown> {
  emfAudit.documents++;
  for (const v of emfViolationsOf(line)) emfAudit.violations.push(`${v} in ${line.slice(0, 200)}`);
  return JSON.parse(line) as Record<string, unknown>;
}

/** A writer for `withTelemetry({ writer })` that audits and keeps every document. */
export function capturingWriter(): {
  write: (line: string) => void;
  documents: Record<string, unknown>[];
} {
  const documents: Record<string, unknown>[] = [];
  return { documents, write: (line: string) => documents.push(auditEmfLine(line)) };
}
