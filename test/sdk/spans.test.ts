import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withTelemetry } from '../../sdk/index.ts';
import { resetExecutionEnvironment } from '../../sdk/lifecycle/executionEnvironment.ts';
import { parseTraceparent, parseXRayHeader } from '../../sdk/tracing/traceHeaders.ts';
import { detectTrigger } from '../../sdk/tracing/trigger.ts';
import { capturingWriter } from '../support/emfSpecification.ts';
import { useInMemoryTracing } from '../support/inMemoryTracing.ts';
import { httpApiEvent, lambdaContext, sqsEvent } from '../support/lambdaFixtures.ts';

describe('spans through @opentelemetry/api', () => {
  const exporter = useInMemoryTracing();
  beforeEach(() => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    resetExecutionEnvironment();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const wrap = <R>(fn: () => Promise<R>) =>
    withTelemetry(async (_e: unknown, _c: unknown) => fn(), { writer: capturingWriter().write });

  it('emits an init span and a SERVER invocation span with the FaaS semantic-convention attributes', async () => {
    // Prepare
    const handler = wrap(async () => ({ statusCode: 200 }));
    // Act
    await handler(httpApiEvent(), lambdaContext({ awsRequestId: 'r-1', memoryLimitInMB: '2048' }));
    // Assess
    const spans = exporter.getFinishedSpans();
    const init = spans.find((s) => s.name === 'init');
    const invocation = spans.find((s) => s.name === 'ocr-detector');
    expect(init).toBeDefined();
    expect(init?.attributes['aws.lambda.init_type']).toBe('on-demand');
    expect(invocation?.kind).toBe(SpanKind.SERVER);
    expect(invocation?.attributes).toMatchObject({
      'faas.invocation_id': 'r-1',
      'faas.coldstart': true,
      'faas.trigger': 'http',
      'faas.name': 'ocr-detector',
      'faas.version': '7',
      'faas.max_memory': 2048 * 1024 * 1024,
      'cloud.provider': 'aws',
      'cloud.region': 'us-east-1',
      'cloud.resource_id': 'arn:aws:lambda:us-east-1:123456789012:function:ocr-detector:live',
      'aws.lambda.init_type': 'on-demand',
      'http.request.method': 'POST',
      'http.response.status_code': 200,
    });
    expect(invocation?.attributes['thermostat.cost.usd']).toBeGreaterThan(0);
  });

  it('emits the init span only with the first invocation', async () => {
    const handler = wrap(async () => 1);
    await handler({}, lambdaContext());
    await handler({}, lambdaContext());
    expect(exporter.getFinishedSpans().filter((s) => s.name === 'init')).toHaveLength(1);
  });

  it('continues the trace of a traceparent header on HTTP events', async () => {
    // Prepare
    const handler = wrap(async () => 1);
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    // Act
    await handler(httpApiEvent({ TraceParent: traceparent }), lambdaContext());
    // Assess
    const invocation = exporter.getFinishedSpans().find((s) => s.name === 'ocr-detector');
    expect(invocation?.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(invocation?.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
  });

  it('continues the X-Ray trace when there is no traceparent, and is a CONSUMER for SQS', async () => {
    // Prepare
    vi.stubEnv(
      '_X_AMZN_TRACE_ID',
      'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    );
    const handler = wrap(async () => 1);
    // Act
    await handler(sqsEvent(), lambdaContext());
    // Assess
    const invocation = exporter.getFinishedSpans().find((s) => s.name === 'ocr-detector');
    expect(invocation?.kind).toBe(SpanKind.CONSUMER);
    expect(invocation?.attributes['faas.trigger']).toBe('pubsub');
    expect(invocation?.spanContext().traceId).toBe('5759e988bd862e3fe1be46a994272793');
    expect(invocation?.parentSpanContext?.spanId).toBe('53995c3f42cd8ad8');
  });

  it('marks a failed invocation with ERROR status and the exception', async () => {
    // Prepare
    const handler = wrap(async () => {
      throw new TypeError('bad tensor');
    });
    // Act
    await handler({}, lambdaContext()).catch(() => undefined);
    // Assess
    const invocation = exporter.getFinishedSpans().find((s) => s.name === 'ocr-detector');
    expect(invocation?.status.code).toBe(SpanStatusCode.ERROR);
    expect(invocation?.events[0]?.attributes?.['exception.message']).toBe('bad tensor');
  });

  it('makes the invocation span active inside the handler', async () => {
    // Prepare
    let active: string | undefined;
    const handler = wrap(async () => {
      active = trace.getActiveSpan()?.spanContext().spanId;
    });
    // Act
    await handler({}, lambdaContext());
    // Assess
    const invocation = exporter.getFinishedSpans().find((s) => s.name === 'ocr-detector');
    expect(active).toBe(invocation?.spanContext().spanId);
  });

  it('puts the trace id beside the metrics', async () => {
    const capture = capturingWriter();
    const handler = withTelemetry(async (_e: unknown, _c: unknown) => 1, { writer: capture.write });
    await handler({}, lambdaContext());
    const invocation = exporter.getFinishedSpans().find((s) => s.name === 'ocr-detector');
    expect(capture.documents[0]?.traceId).toBe(invocation?.spanContext().traceId);
  });
});

describe('trace header parsing and trigger detection', () => {
  it('rejects malformed or all-zero traceparent headers', () => {
    expect(
      parseTraceparent('00-00000000000000000000000000000000-b7ad6b7169203331-01'),
    ).toBeUndefined();
    expect(parseTraceparent('garbage')).toBeUndefined();
    expect(
      parseTraceparent('ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'),
    ).toBeUndefined();
    expect(parseXRayHeader('Root=1-5759e988-bd862e3f;Parent=zz')).toBeUndefined();
    expect(
      parseXRayHeader('Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0')
        ?.traceFlags,
    ).toBe(0);
  });

  it.each([
    [{ httpMethod: 'GET' }, 'http'],
    [{ requestContext: { elb: {} } }, 'http'],
    [{ source: 'aws.events', 'detail-type': 'Scheduled Event' }, 'timer'],
    [{ source: 'orders', 'detail-type': 'OrderPlaced' }, 'pubsub'],
    [{ Records: [{ EventSource: 'aws:sns' }] }, 'pubsub'],
    [{ Records: [{ eventSource: 'aws:s3' }] }, 'datasource'],
    [{ Records: [{ eventSource: 'aws:dynamodb' }] }, 'datasource'],
    [{ image: 'abc' }, 'other'],
    [null, 'other'],
  ])('detects the trigger of %j as %s', (event, trigger) => {
    expect(detectTrigger(event)).toBe(trigger);
  });
});
