import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Location } from '../core/config/s3Url.ts';
import type { ReportSink } from '../core/ports.ts';
import type { AwsClientOptions } from './awsClientOptions.ts';
import { ReportLocationError, reportsClient, reportsLocation } from './reportsBucket.ts';

export { ReportLocationError } from './reportsBucket.ts';

/** Options of {@link S3ReportSink}. */
export interface S3ReportSinkOptions {
  readonly aws?: AwsClientOptions;
  /** A ready client instead of one built from `aws`. */
  readonly client?: S3Client;
}

/**
 * Writes reports under an `s3://bucket/prefix/` URL.
 *
 * @example
 * ```ts
 * const sink = new S3ReportSink('s3://my-reports/thermostat/');
 * await sink.write('2026-11-27T12-00Z/report.json', json, 'application/json');
 * // 's3://my-reports/thermostat/2026-11-27T12-00Z/report.json'
 * ```
 */
export class S3ReportSink implements ReportSink {
  readonly #location: S3Location;
  readonly #client: S3Client;

  /** @throws ReportLocationError when `url` is not an s3://bucket/prefix/ URL. */
  constructor(url: string, options: S3ReportSinkOptions = {}) {
    this.#location = reportsLocation(url);
    this.#client = reportsClient(options.aws, options.client);
  }

  /** @throws ReportLocationError for names that are empty, absolute or climb out with `..`. */
  async write(name: string, body: string, contentType: string): Promise<string> {
    if (name === '' || name.startsWith('/') || name.split('/').includes('..'))
      throw new ReportLocationError(`${JSON.stringify(name)} is not a relative report name`);
    const key = `${this.#location.prefix}${name}`;
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#location.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
      }),
    );
    return `s3://${this.#location.bucket}/${key}`;
  }
}
