/**
 * Where the tuner keeps its reports (`<prefix>reports/`, `<prefix>latest.json`) and its memory
 * (`<prefix>state/memory.json`): a bucket the construct creates — encrypted, public access
 * blocked, TLS only, old reports expired — or one the user gives.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** How reports are stored. */
export interface TunerReportsProps {
  /** A bucket to use instead of a new one (its own encryption and policies apply). */
  readonly bucket?: IBucket;
  /** Key prefix, ending in `/`. Default `thermostat/`. */
  readonly prefix?: string;
  /** Days a dated report is kept (a new bucket only). Default 90. */
  readonly retentionDays?: number;
}

/** Default key prefix. */
export const DEFAULT_REPORTS_PREFIX = 'thermostat/';
/** Default report retention, days. */
export const DEFAULT_REPORT_RETENTION_DAYS = 90;

/**
 * The reports bucket and prefix.
 *
 * @example
 * ```ts
 * const reports = new TunerReportsBucket(this, 'Reports', { retentionDays: 30 });
 * reports.url; // s3://<bucket>/thermostat/
 * ```
 */
export class TunerReportsBucket extends Construct {
  readonly bucket: IBucket;
  readonly prefix: string;
  /** `s3://bucket/prefix/`, as the tuner's config takes it. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: TunerReportsProps = {}) {
    super(scope, id);
    this.prefix = props.prefix ?? DEFAULT_REPORTS_PREFIX;
    const retentionDays = props.retentionDays ?? DEFAULT_REPORT_RETENTION_DAYS;
    this.bucket =
      props.bucket ??
      new Bucket(this, 'Bucket', {
        encryption: BucketEncryption.S3_MANAGED,
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
        enforceSSL: true,
        versioned: true,
        // Reports are the audit trail of every change the tuner made: keep them when the stack goes.
        removalPolicy: RemovalPolicy.RETAIN,
        lifecycleRules: [
          {
            id: 'ExpireOldReports',
            prefix: `${this.prefix}reports/`,
            expiration: Duration.days(retentionDays),
            noncurrentVersionExpiration: Duration.days(retentionDays),
          },
          {
            id: 'ExpireOldStateVersions',
            prefix: `${this.prefix}state/`,
            noncurrentVersionExpiration: Duration.days(7),
          },
        ],
      });
    if (props.bucket === undefined)
      Validations.of(this.bucket).acknowledge({
        id: 'AwsSolutions::AwsSolutions-S1',
        reason:
          'the bucket holds only the tuner’s own reports and memory, written by one role; every change the tuner makes is in those reports, and an access-log bucket would need access logs of its own (enable CloudTrail S3 data events to audit reads)',
      });
    this.url = `s3://${this.bucket.bucketName}/${this.prefix}`;
  }
}
