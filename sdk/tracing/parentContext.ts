import {
  type Context,
  context as otelContext,
  propagation,
  ROOT_CONTEXT,
  trace,
} from '@opentelemetry/api';
import { parseTraceparent, parseXRayHeader } from './traceHeaders.ts';

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
