import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { parseS3Url, type S3Location } from '../core/config/s3Url.ts';
import { isErrorNamed } from '../core/errorSummary.ts';
import { MEMORY_OBJECT_NAME, type TunerMemoryStore } from '../core/memory/tunerMemoryStore.ts';
import { type AwsClientOptions, sharedClientConfig } from './awsClientOptions.ts';
import { ReportLocationError } from './s3ReportSink.ts';

/** Options of {@link S3TunerMemoryStore}. */
export interface S3TunerMemoryStoreOptions {
  readonly aws?: AwsClientOptions;
  /** A ready client instead of one built from `aws`. */
  readonly client?: S3Client;
}

/**
 * Keeps the tuner's memory as one JSON object beside the reports: `<prefix>state/memory.json`
 * under the config's `reports.s3` URL. A missing object (`NoSuchKey`) is "nothing stored yet";
 * any other failure is an error the cycle reports (and then starts fresh).
 *
 * @example
 * ```ts
 * const store = new S3TunerMemoryStore('s3://my-reports/thermostat/');
 * store.location; // 's3://my-reports/thermostat/state/memory.json'
 * ```
 */
export class S3TunerMemoryStore implements TunerMemoryStore {
  readonly location: string;
  readonly #bucket: string;
  readonly #key: string;
  readonly #client: S3Client;

  /** @throws ReportLocationError when `reportsUrl` is not an s3://bucket/prefix/ URL. */
  constructor(reportsUrl: string, options: S3TunerMemoryStoreOptions = {}) {
    const location: S3Location | null = parseS3Url(reportsUrl);
    if (location === null)
      throw new ReportLocationError(
        `${JSON.stringify(reportsUrl)} is not an s3://bucket/prefix/ URL`,
      );
    this.#bucket = location.bucket;
    this.#key = `${location.prefix}${MEMORY_OBJECT_NAME}`;
    this.location = `s3://${this.#bucket}/${this.#key}`;
    const aws = options.aws ?? {};
    // A custom endpoint (moto, MinIO) serves buckets by path, as in S3ReportSink.
    this.#client =
      options.client ??
      new S3Client({
        ...sharedClientConfig(aws, undefined),
        forcePathStyle: aws.endpoint !== undefined,
      });
  }

  async load(): Promise<string | null> {
    try {
      const object = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: this.#key }),
      );
      return (await object.Body?.transformToString('utf-8')) ?? '';
    } catch (error) {
      if (isErrorNamed(error, 'NoSuchKey')) return null;
      throw error;
    }
  }

  async save(text: string): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: this.#key,
        Body: text,
        ContentType: 'application/json',
      }),
    );
  }
}
