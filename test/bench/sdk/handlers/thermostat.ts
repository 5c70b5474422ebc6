// lambda-thermostat as a user imports it: the package's built entry point (dist), default options.
import { withTelemetry } from '@lambda-thermostat/sdk';

export const handler = withTelemetry(async (_event: unknown, _context: unknown) => ({ ok: true }));
