import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { S3Location } from '../core/config/s3Url.ts';
import { isErrorNamed } from '../core/errorSummary.ts';
import type { ReportSource } from '../report/read/reportSource.ts';
import type { AwsClientOptions } from './awsClientOptions.ts';
import { reportsClient, reportsLocation } from './reportsBucket.ts';

/** Options of {@link S3ReportSource}. */
export interface S3ReportSourceOptions {
  readonly aws?: AwsClientOptions;
  /** A ready client instead of one built from `aws`. */
  readonly client?: S3Client;
}

/**
 * Reads reports under an `s3://bucket/prefix/` URL (where the scheduled handler writes them):
 * ListObjectsV2 page by page, GetObject per report.
 *
 * @example
 * ```ts
 * const reports = await readCycleReports(new S3ReportSource('s3://my-reports/thermostat/'));
 * ```
 */
export class S3ReportSource implements ReportSource {
  readonly location: string;
  readonly #where: S3Location;
  readonly #client: S3Client;

  /** @throws ReportLocationError when `url` is not an s3://bucket/prefix/ URL. */
  constructor(url: string, options: S3ReportSourceOptions = {}) {
    const where = reportsLocation(url);
    this.#where = where;
    this.location = `s3://${where.bucket}/${where.prefix}`;
    this.#client = reportsClient(options.aws, options.client);
  }

  async list(prefix: string): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.#where.bucket,
          Prefix: `${this.#where.prefix}${prefix}`,
          ...(token === undefined ? {} : { ContinuationToken: token }),
        }),
      );
      for (const object of page.Contents ?? [])
        if (object.Key !== undefined) names.push(object.Key.slice(this.#where.prefix.length));
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return names.sort();
  }

  async read(name: string): Promise<string | null> {
    try {
      const object = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#where.bucket, Key: `${this.#where.prefix}${name}` }),
      );
      return (await object.Body?.transformToString('utf-8')) ?? '';
    } catch (error) {
      if (isErrorNamed(error, 'NoSuchKey')) return null;
      throw error;
    }
  }
}
