import { FUNCTION_ARN_PATTERN } from './lambdaLimits.ts';

/** The parts of a Lambda function ARN. */
export interface FunctionArnParts {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly functionName: string;
  /** Alias, version or `$LATEST` when the ARN is qualified. */
  readonly qualifier?: string;
}

/**
 * Splits a Lambda function ARN into its parts; `null` when the text is not a function ARN.
 *
 * @example
 * ```ts
 * parseFunctionArn('arn:aws:lambda:eu-west-1:123456789012:function:ocr:live');
 * // { partition: 'aws', region: 'eu-west-1', accountId: '123456789012', functionName: 'ocr', qualifier: 'live' }
 * ```
 */
export function parseFunctionArn(arn: string): FunctionArnParts | null {
  const match = FUNCTION_ARN_PATTERN.exec(arn);
  if (match === null) return null;
  const [, partition, region, accountId, functionName, qualifier] = match;
  if (partition === undefined || region === undefined || accountId === undefined) return null;
  if (functionName === undefined) return null;
  return qualifier === undefined
    ? { partition, region, accountId, functionName }
    : { partition, region, accountId, functionName, qualifier };
}
