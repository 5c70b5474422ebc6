/**
 * Config text (JSON or YAML) → {@link ThermostatConfig}. Pure: reading the file is the caller's
 * job (the tuner core does no I/O); `loadConfigFile` in tuner/aws does both.
 */
import { ConfigError } from './configError.ts';
import {
  parseStructuredText,
  StructuredTextError,
  StructuredTextFormat,
} from './parseStructuredText.ts';
import type { ThermostatConfig } from './thermostatConfig.ts';
import { validateConfig } from './validateConfig.ts';

/**
 * The longest config text accepted, characters (1 MiB): a config of a thousand targets is about
 * 200 KB; an SSM parameter holds at most 8 KB. Larger text is refused before it is parsed.
 */
export const CONFIG_MAX_CHARS = 1 << 20;

/** The config's text format. */
export const ConfigFormat = StructuredTextFormat;
export type ConfigFormat = (typeof ConfigFormat)[keyof typeof ConfigFormat];

/** How to read the text. */
export interface ParseConfigOptions {
  /** Chooses the format by extension (`.json`, `.yaml`, `.yml`) and names the source in errors. */
  readonly fileName?: string;
  /** Overrides the format; without it and without a known extension, the content decides. */
  readonly format?: ConfigFormat;
}

/**
 * Chooses the format: explicit, else by file extension, else JSON when the text starts with `{`.
 *
 * @example
 * ```ts
 * detectConfigFormat('targets: []', {}); // 'yaml'
 * detectConfigFormat('{"targets": []}', { fileName: 'x.conf' }); // 'json'
 * ```
 */
export function detectConfigFormat(text: string, options: ParseConfigOptions): ConfigFormat {
  if (options.format !== undefined) return options.format;
  const name = options.fileName?.toLowerCase() ?? '';
  if (name.endsWith('.json')) return ConfigFormat.JSON;
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return ConfigFormat.YAML;
  return text.trimStart().startsWith('{') ? ConfigFormat.JSON : ConfigFormat.YAML;
}

/**
 * Parses and validates a config; problems are reported with their path and source line. The text
 * is read strictly (see ./parseStructuredText.ts): over {@link CONFIG_MAX_CHARS}, a duplicate
 * key, a number that is not finite or not decimal, or aliases that expand too far are errors.
 *
 * @throws ConfigError for a syntax error (path `(syntax)`) or any invalid field.
 * @example
 * ```ts
 * const config = parseConfig(
 *   'targets:\n  - function: ocr-detector\n    alias: live\n    slo: { p99Ms: 300 }\n',
 *   { fileName: 'thermostat.config.yaml' },
 * );
 * config.targets[0]?.ref; // { functionName: 'ocr-detector', qualifier: 'live' }
 * ```
 */
export function parseConfig(text: string, options: ParseConfigOptions = {}): ThermostatConfig {
  const source = options.fileName;
  let parsed: ReturnType<typeof parseStructuredText>;
  try {
    parsed = parseStructuredText(text, {
      format: detectConfigFormat(text, options),
      maxChars: CONFIG_MAX_CHARS,
      rootName: '(config)',
    });
  } catch (error) {
    if (error instanceof StructuredTextError) throw new ConfigError(error.issues, source);
    throw error;
  }
  const { value, locate } = parsed;
  return validateConfig(value, source === undefined ? { locate } : { locate, source });
}
