/**
 * Where cycle reports are read from: a directory or an S3 prefix, laid out as the tuner writes
 * them (`reports/<time>.json`, `latest.json`, `history.json`). Adapters:
 * tuner/local/directoryReportSource.ts and tuner/aws/s3ReportSource.ts.
 */
export interface ReportSource {
  /** The location as a person would type it (`reports/`, `s3://bucket/prefix/`). */
  readonly location: string;
  /** Names (relative to the location) of the objects under `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
  /** The object's text, or null when it does not exist. */
  read(name: string): Promise<string | null>;
}
