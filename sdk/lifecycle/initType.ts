/**
 * How Lambda initialised this execution environment, from `AWS_LAMBDA_INITIALIZATION_TYPE`.
 * Only `on-demand` inits can be user-facing cold starts: the others happen ahead of traffic.
 */
export const InitType = {
  ON_DEMAND: 'on-demand',
  PROVISIONED_CONCURRENCY: 'provisioned-concurrency',
  SNAP_START: 'snap-start',
  LAMBDA_MANAGED_INSTANCES: 'lambda-managed-instances',
} as const;
export type InitType = (typeof InitType)[keyof typeof InitType];

const KNOWN = new Set<string>(Object.values(InitType));

/**
 * Reads the init type from the environment. Outside Lambda (a local run, a test) the variable is
 * absent and the process behaves like an on-demand environment: its first invocation is cold.
 * An unrecognised value (a future init type) is kept as is, and is never treated as on-demand.
 *
 * @example
 * ```ts
 * readInitType({ AWS_LAMBDA_INITIALIZATION_TYPE: 'provisioned-concurrency' }); // 'provisioned-concurrency'
 * readInitType({}); // 'on-demand'
 * ```
 */
export function readInitType(env: NodeJS.ProcessEnv = process.env): InitType | string {
  const raw = env.AWS_LAMBDA_INITIALIZATION_TYPE?.trim();
  if (raw === undefined || raw === '') return InitType.ON_DEMAND;
  return KNOWN.has(raw) ? (raw as InitType) : raw;
}
