/**
 * A config read from an SSM SecureString never has its value echoed: whatever the parameter
 * holds (a password, credentials as JSON, broken YAML, a config with a bad field), the error
 * names the parameter and where the problem is, and quotes nothing of the secret.
 */
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTunerConfig } from '../../../tuner/aws/cycle/tunerConfigSource.ts';
import { ConfigError } from '../../../tuner/core/config/configError.ts';

const ssm = mockClient(SSMClient);
const AWS = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

afterEach(() => {
  ssm.reset();
});

async function errorFor(value: string, type: 'SecureString' | 'String'): Promise<Error> {
  ssm.on(GetParameterCommand).resolves({ Parameter: { Name: '/tuner', Type: type, Value: value } });
  return loadTunerConfig({ THERMOSTAT_CONFIG_SSM: '/tuner' }, { aws: AWS }).then(
    () => {
      throw new Error('expected the config to be refused');
    },
    (error: Error) => error,
  );
}

/** The secrets, and the parts of each that must not appear. */
const SECRETS: readonly {
  readonly name: string;
  readonly value: string;
  readonly parts: readonly string[];
}[] = [
  { name: 'a password', value: 'hunter2-Db-Pa55word', parts: ['hunter2', 'Pa55word'] },
  {
    name: 'credentials as JSON',
    value: '{"username":"svc-admin","password":"s3cr3t-Pa55"}',
    parts: ['svc-admin', 's3cr3t-Pa55'],
  },
  {
    name: 'broken YAML',
    value: 'token: [unclosed s3cr3t-t0ken',
    parts: ['s3cr3t-t0ken', 'unclosed'],
  },
  {
    name: 'a config with a bad value',
    value: 'mode: s3cr3t-mode\ntargets:\n  - { function: ocr, alias: live, slo: { p99Ms: 300 } }',
    parts: ['s3cr3t-mode'],
  },
  {
    name: 'a multi-line key',
    value:
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
    parts: ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'PRIVATE KEY'],
  },
];

describe('a config from an SSM SecureString', () => {
  it.each(SECRETS)('that is $name: refused without quoting any of it', async ({ value, parts }) => {
    // Act
    const error = await errorFor(value, 'SecureString');

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(
      /^Invalid thermostat config SSM parameter \/tuner \(THERMOSTAT_CONFIG_SSM\), a SecureString/,
    );
    for (const part of parts) expect(error.message).not.toContain(part);
    expect(error.message).not.toContain(value);
  });

  it('keeps the path and line of a problem', async () => {
    // Act
    const error = (await errorFor(SECRETS[3]?.value ?? '', 'SecureString')) as ConfigError;

    // Assess
    expect(error.issues).toEqual([expect.objectContaining({ path: 'mode', line: 1 })]);
  });

  it('from a plain String parameter still quotes the value, which helps fix it', async () => {
    // Act
    const error = await errorFor('mode: sometimes\ntargets: []', 'String');

    // Assess
    expect(error.message).toContain('sometimes');
  });
});
