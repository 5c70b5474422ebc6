import {
  type Context,
  context as otelContext,
  propagation,
  ROOT_CONTEXT,
  type SpanContext,
  TraceFlags,
  trace,
} from '@opentelemetry/api';

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;
const INVALID_TRACE = /^0+$/;

/**
 * The parent of the invocation span: a W3C `traceparent` from the HTTP headers first (through the
 * registered propagator, else parsed here so it works without one), then the X-Ray trace header
 * Lambda sets, else whatever context is active.
 *
 * @example
 * ```ts
 * const parent = parentContextFor({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }, undefined);
 * trace.getSpanContext(parent)?.traceId; // '0af7651916cd43dd8448eb211c80319c'
 * ```
 */
export function parentContextFor(
  headers: Record<string, string> | undefined,
  xRayTraceHeader: string | undefined,
): Context {
  if (headers !== undefined) {
    const extracted = propagation.extract(ROOT_CONTEXT, headers);
    if (trace.getSpanContext(extracted) !== undefined) return extracted;
    const parsed = parseTraceparent(headers.traceparent);
    if (parsed !== undefined) return trace.setSpanContext(ROOT_CONTEXT, parsed);
  }
  const xray = parseXRayHeader(xRayTraceHeader);
  if (xray !== undefined) return trace.setSpanContext(ROOT_CONTEXT, xray);
  return otelContext.active();
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
    traceFlags: Number.parseInt(m[4] as string, 16) & TraceFlags.SAMPLED,
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
    traceFlags: parts.get('Sampled') === '1' ? TraceFlags.SAMPLED : TraceFlags.NONE,
    isRemote: true,
  };
}
