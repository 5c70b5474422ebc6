import { readFile } from 'node:fs/promises';
import { parseConfig } from '../core/config/parseConfig.ts';
import type { ThermostatConfig } from '../core/config/thermostatConfig.ts';

/**
 * Reads and validates a config file, JSON or YAML by extension or content. The file read lives
 * here, at the edge, so the tuner core stays free of I/O.
 *
 * @throws ConfigError for any invalid field (with its path and line); the fs error when unreadable.
 * @example
 * ```ts
 * const config = await loadConfigFile('examples/thermostat.config.yaml');
 * ```
 */
export async function loadConfigFile(path: string): Promise<ThermostatConfig> {
  const text = await readFile(path, 'utf8');
  return parseConfig(text, { fileName: path });
}
