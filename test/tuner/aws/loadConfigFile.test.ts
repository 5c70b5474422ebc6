import { mkdtemp, writeFile } from 'node:fs/promises';
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
