/** A synthesized template with what changes on every build (asset hashes) masked, for snapshots. */
import type { Template } from 'aws-cdk-lib/assertions';

const ASSET_HASH = /[0-9a-f]{64}/g;

/**
 * The template as JSON with every 64-hex-digit asset hash replaced by `<asset-hash>`.
 *
 * @example
 * ```ts
 * expect(maskedTemplate(template)).toMatchSnapshot();
 * ```
 */
export function maskedTemplate(template: Template): unknown {
  return JSON.parse(JSON.stringify(template.toJSON()).replace(ASSET_HASH, '<asset-hash>'));
}
