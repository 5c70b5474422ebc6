/**
 * A config from a secret source (an SSM SecureString) must never have its values echoed: when
 * it is invalid, the error keeps where each problem is (path, line) and what kind it is, and
 * loses every value. A SecureString that was never a config at all (a password, a key) is the
 * case that matters: parsing it as YAML makes the whole secret one "value".
 */
import { isScalar, parseDocument, visit } from 'yaml';
import { ConfigError, type ConfigIssue } from './configError.ts';

/** What stands for a value that is not shown. */
export const REDACTED = '‹redacted›';

/** Values shorter than this are left: they are digits and words of the messages themselves. */
const SHORTEST_REDACTED = 3;

/**
 * The error with every value of `secretText` taken out of its messages: quoted text, every
 * scalar value of the document (map keys, which are the config's structure, stay), and the
 * whole message of a syntax error (whose excerpt would quote the text).
 *
 * @example
 * ```ts
 * try {
 *   parseConfig(secret, { fileName: 'SSM parameter /thermostat/config' });
 * } catch (error) {
 *   if (error instanceof ConfigError) throw redactConfigError(error, secret, 'SSM parameter /thermostat/config (SecureString)');
 * }
 * ```
 */
export function redactConfigError(
  error: ConfigError,
  secretText: string,
  source: string,
): ConfigError {
  const values = secretValues(secretText);
  const issues = error.issues.map((issue): ConfigIssue => {
    const message =
      issue.path === '(syntax)'
        ? 'is not valid JSON or YAML (the text is a secret and is not shown)'
        : redact(issue.message, values);
    return { ...issue, message };
  });
  return new ConfigError(issues, source);
}

/** The document's scalar values (not keys), longest first so no part of one is left behind. */
function secretValues(text: string): string[] {
  const values = new Set<string>([text.trim()]);
  const document = parseDocument(text);
  visit(document, {
    Scalar(key, node) {
      if (key === 'key' || !isScalar(node)) return;
      values.add(String(node.source ?? node.value));
      values.add(String(node.value));
    },
  });
  for (const line of text.split('\n')) values.add(line.trim());
  return [...values]
    .filter((v) => v.length >= SHORTEST_REDACTED)
    .sort((a, b) => b.length - a.length);
}

function redact(message: string, values: readonly string[]): string {
  let out = message.replace(/"(?:[^"\\]|\\.)*"/g, `"${REDACTED}"`);
  for (const value of values) out = out.split(value).join(REDACTED);
  return out;
}
