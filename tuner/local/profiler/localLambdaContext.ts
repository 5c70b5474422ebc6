import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/**
 * A Lambda context for invoking a handler outside Lambda: a fresh request id, the function's
 * name and memory, and a deadline `timeoutMs` from now.
 *
 * @example
 * ```ts
 * await handler(event, createLocalLambdaContext({ functionName: 'ocr-detector', memoryMb: 1769 }));
 * ```
 */
export function createLocalLambdaContext(options: {
  functionName: string;
  memoryMb: number;
  timeoutMs?: number;
}): Context {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const unsupported = () => {
    throw new Error('callback-style completion is not supported');
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
