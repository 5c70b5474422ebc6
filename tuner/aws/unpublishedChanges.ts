import type { FunctionConfiguration } from '@aws-sdk/client-lambda';

/**
 * The configuration that a published version freezes besides memory and code, each read as a
 * comparable value (empty lists and maps count as absent).
 */
const FROZEN_FIELDS: Readonly<Record<string, (c: FunctionConfiguration) => unknown>> = {
  Handler: (c) => c.Handler,
  Runtime: (c) => c.Runtime,
  Timeout: (c) => c.Timeout,
  Role: (c) => c.Role,
  Environment: (c) => c.Environment?.Variables,
  Layers: (c) => c.Layers?.map((layer) => layer.Arn),
  Architectures: (c) => c.Architectures,
  EphemeralStorage: (c) => c.EphemeralStorage?.Size,
  VpcConfig: (c) => [c.VpcConfig?.SubnetIds ?? [], c.VpcConfig?.SecurityGroupIds ?? []].flat(),
  TracingConfig: (c) => c.TracingConfig?.Mode,
  DeadLetterConfig: (c) => c.DeadLetterConfig?.TargetArn,
  KMSKeyArn: (c) => c.KMSKeyArn,
  FileSystemConfigs: (c) => c.FileSystemConfigs?.map((fs) => fs.Arn),
  ImageConfig: (c) => c.ImageConfigResponse?.ImageConfig,
};

function comparable(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value) && value.length === 0) return '';
  if (typeof value === 'object' && Object.keys(value).length === 0) return '';
  return JSON.stringify(value, Object.keys(value as object).sort());
}

/**
 * Fields in which `$LATEST` differs from a published version, memory and code aside: publishing
 * `$LATEST` would ship these changes too.
 *
 * @example
 * ```ts
 * unpublishedChanges(version7, latest); // ['Environment'] when someone edited a variable on $LATEST
 * ```
 */
export function unpublishedChanges(
  version: FunctionConfiguration,
  latest: FunctionConfiguration,
): string[] {
  return Object.entries(FROZEN_FIELDS)
    .filter(([, read]) => comparable(read(version)) !== comparable(read(latest)))
    .map(([field]) => field);
}
