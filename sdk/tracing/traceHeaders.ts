import type { SpanContext } from '@opentelemetry/api';
import { httpHeaders, isHttpEvent } from './trigger.ts';

// Reading trace headers needs no @opentelemetry/api at run time (types only): without a
// registered tracer provider the SDK still writes the caller's trace id, and never loads the API.

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;
const INVALID_TRACE = /^0+$/;
/** The W3C trace-flags "sampled" bit (`TraceFlags.SAMPLED` of @opentelemetry/api). */
const SAMPLED = 1;

/**
 * The trace id of the caller, read from the event as the invocation span's parent would be (a
 * `traceparent` header on HTTP events, else Lambda's X-Ray header), else the raw X-Ray header.
 * The EMF `traceId` when no tracer provider is registered.
 *
 * @example
 * ```ts
 * incomingTraceId({}, 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1');
 * // '5759e988bd862e3fe1be46a994272793'
 * ```
 */
export function incomingTraceId(
  event: unknown,
  xRayTraceHeader: string | undefined,
): string | undefined {
  const traceparent = isHttpEvent(event)
    ? parseTraceparent(httpHeaders(event)?.traceparent)
    : undefined;
  return (traceparent ?? parseXRayHeader(xRayTraceHeader))?.traceId ?? xRayTraceHeader;
}

/**
 * Parses a W3C `traceparent` header into a remote span context.
 *
 * @example
 * ```ts
 * parseTraceparent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')?.spanId; // 'b7ad6b7169203331'
 * ```
 */
export function parseTraceparent(header: string | undefined): SpanContext | undefined {
  const m = header !== undefined ? TRACEPARENT.exec(header.trim()) : null;
  if (
    m === null ||
    m[1] === 'ff' ||
    INVALID_TRACE.test(m[2] as string) ||
    INVALID_TRACE.test(m[3] as string)
  ) {
    return undefined;
  }
  return {
    traceId: m[2] as string,
    spanId: m[3] as string,
    traceFlags: Number.parseInt(m[4] as string, 16) & SAMPLED,
    isRemote: true,
  };
}

/**
 * Parses Lambda's X-Ray header (`Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1`)
 * into a remote span context; the X-Ray root maps onto a W3C trace id by dropping its dashes.
 *
 * @example
 * ```ts
 * parseXRayHeader('Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1')?.traceId;
 * // '5759e988bd862e3fe1be46a994272793'
 * ```
 */
export function parseXRayHeader(header: string | undefined): SpanContext | undefined {
  if (header === undefined) return undefined;
  const parts = new Map(
    header.split(';').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()] as const;
    }),
  );
  const root = /^1-([0-9a-f]{8})-([0-9a-f]{24})$/.exec(parts.get('Root') ?? '');
  const parent = parts.get('Parent');
  if (root === null || parent === undefined || !/^[0-9a-f]{16}$/.test(parent)) return undefined;
  return {
    traceId: `${root[1]}${root[2]}`,
    spanId: parent,
    traceFlags: parts.get('Sampled') === '1' ? SAMPLED : 0,
    isRemote: true,
  };
}
