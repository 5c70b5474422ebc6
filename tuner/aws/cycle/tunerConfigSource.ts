/**
 * Where the scheduled handler finds its SLO config: exactly one of three environment variables.
 *
 * - `THERMOSTAT_CONFIG`: the config itself, JSON or YAML. The simplest: a deployment (the CDK
 *   construct) writes it straight into the function's environment. Lambda's environment holds
 *   4 KB in all, enough for a few targets.
 * - `THERMOSTAT_CONFIG_FILE`: a file in the deployment bundle (relative paths from
 *   `LAMBDA_TASK_ROOT`): versioned with the code, no size limit.
 * - `THERMOSTAT_CONFIG_SSM`: an SSM Parameter Store parameter name (SecureString allowed), read on
 *   every invocation: the SLO can change without a redeployment, taking effect next cycle.
 *
 * More than one set is an error rather than a silent precedence: which config the tuner runs on
 * must never be a surprise.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ConfigError } from '../../core/config/configError.ts';
import { detectConfigFormat, parseConfig } from '../../core/config/parseConfig.ts';
import { redactConfigError } from '../../core/config/redactConfigError.ts';
import type { ThermostatConfig } from '../../core/config/thermostatConfig.ts';
import { type AwsClientOptions, sharedClientConfig } from '../awsClientOptions.ts';
import { acceptXmlErrorResponses } from '../xmlErrorResponses.ts';

/** The environment variables the handler reads its config from. */
export const TunerConfigVariable = {
  INLINE: 'THERMOSTAT_CONFIG',
  FILE: 'THERMOSTAT_CONFIG_FILE',
  SSM: 'THERMOSTAT_CONFIG_SSM',
} as const;
export type TunerConfigVariable = (typeof TunerConfigVariable)[keyof typeof TunerConfigVariable];

/**
 * No config source is set, more than one is, or the one set cannot be read. (An invalid config is
 * a `ConfigError`, named after the variable it came from.)
 *
 * @example
 * ```ts
 * await loadTunerConfig({}); // throws TunerConfigSourceError: no tuner config: set one of …
 * ```
 */
export class TunerConfigSourceError extends Error {
  override readonly name = 'TunerConfigSourceError';
}

/** How to reach SSM and the bundle. */
export interface TunerConfigSourceOptions {
  readonly aws?: AwsClientOptions;
  /** A ready SSM client instead of one built from `aws`. */
  readonly ssm?: SSMClient;
}

/** The config and where it came from (for the logs). */
export interface LoadedTunerConfig {
  readonly config: ThermostatConfig;
  readonly source: string;
}

/**
 * Loads and validates the config from the one source the environment names.
 *
 * @throws TunerConfigSourceError naming the variables when none or several are set, or the source
 *   cannot be read; ConfigError (its source names the variable) when the config is invalid.
 * @example
 * ```ts
 * const { config, source } = await loadTunerConfig(process.env);
 * source; // 'THERMOSTAT_CONFIG_SSM=/thermostat/config'
 * ```
 */
export async function loadTunerConfig(
  env: Readonly<Record<string, string | undefined>>,
  options: TunerConfigSourceOptions = {},
): Promise<LoadedTunerConfig> {
  const set = Object.values(TunerConfigVariable).filter((name) => (env[name] ?? '').trim() !== '');
  const [variable] = set;
  if (variable === undefined)
    throw new TunerConfigSourceError(
      `no tuner config: set ${TunerConfigVariable.INLINE} (the config as JSON or YAML), ` +
        `${TunerConfigVariable.FILE} (a file in the bundle) or ${TunerConfigVariable.SSM} (an SSM parameter name)`,
    );
  if (set.length > 1)
    throw new TunerConfigSourceError(
      `several tuner config sources are set (${set.join(', ')}): set exactly one`,
    );
  const value = (env[variable] as string).trim();
  switch (variable) {
    case TunerConfigVariable.INLINE:
      return { config: parseConfig(value, { fileName: variable }), source: variable };
    case TunerConfigVariable.FILE: {
      const path = isAbsolute(value) ? value : resolve(env.LAMBDA_TASK_ROOT ?? '.', value);
      const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new TunerConfigSourceError(
          `${variable}: cannot read ${path} (${error.code ?? error.message})`,
        );
      });
      const format = detectConfigFormat(text, { fileName: path });
      return {
        config: parseConfig(text, { fileName: `${path} (${variable})`, format }),
        source: `${variable}=${path}`,
      };
    }
    case TunerConfigVariable.SSM: {
      const { text, secret } = await readParameter(value, options);
      const fileName = `SSM parameter ${value} (${variable})`;
      try {
        return { config: parseConfig(text, { fileName }), source: `${variable}=${value}` };
      } catch (error) {
        // A SecureString's value never reaches an error, a log or a report.
        if (secret && error instanceof ConfigError)
          throw redactConfigError(error, text, `${fileName}, a SecureString`);
        throw error;
      }
    }
  }
}

/** The parameter's text, and whether it is a SecureString (a secret: its value is never shown). */
async function readParameter(
  name: string,
  options: TunerConfigSourceOptions,
): Promise<{ text: string; secret: boolean }> {
  const ssm =
    options.ssm ??
    acceptXmlErrorResponses(new SSMClient(sharedClientConfig(options.aws ?? {}, undefined)));
  try {
    const output = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    const text = output.Parameter?.Value;
    if (text === undefined || text.trim() === '')
      throw new TunerConfigSourceError(`${TunerConfigVariable.SSM}: parameter ${name} is empty`);
    return { text, secret: output.Parameter?.Type === 'SecureString' };
  } catch (error) {
    if (error instanceof TunerConfigSourceError) throw error;
    const e = error as Error;
    throw new TunerConfigSourceError(
      `${TunerConfigVariable.SSM}: cannot read parameter ${name} (${e.name}: ${e.message})`,
    );
  }
}
