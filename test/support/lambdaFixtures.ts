import type { LambdaContext } from '../../sdk/index.ts';

let counter = 0;

/** A Lambda context as the runtime passes it, for function `name` invoked through `qualifier`. */
export function lambdaContext(
  overrides: Partial<LambdaContext> & { qualifier?: string; remainingMs?: number } = {},
): LambdaContext {
  counter++;
  const name = overrides.functionName ?? 'ocr-detector';
  const qualifier = overrides.qualifier ?? 'live';
  const remaining = overrides.remainingMs ?? 30_000;
  return {
    awsRequestId: overrides.awsRequestId ?? `req-${counter}`,
    functionName: name,
    functionVersion: overrides.functionVersion ?? '7',
    invokedFunctionArn:
      overrides.invokedFunctionArn ??
      `arn:aws:lambda:us-east-1:123456789012:function:${name}:${qualifier}`,
    memoryLimitInMB: overrides.memoryLimitInMB ?? '2048',
    logStreamName: '2026/11/27/[7]abcdef',
    getRemainingTimeInMillis: () => remaining,
  };
}

/** An API Gateway HTTP API (v2) event. */
export function httpApiEvent(
  headers: Record<string, string> = {},
  body = '{}',
): Record<string, unknown> {
  return {
    version: '2.0',
    rawPath: '/detect',
    headers,
    requestContext: { http: { method: 'POST', path: '/detect' }, requestId: 'api-req' },
    body,
    isBase64Encoded: false,
  };
}

/** An SQS batch event. */
export function sqsEvent(): Record<string, unknown> {
  return { Records: [{ eventSource: 'aws:sqs', messageId: 'm1', body: '{}' }] };
}
