/** How the AWS adapters build their SDK clients. */
export interface AwsClientOptions {
  /** Region for targets that name none; absent: the SDK's own resolution (`AWS_REGION`, profile). */
  readonly region?: string;
  /** Another endpoint, e.g. a moto_server for tests. */
  readonly endpoint?: string;
  /** Static credentials; absent: the SDK's default provider chain. */
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
  /** Attempts per API call including the first, with the SDK's adaptive retry. Default 5. */
  readonly maxAttempts?: number;
  /**
   * How long one attempt may take, request sent to response read, ms; then it fails with a
   * TimeoutError (retried like any transient error). Default {@link DEFAULT_REQUEST_TIMEOUT_MS}.
   */
  readonly requestTimeoutMs?: number;
}

/** Attempts per call: the SDK default (3) gives up too soon when a big account throttles us. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * One attempt's bound: the tuner's calls answer in well under a second, GetMetricData for 500
 * queries in a few; an endpoint that accepts and never answers must not hold a cycle for ever.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** Connecting is quick or broken. */
export const CONNECTION_TIMEOUT_MS = 5_000;

/** The client config the SDK clients share. */
export interface SharedClientConfig {
  region?: string;
  endpoint?: string;
  credentials?: AwsClientOptions['credentials'];
  maxAttempts: number;
  retryMode: 'adaptive';
  /** The Node HTTP handler's options (the SDK builds the handler from them). */
  requestHandler: {
    connectionTimeout: number;
    requestTimeout: number;
    /** Without it the SDK only warns when the request timeout passes. */
    throwOnRequestTimeout: true;
  };
}

/**
 * SDK client config for one Region: the SDK's adaptive retry mode (exponential backoff plus a
 * client-side rate limiter that slows down after throttling), the configured attempts, and a
 * timeout on every attempt. Every AWS client of the tuner is built from it.
 *
 * @example
 * ```ts
 * const lambda = new LambdaClient(sharedClientConfig({ maxAttempts: 8 }, 'eu-west-1'));
 * ```
 */
export function sharedClientConfig(
  options: AwsClientOptions,
  region: string | undefined,
): SharedClientConfig {
  const resolvedRegion = region ?? options.region;
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return {
    ...(resolvedRegion === undefined ? {} : { region: resolvedRegion }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'adaptive',
    requestHandler: {
      connectionTimeout: Math.min(CONNECTION_TIMEOUT_MS, requestTimeout),
      requestTimeout,
      throwOnRequestTimeout: true,
    },
  };
}
