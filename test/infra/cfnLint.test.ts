/**
 * cfn-lint on every template the construct's tests synthesize variants of, and on the example
 * app: no errors, no warnings. CI sets THERMOSTAT_REQUIRE_CFN_LINT=1 (.ci/run), so a machine
 * without cfn-lint fails there instead of skipping.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { OcrInferenceStack } from '../../infra/examples/ocrInferenceStack.ts';
import { cfnLintAvailability, runCfnLint } from '../support/cfnLint.ts';
import { ACCOUNT, REGION, tunerStack } from './support/tunerStacks.ts';

const lint = cfnLintAvailability();

describe.skipIf(lint.skipped)('cfn-lint on the synthesized templates', () => {
  it('passes on every variant of the construct and on the example app', async () => {
    // Prepare
    const directory = mkdtempSync(join(tmpdir(), 'thermostat-cfn-lint-'));
    const variants = {
      'all-knobs': tunerStack([{ name: 'ocr' }], { mode: 'apply' }),
      'per-knob': tunerStack([
        { name: 'ocr', tune: ['provisionedConcurrency'] },
        { name: 'fraud', tune: ['reservedConcurrency'] },
        { name: 'rank', tune: ['memory'] },
      ]),
      'ssm-dashboard-slos-node24': tunerStack(
        [
          { name: 'ocr' },
          {
            name: 'fraud',
            slo: {
              requestBasedSli: { latencyMs: 250 },
              goal: {
                attainmentGoal: 99.9,
                interval: {
                  calendarInterval: {
                    startTime: '2026-12-01T00:00:00Z',
                    duration: 1,
                    durationUnit: 'MONTH',
                  },
                },
              },
            },
          },
        ],
        {
          configSource: 'ssm',
          dashboard: true,
          serviceLevelObjectives: true,
          runtime: 'nodejs24.x',
        },
      ),
      sharded: tunerStack(
        ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name })),
        { mode: 'apply', sharding: { maxTargetsPerShard: 2 } },
      ),
    };
    const files = Object.entries(variants).map(([name, { template }]) => {
      const file = join(directory, `${name}.template.json`);
      writeFileSync(file, JSON.stringify(template.toJSON(), null, 1));
      return file;
    });
    const app = new App({
      outdir: join(directory, 'example'),
      builtinCloudFormationValidation: false,
    });
    new OcrInferenceStack(app, 'OcrInference', { env: { account: ACCOUNT, region: REGION } });
    const assembly = app.synth();
    files.push(join(assembly.directory, 'OcrInference.template.json'));

    // Act
    const result = await runCfnLint(files);

    // Assess
    expect(result.findings).toEqual([]);
    expect(result.exitCode).toBe(0);
  }, 180_000);
});
