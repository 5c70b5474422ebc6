/**
 * Where the reports live in S3 and the client that reaches them: one definition for the sink
 * (./s3ReportSink.ts) and the source (./s3ReportSource.ts).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { parseS3Url, type S3Location } from '../core/config/s3Url.ts';
import { type AwsClientOptions, sharedClientConfig } from './awsClientOptions.ts';

/**
 * The URL or a report name is not one the reports' S3 adapters can use.
 *
 * @example
 * ```ts
 * reportsLocation('https://bucket/'); // throws ReportLocationError
 * ```
 */
export class ReportLocationError extends Error {
  override readonly name = 'ReportLocationError';
}

/**
 * The bucket and prefix of an `s3://bucket/prefix/` URL.
 *
 * @throws ReportLocationError when `url` is not one.
 * @example
 * ```ts
 * reportsLocation('s3://my-reports/thermostat/'); // { bucket: 'my-reports', prefix: 'thermostat/' }
 * ```
 */
export function reportsLocation(url: string): S3Location {
  const location = parseS3Url(url);
  if (location === null)
    throw new ReportLocationError(`${JSON.stringify(url)} is not an s3://bucket/prefix/ URL`);
  return location;
}

/**
 * The given client, or one built from `aws`. A custom endpoint (moto, MinIO) serves buckets by
 * path, not by host name.
 *
 * @example
 * ```ts
 * const client = reportsClient({ endpoint: 'http://127.0.0.1:5000' });
 * ```
 */
export function reportsClient(aws: AwsClientOptions = {}, client?: S3Client): S3Client {
  return (
    client ??
    new S3Client({
      ...sharedClientConfig(aws, undefined),
      forcePathStyle: aws.endpoint !== undefined,
    })
  );
}
