// lambda-thermostat: cold start, init, latency, CPU, memory, cost and spans.
import { withTelemetry } from '../../../../sdk/index.ts';

export const handler = withTelemetry(async (_event: unknown, _context: unknown) => ({ ok: true }));
