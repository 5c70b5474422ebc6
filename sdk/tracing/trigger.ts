/** `faas.trigger` values of the OpenTelemetry semantic conventions. */
export const FaasTrigger = {
  HTTP: 'http',
  PUBSUB: 'pubsub',
  DATASOURCE: 'datasource',
  TIMER: 'timer',
  OTHER: 'other',
} as const;
export type FaasTrigger = (typeof FaasTrigger)[keyof typeof FaasTrigger];

const PUBSUB_SOURCES = new Set([
  'aws:sqs',
  'aws:sns',
  'aws:kinesis',
  'aws:kafka',
  'aws:mq',
  'aws:rmq',
  'SelfManagedKafka',
]);
const DATASOURCE_SOURCES = new Set(['aws:s3', 'aws:dynamodb']);

/**
 * Tells what kind of event triggered the invocation, from the event's shape.
 *
 * @example
 * ```ts
 * detectTrigger({ requestContext: { http: { method: 'POST' } } }); // 'http'
 * detectTrigger({ Records: [{ eventSource: 'aws:sqs' }] });         // 'pubsub'
 * ```
 */
export function detectTrigger(event: unknown): FaasTrigger {
  if (typeof event !== 'object' || event === null) return FaasTrigger.OTHER;
  const e = event as Record<string, unknown>;
  if (isHttpEvent(e)) return FaasTrigger.HTTP;
  if (e.source === 'aws.events' && e['detail-type'] === 'Scheduled Event') return FaasTrigger.TIMER;
  if (typeof e.source === 'string' && typeof e['detail-type'] === 'string')
    return FaasTrigger.PUBSUB;
  const source = recordSource(e);
  if (source !== undefined) {
    if (PUBSUB_SOURCES.has(source)) return FaasTrigger.PUBSUB;
    if (DATASOURCE_SOURCES.has(source)) return FaasTrigger.DATASOURCE;
  }
  return FaasTrigger.OTHER;
}

/**
 * True for an API Gateway (v1, v2), ALB or function URL event.
 *
 * @example
 * ```ts
 * isHttpEvent({ requestContext: { http: { method: 'POST' } } }); // true
 * ```
 */
export function isHttpEvent(event: unknown): boolean {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as { httpMethod?: unknown; requestContext?: { http?: unknown; elb?: unknown } };
  return (
    typeof e.httpMethod === 'string' ||
    Boolean(e.requestContext && (e.requestContext.http || e.requestContext.elb))
  );
}

function recordSource(e: Record<string, unknown>): string | undefined {
  if (typeof e.eventSource === 'string') return e.eventSource; // Kafka, MQ batches
  const first = Array.isArray(e.Records)
    ? (e.Records[0] as Record<string, unknown> | undefined)
    : undefined;
  const source = first?.eventSource ?? first?.EventSource; // SNS spells it EventSource
  return typeof source === 'string' ? source : undefined;
}

/**
 * The HTTP headers of an API Gateway (v1, v2), ALB or function URL event, lower-cased.
 *
 * @example
 * ```ts
 * httpHeaders({ headers: { TraceParent: '00-…' } }); // { traceparent: '00-…' }
 * ```
 */
export function httpHeaders(event: unknown): Record<string, string> | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const headers = (event as { headers?: unknown }).headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}
