/**
 * Config text (JSON or YAML) → {@link ThermostatConfig}. Pure: reading the file is the caller's
 * job (the tuner core does no I/O); `loadConfigFile` in tuner/aws does both.
 */
import { isMap, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import { ConfigError } from './configError.ts';
import type { PathSegments } from './configPath.ts';
import type { ThermostatConfig } from './thermostatConfig.ts';
import { validateConfig } from './validateConfig.ts';

/** The config's text format. */
export const ConfigFormat = {
  JSON: 'json',
  YAML: 'yaml',
} as const;
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
 * Parses and validates a config; problems are reported with their path and source line.
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
  const format = detectConfigFormat(text, options);
  const source = options.fileName;
  // JSON is a subset of YAML: the YAML parser gives source positions for both formats.
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  const firstYamlError = document.errors[0];
  let value: unknown;
  if (format === ConfigFormat.JSON) {
    try {
      value = JSON.parse(text);
    } catch (error) {
      // JSON.parse does not say where; the YAML parser usually does.
      const line = firstYamlError?.linePos?.[0].line;
      const message = (error as Error).message.replace(/\s+/g, ' ');
      throw syntaxError(`JSON syntax error: ${message}`, source, line);
    }
  } else {
    if (firstYamlError !== undefined) {
      const line = firstYamlError.linePos?.[0].line;
      const message = (firstYamlError.message.split('\n')[0] ?? '').replace(
        / at line \d+, column \d+:?$/,
        '',
      );
      throw syntaxError(`YAML syntax error: ${message}`, source, line);
    }
    value = document.toJS();
  }
  const locate = (segments: PathSegments): number | undefined => {
    if (document.errors.length > 0) return undefined;
    const offset = offsetOf(document.contents, segments);
    return offset === undefined ? undefined : lines.linePos(offset).line;
  };
  return validateConfig(value, source === undefined ? { locate } : { locate, source });
}

function syntaxError(message: string, source: string | undefined, line?: number): ConfigError {
  const issue =
    line === undefined ? { path: '(syntax)', message } : { path: '(syntax)', message, line };
  return new ConfigError([issue], source);
}

/** Source offset of the deepest node on the path (a missing key points at its parent). */
function offsetOf(root: unknown, segments: PathSegments): number | undefined {
  let node = root as Node | null | undefined;
  let offset = node?.range?.[0];
  for (const segment of segments) {
    if (node === null || node === undefined) break;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (pair === undefined) break;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
      node = pair.value as Node | null;
    } else if ('items' in node && Array.isArray(node.items) && typeof segment === 'number') {
      node = node.items[segment] as Node | undefined;
      offset = node?.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}
