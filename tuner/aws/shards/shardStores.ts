/**
 * Where the sharded cycle keeps its objects: one reader/writer of objects and one memory store
 * per S3 prefix (a shard's folder, or the reports prefix itself). The default is S3; tests pass
 * in-memory ones.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { TunerMemoryStore } from '../../core/memory/tunerMemoryStore.ts';
import type { ReportSink } from '../../core/ports.ts';
import type { ReportSource } from '../../report/read/reportSource.ts';
import { type AwsClientOptions, sharedClientConfig } from '../awsClientOptions.ts';
import { S3ReportSink } from '../s3ReportSink.ts';
import { S3ReportSource } from '../s3ReportSource.ts';
import { S3TunerMemoryStore } from '../s3TunerMemoryStore.ts';

/** The objects under one prefix. */
export interface PrefixStores {
  readonly sink: ReportSink;
  readonly source: ReportSource;
  /** The memory under this prefix (`state/memory.json`). */
  readonly memory: TunerMemoryStore;
}

/** Opens the stores under an `s3://bucket/prefix/` URL. */
export type OpenPrefixStores = (url: string) => PrefixStores;

/**
 * The S3 stores under a prefix.
 *
 * @example
 * ```ts
 * const shard = s3PrefixStores({})('s3://reports/thermostat/shards/0003/');
 * await shard.sink.write('cycle.json', body, 'application/json');
 * ```
 */
export function s3PrefixStores(aws: AwsClientOptions): OpenPrefixStores {
  // One client for every prefix; a custom endpoint (moto, MinIO) serves buckets by path.
  const client = new S3Client({
    ...sharedClientConfig(aws, undefined),
    forcePathStyle: aws.endpoint !== undefined,
  });
  return (url) => ({
    sink: new S3ReportSink(url, { client }),
    source: new S3ReportSource(url, { client }),
    memory: new S3TunerMemoryStore(url, { client }),
  });
}
