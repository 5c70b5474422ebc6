import { FaultSite, reportFault } from '../telemetryFaults.ts';

/**
 * The parts of the Lambda context object the SDK reads. Declared here rather than taken from
 * `@types/aws-lambda`, so the SDK has no type dependency; the real `Context` satisfies it.
 */
export interface LambdaContext {
  readonly awsRequestId?: string;
  readonly functionName?: string;
  readonly functionVersion?: string;
  readonly invokedFunctionArn?: string;
  readonly memoryLimitInMB?: string | number;
  readonly logStreamName?: string;
  readonly xRayTraceId?: string;
  getRemainingTimeInMillis?(): number;
}

/** Who is being invoked, read defensively from the context and the environment. */
export interface InvocationIdentity {
  readonly requestId: string;
  readonly functionName: string;
  readonly functionVersion: string;
  /** `name:qualifier`, as AWS/Lambda's `Resource` dimension. */
  readonly resource: string;
  readonly invokedArn: string | undefined;
  readonly region: string | undefined;
  readonly accountId: string | undefined;
  readonly memoryMb: number | undefined;
  readonly logStreamName: string | undefined;
  readonly xRayTraceHeader: string | undefined;
}

const ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([^:]+)(?::([^:]+))?$/;

/**
 * Reads the invocation's identity. Never throws: a missing or malformed context falls back to
 * the runtime's environment variables, then to neutral values (`unknown`, `$LATEST`).
 *
 * @example
 * ```ts
 * readInvocationIdentity({ awsRequestId: 'r1', functionName: 'ocr', invokedFunctionArn:
 *   'arn:aws:lambda:eu-west-1:123456789012:function:ocr:live', memoryLimitInMB: '2048' });
 * // → { resource: 'ocr:live', region: 'eu-west-1', memoryMb: 2048, ... }
 * ```
 */
export function readInvocationIdentity(
  context: unknown,
  env: NodeJS.ProcessEnv = process.env,
): InvocationIdentity {
  try {
    return identityFrom(context, env);
  } catch (error) {
    // A hostile context (throwing getters, proxies): keep what the environment says.
    reportFault(FaultSite.CONTEXT, error);
    return identityFrom(undefined, env);
  }
}

function identityFrom(context: unknown, env: NodeJS.ProcessEnv): InvocationIdentity {
  const ctx = (typeof context === 'object' && context !== null ? context : {}) as Record<
    string,
    unknown
  >;
  const invokedArn = stringOrUndefined(ctx.invokedFunctionArn);
  const arn = invokedArn !== undefined ? ARN.exec(invokedArn) : null;
  const functionName =
    stringOrUndefined(ctx.functionName) ?? arn?.[3] ?? env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown';
  const qualifier = arn?.[4] ?? '$LATEST';
  const memory = Number(ctx.memoryLimitInMB ?? env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
  return {
    requestId: stringOrUndefined(ctx.awsRequestId) ?? 'unknown',
    functionName,
    functionVersion:
      stringOrUndefined(ctx.functionVersion) ?? env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    resource: `${functionName}:${qualifier}`,
    invokedArn,
    region: arn?.[1] ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    accountId: arn?.[2],
    memoryMb: Number.isFinite(memory) && memory > 0 ? memory : undefined,
    logStreamName: stringOrUndefined(ctx.logStreamName) ?? env.AWS_LAMBDA_LOG_STREAM_NAME,
    xRayTraceHeader: stringOrUndefined(ctx.xRayTraceId) ?? env._X_AMZN_TRACE_ID,
  };
}

/**
 * Milliseconds left before the invocation times out, or undefined when the context cannot say.
 *
 * @example
 * ```ts
 * remainingTimeMs(context) ?? 3000;
 * ```
 */
export function remainingTimeMs(context: unknown): number | undefined {
  try {
    const fn = (context as LambdaContext | undefined)?.getRemainingTimeInMillis;
    if (typeof fn !== 'function') return undefined;
    const ms = fn.call(context);
    return typeof ms === 'number' && Number.isFinite(ms) ? ms : undefined;
  } catch {
    return undefined;
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
