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
}

/** Attempts per call: the SDK default (3) gives up too soon when a big account throttles us. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/** The client config the SDK clients share. */
export interface SharedClientConfig {
  region?: string;
  endpoint?: string;
  credentials?: AwsClientOptions['credentials'];
  maxAttempts: number;
  retryMode: 'adaptive';
}

/**
 * SDK client config for one Region: the SDK's adaptive retry mode (exponential backoff plus a
 * client-side rate limiter that slows down after throttling) and the configured attempts.
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
  return {
    ...(resolvedRegion === undefined ? {} : { region: resolvedRegion }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'adaptive',
  };
}
