/** A bucket and a key prefix (empty, or ending in `/`). */
export interface S3Location {
  readonly bucket: string;
  readonly prefix: string;
}

const S3_URL_PATTERN = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/;

/**
 * Parses `s3://bucket/prefix/`; the prefix gets a trailing `/` when it has none. `null` when the
 * text is not an S3 URL with a valid bucket name.
 *
 * @example
 * ```ts
 * parseS3Url('s3://my-reports/thermostat'); // { bucket: 'my-reports', prefix: 'thermostat/' }
 * parseS3Url('s3://my-reports');            // { bucket: 'my-reports', prefix: '' }
 * ```
 */
export function parseS3Url(url: string): S3Location | null {
  const match = S3_URL_PATTERN.exec(url);
  if (match === null) return null;
  const [, bucket, rest] = match;
  if (bucket === undefined || bucket.includes('..')) return null;
  const prefix = rest === undefined || rest === '' ? '' : rest.endsWith('/') ? rest : `${rest}/`;
  return { bucket, prefix };
}
