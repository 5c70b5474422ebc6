// Baseline: the inference handler without any telemetry.
export const handler = async (_event: unknown, _context: unknown) => ({ ok: true });
