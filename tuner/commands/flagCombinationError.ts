/**
 * Flags that cannot go together, or a flag that needs another: found after parsing, so the
 * message names the flags (`--json: not with --functions`).
 */
export class FlagCombinationError extends Error {
  override readonly name = 'FlagCombinationError';
}
