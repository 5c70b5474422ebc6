import { readFile, stat } from 'node:fs/promises';
import { ConfigError } from '../core/config/configError.ts';
import { CONFIG_MAX_CHARS, parseConfig } from '../core/config/parseConfig.ts';
import type { ThermostatConfig } from '../core/config/thermostatConfig.ts';

/** Bytes a config file of at most `CONFIG_MAX_CHARS` characters can take in UTF-8. */
const CONFIG_MAX_BYTES = CONFIG_MAX_CHARS * 3;

/**
 * Reads and validates a config file, JSON or YAML by extension or content. The file read lives
 * here, at the edge, so the tuner core stays free of I/O. A file too large to be a config is
 * refused from its size, unread.
 *
 * @throws ConfigError for any invalid field (with its path and line) or a file over the size
 *   limit; the fs error when unreadable.
 * @example
 * ```ts
 * const config = await loadConfigFile('examples/thermostat.config.yaml');
 * ```
 */
export async function loadConfigFile(path: string): Promise<ThermostatConfig> {
  const { size } = await stat(path);
  if (size > CONFIG_MAX_BYTES) {
    throw new ConfigError(
      [
        {
          path: '(config)',
          message: `the file is ${size.toLocaleString('en-US')} bytes, more than a config of ${CONFIG_MAX_CHARS.toLocaleString('en-US')} characters can be: nothing was read`,
        },
      ],
      path,
    );
  }
  const text = await readFile(path, 'utf8');
  return parseConfig(text, { fileName: path });
}
