import { mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../tuner/aws/index.ts';
import { ConfigError } from '../../../tuner/core/config/index.ts';

describe('loadConfigFile', () => {
  it('loads the example config', async () => {
    // Prepare
    const path = fileURLToPath(
      new URL('../../../examples/thermostat.config.yaml', import.meta.url),
    );

    // Act
    const config = await loadConfigFile(path);

    // Assess
    expect(config.targets.map((t) => `${t.functionName}:${t.qualifier}`)).toEqual([
      'ocr-detector:live',
      'tabular-scorer:prod',
    ]);
  });

  it('names the file in its errors, JSON chosen by extension', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'thermostat-config-'));
    const path = join(dir, 'bad.json');
    await writeFile(
      path,
      JSON.stringify({ targets: [{ function: 'ocr', alias: '$LATEST', slo: { p99Ms: 1 } }] }),
    );

    // Act
    const act = loadConfigFile(path);

    // Assess
    await expect(act).rejects.toThrow(ConfigError);
    await expect(act).rejects.toThrow(`Invalid thermostat config ${path} (1 problem)`);
  });
});

describe('loadConfigFile: size', () => {
  it('refuses a file too large to be a config from its size, naming the file', async () => {
    // Prepare: a sparse 100 MB file (nothing to read but zeros).
    const dir = await mkdtemp(join(tmpdir(), 'thermostat-config-'));
    const path = join(dir, 'huge.yaml');
    await writeFile(path, '');
    await truncate(path, 100_000_000);

    // Act
    const act = loadConfigFile(path);

    // Assess
    await expect(act).rejects.toThrow(ConfigError);
    await expect(act).rejects.toThrow(
      /huge\.yaml \(1 problem\):\n {2}\(config\): the file is 100,000,000 bytes, more than a config of 1,048,576 characters can be: nothing was read/,
    );
  });
});
