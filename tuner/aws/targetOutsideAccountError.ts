/**
 * A target named by an ARN lies outside what the tuner's credentials are for: another account,
 * another partition, or a Region other than the client's. Nothing is called for it.
 *
 * @example
 * ```ts
 * throw new TargetOutsideAccountError(
 *   'arn:aws:lambda:us-east-1:999999999999:function:ocr is in account 999999999999; the credentials are for 123456789012',
 * );
 * ```
 */
export class TargetOutsideAccountError extends Error {
  override readonly name = 'TargetOutsideAccountError';
}
